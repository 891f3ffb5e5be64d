from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from events.models import Proposal, ProposalComment
from tests.events.proposal_forms import proposal_form_data
from tests.factories import ProposalFactory, TopicFactory

STARTS_AT = datetime(2031, 1, 15, 14, 30, tzinfo=UTC)
ENDS_AT = datetime(2031, 1, 15, 17, 30, tzinfo=UTC)


def stored_fields(proposal: Proposal) -> dict:
    proposal.refresh_from_db()
    return {
        "titles": (proposal.title_ar, proposal.title_fa, proposal.title_en),
        "description_en": proposal.description_en,
        "starts_at": proposal.starts_at,
        "ends_at": proposal.ends_at,
        "time_zone": proposal.time_zone,
        "country": proposal.country,
        "languages": proposal.languages,
        "updated_at": proposal.updated_at,
    }


# Each case: the bad form data, the field the error is on (None: the whole form), the error.
BAD_PROPOSALS = {
    "end before start": (
        {"starts_at": "2031-01-15T18:00", "ends_at": "2031-01-15T17:59"},
        "ends_at",
        "The end must be after the start.",
    ),
    "end equal to start": (
        {"starts_at": "2031-01-15T18:00", "ends_at": "2031-01-15T18:00"},
        "ends_at",
        "The end must be after the start.",
    ),
    "unknown time zone": (
        {"time_zone": "Mars/Base"},
        "time_zone",
        "“\u2066Mars/Base\u2069” is not a time zone we know. Choose one from the list.",
    ),
    "no title": (
        {"title_ar": "", "title_fa": "   ", "title_en": ""},
        None,
        "Give a title in at least one language.",
    ),
    "description too long": (
        {"description_en": "x" * 20_001},
        "description_en",
        "Ensure this value has at most 20000 characters (it has 20001).",
    ),
    "start in the spring-forward gap": (
        {
            "time_zone": "Europe/Berlin",
            "starts_at": "2027-03-28T02:30",
            "ends_at": "2027-03-28T05:00",
        },
        "starts_at",
        "This time does not exist in Berlin Time: the clocks skip it. Choose a time an hour later.",
    ),
    "end in the spring-forward gap": (
        {
            "time_zone": "Europe/Berlin",
            "starts_at": "2027-03-28T01:00",
            "ends_at": "2027-03-28T02:15",
        },
        "ends_at",
        "This time does not exist in Berlin Time: the clocks skip it. Choose a time an hour later.",
    ),
    "no event language": (
        {"in_persian": None, "in_english": None},
        "in_arabic",
        "Choose at least one language the event is held in.",
    ),
    "unknown country": (
        {"country": "QQ"},
        "country",
        "Select a valid choice. QQ is not one of the available choices.",
    ),
    "region that is not a country": (
        {"country": "EU"},
        "country",
        "Select a valid choice. EU is not one of the available choices.",
    ),
    "unparseable start": (
        {"starts_at": "next Tuesday"},
        "starts_at",
        "Enter a valid date/time.",
    ),
    "unknown kind": (
        {"kind": "party"},
        "kind",
        "Select a valid choice. party is not one of the available choices.",
    ),
    "negative capacity": (
        {"expected_capacity": "-5"},
        "expected_capacity",
        "Ensure this value is greater than or equal to 0.",
    ),
    "javascript meeting link": (
        {"meeting_link": "javascript:alert(1)"},
        "meeting_link",
        "Enter a valid URL.",
    ),
}


BAD_PROPOSAL_PARAMS = [pytest.param(*case, id=name) for name, case in BAD_PROPOSALS.items()]


def form_errors(response) -> dict[str, list[str]]:
    return response.context["form"].errors


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "field", "error"), BAD_PROPOSAL_PARAMS)
def test_bad_new_proposal_is_refused_with_a_clear_error(member_client, overrides, field, error):
    response = member_client.post("/en/proposals/new/", proposal_form_data(**overrides))

    assert response.status_code == 200
    assert form_errors(response)[field or "__all__"] == [error]
    assert error in response.content.decode()
    assert Proposal.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "field", "error"), BAD_PROPOSAL_PARAMS)
def test_bad_edit_is_refused_and_the_draft_is_unchanged(
    member_client, member, overrides, field, error
):
    proposal = ProposalFactory(proposer=member, starts_at=STARTS_AT, ends_at=ENDS_AT)
    before = stored_fields(proposal)

    response = member_client.post(
        f"/en/proposals/{proposal.pk}/edit/", proposal_form_data(**overrides)
    )

    assert response.status_code == 200
    assert form_errors(response)[field or "__all__"] == [error]
    assert stored_fields(proposal) == before
    assert Proposal.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zone", "starts_at", "ends_at"),
    [
        ("America/New_York", "9999-12-31T22:00", "9999-12-31T23:59"),
        ("Asia/Tehran", "0001-01-01T00:00", "0001-01-01T01:00"),
    ],
)
def test_time_beyond_the_calendar_in_utc_is_refused(member_client, zone, starts_at, ends_at):
    response = member_client.post(
        "/en/proposals/new/",
        proposal_form_data(time_zone=zone, starts_at=starts_at, ends_at=ends_at),
    )

    assert response.status_code == 200
    assert "starts_at" in form_errors(response)
    assert Proposal.objects.count() == 0


@pytest.mark.django_db
def test_answer_deadline_beyond_the_calendar_in_utc_is_refused(organizer_client):
    proposal = ProposalFactory(state="under_review", time_zone="Asia/Tehran")

    response = organizer_client.post(
        f"/en/proposals/{proposal.pk}/accept/",
        {"visibility": "public", "rsvp_deadline": "0001-01-01T00:00"},
    )

    assert response.status_code == 200
    assert "rsvp_deadline" in form_errors(response)
    proposal.refresh_from_db()
    assert proposal.state == "under_review"
    assert proposal.event is None


@pytest.mark.django_db
def test_time_in_the_autumn_overlap_is_taken_as_the_first(member_client):
    # 02:30 happens twice in Berlin on 2027-10-31; the first one is still summer time (UTC+2).
    member_client.post(
        "/en/proposals/new/",
        proposal_form_data(
            time_zone="Europe/Berlin", starts_at="2027-10-31T02:30", ends_at="2027-10-31T05:00"
        ),
    )

    assert Proposal.objects.get().starts_at == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


@pytest.mark.django_db
def test_comment_over_five_thousand_characters_is_refused(member_client, member):
    proposal = ProposalFactory(proposer=member, state="submitted")

    response = member_client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "x" * 5_001})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Ensure this value has at most 5000 characters (it has 5001)." in html
    assert "x" * 5_001 + "</textarea>" in html  # the text is kept, to be shortened
    assert ProposalComment.objects.count() == 0


@pytest.mark.django_db
def test_comment_of_exactly_five_thousand_characters_is_posted(member_client, member):
    proposal = ProposalFactory(proposer=member, state="submitted")

    member_client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "x" * 5_000})

    assert len(ProposalComment.objects.get().body) == 5_000


@pytest.mark.django_db
def test_rejection_note_over_two_thousand_characters_is_refused(organizer_client):
    proposal = ProposalFactory(state="under_review")

    response = organizer_client.post(
        f"/en/proposals/{proposal.pk}/reject/", {"note": "x" * 2_001, "confirmed": "1"}
    )

    assert response.status_code == 400
    assert form_errors(response) == {"note": ["The note is too long: at most 2000 characters."]}
    proposal.refresh_from_db()
    assert proposal.state == "under_review"
    assert proposal.decided_by is None
    assert proposal.decided_at is None
    assert proposal.decision_note == ""


@pytest.mark.django_db
def test_acceptance_note_over_two_thousand_characters_is_refused(organizer_client):
    proposal = ProposalFactory(state="under_review")

    response = organizer_client.post(
        f"/en/proposals/{proposal.pk}/accept/", {"visibility": "public", "note": "x" * 2_001}
    )

    assert response.status_code == 200
    assert form_errors(response) == {
        "note": ["Ensure this value has at most 2000 characters (it has 2001)."]
    }
    proposal.refresh_from_db()
    assert proposal.state == "under_review"
    assert proposal.event is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        (
            {"visibility": "secret"},
            "visibility",
            "Select a valid choice. secret is not one of the available choices.",
        ),
        (
            {"visibility": "public", "capacity": "-1"},
            "capacity",
            "Ensure this value is greater than or equal to 0.",
        ),
        (
            {"visibility": "public", "rsvp_deadline": "tomorrow"},
            "rsvp_deadline",
            "Enter a valid date/time.",
        ),
    ],
)
def test_bad_acceptance_is_refused(organizer_client, data, field, error):
    proposal = ProposalFactory(state="under_review")

    response = organizer_client.post(f"/en/proposals/{proposal.pk}/accept/", data)

    assert response.status_code == 200
    assert form_errors(response) == {field: [error]}
    proposal.refresh_from_db()
    assert proposal.state == "under_review"
    assert proposal.event is None


@pytest.mark.django_db
def test_unknown_proposal_is_not_found(member_client):
    assert member_client.get("/en/proposals/999999/").status_code == 404


# Whatever is posted, the form answers with errors or saves: never a 500.

FIELD_NAMES = [
    "kind", "title_ar", "title_fa", "title_en", "description_ar", "description_fa",
    "description_en", "starts_at", "ends_at", "time_zone", "modality", "venue", "city",
    "country", "meeting_link", "in_arabic", "in_persian", "in_english", "interpretation_ar",
    "interpretation_fa", "interpretation_en", "topics", "expected_capacity", "co_proposers",
    "co_proposers_shown",
]  # fmt: skip
JUNK_KEYS = ["", "title", "state", "proposer", "event", "decided_by", "id", "pk", "🙂", "x" * 300]
ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\u200f",  # right-to-left mark
        "\u202e",  # right-to-left override
        "\x00",
        "\ufeff",
        "٢٠٣١-٠١-١٥T١٨:٠٠",
        "۲۰۳۱-۰۱-۱۵T۱۸:۰۰",
        "2031-01-15T18:00",
        "2031-01-15T18:00+05:00",
        "0001-01-01T00:00",
        "9999-12-31T23:00",
        "2999-12-31T23:59",
        "1900-01-01T00:00",
        "2027-03-28T02:30",
        "Asia/Tehran",
        "Mars/Base",
        "../../etc/passwd",
        "IQ",
        "iq",
        "on",
        "conference",
        "hybrid",
        "javascript:alert(1)",
        "https://",
        "<script>alert(1)</script>",
        "-1",
        "2147483648",
        "1e309",
        "x" * 20_001,
        "ب" * 70_000,
    ]
)
FIELD_VALUE = st.one_of(
    st.text(max_size=300),
    ODD_TEXT,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.booleans(),
    st.lists(st.one_of(st.integers(min_value=-(2**40), max_value=2**40), ODD_TEXT), max_size=4),
)
FORM_DATA = st.dictionaries(
    keys=st.one_of(st.sampled_from(FIELD_NAMES), st.sampled_from(JUNK_KEYS), st.text(max_size=20)),
    values=FIELD_VALUE,
    max_size=len(FIELD_NAMES) + 4,
)


@pytest.fixture
def topic(db):
    return TopicFactory()


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(overrides=FORM_DATA, start_from_valid=st.booleans())
@example(overrides={"time_zone": "Mars/Base"}, start_from_valid=True)
@example(overrides={"title_en": "", "title_fa": "", "title_ar": ""}, start_from_valid=True)
def test_any_posted_proposal_form_gets_errors_or_a_draft_never_a_500(
    member_client, member, topic, overrides, start_from_valid
):
    cache.clear()  # each example starts afresh under the abuse limit (test_abuse_limits.py)
    base = proposal_form_data(topics=[topic.pk]) if start_from_valid else {}
    count_before = Proposal.objects.count()

    response = member_client.post("/en/proposals/new/", base | overrides)

    assert response.status_code in (200, 302)
    if response.status_code == 302:
        proposal = Proposal.objects.latest("pk")
        assert Proposal.objects.count() == count_before + 1
        assert response["Location"] == f"/en/proposals/{proposal.pk}/"
        assert proposal.proposer == member
        assert proposal.state == "draft"
        assert proposal.ends_at > proposal.starts_at
    else:
        assert response.context["form"].errors
        assert Proposal.objects.count() == count_before
