"""Attendee lists per co-host (issue 13): a co-hosting group's coordinators see counts by status
and needs, and the names only of those who chose, when answering, to share them with that
group."""

import pytest
from django.test import Client

from events.services.rsvps import rsvp_set
from tests.factories import (
    ApprovedMemberFactory,
    CoordinatorMembershipFactory,
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    RsvpFactory,
)


@pytest.fixture
def setting(db):
    ours, theirs = GroupFactory(), GroupFactory()
    event = EventFactory(interpretation_fa=True)
    event.cohost_groups.add(ours, theirs)
    coordinator = CoordinatorMembershipFactory(group=ours).member
    sharer = ApprovedMemberFactory(display_name="Shirin Sharer")
    private = ApprovedMemberFactory(display_name="Parisa Private")
    elsewhere = ApprovedMemberFactory(display_name="Elham Elsewhere")
    rsvp_set(event=event, member=sharer, answer="going", shared_with_group_ids=[ours.pk])
    rsvp_set(
        event=event, member=private, answer="maybe", interpretation="fa",
        accessibility_needs="Step-free access",
    )  # fmt: skip
    rsvp_set(event=event, member=elsewhere, answer="going", shared_with_group_ids=[theirs.pk])
    RsvpFactory(event=event, member=None, guest_name="Guest", guest_email="g@example.org")
    return event, ours, theirs, coordinator


def _page(setting, person):
    event, ours, _theirs, _coordinator = setting
    client = Client()
    client.force_login(person)
    return client.get(f"/en/groups/{ours.slug}/events/{event.pk}/attendees/")


def test_coordinator_sees_counts_and_only_the_names_shared_with_the_group(setting):
    _event, _ours, _theirs, coordinator = setting
    response = _page(setting, coordinator)
    assert response.status_code == 200
    attendance = response.context["attendance"]
    assert attendance.by_status == {"going": 3, "waitlisted": 0, "maybe": 1, "not_going": 0}
    assert attendance.interpretation == {}  # a "maybe" holds no interpreter's seat
    assert attendance.accessibility_needs == 1
    assert [rsvp.display_name for rsvp in attendance.named] == ["Shirin Sharer"]
    page = response.content.decode()
    assert "Parisa Private" not in page
    assert "Elham Elsewhere" not in page
    assert "Step-free access" not in page


def test_interpretation_needs_are_counted(setting):
    event, _ours, _theirs, coordinator = setting
    member = ApprovedMemberFactory()
    rsvp_set(event=event, member=member, answer="going", interpretation="fa")
    assert _page(setting, coordinator).context["attendance"].interpretation == {"fa": 1}


def test_a_plain_member_of_the_group_is_refused(setting):
    _event, ours, _theirs, _coordinator = setting
    assert _page(setting, GroupMembershipFactory(group=ours).member).status_code == 403


def test_an_event_the_group_does_not_cohost_is_a_404(setting, client):
    _event, ours, _theirs, coordinator = setting
    other_event = EventFactory()
    client.force_login(coordinator)
    response = client.get(f"/en/groups/{ours.slug}/events/{other_event.pk}/attendees/")
    assert response.status_code == 404


def test_sharing_can_be_withdrawn_and_changes_alone_are_saved(setting):
    event, _ours, _theirs, coordinator = setting
    sharer = event.rsvps.get(member__display_name="Shirin Sharer").member
    rsvp = rsvp_set(event=event, member=sharer, answer="going", shared_with_group_ids=[])
    assert list(rsvp.shared_with_groups.all()) == []
    assert _page(setting, coordinator).context["attendance"].named == []


def test_answer_form_offers_the_cohosts_to_members_only(setting, client):
    event, _ours, theirs, _coordinator = setting
    page = client.get(f"/en/events/{event.pk}/")
    assert "Co-hosting groups whose coordinators may see my name" not in page.content.decode()
    client.force_login(ApprovedMemberFactory())
    response = client.post(
        f"/en/events/{event.pk}/answer/",
        {"answer": "going", "shared_with_groups": [str(theirs.pk)]},
    )
    assert response.status_code == 302
    rsvp = event.rsvps.order_by("-pk").first()
    assert [group.pk for group in rsvp.shared_with_groups.all()] == [theirs.pk]
