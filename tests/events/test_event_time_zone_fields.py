"""The zone of a proposal or an event: it starts at the member's own, never at the list's first
entry, and reads as a place in the member's language."""

import pytest

from events.models import Proposal
from members.models import User
from tests.events.proposal_forms import proposal_form_data
from tests.factories import ApprovedMemberFactory, EventFactory, ProposalFactory
from tests.time_zone_select import zone_select


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "zone", "label", "most_used"),
    [
        ("ar", "Asia/Damascus", "دمشق (غرينتش\u200e+٠٣:٠٠)", "الأكثر استخدامًا"),
        ("fa", "Asia/Tehran", "تهران (\u200e+۰۳:۳۰ گرینویچ)", "پرکاربردترین‌ها"),
        ("en", "Europe/London", "London (GMT", "Most used"),
    ],
)
def test_new_proposal_starts_in_the_members_own_zone(client, language, zone, label, most_used):
    client.force_login(ApprovedMemberFactory(preferred_language=language, time_zone=zone))

    select = zone_select(client.get(f"/{language}/proposals/new/").content.decode())

    assert select.selected.value == zone
    assert select.selected.label.startswith(label)
    assert select.selected.group == most_used
    assert select.options[0].value == "Asia/Damascus"
    # The short list (members.time_zones): the rest only when asked for.
    assert "Africa/Abidjan" not in {option.value for option in select.options}
    assert select.options[-1].value == "all"


@pytest.mark.django_db
def test_new_proposal_of_a_member_without_a_known_zone_lets_the_browser_choose(client, member):
    User.objects.filter(pk=member.pk).update(time_zone="Nowhere/Nothing")
    client.force_login(member)

    select = zone_select(client.get("/en/proposals/new/").content.decode())

    assert select.selected.value == "UTC"
    assert select.attrs["data-detect-time-zone"] == "UTC"


@pytest.mark.django_db
def test_proposal_edit_shows_the_proposals_own_zone(client):
    member = ApprovedMemberFactory(preferred_language="fa", time_zone="Asia/Tehran")
    proposal = ProposalFactory(proposer=member, time_zone="Europe/Berlin")
    client.force_login(member)

    select = zone_select(client.get(f"/fa/proposals/{proposal.pk}/edit/").content.decode())

    assert select.selected.value == "Europe/Berlin"
    assert select.selected.label.startswith("برلین")
    assert "data-detect-time-zone" not in select.attrs


@pytest.mark.django_db
def test_event_edit_shows_the_events_own_zone_in_the_organizers_language(
    organizer_client, organizer
):
    User.objects.filter(pk=organizer.pk).update(preferred_language="ar", time_zone="Europe/Berlin")
    event = EventFactory(time_zone="Asia/Tehran")
    event.organizers.add(organizer)

    select = zone_select(organizer_client.get(f"/ar/events/{event.pk}/edit/").content.decode())

    assert (select.selected.value, select.selected.label) == (
        "Asia/Tehran",
        "طهران (غرينتش\u200e+٠٣:٣٠)",
    )


@pytest.mark.django_db
def test_proposal_zone_is_submitted_as_its_iana_id(client):
    member = ApprovedMemberFactory(preferred_language="fa", time_zone="Asia/Tehran")
    client.force_login(member)

    client.post("/fa/proposals/new/", proposal_form_data(time_zone="Asia/Damascus"))

    assert Proposal.objects.get().time_zone == "Asia/Damascus"


@pytest.mark.django_db
def test_proposal_with_an_unknown_zone_is_refused_in_persian(client):
    client.force_login(ApprovedMemberFactory(preferred_language="fa", time_zone="Asia/Tehran"))

    response = client.post("/fa/proposals/new/", proposal_form_data(time_zone="Mars/Base"))

    assert response.status_code == 200
    assert response.context["form"].errors["time_zone"] == [
        "«\u2066Mars/Base\u2069» منطقهٔ زمانی شناخته‌شده‌ای نیست. یکی را از فهرست انتخاب کنید."
    ]
    assert Proposal.objects.count() == 0


@pytest.mark.django_db
def test_skipped_time_is_refused_naming_the_zone_as_a_place(client):
    client.force_login(ApprovedMemberFactory(preferred_language="ar", time_zone="Asia/Damascus"))

    response = client.post(
        "/ar/proposals/new/",
        proposal_form_data(
            time_zone="Europe/Berlin", starts_at="2027-03-28T02:30", ends_at="2027-03-28T05:00"
        ),
    )

    [error] = response.context["form"].errors["starts_at"]
    assert "توقيت برلين" in error
    assert "Europe/Berlin" not in error
    assert Proposal.objects.count() == 0


@pytest.mark.django_db
def test_event_edit_asked_for_every_zone_keeps_the_events_own_chosen(organizer_client):
    from tests.events.test_event_changes import edit_data

    event = EventFactory(time_zone="Europe/Berlin")

    response = organizer_client.post(
        f"/en/events/{event.pk}/edit/", edit_data(event, time_zone="all")
    )

    select = zone_select(response.content.decode())
    assert response.status_code == 200
    assert select.selected.value == "Europe/Berlin"
    assert len(select.options) > 400
    event.refresh_from_db()
    assert event.time_zone == "Europe/Berlin"
