"""The alliance's groups: their rules in the database, asking to join, deciding, seeing."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import translation

from members.enums import GroupMembershipStatus, GroupRole
from members.models import AllianceGroup, GroupMembership
from members.selectors import member_data_export
from members.selectors_groups import visible_group_members
from members.services import member_delete_account
from members.services_groups import (
    GroupActionError,
    group_coordinator_set,
    group_create,
    group_membership_decide,
    group_membership_request,
    group_update,
)
from notifications.enums import NoticeKind
from notifications.models import Delivery
from notifications.services.notices import notice_group_membership_decided
from tests.factories import (
    ApprovedMemberFactory,
    CoordinatorMembershipFactory,
    GroupFactory,
    GroupMembershipFactory,
    JoinRequestFactory,
    OrganizerFactory,
)

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")


def _refused(code: str, action, **kwargs) -> None:
    with pytest.raises(GroupActionError) as refusal:
        action(**kwargs)
    assert refusal.value.code == code


# The database's rules


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("country", "in_exile"), [("SY", True), ("", False)], ids=["both", "neither"]
)
def test_group_is_in_one_country_or_in_exile(country, in_exile):
    with pytest.raises(IntegrityError, match="group_country_or_exile"), transaction.atomic():
        GroupFactory(country=country, in_exile=in_exile)


@pytest.mark.django_db
def test_group_without_a_name_in_any_language_is_refused():
    with pytest.raises(IntegrityError, match="group_has_a_name"), transaction.atomic():
        GroupFactory(name_en=None)


@pytest.mark.django_db
def test_group_without_a_working_language_is_refused():
    with pytest.raises(IntegrityError, match="group_has_a_language"), transaction.atomic():
        GroupFactory(in_arabic=False, in_english=False)


@pytest.mark.django_db
def test_member_belongs_to_a_group_once():
    membership = GroupMembershipFactory()
    with pytest.raises(IntegrityError, match="group_membership_once"), transaction.atomic():
        GroupMembershipFactory(group=membership.group, member=membership.member)


@pytest.mark.django_db
def test_only_an_accepted_member_coordinates():
    with pytest.raises(IntegrityError, match="group_coordinator_is_accepted"), transaction.atomic():
        JoinRequestFactory(role=GroupRole.COORDINATOR)


@pytest.mark.django_db
def test_decision_has_its_time():
    with pytest.raises(IntegrityError, match="decision_has_time"), transaction.atomic():
        GroupMembershipFactory(decided_at=None)


@pytest.mark.django_db
def test_group_name_falls_back_to_the_language_it_is_written_in():
    group = GroupFactory(name_en=None, name_fa="سوسیالیست‌های ایرانی در تبعید")
    with translation.override("ar"):
        assert AllianceGroup.objects.get(pk=group.pk).name == "سوسیالیست‌های ایرانی در تبعید"
    with translation.override("en"):
        assert str(AllianceGroup.objects.get(pk=group.pk)) == "سوسیالیست‌های ایرانی در تبعید"


# Creating and editing


@pytest.mark.django_db
def test_organizer_creates_a_group_with_its_first_coordinator(organizer, member):
    group = group_create(
        organizer=organizer,
        slug="iranian-socialists",
        fields={"name_fa": "سوسیالیست‌های ایرانی", "in_persian": True, "in_exile": True},
        coordinator=member,
    )
    membership = GroupMembership.objects.get(group=group)
    assert (membership.member, membership.status, membership.role, membership.decided_by) == (
        member,
        GroupMembershipStatus.ACCEPTED,
        GroupRole.COORDINATOR,
        organizer,
    )
    assert (group.country, group.in_exile, group.created_by) == ("", True, organizer)


@pytest.mark.django_db
def test_member_cannot_create_a_group(member):
    _refused(
        "not_organizer",
        group_create,
        organizer=member,
        slug="mine",
        fields={"name_en": "Mine", "in_english": True, "country": "DE"},
        coordinator=member,
    )
    assert not AllianceGroup.objects.exists()


@pytest.mark.django_db
def test_coordinator_edits_the_group_and_another_member_cannot():
    coordinator = CoordinatorMembershipFactory()
    group = coordinator.group
    group_update(group=group, by=coordinator.member, fields={"name_ar": "الاشتراكيون السوريون"})
    group.refresh_from_db()
    assert group.name_ar == "الاشتراكيون السوريون"
    _refused(
        "not_coordinator",
        group_update,
        group=group,
        by=GroupMembershipFactory(group=group).member,
        fields={"name_ar": "x"},
    )
    group.refresh_from_db()
    assert group.name_ar == "الاشتراكيون السوريون"


# Asking to join and deciding


@pytest.mark.django_db
def test_approved_member_asks_to_join(member):
    group = GroupFactory()
    membership = group_membership_request(group=group, member=member, show_publicly=True)
    assert (membership.status, membership.role, membership.show_publicly) == (
        GroupMembershipStatus.REQUESTED,
        GroupRole.MEMBER,
        True,
    )


@pytest.mark.django_db
def test_pending_member_cannot_ask_to_join(pending_member):
    _refused("not_approved", group_membership_request, group=GroupFactory(), member=pending_member)
    assert not GroupMembership.objects.exists()


@pytest.mark.django_db
def test_asking_twice_is_refused(member):
    group = GroupFactory()
    group_membership_request(group=group, member=member)
    _refused("already_requested", group_membership_request, group=group, member=member)
    assert GroupMembership.objects.count() == 1


@pytest.mark.django_db
def test_declined_member_may_ask_again_on_the_same_row():
    declined = GroupMembershipFactory(status=GroupMembershipStatus.DECLINED)
    again = group_membership_request(group=declined.group, member=declined.member)
    assert again.pk == declined.pk
    again.refresh_from_db()
    assert (again.status, again.decided_at, again.decided_by) == (
        GroupMembershipStatus.REQUESTED,
        None,
        None,
    )


@pytest.mark.django_db
def test_coordinator_accepts_and_the_member_is_told_once_in_their_language(
    django_capture_on_commit_callbacks,
):
    coordinator = CoordinatorMembershipFactory(
        group=GroupFactory(name_en="Iranian socialists", name_fa="سوسیالیست‌های ایرانی")
    )
    request = JoinRequestFactory(
        group=coordinator.group, member=ApprovedMemberFactory(preferred_language="fa")
    )
    with django_capture_on_commit_callbacks(execute=True):
        decided = group_membership_decide(
            membership=request, coordinator=coordinator.member, accept=True
        )
    assert (decided.status, decided.decided_by) == (
        GroupMembershipStatus.ACCEPTED,
        coordinator.member,
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [request.member.email]
    assert "سوسیالیست‌های ایرانی" in message.subject
    assert '<html lang="fa" dir="rtl">' in message.alternatives[0][0]
    assert f"/fa/groups/{coordinator.group.slug}/" in message.body
    # The same decision announced again writes and sends nothing more.
    assert notice_group_membership_decided(membership_id=request.pk) == []
    assert Delivery.objects.filter(kind=NoticeKind.GROUP_MEMBERSHIP_DECISION).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_declined_member_is_told_in_arabic(django_capture_on_commit_callbacks):
    coordinator = CoordinatorMembershipFactory()
    request = JoinRequestFactory(
        group=coordinator.group, member=ApprovedMemberFactory(preferred_language="ar")
    )
    with django_capture_on_commit_callbacks(execute=True):
        group_membership_decide(membership=request, coordinator=coordinator.member, accept=False)
    request.refresh_from_db()
    assert request.status == GroupMembershipStatus.DECLINED
    assert len(mail.outbox) == 1
    assert ARABIC_SCRIPT.search(mail.outbox[0].subject)
    assert ARABIC_SCRIPT.search(mail.outbox[0].body.split("\n\n")[1])


@pytest.mark.django_db
def test_plain_member_of_the_group_cannot_decide(django_capture_on_commit_callbacks):
    request = JoinRequestFactory()
    plain = GroupMembershipFactory(group=request.group)
    with django_capture_on_commit_callbacks(execute=True):
        _refused(
            "not_coordinator",
            group_membership_decide,
            membership=request,
            coordinator=plain.member,
            accept=True,
        )
    request.refresh_from_db()
    assert request.status == GroupMembershipStatus.REQUESTED
    assert mail.outbox == []


@pytest.mark.django_db
def test_coordinator_of_another_group_cannot_decide():
    request = JoinRequestFactory()
    elsewhere = CoordinatorMembershipFactory()
    _refused(
        "not_coordinator",
        group_membership_decide,
        membership=request,
        coordinator=elsewhere.member,
        accept=True,
    )


@pytest.mark.django_db
def test_organizer_who_does_not_coordinate_cannot_decide(organizer):
    request = JoinRequestFactory()
    _refused(
        "not_coordinator",
        group_membership_decide,
        membership=request,
        coordinator=organizer,
        accept=True,
    )


@pytest.mark.django_db
def test_deciding_twice_is_refused():
    coordinator = CoordinatorMembershipFactory()
    request = JoinRequestFactory(group=coordinator.group)
    group_membership_decide(membership=request, coordinator=coordinator.member, accept=True)
    _refused(
        "already_decided",
        group_membership_decide,
        membership=request,
        coordinator=coordinator.member,
        accept=False,
    )
    request.refresh_from_db()
    assert request.status == GroupMembershipStatus.ACCEPTED


# Coordinators


@pytest.mark.django_db
def test_coordinator_makes_an_accepted_member_a_coordinator():
    coordinator = CoordinatorMembershipFactory()
    plain = GroupMembershipFactory(group=coordinator.group)
    group_coordinator_set(
        group=coordinator.group, member=plain.member, make_coordinator=True, by=coordinator.member
    )
    plain.refresh_from_db()
    assert plain.role == GroupRole.COORDINATOR


@pytest.mark.django_db
def test_nobody_is_made_coordinator_without_having_asked_and_been_accepted():
    coordinator = CoordinatorMembershipFactory()
    request = JoinRequestFactory(group=coordinator.group)
    for member in (request.member, ApprovedMemberFactory()):
        _refused(
            "not_a_member",
            group_coordinator_set,
            group=coordinator.group,
            member=member,
            make_coordinator=True,
            by=coordinator.member,
        )
    assert GroupMembership.objects.filter(role=GroupRole.COORDINATOR).count() == 1


@pytest.mark.django_db
def test_last_coordinator_cannot_step_down():
    coordinator = CoordinatorMembershipFactory()
    _refused(
        "last_coordinator",
        group_coordinator_set,
        group=coordinator.group,
        member=coordinator.member,
        make_coordinator=False,
        by=coordinator.member,
    )
    coordinator.refresh_from_db()
    assert coordinator.role == GroupRole.COORDINATOR


@pytest.mark.django_db
def test_plain_member_cannot_name_coordinators():
    plain = GroupMembershipFactory()
    _refused(
        "not_coordinator",
        group_coordinator_set,
        group=plain.group,
        member=plain.member,
        make_coordinator=True,
        by=plain.member,
    )


# Who sees whose membership


@pytest.fixture
def group_people(db):
    coordinator = CoordinatorMembershipFactory(member=ApprovedMemberFactory(display_name="Coord"))
    group = coordinator.group
    shown = GroupMembershipFactory(
        group=group, show_publicly=True, member=ApprovedMemberFactory(display_name="Shown")
    )
    hidden = GroupMembershipFactory(group=group, member=ApprovedMemberFactory(display_name="Hid"))
    JoinRequestFactory(group=group, show_publicly=True)
    GroupMembershipFactory(group=group, status=GroupMembershipStatus.DECLINED, show_publicly=True)
    return {"group": group, "coordinator": coordinator, "shown": shown, "hidden": hidden}


def _names(group, viewer) -> list[str]:
    return [m.member.display_name for m in visible_group_members(group=group, viewer=viewer)]


@pytest.mark.django_db
def test_coordinator_sees_every_accepted_member(group_people):
    group, coordinator = group_people["group"], group_people["coordinator"].member
    assert _names(group, coordinator) == ["Coord", "Hid", "Shown"]


@pytest.mark.django_db
def test_other_member_sees_coordinators_and_those_who_show_it(group_people, member):
    assert _names(group_people["group"], member) == ["Coord", "Shown"]


@pytest.mark.django_db
def test_hidden_member_sees_themself(group_people):
    assert _names(group_people["group"], group_people["hidden"].member) == [
        "Coord",
        "Hid",
        "Shown",
    ]


@pytest.mark.django_db
def test_stranger_and_pending_member_see_nobody(group_people, pending_member):
    assert _names(group_people["group"], AnonymousUser()) == []
    assert _names(group_people["group"], pending_member) == []


@pytest.mark.django_db
def test_organizer_who_does_not_coordinate_sees_only_what_members_see(group_people):
    assert _names(group_people["group"], OrganizerFactory()) == ["Coord", "Shown"]


# The member's own page and data


@pytest.mark.django_db
def test_member_chooses_which_memberships_to_show(client):
    first = GroupMembershipFactory(show_publicly=True)
    member = first.member
    second = GroupMembershipFactory(member=member)
    client.force_login(member)
    response = client.post("/en/members/groups/", {"shown": [str(second.group_id)]})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.show_publicly, second.show_publicly) == (False, True)


@pytest.mark.django_db
def test_my_groups_page_lists_memberships_in_persian(client):
    membership = GroupMembershipFactory(
        group=GroupFactory(name_fa="سوسیالیست‌های ایرانی"),
        member=ApprovedMemberFactory(preferred_language="fa"),
    )
    client.force_login(membership.member)
    response = client.get("/fa/members/groups/")
    assert response.status_code == 200
    assert [m.pk for m in response.context["memberships"]] == [membership.pk]
    assert "سوسیالیست‌های ایرانی" in response.content.decode()


@pytest.mark.django_db
def test_my_groups_page_asks_strangers_to_sign_in(client):
    response = client.get("/en/members/groups/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_deleting_the_account_removes_group_memberships():
    membership = GroupMembershipFactory()
    member_delete_account(member=membership.member)
    assert not GroupMembership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_data_export_lists_the_members_groups():
    membership = GroupMembershipFactory(show_publicly=True)
    exported = member_data_export(member=membership.member)["groups"]
    assert exported == [
        {
            "group": membership.group.slug,
            "status": "accepted",
            "role": "member",
            "shown_to_other_members": True,
            "asked_at": membership.requested_at.isoformat(),
            "decided_at": membership.decided_at.isoformat(),
        }
    ]
