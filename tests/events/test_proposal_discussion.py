"""Members discuss proposals open for discussion; organizers hide comments; notices follow."""

from datetime import UTC, datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.errors import ProposalRefused
from events.models import ProposalComment
from events.services.proposals import (
    proposal_comment,
    proposal_comment_hide,
    proposal_comment_unhide,
)
from members.selectors import member_data_export
from notifications.enums import DeliveryStatus, NoticeKind
from notifications.models import Delivery
from notifications.services.notices import notice_proposal_commented
from tests.factories import ApprovedMemberFactory, MemberFactory, OrganizerFactory, ProposalFactory

DECIDED_AT = datetime(2030, 12, 2, tzinfo=UTC)
CLOSED_SENTENCES = {
    "accepted": "Comments are closed: this proposal has been accepted.",
    "rejected": "Comments are closed: this proposal has been rejected.",
    "withdrawn": "Comments are closed: this proposal has been withdrawn.",
}
NOT_APPROVED = "Only approved members can comment. Your membership is not approved yet."


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def open_proposal(**overrides):
    fields = {"state": "submitted", "submitted_at": datetime(2030, 12, 1, tzinfo=UTC)}
    return ProposalFactory(**(fields | overrides))


def closed_proposal(state: str, **overrides):
    decided = {"decided_at": DECIDED_AT} if state in ("accepted", "rejected") else {}
    return open_proposal(state=state, **decided, **overrides)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def comment_by(author, proposal, body: str, **fields) -> ProposalComment:
    return ProposalComment.objects.create(proposal=proposal, author=author, body=body, **fields)


def hidden_comment(proposal, author, organizer, body: str = "Off topic") -> ProposalComment:
    return comment_by(
        author, proposal, body, hidden_by=organizer, hidden_at=datetime(2030, 12, 3, tzinfo=UTC)
    )


def shown_bodies(response) -> list[str]:
    return [comment.body for comment in response.context["comments"]]


# Who may comment


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["submitted", "under_review"])
def test_member_comments_on_someone_elses_open_proposal(member_client, member, state):
    proposal = open_proposal(state=state)

    response = member_client.post(
        f"/en/proposals/{proposal.pk}/comment/", {"body": "  I can host it in Erbil.  "}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/en/proposals/{proposal.pk}/"
    assert messages_of(response) == ["Your comment is posted."]
    assert list(proposal.comments.values_list("author", "body", "visible_to_members")) == [
        (member.pk, "I can host it in Erbil.", True)
    ]


@pytest.mark.django_db
def test_other_members_read_a_members_comment_and_see_the_box(member_client, member):
    proposal = open_proposal()
    comment_by(member, proposal, "I can host it.")
    reader = signed_in(ApprovedMemberFactory())

    response = reader.get(f"/en/proposals/{proposal.pk}/")

    html = response.content.decode()
    assert shown_bodies(response) == ["I can host it."]
    assert "<p>I can host it.</p>" in html
    assert "(1 comment)" in html
    assert f'action="/en/proposals/{proposal.pk}/comment/"' in html
    assert response.context["comment_refusal"] == ""


@pytest.mark.django_db
def test_pending_member_cannot_comment_on_a_proposal_they_cannot_see(client, pending_member):
    proposal = open_proposal()
    client.force_login(pending_member)

    response = client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "Hello"})

    assert response.status_code == 404
    assert ProposalComment.objects.count() == 0


@pytest.mark.django_db
def test_pending_co_proposer_sees_why_there_is_no_comment_box(client):
    pending = MemberFactory()
    proposal = open_proposal()
    proposal.co_proposers.add(pending)
    client.force_login(pending)

    page = client.get(f"/en/proposals/{proposal.pk}/")
    response = client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "Hello"})

    html = page.content.decode()
    assert page.status_code == 200
    assert f'<p class="alert alert-light border" id="comment-closed">{NOT_APPROVED}</p>' in html
    assert f'action="/en/proposals/{proposal.pk}/comment/"' not in html
    assert response.status_code == 302
    assert messages_of(response) == [NOT_APPROVED]
    assert ProposalComment.objects.count() == 0


@pytest.mark.django_db
def test_pending_co_proposer_is_told_why_in_persian(client):
    pending = MemberFactory(preferred_language="fa")
    proposal = open_proposal()
    proposal.co_proposers.add(pending)
    client.force_login(pending)

    html = client.get(f"/fa/proposals/{proposal.pk}/").content.decode()

    assert "فقط اعضای تأییدشده می‌توانند نظر بدهند. عضویت شما هنوز تأیید نشده است." in html


@pytest.mark.django_db
def test_stranger_is_sent_to_sign_in_and_nothing_is_posted(client):
    proposal = open_proposal()

    response = client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "Hello"})

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert ProposalComment.objects.count() == 0


@pytest.mark.django_db
def test_accepted_proposal_shows_its_discussion_but_refuses_new_comments(member_client, member):
    proposal = closed_proposal("accepted")
    comment_by(ApprovedMemberFactory(), proposal, "Great idea.")

    page = member_client.get(f"/en/proposals/{proposal.pk}/")
    response = member_client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "Late"})

    html = page.content.decode()
    assert shown_bodies(page) == ["Great idea."]
    assert CLOSED_SENTENCES["accepted"] in html
    assert f'action="/en/proposals/{proposal.pk}/comment/"' not in html
    assert response.status_code == 302
    assert messages_of(response) == [CLOSED_SENTENCES["accepted"]]
    assert list(proposal.comments.values_list("body", flat=True)) == ["Great idea."]


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["rejected", "withdrawn"])
def test_proposer_cannot_comment_once_the_proposal_is_closed(member_client, member, state):
    proposal = closed_proposal(state, proposer=member)

    page = member_client.get(f"/en/proposals/{proposal.pk}/")
    response = member_client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "Why?"})

    assert CLOSED_SENTENCES[state] in page.content.decode()
    assert messages_of(response) == [CLOSED_SENTENCES[state]]
    assert ProposalComment.objects.count() == 0


@pytest.mark.django_db
def test_closed_discussion_is_explained_in_arabic(client):
    reader = ApprovedMemberFactory(preferred_language="ar")
    proposal = closed_proposal("accepted")
    client.force_login(reader)

    html = client.get(f"/ar/proposals/{proposal.pk}/").content.decode()

    assert "أُغلق باب التعليقات: تمّت الموافقة على هذا المقترح." in html


@pytest.mark.django_db
def test_service_refuses_a_comment_after_the_decision(member, organizer):
    proposal = closed_proposal("rejected", proposer=member, decided_by=organizer)

    with translation.override("en"), pytest.raises(ProposalRefused, match="has been rejected"):
        proposal_comment(proposal=proposal, author=member, body="Too late")

    assert ProposalComment.objects.count() == 0


@pytest.mark.django_db
def test_service_refuses_a_member_who_cannot_see_the_proposal(pending_member):
    proposal = open_proposal()

    with translation.override("en"), pytest.raises(ProposalRefused, match="cannot see"):
        proposal_comment(proposal=proposal, author=pending_member, body="Hello")

    assert ProposalComment.objects.count() == 0


# Bad input


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        "\u200b\u200b",  # zero-width spaces
        "\u200c",  # a lone zero-width non-joiner
        "\u064e\u0650",  # harakat with no letter
        "\u2800\u3164",  # blank Braille pattern, Hangul filler
    ],
)
def test_comment_of_only_invisible_characters_is_refused(member_client, body):
    proposal = open_proposal()

    response = member_client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": body})

    assert response.status_code == 400
    assert response.context["comment_form"].errors == {
        "body": ["This comment shows nothing: it has only spaces or invisible characters."]
    }
    assert ProposalComment.objects.count() == 0


@pytest.mark.django_db
def test_invisible_comment_is_refused_in_persian(client):
    reader = ApprovedMemberFactory(preferred_language="fa")
    proposal = open_proposal()
    client.force_login(reader)

    response = client.post(f"/fa/proposals/{proposal.pk}/comment/", {"body": "\u200c\u200b"})

    assert response.status_code == 400
    assert "این نظر چیزی نشان نمی‌دهد" in response.content.decode()
    assert ProposalComment.objects.count() == 0


@pytest.mark.django_db
def test_persian_comment_with_a_zero_width_non_joiner_inside_is_kept_whole(member_client):
    proposal = open_proposal()

    member_client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "می\u200cآیم"})

    assert ProposalComment.objects.get().body == "می\u200cآیم"


@pytest.mark.django_db
def test_members_comment_past_the_rate_limit_is_refused(member_client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": (1, 3600)}
    proposal = open_proposal()
    member_client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "First."})

    response = member_client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "Second."})

    assert response.status_code == 429
    assert "Second.</textarea>" in response.content.decode()
    assert list(ProposalComment.objects.values_list("body", flat=True)) == ["First."]


@pytest.mark.django_db
def test_database_refuses_an_empty_comment(member):
    proposal = open_proposal()

    with pytest.raises(IntegrityError, match="body_not_empty"), transaction.atomic():
        ProposalComment.objects.create(proposal=proposal, author=member, body="")


# Notices


@pytest.fixture
def people():
    """A Persian proposer, an Arabic co-proposer, two organizers and an English commenter."""
    proposer = ApprovedMemberFactory(preferred_language="fa")
    co_proposer = ApprovedMemberFactory(preferred_language="ar")
    proposal = open_proposal(proposer=proposer, title_fa="کنفرانس همبستگی", title_ar="مؤتمر")
    proposal.co_proposers.add(co_proposer)
    return {
        "proposal": proposal,
        "proposer": proposer,
        "co_proposer": co_proposer,
        "organizer": OrganizerFactory(preferred_language="en"),
        "organizer_ar": OrganizerFactory(preferred_language="ar"),
        "commenter": ApprovedMemberFactory(preferred_language="en"),
    }


@pytest.mark.django_db
def test_a_members_comment_reaches_proposers_and_organizers_once_in_their_language(
    client, people, django_capture_on_commit_callbacks
):
    proposal = people["proposal"]
    client.force_login(people["commenter"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "I can host it."})

    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert len(mail.outbox) == 4
    assert subjects == {
        people["proposer"].email: "نظر جدید دربارهٔ «کنفرانس همبستگی»",
        people["co_proposer"].email: "تعليق جديد على «مؤتمر»",
        people["organizer"].email: f"New comment on “{proposal.title_en}”",
        people["organizer_ar"].email: "تعليق جديد على «مؤتمر»",
    }
    assert all("I can host it." in message.body for message in mail.outbox)


@pytest.mark.django_db
def test_a_second_announcement_of_the_same_comment_sends_nothing_more(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = proposal_comment(
            proposal=people["proposal"], author=people["commenter"], body="Hello"
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert notice_proposal_commented(comment_id=comment.pk) == []

    assert len(mail.outbox) == 4
    assert Delivery.objects.filter(kind=NoticeKind.PROPOSAL_COMMENT).count() == 4


@pytest.mark.django_db
def test_proposers_comment_reaches_the_co_proposer_and_organizers_but_not_its_author(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal_comment(proposal=people["proposal"], author=people["proposer"], body="Update")

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [people["co_proposer"].email, people["organizer"].email, people["organizer_ar"].email]
    )


@pytest.mark.django_db
def test_a_proposer_who_turned_notices_off_gets_no_comment_mail(
    people, django_capture_on_commit_callbacks
):
    people["proposer"].email_notices = False
    people["proposer"].save()

    with django_capture_on_commit_callbacks(execute=True):
        proposal_comment(proposal=people["proposal"], author=people["commenter"], body="Hello")

    assert people["proposer"].email not in [message.to[0] for message in mail.outbox]
    assert len(mail.outbox) == 3
    assert Delivery.objects.get(recipient=people["proposer"]).status == DeliveryStatus.SKIPPED


@pytest.mark.django_db
def test_a_comment_hidden_before_its_notices_went_out_is_not_mailed(
    people, django_capture_on_commit_callbacks
):
    comment = proposal_comment(proposal=people["proposal"], author=people["commenter"], body="Spam")
    proposal_comment_hide(comment=comment, organizer=people["organizer"])

    with django_capture_on_commit_callbacks(execute=True):
        notice_proposal_commented(comment_id=comment.pk)

    assert mail.outbox == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SKIPPED}


# Hiding


@pytest.mark.django_db
def test_organizer_hides_a_comment_and_who_and_when_are_kept(organizer_client, organizer):
    proposal = open_proposal()
    comment = comment_by(ApprovedMemberFactory(), proposal, "Off topic")

    response = organizer_client.post(f"/en/proposals/{proposal.pk}/comments/{comment.pk}/hide/")

    comment.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/en/proposals/{proposal.pk}/#comment-{comment.pk}"
    assert messages_of(response) == [
        "The comment is hidden. Only its author and the organizers see it now."
    ]
    assert comment.hidden_by == organizer
    assert comment.hidden_at is not None


@pytest.mark.django_db
def test_hiding_twice_keeps_the_first_organizer_on_record(organizer):
    proposal = open_proposal()
    comment = hidden_comment(proposal, ApprovedMemberFactory(), organizer)

    proposal_comment_hide(comment=comment, organizer=OrganizerFactory())

    comment.refresh_from_db()
    assert (comment.hidden_by, comment.hidden_at) == (organizer, datetime(2030, 12, 3, tzinfo=UTC))


@pytest.mark.django_db
def test_organizer_shows_a_hidden_comment_again(organizer_client, organizer):
    proposal = open_proposal()
    comment = hidden_comment(proposal, ApprovedMemberFactory(), organizer)
    reader = signed_in(ApprovedMemberFactory())

    response = organizer_client.post(f"/en/proposals/{proposal.pk}/comments/{comment.pk}/unhide/")

    comment.refresh_from_db()
    assert messages_of(response) == ["The comment is shown to members again."]
    assert (comment.hidden_by, comment.hidden_at) == (None, None)
    assert shown_bodies(reader.get(f"/en/proposals/{proposal.pk}/")) == ["Off topic"]


@pytest.mark.django_db
def test_hidden_comment_is_seen_only_by_its_author_and_the_organizers(organizer):
    proposal = open_proposal()
    author = ApprovedMemberFactory()
    comment_by(ApprovedMemberFactory(), proposal, "On topic")
    hidden_comment(proposal, author, organizer)
    path = f"/en/proposals/{proposal.pk}/"

    seen = {
        role: signed_in(user).get(path)
        for role, user in {
            "author": author,
            "proposer": proposal.proposer,
            "other": ApprovedMemberFactory(),
            "organizer": organizer,
        }.items()
    }

    assert {role: shown_bodies(response) for role, response in seen.items()} == {
        "author": ["On topic", "Off topic"],
        "proposer": ["On topic"],
        "other": ["On topic"],
        "organizer": ["On topic", "Off topic"],
    }
    assert "(2 comments)" in seen["author"].content.decode()
    assert "(1 comment)" in seen["other"].content.decode()
    assert "(1 comment)" in seen["proposer"].content.decode()
    assert "(2 comments)" in seen["organizer"].content.decode()
    for role in ("author", "organizer"):
        assert "Hidden by organizers" in seen[role].content.decode()
    for role in ("proposer", "other"):
        html = seen[role].content.decode()
        assert "Off topic" not in html
        assert "Hidden by organizers" not in html


@pytest.mark.django_db
def test_author_is_told_others_no_longer_see_the_hidden_comment(client, organizer):
    proposal = open_proposal()
    author = ApprovedMemberFactory()
    hidden_comment(proposal, author, organizer)
    client.force_login(author)

    html = client.get(f"/en/proposals/{proposal.pk}/").content.decode()

    assert "Other members no longer see this comment; you and the organizers still do." in html
    assert "/hide/" not in html
    assert "/unhide/" not in html


@pytest.mark.django_db
def test_organizer_sees_who_hid_the_comment_and_the_show_button(organizer_client, organizer):
    proposal = open_proposal()
    comment = hidden_comment(proposal, ApprovedMemberFactory(), organizer)
    shown = comment_by(ApprovedMemberFactory(), proposal, "On topic")

    html = organizer_client.get(f"/en/proposals/{proposal.pk}/").content.decode()

    assert f"Hidden by <bdi>{organizer.display_name}</bdi>" in html
    assert f'action="/en/proposals/{proposal.pk}/comments/{comment.pk}/unhide/"' in html
    assert f'action="/en/proposals/{proposal.pk}/comments/{shown.pk}/hide/"' in html


@pytest.mark.django_db
def test_hidden_mark_is_translated_for_an_arabic_author(client, organizer):
    proposal = open_proposal()
    author = ApprovedMemberFactory(preferred_language="ar")
    hidden_comment(proposal, author, organizer)
    client.force_login(author)

    html = client.get(f"/ar/proposals/{proposal.pk}/").content.decode()

    assert "أخفاه المنظِّمون" in html


@pytest.mark.django_db
def test_members_pending_members_and_strangers_cannot_hide_or_show_comments(
    client, member, pending_member, organizer
):
    proposal = open_proposal()
    shown = comment_by(member, proposal, "Mine")
    hidden = hidden_comment(proposal, member, organizer)
    hide = f"/en/proposals/{proposal.pk}/comments/{shown.pk}/hide/"
    unhide = f"/en/proposals/{proposal.pk}/comments/{hidden.pk}/unhide/"

    answers = {}
    for role, user in {"member": member, "pending": pending_member, "stranger": None}.items():
        visitor = signed_in(user) if user else Client()
        answers[role] = (visitor.post(hide), visitor.post(unhide))

    assert [(h.status_code, u.status_code) for h, u in answers.values()] == [
        (403, 403),
        (403, 403),
        (302, 302),
    ]
    assert all(
        response["Location"].startswith("/en/accounts/login/") for response in answers["stranger"]
    )
    shown.refresh_from_db()
    hidden.refresh_from_db()
    assert (shown.hidden_at, hidden.hidden_by) == (None, organizer)


@pytest.mark.django_db
def test_organizer_without_two_factor_is_sent_to_set_it_up_and_hides_nothing(client, member):
    proposal = open_proposal()
    comment = comment_by(member, proposal, "Mine")
    client.force_login(OrganizerFactory(mfa=False))

    response = client.post(f"/en/proposals/{proposal.pk}/comments/{comment.pk}/hide/")

    comment.refresh_from_db()
    assert response["Location"].startswith("/en/accounts/2fa/totp/activate")
    assert comment.hidden_at is None


@pytest.mark.django_db
def test_service_refuses_to_hide_for_a_member(member):
    comment = comment_by(member, open_proposal(), "Mine")

    with translation.override("en"), pytest.raises(ProposalRefused, match="Only organizers"):
        proposal_comment_hide(comment=comment, organizer=member)
    with translation.override("en"), pytest.raises(ProposalRefused, match="Only organizers"):
        proposal_comment_unhide(comment=comment, organizer=member)


@pytest.mark.django_db
def test_hiding_a_comment_through_another_proposals_address_is_not_found(organizer_client):
    comment = comment_by(ApprovedMemberFactory(), open_proposal(), "Elsewhere")
    other = open_proposal()

    response = organizer_client.post(f"/en/proposals/{other.pk}/comments/{comment.pk}/hide/")

    comment.refresh_from_db()
    assert response.status_code == 404
    assert comment.hidden_at is None


@pytest.mark.django_db
def test_hide_requires_post(organizer_client):
    comment = comment_by(ApprovedMemberFactory(), open_proposal(), "Hello")

    response = organizer_client.get(
        f"/en/proposals/{comment.proposal_id}/comments/{comment.pk}/hide/"
    )

    comment.refresh_from_db()
    assert response.status_code == 405
    assert comment.hidden_at is None


@pytest.mark.django_db
def test_database_refuses_hidden_by_without_hidden_at(member, organizer):
    proposal = open_proposal()

    with pytest.raises(IntegrityError, match="hidden_by_and_at_together"), transaction.atomic():
        comment_by(member, proposal, "Hello", hidden_by=organizer)


@pytest.mark.django_db
def test_database_refuses_hidden_at_without_hidden_by(member):
    proposal = open_proposal()

    with pytest.raises(IntegrityError, match="hidden_by_and_at_together"), transaction.atomic():
        comment_by(member, proposal, "Hello", hidden_at=DECIDED_AT)


# Comments from before members could comment


@pytest.mark.django_db
def test_earlier_comments_stay_between_proposers_and_organizers(organizer):
    proposal = open_proposal()
    comment_by(organizer, proposal, "Internal remark", visible_to_members=False)
    comment_by(ApprovedMemberFactory(), proposal, "Public remark")
    path = f"/en/proposals/{proposal.pk}/"

    proposer_page = signed_in(proposal.proposer).get(path)
    other_page = signed_in(ApprovedMemberFactory()).get(path)

    assert shown_bodies(proposer_page) == ["Internal remark", "Public remark"]
    assert "Seen only by the proposers and organizers" in proposer_page.content.decode()
    assert shown_bodies(other_page) == ["Public remark"]
    assert "Internal remark" not in other_page.content.decode()


# The rest of the page says why an action is missing


@pytest.mark.django_db
def test_proposer_is_told_why_there_is_no_endorse_button(member_client, member):
    proposal = open_proposal(proposer=member)

    response = member_client.get(f"/en/proposals/{proposal.pk}/")

    html = response.content.decode()
    assert "You cannot endorse your own proposal." in html
    assert f'action="/en/proposals/{proposal.pk}/endorse/"' not in html


@pytest.mark.django_db
def test_member_is_told_why_an_accepted_proposal_has_no_endorse_button(member_client):
    proposal = closed_proposal("accepted")

    html = member_client.get(f"/en/proposals/{proposal.pk}/").content.decode()

    assert "Only a submitted proposal can be endorsed." in html
    assert f'action="/en/proposals/{proposal.pk}/endorse/"' not in html


# Data download


@pytest.mark.django_db
def test_members_data_holds_their_comments_on_others_proposals(member, organizer):
    proposal = open_proposal(title_en="Joint rally")
    comment_by(member, proposal, "Count me in")
    comment_by(ApprovedMemberFactory(), proposal, "Not mine")

    data = member_data_export(member=member)

    assert [
        (c["proposal"], c["body"], c["hidden_by_organizers"]) for c in data["proposal_comments"]
    ] == [("Joint rally", "Count me in", False)]


# Queries


def _page_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["member", "organizer"])
def test_proposal_page_queries_do_not_grow_with_its_comments(
    role, member, organizer, django_assert_max_num_queries
):
    visitor = signed_in(member if role == "member" else organizer)
    few, many = open_proposal(), open_proposal()
    comment_by(ApprovedMemberFactory(), few, "Only one")
    for number in range(30):
        author = ApprovedMemberFactory()
        if number % 3:
            comment_by(author, many, f"Comment {number}")
        else:
            hidden_comment(many, author, OrganizerFactory(), f"Hidden {number}")
    _page_queries(visitor, f"/en/proposals/{few.pk}/")  # the session and caches warm up
    with_one = _page_queries(visitor, f"/en/proposals/{few.pk}/")

    with django_assert_max_num_queries(with_one):
        response = visitor.get(f"/en/proposals/{many.pk}/")

    assert len(response.context["comments"]) == (30 if role == "organizer" else 20)


@pytest.mark.django_db
def test_pending_member_is_told_why_there_is_no_propose_button(client, pending_member):
    client.force_login(pending_member)

    html = client.get("/en/proposals/").content.decode()

    assert "Only approved members can propose events." in html
    assert 'href="/en/proposals/new/"' not in html


@pytest.mark.django_db
def test_an_organizers_comment_is_marked_and_a_member_taking_their_name_is_not(client):
    proposal = ProposalFactory(state="submitted")
    organizer = OrganizerFactory(display_name="Sam", preferred_language="fa")
    lookalike = ApprovedMemberFactory(display_name="Sam", preferred_language="fa")
    ProposalComment.objects.create(proposal=proposal, author=organizer, body="From the team")
    ProposalComment.objects.create(proposal=proposal, author=lookalike, body="Send me passports")
    client.force_login(ApprovedMemberFactory(preferred_language="fa"))

    html = client.get(f"/fa/proposals/{proposal.pk}/").content.decode()

    badge = '<span class="badge text-bg-primary">سازمان‌دهنده</span>'
    assert html.count(badge) == 1
    assert html.index(badge) < html.index("From the team") < html.index("Send me passports")
