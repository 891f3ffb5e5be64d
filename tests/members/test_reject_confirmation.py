"""Rejecting a membership request asks first, on a page of its own; the reason reaches the
applicant in their language, marked as the organizers' words."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.utils import timezone

from members.enums import MembershipStatus
from tests.factories import ApprovedMemberFactory, MemberFactory


def reject_url(member, language: str = "en") -> str:
    return f"/{language}/organizers/members/{member.pk}/reject/"


@pytest.mark.django_db
def test_reject_page_says_who_is_told_and_changes_nothing(organizer_client):
    applicant = MemberFactory(display_name="Layla", preferred_language="ar")

    response = organizer_client.get(reject_url(applicant))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Reject the membership request of <bdi>Layla</bdi>?" in page
    assert "They will be told by email, in Arabic, with your reason if you give one." in page
    assert '<textarea name="reason"' in page
    applicant.refresh_from_db()
    assert applicant.membership_status == MembershipStatus.PENDING


@pytest.mark.django_db
def test_review_list_links_to_the_reject_page(organizer_client):
    applicant = MemberFactory()

    page = organizer_client.get("/en/organizers/members/").content.decode()

    assert f'href="{reject_url(applicant)}">Reject…</a>' in page


@pytest.mark.django_db
def test_a_rejection_without_the_confirmation_changes_nothing(organizer_client):
    applicant = MemberFactory()

    response = organizer_client.post(reject_url(applicant), {"reason": "Could not verify"})

    assert response.status_code == 400
    applicant.refresh_from_db()
    assert applicant.membership_status == MembershipStatus.PENDING
    assert applicant.membership_rejection_reason == ""
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "pending"])
def test_reject_page_is_refused_to_members(client, who):
    applicant = MemberFactory()
    client.force_login(ApprovedMemberFactory() if who == "member" else MemberFactory())

    got = client.get(reject_url(applicant))
    posted = client.post(reject_url(applicant), {"confirmed": "1"})

    assert (got.status_code, posted.status_code) == (403, 403)
    applicant.refresh_from_db()
    assert applicant.membership_status == MembershipStatus.PENDING


@pytest.mark.django_db
def test_reject_page_sends_strangers_to_sign_in(client):
    applicant = MemberFactory()

    response = client.get(reject_url(applicant))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_rejection_reason_reaches_an_arabic_applicant_as_the_organizers_words(
    organizer_client, django_capture_on_commit_callbacks
):
    applicant = MemberFactory(preferred_language="ar")

    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(
            reject_url(applicant), {"confirmed": "1", "reason": "لم نتمكّن من <التحقق>"}
        )

    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.membership_status == MembershipStatus.REJECTED
    [message] = mail.outbox
    html = message.alternatives[0][0]
    assert '<html lang="ar" dir="rtl">' in html
    assert "بكلمات المنظِّمين أنفسهم:" in html
    assert 'dir="auto">لم نتمكّن من &lt;التحقق&gt;</blockquote>' in html


@pytest.mark.django_db
def test_a_reason_of_only_invisible_characters_is_no_reason(organizer_client):
    applicant = MemberFactory()

    organizer_client.post(reject_url(applicant), {"confirmed": "1", "reason": "\u200b\u200c "})

    applicant.refresh_from_db()
    assert applicant.membership_status == MembershipStatus.REJECTED
    assert applicant.membership_rejection_reason == ""


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_rejecting_an_approved_member_says_why_nothing_happens(organizer_client, method):
    member = ApprovedMemberFactory(display_name="Layla")

    response = getattr(organizer_client, method)(
        reject_url(member), {"confirmed": "1", "reason": "x"} if method == "post" else {}
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/organizers/members/"
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert said == [
        "Layla is already an approved member. Only a membership request that is awaiting "
        "approval can be rejected."
    ]
    member.refresh_from_db()
    assert member.membership_status == MembershipStatus.APPROVED
    assert mail.outbox == []


@pytest.mark.django_db
def test_rejecting_a_rejected_request_again_says_why_nothing_happens(organizer_client):
    member = MemberFactory(
        membership_status=MembershipStatus.REJECTED, membership_reviewed_at=timezone.now()
    )

    response = organizer_client.get(reject_url(member), follow=True)

    assert "Only a membership request that is awaiting approval can be rejected." in (
        response.content.decode()
    )
    assert "Reject the membership request of" not in response.content.decode()
