from datetime import UTC, datetime

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.test import Client

from events.models import Endorsement, ProposalComment
from events.signals import proposal_commented
from tests.factories import ApprovedMemberFactory, OrganizerFactory, ProposalFactory

DISCUSSION_HEADING = "Discussion"


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def open_proposal(**overrides):
    fields = {"state": "submitted", "submitted_at": datetime(2030, 12, 1, tzinfo=UTC)}
    return ProposalFactory(**(fields | overrides))


# Endorsements


@pytest.mark.django_db
def test_member_endorses_a_submitted_proposal(member_client, member):
    proposal = open_proposal()

    response = member_client.post(f"/en/proposals/{proposal.pk}/endorse/")

    assert response.status_code == 302
    assert response["Location"] == f"/en/proposals/{proposal.pk}/"
    assert messages_of(response) == ["Thank you for endorsing this proposal."]
    assert list(Endorsement.objects.values_list("proposal", "member")) == [(proposal.pk, member.pk)]


@pytest.mark.django_db
def test_member_may_endorse_a_proposal_under_review(member_client):
    proposal = open_proposal(state="under_review")

    member_client.post(f"/en/proposals/{proposal.pk}/endorse/")

    assert proposal.endorsements.count() == 1


@pytest.mark.django_db
def test_endorsing_twice_keeps_one_endorsement(member_client, member):
    proposal = open_proposal()

    member_client.post(f"/en/proposals/{proposal.pk}/endorse/")
    member_client.post(f"/en/proposals/{proposal.pk}/endorse/")

    assert Endorsement.objects.filter(proposal=proposal, member=member).count() == 1


@pytest.mark.django_db
def test_database_refuses_a_second_endorsement_by_the_same_member(member):
    proposal = open_proposal()
    Endorsement.objects.create(proposal=proposal, member=member)

    with pytest.raises(IntegrityError, match="endorsement_once"), transaction.atomic():
        Endorsement.objects.create(proposal=proposal, member=member)

    assert Endorsement.objects.filter(proposal=proposal, member=member).count() == 1


@pytest.mark.django_db
def test_member_withdraws_the_endorsement(member_client, member):
    proposal = open_proposal()
    other = Endorsement.objects.create(proposal=proposal, member=ApprovedMemberFactory())
    member_client.post(f"/en/proposals/{proposal.pk}/endorse/")

    response = member_client.post(f"/en/proposals/{proposal.pk}/endorse/", {"withdraw": "1"})

    assert response.status_code == 302
    assert messages_of(response)[-1] == "Your endorsement is withdrawn."
    assert list(proposal.endorsements.all()) == [other]


@pytest.mark.django_db
def test_endorsement_count_shows_on_the_page(member_client):
    proposal = open_proposal()
    for endorser in ApprovedMemberFactory.create_batch(3):
        Endorsement.objects.create(proposal=proposal, member=endorser)

    response = member_client.get(f"/en/proposals/{proposal.pk}/")

    assert response.context["endorsement_count"] == 3
    assert '<p class="display-6">3</p>' in response.content.decode()


@pytest.mark.django_db
def test_endorsement_count_shows_in_persian_digits_on_the_persian_page(member_client, member):
    member.preferred_language = "fa"
    member.save()
    proposal = open_proposal()
    for endorser in ApprovedMemberFactory.create_batch(3):
        Endorsement.objects.create(proposal=proposal, member=endorser)

    response = member_client.get(f"/fa/proposals/{proposal.pk}/")

    assert '<p class="display-6">۳</p>' in response.content.decode()


@pytest.mark.django_db
def test_page_offers_withdrawal_once_endorsed(member_client, member):
    proposal = open_proposal()

    before = member_client.get(f"/en/proposals/{proposal.pk}/").content.decode()
    Endorsement.objects.create(proposal=proposal, member=member)
    after = member_client.get(f"/en/proposals/{proposal.pk}/").content.decode()

    assert "Endorse this proposal" in before
    assert "Withdraw my endorsement" not in before
    assert 'name="withdraw" value="1"' in after
    assert "Endorse this proposal" not in after


@pytest.mark.django_db
def test_other_member_cannot_endorse_a_draft(member_client):
    proposal = ProposalFactory(state="draft")

    response = member_client.post(f"/en/proposals/{proposal.pk}/endorse/")

    assert response.status_code == 404
    assert Endorsement.objects.count() == 0


@pytest.mark.django_db
def test_proposer_cannot_endorse_own_draft(member_client, member):
    proposal = ProposalFactory(proposer=member, state="draft")

    response = member_client.post(f"/en/proposals/{proposal.pk}/endorse/")

    assert response.status_code == 302
    assert messages_of(response) == ["Only a submitted proposal can be endorsed."]
    assert Endorsement.objects.count() == 0


@pytest.mark.django_db
def test_proposer_cannot_endorse_own_submitted_proposal(member_client, member):
    proposal = open_proposal(proposer=member)

    member_client.post(f"/en/proposals/{proposal.pk}/endorse/")

    assert Endorsement.objects.count() == 0


@pytest.mark.django_db
def test_accepted_proposal_cannot_be_endorsed(member_client, organizer):
    proposal = open_proposal(
        state="accepted", decided_by=organizer, decided_at=datetime(2030, 12, 2, tzinfo=UTC)
    )

    response = member_client.post(f"/en/proposals/{proposal.pk}/endorse/")

    assert messages_of(response) == ["Only a submitted proposal can be endorsed."]
    assert Endorsement.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["withdrawn", "rejected"])
def test_closed_proposal_is_hidden_from_other_members(member_client, state):
    proposal = open_proposal(state=state, decided_at=datetime(2030, 12, 2, tzinfo=UTC))

    assert member_client.get(f"/en/proposals/{proposal.pk}/").status_code == 404
    assert member_client.post(f"/en/proposals/{proposal.pk}/endorse/").status_code == 404
    assert Endorsement.objects.count() == 0


@pytest.mark.django_db
def test_pending_member_cannot_endorse(client, pending_member):
    proposal = open_proposal()
    client.force_login(pending_member)

    response = client.post(f"/en/proposals/{proposal.pk}/endorse/")

    assert response.status_code == 403
    assert Endorsement.objects.count() == 0


@pytest.mark.django_db
def test_pending_member_cannot_see_a_submitted_proposal(client, pending_member):
    proposal = open_proposal()
    client.force_login(pending_member)

    assert client.get(f"/en/proposals/{proposal.pk}/").status_code == 404


@pytest.mark.django_db
def test_endorse_requires_post(member_client):
    proposal = open_proposal()

    response = member_client.get(f"/en/proposals/{proposal.pk}/endorse/")

    assert response.status_code == 405
    assert Endorsement.objects.count() == 0


# Comments


@pytest.mark.django_db
def test_proposer_comments_on_a_submitted_proposal(
    member_client, member, django_capture_on_commit_callbacks
):
    proposal = open_proposal(proposer=member)
    announced = []

    def on_commented(sender, comment_id, **kwargs):
        announced.append(comment_id)

    proposal_commented.connect(on_commented)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = member_client.post(
                f"/en/proposals/{proposal.pk}/comment/", {"body": "  Can we add a session?  "}
            )
    finally:
        proposal_commented.disconnect(on_commented)

    comment = ProposalComment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/proposals/{proposal.pk}/"
    assert messages_of(response) == ["Your comment is posted."]
    assert (comment.proposal, comment.author, comment.body) == (
        proposal,
        member,
        "Can we add a session?",
    )
    assert announced == [comment.pk]


@pytest.mark.django_db
def test_organizer_comments_and_the_proposer_reads_it(organizer_client, organizer):
    proposal = open_proposal()
    organizer_client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "Which city?"})
    proposer_client = Client()
    proposer_client.force_login(proposal.proposer)

    response = proposer_client.get(f"/en/proposals/{proposal.pk}/")

    assert [(c.author, c.body) for c in response.context["comments"]] == [
        (organizer, "Which city?")
    ]
    assert "<p>Which city?</p>" in response.content.decode()


@pytest.mark.django_db
def test_co_proposer_may_comment(client):
    co_proposer = ApprovedMemberFactory()
    proposal = open_proposal()
    proposal.co_proposers.add(co_proposer)
    client.force_login(co_proposer)

    client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "I agree."})

    assert list(proposal.comments.values_list("author", "body")) == [(co_proposer.pk, "I agree.")]


@pytest.mark.django_db
def test_organizer_without_two_factor_is_told_to_set_it_up_and_gets_no_hide_button(
    client, organizer
):
    proposal = open_proposal()
    comment = ProposalComment.objects.create(proposal=proposal, author=organizer, body="Remark")
    client.force_login(OrganizerFactory(mfa=False))

    response = client.get(f"/en/proposals/{proposal.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["can_review"] is False
    assert "<p>Remark</p>" in html
    assert f"/comments/{comment.pk}/hide/" not in html
    assert "Set up two-factor authentication to review this proposal and to hide comments." in html


@pytest.mark.django_db
def test_proposer_sees_the_discussion_section(client):
    proposal = open_proposal()
    client.force_login(proposal.proposer)

    html = client.get(f"/en/proposals/{proposal.pk}/").content.decode()

    assert DISCUSSION_HEADING in html
    assert "No comments yet." in html


@pytest.mark.django_db
def test_nobody_comments_on_a_draft(member_client, member):
    proposal = ProposalFactory(proposer=member, state="draft")

    response = member_client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "Note"})

    assert response.status_code == 302
    assert messages_of(response) == ["Comments open once the proposal is submitted for review."]
    assert ProposalComment.objects.count() == 0


@pytest.mark.django_db
def test_blank_comment_is_refused(member_client, member):
    proposal = open_proposal(proposer=member)

    response = member_client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "   \n  "})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert ProposalComment.objects.count() == 0


# Markdown is rendered, never run

HOSTILE_MARKDOWN = [
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
    ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
]
LIVE_MARKUP = ["<script>alert(1)", 'href="javascript:', "<img src=x", "onerror=alert(1)>"]


def assert_no_live_markup(html: str) -> None:
    for markup in LIVE_MARKUP:
        assert markup not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "rendered"), HOSTILE_MARKDOWN)
def test_hostile_markdown_in_a_description_is_inert(client, source, rendered):
    proposal = open_proposal(description_en=source)
    client.force_login(proposal.proposer)

    html = client.get(f"/en/proposals/{proposal.pk}/").content.decode()

    assert rendered in html
    assert_no_live_markup(html)


@pytest.mark.django_db
@pytest.mark.parametrize(("source", "rendered"), HOSTILE_MARKDOWN)
def test_hostile_markdown_in_a_comment_is_inert(member_client, member, source, rendered):
    proposal = open_proposal(proposer=member)
    member_client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": source})

    html = member_client.get(f"/en/proposals/{proposal.pk}/").content.decode()

    assert ProposalComment.objects.get().body == source
    assert rendered in html
    assert_no_live_markup(html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("source", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ],
)
def test_hostile_markup_in_a_title_is_escaped(client, source, escaped):
    proposal = open_proposal(title_en=source)
    client.force_login(proposal.proposer)

    html = client.get(f"/en/proposals/{proposal.pk}/").content.decode()

    assert f'<h1 class="h3" dir="auto">{escaped}</h1>' in html
    assert_no_live_markup(html)


@pytest.mark.django_db
def test_bold_markdown_is_rendered_in_description_and_comment(member_client, member):
    proposal = open_proposal(proposer=member, description_en="We need **unity**.")
    member_client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "**bold**"})

    html = member_client.get(f"/en/proposals/{proposal.pk}/").content.decode()

    assert "<p>We need <strong>unity</strong>.</p>" in html
    assert "<p><strong>bold</strong></p>" in html


@pytest.mark.django_db
def test_safe_link_in_a_comment_gets_rel_nofollow(member_client, member):
    proposal = open_proposal(proposer=member)
    member_client.post(
        f"/en/proposals/{proposal.pk}/comment/", {"body": "[map](https://map.example.org/)"}
    )

    html = member_client.get(f"/en/proposals/{proposal.pk}/").content.decode()

    assert (
        '<a href="https://map.example.org/" rel="noopener noreferrer nofollow ugc">map</a>'
    ) in html
