from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from members.enums import MembershipStatus
from members.permissions import approved_member_required
from tests.factories import MemberFactory

REVIEW_URL = "/en/organizers/members/"


def approve_url(member):
    return f"/en/organizers/members/{member.pk}/approve/"


def reject_url(member):
    return f"/en/organizers/members/{member.pk}/reject/"


@pytest.mark.django_db
def test_organizer_sees_pending_requests(organizer_client, pending_member, member):
    response = organizer_client.get(REVIEW_URL)
    assert response.status_code == 200
    listed = list(response.context["page"].object_list)
    assert listed == [pending_member]


@pytest.mark.django_db
def test_review_list_query_count_is_constant(organizer_client, django_assert_max_num_queries):
    MemberFactory.create_batch(30)
    with django_assert_max_num_queries(12):
        response = organizer_client.get(REVIEW_URL + "?status=all")
    assert len(response.context["page"].object_list) == 25


@pytest.mark.django_db
def test_organizer_approves_member(organizer_client, organizer, pending_member):
    response = organizer_client.post(approve_url(pending_member))
    assert response.status_code == 302
    pending_member.refresh_from_db()
    assert pending_member.membership_status == MembershipStatus.APPROVED
    assert pending_member.membership_reviewed_by == organizer
    assert pending_member.membership_reviewed_at is not None
    assert pending_member.is_approved


@pytest.mark.django_db
def test_organizer_rejects_member_with_reason(organizer_client, organizer, pending_member):
    organizer_client.post(
        reject_url(pending_member), {"reason": "Could not verify", "confirmed": "1"}
    )
    pending_member.refresh_from_db()
    assert pending_member.membership_status == MembershipStatus.REJECTED
    assert pending_member.membership_rejection_reason == "Could not verify"
    assert pending_member.membership_reviewed_by == organizer


@pytest.mark.django_db
def test_approving_twice_is_refused_with_message(organizer_client, member):
    reviewed_at = member.membership_reviewed_at
    response = organizer_client.post(approve_url(member), follow=True)
    assert "already an approved member" in response.content.decode()
    member.refresh_from_db()
    assert member.membership_reviewed_at == reviewed_at


@pytest.mark.django_db
def test_rejecting_an_approved_member_is_refused(organizer_client, member):
    organizer_client.post(reject_url(member), {"reason": "x"})
    member.refresh_from_db()
    assert member.membership_status == MembershipStatus.APPROVED


@pytest.mark.django_db
def test_overlong_rejection_reason_changes_nothing(organizer_client, pending_member):
    organizer_client.post(reject_url(pending_member), {"reason": "x" * 501})
    pending_member.refresh_from_db()
    assert pending_member.membership_status == MembershipStatus.PENDING


@pytest.mark.django_db
def test_member_cannot_open_review_page(member_client):
    assert member_client.get(REVIEW_URL).status_code == 403


@pytest.mark.django_db
def test_member_cannot_approve_anyone(member_client, pending_member):
    assert member_client.post(approve_url(pending_member)).status_code == 403
    pending_member.refresh_from_db()
    assert pending_member.membership_status == MembershipStatus.PENDING


@pytest.mark.django_db
def test_pending_member_cannot_approve_themselves(client, pending_member):
    client.force_login(pending_member)
    assert client.post(approve_url(pending_member)).status_code == 403
    pending_member.refresh_from_db()
    assert pending_member.membership_status == MembershipStatus.PENDING


@pytest.mark.django_db
def test_stranger_is_sent_to_sign_in(client, pending_member):
    response = client.get(REVIEW_URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.post(approve_url(pending_member)).status_code == 302
    pending_member.refresh_from_db()
    assert pending_member.membership_status == MembershipStatus.PENDING


@pytest.mark.django_db
def test_approval_of_unknown_member_is_404(organizer_client):
    assert organizer_client.post("/en/organizers/members/999999/approve/").status_code == 404


@pytest.mark.django_db
def test_approval_by_get_is_not_allowed(organizer_client, pending_member):
    assert organizer_client.get(approve_url(pending_member)).status_code == 405


@pytest.mark.django_db
def test_pending_member_is_refused_where_approval_is_required(pending_member, member):
    view = approved_member_required(lambda request: HttpResponse("proposed"))
    request = RequestFactory().get("/en/proposals/new/")
    request.user = pending_member
    with pytest.raises(PermissionDenied):
        view(request)
    request.user = member
    assert view(request).content == b"proposed"


@pytest.mark.django_db
def test_pending_member_sees_waiting_banner(client, pending_member):
    client.force_login(pending_member)
    response = client.get("/en/")
    assert "waiting for an organizer" in response.content.decode()


@pytest.mark.django_db
def test_request_times_are_shown_in_the_organizers_time_zone(client, organizer):
    organizer.time_zone = "Asia/Tehran"
    organizer.save()
    MemberFactory(date_joined=datetime(2026, 1, 1, 12, 0, tzinfo=UTC))
    client.force_login(organizer)
    html = client.get(REVIEW_URL).content.decode()
    assert "1 Jan 2026, 15:30" in html  # 12:00 UTC is 15:30 in Tehran (UTC+03:30)
