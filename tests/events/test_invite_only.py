"""Events for invited groups only (issue 13): seen by the members of the invited groups (by
default the co-hosting groups) and the event's organizers; a 404 and absent everywhere else."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from events.errors import RsvpRefused
from events.feeds.builder import event_items
from events.selectors.events import EventFilters, visible_events
from events.selectors.feeds import member_feed_events, public_feed_events
from events.services.feed_tokens import feed_token_create
from events.services.rsvps import rsvp_set
from notifications.models import Delivery
from notifications.services.digest import weekly_digest_plan
from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    MemberFactory,
    OrganizerFactory,
)

TITLE = "Closed assembly of the co-hosts"


@pytest.fixture
def setting(db):
    cohost, chosen, elsewhere = GroupFactory(), GroupFactory(), GroupFactory()
    event = EventFactory(visibility="invite", title_en=TITLE)
    event.cohost_groups.add(cohost)
    people = {
        "cohost member": GroupMembershipFactory(group=cohost).member,
        "chosen member": GroupMembershipFactory(group=chosen).member,
        "member elsewhere": GroupMembershipFactory(group=elsewhere).member,
        "asked to join": GroupMembershipFactory(
            group=cohost, status="requested", decided_at=None
        ).member,
        "other member": ApprovedMemberFactory(),
        "pending": MemberFactory(),
        "organizer of all": OrganizerFactory(),
    }
    organizer = ApprovedMemberFactory()
    event.organizers.add(organizer)
    people["event organizer"] = organizer
    return event, chosen, people


def _seen(event, people) -> dict[str, bool]:
    return {
        role: visible_events(person).filter(pk=event.pk).exists() for role, person in people.items()
    }


def test_cohosting_groups_are_invited_by_default(setting):
    event, _chosen, people = setting
    assert _seen(event, people) == {
        "cohost member": True,
        "chosen member": False,
        "member elsewhere": False,
        "asked to join": False,
        "other member": False,
        "pending": False,
        "organizer of all": True,
        "event organizer": True,
    }


def test_chosen_groups_replace_the_cohosts(setting):
    event, chosen, people = setting
    event.invited_groups.add(chosen)
    assert _seen(event, people) == {
        "cohost member": False,
        "chosen member": True,
        "member elsewhere": False,
        "asked to join": False,
        "other member": False,
        "pending": False,
        "organizer of all": True,
        "event organizer": True,
    }


def _client(person=None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


@pytest.mark.parametrize(
    ("role", "status"), [("cohost member", 200), ("other member", 404), ("pending", 404)]
)
def test_event_page_and_calendar_file_answer_only_the_invited(setting, role, status):
    event, _chosen, people = setting
    client = _client(people[role])
    assert client.get(f"/en/events/{event.pk}/").status_code == status
    assert client.get(f"/en/events/{event.pk}/programme/").status_code == status
    assert client.get(f"/en/calendar/events/{event.pk}/event.ics").status_code == status


def test_strangers_get_a_404(setting):
    event, _chosen, _people = setting
    assert Client().get(f"/en/events/{event.pk}/").status_code == 404
    assert Client().get(f"/en/calendar/events/{event.pk}/event.ics").status_code == 404


def test_lists_search_and_month_leave_it_out_for_others(setting):
    event, _chosen, people = setting
    month = timezone.localtime(event.starts_at).strftime("%Y-%m")
    paths = ["/en/events/", "/en/events/?q=Closed", f"/en/events/month/?month={month}"]
    for role, shown in (("cohost member", True), ("other member", False), (None, False)):
        client = _client(people[role] if role else None)
        for path in paths:
            assert (TITLE in client.get(path).content.decode()) is shown, (role, path)


def test_a_members_list_changes_when_they_join_the_group(setting):
    event, chosen, people = setting
    client = _client(people["chosen member"])
    event.invited_groups.add(chosen)
    assert TITLE in client.get("/en/events/").content.decode()
    membership = people["chosen member"].group_memberships.get()
    membership.status = "declined"
    membership.save()
    assert TITLE not in client.get("/en/events/").content.decode()


def test_feeds_leave_it_out_for_others(setting):
    event, _chosen, people = setting
    assert not public_feed_events(filters=EventFilters()).filter(pk=event.pk).exists()
    for role, shown in (("cohost member", True), ("other member", False)):
        events = member_feed_events(member=people[role], include_members_only=True)
        assert events.filter(pk=event.pk).exists() is shown
        token = feed_token_create(member=people[role])
        body = Client().get(f"/en/calendar/private/{token}.ics?members_only=1").content
        assert (TITLE.encode() in body) is shown
    assert [item.pk for item in event_items(public_feed_events(filters=EventFilters()))] == []


def test_only_the_invited_may_answer(setting):
    event, _chosen, people = setting
    with pytest.raises(RsvpRefused) as refusal:
        rsvp_set(event=event, member=people["other member"], answer="going")
    assert refusal.value.code == "not_invited"
    assert rsvp_set(event=event, member=people["cohost member"], answer="going").status == "going"


def test_weekly_digest_names_it_only_to_the_invited(setting):
    event, _chosen, people = setting
    public = EventFactory(starts_at=timezone.now() + timedelta(days=3))
    for person in people.values():
        person.weekly_digest = True
        person.save(update_fields=["weekly_digest"])
    weekly_digest_plan()
    sent = {
        delivery.recipient_id: delivery.context["event_ids"]
        for delivery in Delivery.objects.filter(kind="weekly_digest")
    }
    assert event.pk in sent[people["cohost member"].pk]
    assert event.pk in sent[people["event organizer"].pk]
    assert event.pk not in sent[people["other member"].pk]
    assert event.pk not in sent[people["member elsewhere"].pk]
    assert public.pk in sent[people["other member"].pk]
