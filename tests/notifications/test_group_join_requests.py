"""A group's coordinators are told of each request to join it (notifications/services/notices.py
notice_group_membership_requested), by email and in their inbox, in their own language."""

import pytest
from django.core import mail

from members.enums import GroupMembershipStatus
from members.services_groups import group_membership_decide, group_membership_request
from notifications.enums import NoticeKind
from notifications.models import Delivery
from notifications.services.notices import notice_group_membership_requested
from tests.factories import ApprovedMemberFactory, CoordinatorMembershipFactory, GroupFactory


@pytest.fixture
def group_with_coordinators(db):
    group = GroupFactory(
        slug="syrians", name_en="Syrian socialists", name_ar="الاشتراكيون السوريون"
    )
    arabic = CoordinatorMembershipFactory(
        group=group, member=ApprovedMemberFactory(preferred_language="ar")
    ).member
    english = CoordinatorMembershipFactory(
        group=group, member=ApprovedMemberFactory(preferred_language="en")
    ).member
    return group, arabic, english


def test_each_coordinator_is_told_once_of_a_request_with_a_link_to_the_queue(
    group_with_coordinators, django_capture_on_commit_callbacks
):
    group, arabic, english = group_with_coordinators
    member = ApprovedMemberFactory(display_name="Leila")
    with django_capture_on_commit_callbacks(execute=True):
        membership = group_membership_request(group=group, member=member)
    deliveries = Delivery.objects.filter(kind=NoticeKind.GROUP_JOIN_REQUEST)
    assert sorted(deliveries.values_list("recipient", flat=True)) == sorted([arabic.pk, english.pk])
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {arabic.email, english.email}
    in_english = by_address[english.email]
    assert in_english.subject == "Request to join the group: Syrian socialists"
    assert "Asked by: Leila." in in_english.body
    assert "/en/groups/syrians/requests/" in in_english.body
    in_arabic = by_address[arabic.email]
    assert in_arabic.subject == "طلب انضمام إلى المجموعة: الاشتراكيون السوريون"
    assert "/ar/groups/syrians/requests/" in in_arabic.body
    # Planned again (a retried task): nobody is told twice.
    assert notice_group_membership_requested(membership_id=membership.pk) == []
    assert len(mail.outbox) == 2


def test_asking_again_after_a_refusal_is_a_new_request(
    group_with_coordinators, django_capture_on_commit_callbacks
):
    group, arabic, _english = group_with_coordinators
    member = ApprovedMemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        membership = group_membership_request(group=group, member=member)
    with django_capture_on_commit_callbacks(execute=True):
        group_membership_decide(membership=membership, coordinator=arabic, accept=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = group_membership_request(group=group, member=member)
    assert again.status == GroupMembershipStatus.REQUESTED
    assert Delivery.objects.filter(kind=NoticeKind.GROUP_JOIN_REQUEST).count() == 4
    assert len(mail.outbox) == 2


def test_a_request_answered_before_the_notice_goes_out_is_not_sent(
    group_with_coordinators, django_capture_on_commit_callbacks
):
    group, arabic, _english = group_with_coordinators
    membership = group_membership_request(group=group, member=ApprovedMemberFactory())
    group_membership_decide(membership=membership, coordinator=arabic, accept=True)
    assert notice_group_membership_requested(membership_id=membership.pk) == []
