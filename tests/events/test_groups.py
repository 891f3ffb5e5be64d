"""The groups' pages, events co-hosted by groups in lists, pages and the group's feed."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.utils import timezone

from events.models import Event
from members.enums import GroupMembershipStatus, GroupRole
from members.models import AllianceGroup, GroupMembership
from tests.events.calendar_parsing import by_uid, parse
from tests.factories import (
    ApprovedMemberFactory,
    CoordinatorMembershipFactory,
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    JoinRequestFactory,
    OrganizerFactory,
)


def group_url(group, rest: str = "", language: str = "en") -> str:
    return f"/{language}/groups/{group.slug}/{rest}"


@pytest.fixture
def coordinated(db):
    """A group, its coordinator signed in elsewhere, and one request to join."""
    coordinator = CoordinatorMembershipFactory(member=ApprovedMemberFactory(display_name="Coord"))
    request = JoinRequestFactory(group=coordinator.group)
    return coordinator.group, coordinator.member, request


# The list and the group's page


@pytest.mark.django_db
def test_group_list_names_groups_in_the_readers_language_with_fallback(client):
    GroupFactory(slug="a", name_ar="الاشتراكيون السوريون", name_en="Syrian socialists")
    GroupFactory(slug="b", name_en=None, name_fa="سوسیالیست‌های ایرانی", in_exile=True, country="")
    page = client.get("/ar/groups/").content.decode()
    assert "الاشتراكيون السوريون" in page
    assert "سوسیالیست‌های ایرانی" in page  # no Arabic name: the first it is written in
    assert 'dir="rtl"' in page
    english = client.get("/en/groups/").content.decode()
    assert "Syrian socialists" in english
    assert "In exile" in english


@pytest.mark.django_db
def test_group_page_shows_languages_country_and_feed_link(client):
    group = GroupFactory(slug="syrians", name_en="Syrian socialists", in_persian=False)
    response = client.get(group_url(group))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Syria" in page
    assert '<span lang="ar">العربيّة</span>' in page
    assert '<span lang="fa">' not in page
    assert "/en/calendar/groups/syrians.ics?lang=en" in page


@pytest.mark.django_db
def test_unknown_group_is_404(client):
    assert client.get("/en/groups/nobody/").status_code == 404


@pytest.mark.django_db
def test_stranger_sees_no_names_on_the_group_page(client, coordinated):
    group, _coordinator, _request = coordinated
    GroupMembershipFactory(group=group, show_publicly=True)
    response = client.get(group_url(group))
    assert response.context["coordinators"] == []
    assert response.context["members"] == []
    assert "Coord" not in response.content.decode()


@pytest.mark.django_db
def test_member_sees_coordinators_and_shown_members_only(client, member, coordinated):
    group, _coordinator, _request = coordinated
    shown = GroupMembershipFactory(group=group, show_publicly=True)
    GroupMembershipFactory(group=group)
    client.force_login(member)
    response = client.get(group_url(group))
    assert [m.member.display_name for m in response.context["coordinators"]] == ["Coord"]
    assert [m.pk for m in response.context["members"]] == [shown.pk]


@pytest.mark.django_db
def test_coordinator_sees_every_member_on_the_group_page(client, coordinated):
    group, coordinator, _request = coordinated
    hidden = GroupMembershipFactory(group=group)
    client.force_login(coordinator)
    response = client.get(group_url(group))
    assert [m.pk for m in response.context["members"]] == [hidden.pk]
    assert group_url(group, "requests/") in response.content.decode()


@pytest.mark.django_db
def test_group_page_lists_coming_cohosted_events_visible_to_the_reader(client, member):
    group = GroupFactory()
    public = EventFactory(title_en="Joint rally")
    closed = EventFactory(visibility="members")
    past = EventFactory(
        starts_at=timezone.now() - timedelta(days=3), ends_at=timezone.now() - timedelta(days=2)
    )
    EventFactory()  # not co-hosted
    for event in (public, closed, past):
        event.cohost_groups.add(group)
    assert client.get(group_url(group)).context["events"] == [public]
    client.force_login(member)
    assert client.get(group_url(group)).context["events"] == [public, closed]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 25])
def test_group_page_query_count_is_constant(client, count, django_assert_max_num_queries):
    coordinator = CoordinatorMembershipFactory()
    group = coordinator.group
    other = GroupFactory()
    for event in EventFactory.create_batch(count):
        event.cohost_groups.add(group, other)
    GroupMembershipFactory.create_batch(count, group=group)
    JoinRequestFactory.create_batch(count, group=group)
    client.force_login(coordinator.member)
    with django_assert_max_num_queries(12):
        response = client.get(group_url(group))
    assert len(response.context["events"]) == min(count, 20)
    assert response.context["more_events"] is (count > 20)
    assert len(response.context["members"]) == count


# Asking to join


@pytest.mark.django_db
def test_member_asks_to_join_from_the_group_page(client, member):
    group = GroupFactory()
    response = client.post(group_url(group, "join/"), {"show_publicly": "on"})
    assert response.status_code == 302  # to sign in first
    client.force_login(member)
    response = client.post(group_url(group, "join/"), {"show_publicly": "on"})
    assert response["Location"] == group_url(group)
    membership = GroupMembership.objects.get(group=group, member=member)
    assert (membership.status, membership.show_publicly) == (GroupMembershipStatus.REQUESTED, True)


@pytest.mark.django_db
def test_asking_twice_from_the_page_says_why(client, member):
    request = JoinRequestFactory(member=member)
    client.force_login(member)
    response = client.post(group_url(request.group, "join/"), follow=True)
    assert "You have already asked to join this group" in response.content.decode()
    assert GroupMembership.objects.count() == 1


@pytest.mark.django_db
def test_pending_member_cannot_ask_to_join(client, pending_member):
    group = GroupFactory()
    client.force_login(pending_member)
    assert client.post(group_url(group, "join/")).status_code == 403
    assert not GroupMembership.objects.exists()


# The coordinators' queue


@pytest.mark.django_db
def test_coordinator_sees_the_queue(client, coordinated):
    group, coordinator, request = coordinated
    client.force_login(coordinator)
    response = client.get(group_url(group, "requests/"))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [request]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 40])
def test_queue_query_count_is_constant(client, count, django_assert_max_num_queries):
    coordinator = CoordinatorMembershipFactory()
    JoinRequestFactory.create_batch(count, group=coordinator.group)
    GroupMembershipFactory.create_batch(count, group=coordinator.group)
    client.force_login(coordinator.member)
    with django_assert_max_num_queries(11):  # one of them the invitations to co-host
        response = client.get(group_url(coordinator.group, "requests/"))
    assert len(response.context["page"].object_list) == min(count, 25)
    assert len(response.context["members"]) == count + 1


@pytest.mark.django_db
def test_coordinator_accepts_from_the_queue(client, coordinated):
    group, coordinator, request = coordinated
    client.force_login(coordinator)
    response = client.post(group_url(group, f"requests/{request.pk}/"), {"decision": "accept"})
    assert response["Location"] == group_url(group, "requests/")
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (GroupMembershipStatus.ACCEPTED, coordinator)


@pytest.mark.django_db
def test_unknown_decision_changes_nothing_and_says_why(client, coordinated):
    group, coordinator, request = coordinated
    client.force_login(coordinator)
    response = client.post(group_url(group, f"requests/{request.pk}/"), {"decision": "maybe"})
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Choose whether to accept or decline the request."
    ]
    request.refresh_from_db()
    assert request.status == GroupMembershipStatus.REQUESTED


@pytest.mark.django_db
def test_request_of_another_group_is_404_in_this_groups_queue(client, coordinated):
    group, coordinator, _request = coordinated
    elsewhere = JoinRequestFactory()
    client.force_login(coordinator)
    response = client.post(group_url(group, f"requests/{elsewhere.pk}/"), {"decision": "accept"})
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == GroupMembershipStatus.REQUESTED


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["plain member", "other member", "organizer", "pending"])
def test_queue_and_decisions_are_refused_to_all_but_coordinators(client, coordinated, who):
    group, _coordinator, request = coordinated
    visitor = {
        "plain member": lambda: GroupMembershipFactory(group=group).member,
        "other member": ApprovedMemberFactory,
        "organizer": OrganizerFactory,
        "pending": lambda: ApprovedMemberFactory(membership_status="pending"),
    }[who]()
    client.force_login(visitor)
    assert client.get(group_url(group, "requests/")).status_code == 403
    decide = client.post(group_url(group, f"requests/{request.pk}/"), {"decision": "accept"})
    assert decide.status_code == 403
    role = client.post(group_url(group, f"members/{request.pk}/role/"), {"role": "make"})
    assert role.status_code == 403
    request.refresh_from_db()
    assert (request.status, request.role) == (GroupMembershipStatus.REQUESTED, GroupRole.MEMBER)


@pytest.mark.django_db
def test_queue_asks_strangers_to_sign_in(client, coordinated):
    group, _coordinator, request = coordinated
    response = client.get(group_url(group, "requests/"))
    assert response["Location"].startswith("/en/accounts/login/")
    client.post(group_url(group, f"requests/{request.pk}/"), {"decision": "accept"})
    request.refresh_from_db()
    assert request.status == GroupMembershipStatus.REQUESTED


@pytest.mark.django_db
def test_coordinator_names_another_coordinator(client, coordinated):
    group, coordinator, _request = coordinated
    plain = GroupMembershipFactory(group=group)
    client.force_login(coordinator)
    client.post(group_url(group, f"members/{plain.pk}/role/"), {"role": "make"})
    plain.refresh_from_db()
    assert plain.role == GroupRole.COORDINATOR


# Creating and editing groups


def group_form_data(**overrides) -> dict:
    return {
        "slug": "iranian-socialists",
        "name_fa": "سوسیالیست‌های ایرانی در تبعید",
        "name_en": "Iranian socialists in exile",
        "in_persian": "on",
        "in_english": "on",
        "in_exile": "on",
        "country": "",
    } | overrides


@pytest.mark.django_db
def test_organizer_creates_a_group(organizer_client, organizer, member):
    response = organizer_client.post(
        "/en/groups/new/", group_form_data(coordinator_email=member.email.upper())
    )
    group = AllianceGroup.objects.get()
    assert response["Location"] == group_url(group)
    assert (group.slug, group.name_fa, group.in_exile, group.languages) == (
        "iranian-socialists",
        "سوسیالیست‌های ایرانی در تبعید",
        True,
        ["fa", "en"],
    )
    coordinator = GroupMembership.objects.get(group=group)
    assert (coordinator.member, coordinator.role) == (member, GroupRole.COORDINATOR)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"country": "IR"}, "country", "A group in exile has no country"),
        ({"in_exile": "", "country": ""}, "country", "Choose the group's country"),
        ({"name_fa": "\u200c", "name_en": " "}, "__all__", "Give the group a name"),
        ({"in_persian": "", "in_english": ""}, "in_arabic", "Choose at least one language"),
        ({"slug": "new"}, "slug", "This short name is reserved"),
        ({"coordinator_email": "nobody@example.org"}, "coordinator_email", "No approved member"),
    ],
)
def test_bad_group_form_is_refused_with_a_message(
    organizer_client, member, overrides, field, message
):
    data = group_form_data(coordinator_email=member.email) | overrides
    response = organizer_client.post("/en/groups/new/", data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not AllianceGroup.objects.exists()


@pytest.mark.django_db
def test_group_form_is_translated_into_persian(client):
    organizer = OrganizerFactory(preferred_language="fa")
    client.force_login(organizer)
    page = client.get("/fa/groups/new/").content.decode()
    assert "نام به فارسی" in page


@pytest.mark.django_db
def test_member_and_stranger_cannot_create_groups(client, member):
    assert client.get("/en/groups/new/")["Location"].startswith("/en/accounts/login/")
    client.force_login(member)
    assert client.get("/en/groups/new/").status_code == 403
    data = group_form_data(coordinator_email=member.email)
    assert client.post("/en/groups/new/", data).status_code == 403
    assert not AllianceGroup.objects.exists()


@pytest.mark.django_db
def test_coordinator_edits_the_group_and_a_plain_member_cannot(client, coordinated):
    group, coordinator, _request = coordinated
    data = group_form_data(in_exile="", country="SY", name_ar="الاشتراكيون السوريون")
    plain = GroupMembershipFactory(group=group).member
    client.force_login(plain)
    assert client.post(group_url(group, "edit/"), data).status_code == 403
    client.force_login(coordinator)
    assert client.post(group_url(group, "edit/"), data)["Location"] == group_url(group)
    group.refresh_from_db()
    assert (group.name_ar, group.country, group.in_exile) == ("الاشتراكيون السوريون", "SY", False)


# Co-hosted events in lists, pages and feeds


@pytest.mark.django_db
def test_event_page_names_its_cohosting_groups(client):
    event = EventFactory()
    event.cohost_groups.add(
        GroupFactory(slug="syrians", name_ar="الاشتراكيون السوريون"),
        GroupFactory(slug="iranians", name_fa="سوسیالیست‌های ایرانی", name_en="Iranians"),
    )
    page = client.get(f"/fa/events/{event.pk}/").content.decode()
    assert 'href="/fa/groups/iranians/"' in page
    assert "سوسیالیست‌های ایرانی" in page
    assert "الاشتراكيون السوريون" in page  # no Persian name: its Arabic one


@pytest.mark.django_db
def test_upcoming_list_filters_by_group(client):
    group = GroupFactory(slug="syrians")
    ours = EventFactory()
    ours.cohost_groups.add(group)
    EventFactory()
    response = client.get("/en/events/?group=syrians")
    assert list(response.context["page"].object_list) == [ours]
    assert "Co-hosted by" in response.content.decode()


@pytest.mark.django_db
def test_unknown_group_filter_is_said_not_ignored(client):
    EventFactory()
    response = client.get("/en/events/?group=nobody")
    assert response.status_code == 400
    assert list(response.context["page"].object_list) == []
    assert "There is no group called “nobody”." in response.content.decode()


@pytest.mark.django_db
def test_group_feed_holds_the_groups_public_events_only(client):
    group = GroupFactory(slug="syrians", name_en="Syrian socialists")
    public = EventFactory(title_en="Joint rally")
    closed = EventFactory(visibility="members")
    for event in (public, closed):
        event.cohost_groups.add(group)
    EventFactory()  # another group's, or nobody's
    response = client.get("/en/calendar/groups/syrians.ics")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="tadamun-syrians.ics"'
    calendar = parse(response)
    assert list(by_uid(calendar)) == [f"event-{public.pk}@tadamun"]
    assert str(calendar["X-WR-CALNAME"]) == "Tadamun: Syrian socialists"


@pytest.mark.django_db
def test_group_feed_names_the_group_in_the_asked_language(client):
    GroupFactory(slug="iranians", name_fa="سوسیالیست‌های ایرانی")
    calendar = parse(client.get("/en/calendar/groups/iranians.ics?lang=fa"))
    assert str(calendar["X-WR-CALNAME"]).endswith("سوسیالیست‌های ایرانی")


@pytest.mark.django_db
def test_group_feed_of_unknown_group_is_404(client):
    assert client.get("/en/calendar/groups/nobody.ics").status_code == 404


@pytest.mark.django_db
def test_demo_data_has_two_groups_cohosting_one_event(capsys):
    call_command("demo_data")
    call_command("demo_data")  # loading twice changes nothing
    syrian = AllianceGroup.objects.get(slug="syrian-socialists")
    iranian = AllianceGroup.objects.get(slug="iranian-socialists-in-exile")
    assert (syrian.country, syrian.in_exile, syrian.languages) == ("SY", False, ["ar", "en"])
    assert (iranian.country, iranian.in_exile, iranian.languages) == ("", True, ["fa", "en"])
    for group in (syrian, iranian):
        roles = set(group.memberships.values_list("role", flat=True))
        assert roles == {GroupRole.COORDINATOR, GroupRole.MEMBER}
    cohosted = Event.objects.filter(cohost_groups=syrian).filter(cohost_groups=iranian)
    assert cohosted.count() == 1
    assert GroupMembership.objects.count() == 5
