import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.utils import translation

from members.enums import MembershipStatus
from members.models import Vouch, VouchLink
from members.models_vouching import link_digest
from members.services import MembershipDecisionError, member_approve, member_delete_account
from members.services_vouching import VouchError, member_vouch, vouch_link_create
from notifications.enums import NoticeKind
from notifications.models import Delivery
from tests.factories import ApprovedMemberFactory, MemberFactory, OrganizerFactory

ROOT = Path(__file__).resolve().parents[2]
LINK_PAGE = "/en/members/vouching/"


def vouch_url(token: str, language: str = "en") -> str:
    return f"/{language}/members/vouch/{token}/"


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def translated(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.fixture
def vouches_mode(settings):
    settings.MEMBERSHIP_APPROVAL = "vouches"
    settings.MEMBERSHIP_VOUCHES_REQUIRED = 2


@pytest.fixture
def both_mode(settings):
    settings.MEMBERSHIP_APPROVAL = "both"
    settings.MEMBERSHIP_VOUCHES_REQUIRED = 2


def decision_notices(member) -> int:
    return Delivery.objects.filter(kind=NoticeKind.MEMBERSHIP_DECISION, recipient=member).count()


# Off (the default)


@pytest.mark.django_db
def test_vouching_off_shows_no_link_and_its_pages_are_missing(client, pending_member, member):
    client.force_login(pending_member)
    home = client.get("/en/")
    assert LINK_PAGE not in home.content.decode()
    assert client.get(LINK_PAGE).status_code == 404
    client.force_login(member)
    assert client.get(vouch_url("anything")).status_code == 404


@pytest.mark.django_db
def test_vouching_off_refuses_a_vouch(pending_member, member):
    with pytest.raises(VouchError) as refused:
        member_vouch(member=pending_member, voucher=member)
    assert refused.value.code == "off"
    assert not Vouch.objects.exists()


@pytest.mark.parametrize(
    ("approval", "required"),
    [("vouches", "0"), ("both", "0"), ("organizer", "2"), ("vouches", "-1"), ("friends", "2")],
)
def test_settings_refuse_a_pair_that_contradicts_itself(approval, required):
    environment = {
        **os.environ,
        "DEVELOPMENT": "1",
        "MEMBERSHIP_APPROVAL": approval,
        "MEMBERSHIP_VOUCHES_REQUIRED": required,
    }
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=ROOT, env=environment, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "ImproperlyConfigured: MEMBERSHIP_" in result.stderr


# The pending member's link


@pytest.mark.django_db
def test_pending_member_banner_offers_the_link_page(client, pending_member, vouches_mode):
    client.force_login(pending_member)
    assert f'href="{LINK_PAGE}"' in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_link_is_shown_once_and_only_its_digest_is_kept(
    client, pending_member, vouches_mode, site_url
):
    client.force_login(pending_member)
    posted = client.post(LINK_PAGE)
    assert (posted.status_code, posted["Location"]) == (302, LINK_PAGE)
    response = client.get(LINK_PAGE)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    link = response.context["link"]
    token = link.rsplit("/", 2)[-2]
    assert link == f"{site_url}{vouch_url(token)}"
    assert f'value="{link}"' in response.content.decode()
    assert VouchLink.objects.get(member=pending_member).digest == link_digest(token)
    assert token not in client.get(LINK_PAGE).content.decode()


@pytest.mark.django_db
def test_reloading_the_shown_link_makes_no_new_one(client, pending_member, member, vouches_mode):
    client.force_login(pending_member)
    link = client.post(LINK_PAGE, follow=True).context["link"]
    digest = VouchLink.objects.get(member=pending_member).digest
    reloaded = client.get(LINK_PAGE)
    assert reloaded.status_code == 200
    assert reloaded.context["link"] is None
    assert VouchLink.objects.get(member=pending_member).digest == digest
    client.force_login(member)
    assert client.get(link.split("localhost:8000", 1)[-1]).status_code == 200


@pytest.mark.django_db
def test_new_link_replaces_the_old_one(client, pending_member, member, vouches_mode):
    old = vouch_link_create(member=pending_member)
    new = vouch_link_create(member=pending_member)
    client.force_login(member)
    assert client.get(vouch_url(old)).status_code == 404
    assert client.get(vouch_url(new)).status_code == 200


@pytest.mark.django_db
def test_approved_member_may_not_make_a_link(client, member, vouches_mode):
    client.force_login(member)
    assert client.post(LINK_PAGE).status_code == 403
    assert not VouchLink.objects.exists()


# Opening a link


@pytest.mark.django_db
def test_link_page_names_the_member_by_display_name_only(client, member, vouches_mode):
    applicant = MemberFactory(display_name="Shirin", email="shirin@private.example")
    client.force_login(member)
    page = client.get(vouch_url(vouch_link_create(member=applicant))).content.decode()
    assert "Shirin" in page
    assert "shirin@private.example" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa"])
def test_forged_link_is_a_translated_404(client, vouches_mode, language):
    client.force_login(ApprovedMemberFactory(preferred_language=language))
    response = client.get(vouch_url("forged-token", language))
    assert response.status_code == 404
    nothing_here = "There is nothing at this address, or it is not visible to you."
    assert translated(language, nothing_here) != nothing_here
    assert translated(language, nothing_here) in response.content.decode()


@pytest.mark.django_db
def test_link_of_a_member_no_longer_pending_is_a_404(client, member, organizer, vouches_mode):
    applicant = MemberFactory()
    token = vouch_link_create(member=applicant)
    member_approve(member=applicant, organizer=organizer)
    client.force_login(member)
    assert client.get(vouch_url(token)).status_code == 404


@pytest.mark.django_db
def test_pending_member_may_not_vouch_by_link(client, vouches_mode):
    applicant = MemberFactory()
    client.force_login(MemberFactory())
    assert client.post(vouch_url(vouch_link_create(member=applicant))).status_code == 403
    assert not Vouch.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa"])
def test_voucher_is_told_in_their_language_that_organizers_see_the_vouch(
    client, vouches_mode, language
):
    applicant = MemberFactory()
    voucher = ApprovedMemberFactory(preferred_language=language)
    client.force_login(voucher)
    response = client.post(vouch_url(vouch_link_create(member=applicant), language))
    assert response.status_code == 302
    recorded = "Your vouch is recorded and shown to the organizers."
    assert messages_of(response) == [translated(language, recorded)]
    assert translated(language, recorded) != recorded
    assert list(Vouch.objects.values_list("voucher", "member")) == [(voucher.pk, applicant.pk)]


# The service


@pytest.mark.django_db
def test_self_vouch_is_refused(vouches_mode):
    member = ApprovedMemberFactory()
    with pytest.raises(VouchError) as refused:
        member_vouch(member=member, voucher=member)
    assert refused.value.code == "self"


@pytest.mark.django_db
@pytest.mark.parametrize("status", [MembershipStatus.PENDING, MembershipStatus.REJECTED])
def test_voucher_who_is_not_approved_is_refused(vouches_mode, status):
    voucher = ApprovedMemberFactory(membership_status=status)
    with pytest.raises(VouchError) as refused:
        member_vouch(member=MemberFactory(), voucher=voucher)
    assert refused.value.code == "voucher_not_approved"
    assert not Vouch.objects.exists()


@pytest.mark.django_db
def test_vouching_twice_changes_nothing(vouches_mode, pending_member, member):
    assert member_vouch(member=pending_member, voucher=member) is True
    assert member_vouch(member=pending_member, voucher=member) is False
    pending_member.refresh_from_db()
    assert Vouch.objects.filter(member=pending_member).count() == 1
    assert pending_member.membership_status == MembershipStatus.PENDING


@pytest.mark.django_db
def test_second_vouch_approves_once_with_one_notice_in_the_members_language(
    vouches_mode, django_capture_on_commit_callbacks
):
    applicant = MemberFactory(preferred_language="ar")
    first, second, third = ApprovedMemberFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        member_vouch(member=applicant, voucher=first)
    applicant.refresh_from_db()
    assert (applicant.membership_status, decision_notices(applicant)) == ("pending", 0)

    with django_capture_on_commit_callbacks(execute=True):
        member_vouch(member=applicant, voucher=second)
    applicant.refresh_from_db()
    assert applicant.membership_status == MembershipStatus.APPROVED
    assert applicant.membership_reviewed_by is None
    assert applicant.membership_reviewed_at is not None
    assert decision_notices(applicant) == 1
    assert [message.to for message in mail.outbox] == [[applicant.email]]
    with translation.override("ar"):
        expected = translation.gettext(
            "Members who know you have vouched for you, and your membership is approved. "
            "You can now propose events and answer members-only events."
        )
    assert expected in " ".join(mail.outbox[0].body.split())

    with pytest.raises(VouchError) as refused:
        member_vouch(member=applicant, voucher=third)
    assert refused.value.code == "not_pending"
    assert decision_notices(applicant) == 1
    assert not VouchLink.objects.filter(member=applicant).exists()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_vouches_at_once_approve_exactly_once(vouches_mode):
    applicant = MemberFactory()
    vouchers = ApprovedMemberFactory.create_batch(2)
    start = threading.Barrier(2)
    errors = []

    def vouch(voucher):
        try:
            start.wait(timeout=10)
            member_vouch(member=applicant, voucher=voucher)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=vouch, args=(voucher,)) for voucher in vouchers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    applicant.refresh_from_db()
    assert applicant.membership_status == MembershipStatus.APPROVED
    assert Vouch.objects.filter(member=applicant).count() == 2
    assert decision_notices(applicant) == 1


# "both": an organizer approves, after enough vouches


@pytest.mark.django_db
def test_both_mode_vouches_alone_do_not_approve(both_mode, pending_member):
    for voucher in ApprovedMemberFactory.create_batch(3):
        member_vouch(member=pending_member, voucher=voucher)
    pending_member.refresh_from_db()
    assert pending_member.membership_status == MembershipStatus.PENDING


@pytest.mark.django_db
def test_both_mode_refuses_the_organizer_until_enough_vouches(both_mode, pending_member, organizer):
    member_vouch(member=pending_member, voucher=ApprovedMemberFactory())
    with pytest.raises(MembershipDecisionError) as refused:
        member_approve(member=pending_member, organizer=organizer)
    assert refused.value.code == "too_few_vouches"
    member_vouch(member=pending_member, voucher=ApprovedMemberFactory())
    approved = member_approve(member=pending_member, organizer=organizer)
    assert (approved.membership_status, approved.membership_reviewed_by) == (
        MembershipStatus.APPROVED,
        organizer,
    )


@pytest.mark.django_db
def test_both_mode_refusal_reaches_the_organizer_in_persian(both_mode, client, pending_member):
    client.force_login(OrganizerFactory(preferred_language="fa"))
    response = client.post(f"/fa/organizers/members/{pending_member.pk}/approve/")
    assert response.status_code == 302
    with translation.override("fa"):
        expected = translation.ngettext(
            "%(name)s cannot be approved yet: %(count_shown)s approved member must vouch "
            "for them first.",
            "%(name)s cannot be approved yet: %(count_shown)s approved members must vouch "
            "for them first.",
            2,
        ) % {"name": pending_member.display_name, "count_shown": "۲"}
    assert messages_of(response) == [expected]
    pending_member.refresh_from_db()
    assert pending_member.membership_status == MembershipStatus.PENDING


@pytest.mark.django_db
def test_vouches_mode_leaves_the_organizers_approval_as_it_was(vouches_mode, organizer):
    applicant = MemberFactory()
    assert member_approve(member=applicant, organizer=organizer).is_approved


@pytest.mark.django_db
def test_review_list_shows_vouch_counts_and_vouchers_names(
    both_mode, organizer_client, pending_member, django_assert_max_num_queries
):
    for name in ("Darya", "Karim"):
        member_vouch(member=pending_member, voucher=ApprovedMemberFactory(display_name=name))
    for applicant in MemberFactory.create_batch(20):
        member_vouch(member=applicant, voucher=ApprovedMemberFactory())
    with django_assert_max_num_queries(13):
        response = organizer_client.get("/en/organizers/members/")
    page = response.content.decode()
    assert "Vouched for by" in page
    assert "<bdi>Darya</bdi>" in page
    assert "<bdi>Karim</bdi>" in page
    assert "2/2" in page
    assert page.count("1/2") == 20


@pytest.mark.django_db
def test_review_list_without_vouching_has_no_vouch_column(organizer_client, pending_member):
    assert "Vouched for by" not in organizer_client.get("/en/organizers/members/").content.decode()


# Privacy


@pytest.mark.django_db
def test_data_download_lists_vouches_given_and_received(client, vouches_mode):
    giver = ApprovedMemberFactory(display_name="Giver")
    applicant = MemberFactory(display_name="Applicant")
    member_vouch(member=applicant, voucher=giver)
    client.force_login(applicant)
    received = json.loads(client.get("/en/members/my-data.json").content)["vouches"]
    client.force_login(giver)
    given = json.loads(client.get("/en/members/my-data.json").content)["vouches"]
    assert [vouch["voucher"] for vouch in received["received"]] == ["Giver"]
    assert received["given"] == []
    assert [vouch["member"] for vouch in given["given"]] == ["Applicant"]
    assert given["received"] == []


@pytest.mark.django_db
def test_deleting_an_account_deletes_its_vouches_given_and_received(vouches_mode):
    giver = ApprovedMemberFactory()
    applicant = MemberFactory()
    other = MemberFactory()
    member_vouch(member=applicant, voucher=giver)
    member_vouch(member=other, voucher=giver)
    member_vouch(member=applicant, voucher=ApprovedMemberFactory())
    vouch_link_create(member=applicant)
    member_delete_account(member=applicant)
    assert list(Vouch.objects.values_list("voucher", "member")) == [(giver.pk, other.pk)]
    assert not VouchLink.objects.exists()
    member_delete_account(member=giver)
    assert not Vouch.objects.exists()
