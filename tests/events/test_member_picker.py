"""An event's organizers and a session's speakers are added by address, never picked from a
list of every member (events/forms/member_picker.py)."""

import pytest

from events.models import Session
from tests.events.test_event_changes import edit_data, session_data
from tests.events.test_event_changes import event as event  # the fixture
from tests.factories import ApprovedMemberFactory, MemberFactory

NO_MEMBER = "No approved member signs in with this address"
# The addresses stand as typed in a left-to-right isolate (members.digits.verbatim).
LRI, PDI = "\u2066", "\u2069"


@pytest.fixture
def others(db):
    return [
        ApprovedMemberFactory(display_name=name, email=f"{name.lower()}@example.org")
        for name in ("Parvin", "Hamid", "Samira")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["edit/", "sessions/new/"])
@pytest.mark.parametrize("language", ["ar", "fa", "en"])
def test_forms_name_no_member_who_holds_no_role(
    event, organizer, organizer_client, others, page, language
):
    organizer.preferred_language = language  # an organizer's pages follow their language
    organizer.save(update_fields=["preferred_language"])

    response = organizer_client.get(f"/{language}/events/{event.pk}/{page}")

    html = response.content.decode()
    assert response.status_code == 200
    for member in others:
        assert member.display_name not in html
        assert member.email not in html


@pytest.mark.django_db
def test_edit_form_lists_the_current_organizers_ticked(event, organizer_client, others):
    event.organizers.add(others[0])

    html = organizer_client.get(f"/en/events/{event.pk}/edit/").content.decode()

    assert others[0].display_name in html
    assert others[1].display_name not in html
    assert f'name="organizers" value="{others[0].pk}"  id="id_organizers_0" checked' in html


@pytest.mark.django_db
def test_organizers_are_added_by_address_typed_with_arabic_commas_and_any_case(
    event, organizer_client, others
):
    typed = "PARVIN@example.org، hamid@Example.org ; parvin@example.org"
    response = organizer_client.post(
        f"/en/events/{event.pk}/edit/", edit_data(event, add_organizers=typed)
    )

    assert response.status_code == 302
    assert set(event.organizers.all()) == {others[0], others[1]}


@pytest.mark.django_db
def test_unticking_an_organizer_removes_them_and_keeps_the_others(event, organizer_client, others):
    event.organizers.add(others[0], others[1])

    organizer_client.post(
        f"/en/events/{event.pk}/edit/", edit_data(event, organizers=[others[1].pk])
    )

    assert list(event.organizers.all()) == [others[1]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("nobody@example.org", f"{NO_MEMBER}: {LRI}nobody@example.org{PDI}"),
        ("pending@example.org", f"{NO_MEMBER}: {LRI}pending@example.org{PDI}"),
        ("parvin", f"This is not an email address: {LRI}parvin{PDI}"),
        ("a@@b, c@", f"These are not email addresses: {LRI}a@@b, c@{PDI}"),
    ],
)
def test_an_address_of_no_approved_member_is_refused_and_nothing_changes(
    event, organizer_client, others, typed, message
):
    MemberFactory(email="pending@example.org")  # signed up, not approved
    before = list(event.organizers.all())

    response = organizer_client.post(
        f"/en/events/{event.pk}/edit/", edit_data(event, add_organizers=typed)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["add_organizers"] == [message]
    assert list(event.organizers.all()) == before


@pytest.mark.django_db
def test_a_member_who_is_not_an_organizer_cannot_be_posted_as_a_ticked_one(
    event, organizer_client, others
):
    event.organizers.add(others[0])

    response = organizer_client.post(
        f"/en/events/{event.pk}/edit/", edit_data(event, organizers=[others[2].pk])
    )

    assert response.status_code == 200
    assert "organizers" in response.context["form"].errors
    assert list(event.organizers.all()) == [others[0]]


@pytest.mark.django_db
def test_the_refusal_is_in_the_readers_language(event, organizer_client):
    response = organizer_client.post(
        f"/fa/events/{event.pk}/edit/", edit_data(event, add_organizers="nobody@example.org")
    )

    error = response.context["form"].errors["add_organizers"][0]
    assert "nobody@example.org" in error
    assert "No approved member" not in error


@pytest.mark.django_db
def test_speakers_are_added_by_address_and_shown_ticked_on_the_next_edit(
    event, organizer_client, others
):
    organizer_client.post(
        f"/en/events/{event.pk}/sessions/new/",
        session_data(add_speakers="samira@example.org, hamid@example.org"),
    )
    session = Session.objects.get(event=event)

    html = organizer_client.get(
        f"/en/events/{event.pk}/sessions/{session.pk}/edit/"
    ).content.decode()

    assert set(session.speakers.all()) == {others[1], others[2]}
    assert "Samira" in html
    assert "Parvin" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa"])
def test_an_address_in_an_error_keeps_its_digits_and_direction(
    event, organizer, organizer_client, language
):
    organizer.preferred_language = language
    organizer.save(update_fields=["preferred_language"])

    response = organizer_client.post(
        f"/{language}/events/{event.pk}/edit/", edit_data(event, add_organizers="nobody2@x.org")
    )

    html = response.content.decode()
    assert f"{LRI}nobody2@x.org{PDI}" in html
    assert "nobody٢" not in html
    assert "nobody۲" not in html


@pytest.mark.django_db
def test_a_session_without_member_speakers_shows_no_empty_speakers_heading(event, organizer_client):
    html = organizer_client.get(f"/en/events/{event.pk}/sessions/new/").content.decode()

    assert 'name="speakers"' not in html
    assert 'name="add_speakers"' in html


@pytest.mark.django_db
def test_a_refused_address_is_quoted_as_typed(event, organizer_client):
    response = organizer_client.post(
        f"/en/events/{event.pk}/edit/", edit_data(event, add_organizers="NoBody@Example.org")
    )

    assert response.context["form"].errors["add_organizers"] == [
        f"{NO_MEMBER}: {LRI}NoBody@Example.org{PDI}"
    ]
