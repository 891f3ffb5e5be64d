import contextlib
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone, translation

from events.models import CoProposerLink, Proposal
from events.models.co_proposer_link import LINK_LIFETIME, MAX_OPEN_LINKS
from events.services import co_proposer_links as link_services
from events.services.co_proposer_links import co_proposer_link_create, proposal_co_proposer_join
from members.models_vouching import link_digest
from members.services import member_delete_account
from tests.events.proposal_forms import messages_of, proposal_form_data
from tests.factories import ApprovedMemberFactory, MemberFactory, ProposalFactory

SPENT = "This link has already been used: each link adds one co-proposer."
EXPIRED = "This link has expired. Ask the proposers for a new one."
CLOSED = (
    "This proposal no longer takes co-proposers: only a draft can, and this one has been "
    "submitted or decided."
)


def links_page(proposal: Proposal, language: str = "en") -> str:
    return f"/{language}/proposals/{proposal.pk}/co-proposers/"


def join_page(token: str, language: str = "en") -> str:
    return f"/{language}/proposals/co-propose/{token}/"


def translated(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.fixture
def draft(member):
    return ProposalFactory(proposer=member, title_en="Kobani solidarity week")


@pytest.fixture
def token(draft, member):
    return co_proposer_link_create(proposal=draft, by=member)


# Making a link


@pytest.mark.django_db
def test_link_is_shown_once_and_only_its_digest_is_kept(member_client, draft, site_url):
    posted = member_client.post(links_page(draft))
    assert (posted.status_code, posted["Location"]) == (302, links_page(draft))

    response = member_client.get(links_page(draft))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    link = response.context["link"]
    token = link.rsplit("/", 2)[-2]
    assert link == f"{site_url}{join_page(token)}"
    assert f'value="{link}"' in response.content.decode()
    assert "through a channel you trust" in response.content.decode()
    stored = CoProposerLink.objects.get(proposal=draft)
    assert stored.digest == link_digest(token)
    assert stored.expires_at - stored.created_at == LINK_LIFETIME
    assert (stored.used_by, stored.used_at) == (None, None)
    reloaded = member_client.get(links_page(draft))
    assert reloaded.context["link"] is None
    assert token not in reloaded.content.decode()
    assert CoProposerLink.objects.count() == 1


@pytest.mark.django_db
def test_proposal_page_offers_proposers_of_a_draft_the_invite_button(member_client, draft):
    page = member_client.get(f"/en/proposals/{draft.pk}/").content.decode()

    assert f'action="{links_page(draft)}"' in page
    assert "Invite a co-proposer" in page


@pytest.mark.django_db
def test_co_proposer_may_make_a_link(client, draft):
    co_proposer = ApprovedMemberFactory()
    draft.co_proposers.add(co_proposer)
    client.force_login(co_proposer)

    response = client.post(links_page(draft), follow=True)

    assert response.context["link"]
    assert CoProposerLink.objects.get().created_by == co_proposer


@pytest.mark.django_db
def test_member_who_does_not_propose_it_may_not_make_a_link(member_client):
    submitted = ProposalFactory(state="submitted", submitted_at=timezone.now())
    draft = ProposalFactory()

    assert member_client.post(links_page(submitted)).status_code == 403
    assert member_client.get(links_page(submitted)).status_code == 403
    assert member_client.post(links_page(draft)).status_code == 404  # a draft stays hidden
    assert not CoProposerLink.objects.exists()


@pytest.mark.django_db
def test_no_link_for_a_submitted_proposal(member_client, member):
    proposal = ProposalFactory(proposer=member, state="submitted", submitted_at=timezone.now())

    response = member_client.post(links_page(proposal))

    assert response.status_code == 302
    assert messages_of(response) == ["Only a draft can take new co-proposers."]
    assert not CoProposerLink.objects.exists()
    page = member_client.get(links_page(proposal)).content.decode()
    assert 'id="co-proposer-links-closed"' in page
    assert "Invite a co-proposer" not in page


@pytest.mark.django_db
def test_at_most_five_links_wait_at_once(member_client, member, draft):
    for _ in range(MAX_OPEN_LINKS):
        co_proposer_link_create(proposal=draft, by=member)

    refused = member_client.post(links_page(draft))

    assert messages_of(refused) == [
        "5 links are already waiting to be used. You can make another once one of them is "
        "used or has expired."
    ]
    assert CoProposerLink.objects.count() == MAX_OPEN_LINKS
    assert 'id="co-proposer-links-full"' in member_client.get(links_page(draft)).content.decode()
    CoProposerLink.objects.filter(pk=CoProposerLink.objects.first().pk).update(
        created_at=timezone.now() - LINK_LIFETIME * 2, expires_at=timezone.now()
    )
    assert member_client.post(links_page(draft), follow=True).context["link"]
    assert CoProposerLink.objects.count() == MAX_OPEN_LINKS + 1


# Opening and using a link


@pytest.mark.django_db
def test_link_page_shows_the_title_and_a_button(client, token):
    client.force_login(ApprovedMemberFactory())

    response = client.get(join_page(token))

    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "<bdi>Kobani solidarity week</bdi>" in page
    assert "Join as a co-proposer" in page


@pytest.mark.django_db
def test_member_joins_through_the_link_and_spends_it(client, member, draft, token):
    newcomer = ApprovedMemberFactory(display_name="Roja")
    client.force_login(newcomer)

    response = client.post(join_page(token))

    assert (response.status_code, response["Location"]) == (302, f"/en/proposals/{draft.pk}/")
    assert messages_of(response) == [
        "You are now a co-proposer: you may edit and submit this draft."
    ]
    assert list(draft.co_proposers.all()) == [newcomer]
    link = CoProposerLink.objects.get()
    assert link.used_by == newcomer
    assert link.used_at is not None
    # The proposer sees who joined, on the proposal and beside the link.
    client.force_login(member)
    assert "<bdi>Roja</bdi>" in client.get(f"/en/proposals/{draft.pk}/").content.decode()
    assert "Used by <bdi>Roja</bdi>" in client.get(links_page(draft)).content.decode()


@pytest.mark.django_db
def test_who_joined_with_a_link_is_told_it_is_used_up_when_opening_it_again(client, token):
    newcomer = ApprovedMemberFactory()
    client.force_login(newcomer)
    client.post(join_page(token))

    html = client.get(join_page(token)).content.decode()

    assert "with this link; it is used up." in html
    assert "This link is left for the person it was sent to." not in html


@pytest.mark.django_db
def test_spent_link_is_refused_to_the_next_person(client, draft, token):
    first, second = ApprovedMemberFactory.create_batch(2)
    proposal_co_proposer_join(link=CoProposerLink.objects.get(), member=first)
    client.force_login(second)

    posted = client.post(join_page(token))
    page = client.get(join_page(token)).content.decode()

    assert (posted.status_code, posted["Location"]) == (302, join_page(token))
    assert SPENT in page
    assert "Kobani" not in page
    assert "Join as a co-proposer" not in page
    assert list(draft.co_proposers.all()) == [first]


@pytest.mark.django_db
def test_expired_link_is_refused(client, draft, token):
    CoProposerLink.objects.update(
        created_at=timezone.now() - LINK_LIFETIME - timedelta(hours=1),
        expires_at=timezone.now() - timedelta(hours=1),
    )
    client.force_login(ApprovedMemberFactory())

    client.post(join_page(token))

    assert EXPIRED in client.get(join_page(token)).content.decode()
    assert list(draft.co_proposers.all()) == []
    assert CoProposerLink.objects.get().used_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "state", ["submitted", "under_review", "accepted", "rejected", "withdrawn"]
)
def test_link_of_a_proposal_no_longer_a_draft_is_refused(client, draft, token, state):
    decided = {"decided_at": timezone.now()} if state in ("accepted", "rejected") else {}
    Proposal.objects.filter(pk=draft.pk).update(state=state, submitted_at=timezone.now(), **decided)
    client.force_login(ApprovedMemberFactory())

    response = client.post(join_page(token))

    assert response.status_code == 302
    assert CLOSED in client.get(join_page(token)).content.decode()
    assert list(draft.co_proposers.all()) == []
    # The proposer's list of links no longer shows it as waiting.
    client.force_login(draft.proposer)
    links = client.get(links_page(draft)).content.decode()
    assert "No longer usable: the proposal is no longer a draft" in links
    assert "Waiting to be used" not in links


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa"])
def test_refusal_is_in_the_readers_language(client, token, language):
    proposal_co_proposer_join(link=CoProposerLink.objects.get(), member=ApprovedMemberFactory())
    client.force_login(ApprovedMemberFactory(preferred_language=language))

    page = client.get(join_page(token, language)).content.decode()

    assert translated(language, SPENT) != SPENT
    assert translated(language, SPENT) in page


@pytest.mark.django_db
def test_pending_member_may_not_open_or_use_a_link(client, draft, token):
    client.force_login(MemberFactory())

    opened = client.get(join_page(token))
    used = client.post(join_page(token))

    assert opened.status_code == used.status_code == 403
    assert "Your membership is not approved yet." in used.content.decode()
    assert "Kobani" not in opened.content.decode()
    assert list(draft.co_proposers.all()) == []


def test_pending_member_is_refused_by_the_service_too(db, draft, token):
    with pytest.raises(link_services.ProposalRefused) as refused:
        proposal_co_proposer_join(link=CoProposerLink.objects.get(), member=MemberFactory())
    assert refused.value.code == "not_member"


@pytest.mark.django_db
def test_stranger_is_sent_to_sign_in_and_back(client, draft, token):
    for response in (client.get(join_page(token)), client.post(join_page(token))):
        assert response.status_code == 302
        assert response["Location"] == f"/en/accounts/login/?next={join_page(token)}"
    assert list(draft.co_proposers.all()) == []


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_link_is_a_404(member_client, method):
    response = getattr(member_client, method)(join_page("forged-secret"))
    assert response.status_code == 404


@pytest.mark.django_db
def test_proposer_opening_their_own_link_is_told_and_leaves_it_unspent(member_client, draft, token):
    page = member_client.get(join_page(token)).content.decode()
    response = member_client.post(join_page(token))

    assert "You already propose <bdi>Kobani solidarity week</bdi>." in page
    assert (response.status_code, response["Location"]) == (302, f"/en/proposals/{draft.pk}/")
    assert messages_of(response) == [
        "You already propose this. The link is left for the person it was meant for."
    ]
    assert CoProposerLink.objects.get().used_at is None
    assert list(draft.co_proposers.all()) == []


@pytest.mark.django_db
def test_co_proposer_using_a_link_again_leaves_it_unspent(client, draft, token):
    co_proposer = ApprovedMemberFactory()
    draft.co_proposers.add(co_proposer)
    client.force_login(co_proposer)

    client.post(join_page(token))

    assert CoProposerLink.objects.get().used_at is None
    assert list(draft.co_proposers.all()) == [co_proposer]


@pytest.mark.django_db
def test_deleting_an_account_revokes_its_unused_links(client, draft):
    co_proposer = ApprovedMemberFactory()
    draft.co_proposers.add(co_proposer)
    token = co_proposer_link_create(proposal=draft, by=co_proposer)

    member_delete_account(member=co_proposer)

    client.force_login(ApprovedMemberFactory())
    assert client.get(join_page(token)).status_code == 404


# The proposal form names no one but the current co-proposers


@pytest.mark.django_db
def test_new_proposal_form_lists_no_member(member_client):
    names = ["Shirin Ebadi-7", "Rezan Hawar-7", "Yara Nasser-7"]
    for name in names:
        ApprovedMemberFactory(display_name=name)

    page = member_client.get("/ar/proposals/new/").content.decode()

    assert 'name="co_proposers"' not in page
    for name in names:
        assert name not in page


@pytest.mark.django_db
def test_edit_form_lists_only_the_current_co_proposers_ticked(member_client, draft):
    draft.co_proposers.add(ApprovedMemberFactory(display_name="Roja"))
    ApprovedMemberFactory(display_name="Dilan")

    page = member_client.get(f"/en/proposals/{draft.pk}/edit/").content.decode()

    assert "Roja" in page
    assert "Dilan" not in page
    assert page.count('name="co_proposers"') == 1
    checkbox = page.split('name="co_proposers"', 1)[1].split(">", 1)[0]
    assert "checked" in checkbox


@pytest.mark.django_db
def test_draft_without_co_proposers_has_no_co_proposer_field(member_client, draft):
    page = member_client.get(f"/en/proposals/{draft.pk}/edit/").content.decode()
    assert 'name="co_proposers' not in page


@pytest.mark.django_db
def test_unticking_a_co_proposer_removes_them_and_their_unused_links(member_client, member, draft):
    staying, leaving = ApprovedMemberFactory.create_batch(2)
    draft.co_proposers.add(staying, leaving)
    token = co_proposer_link_create(proposal=draft, by=leaving)
    kept_token = co_proposer_link_create(proposal=draft, by=member)

    response = member_client.post(
        f"/en/proposals/{draft.pk}/edit/",
        proposal_form_data(co_proposers=[staying.pk], co_proposers_shown=[staying.pk, leaving.pk]),
    )

    assert response.status_code == 302
    assert list(draft.co_proposers.all()) == [staying]
    assert not CoProposerLink.objects.filter(digest=link_digest(token)).exists()
    assert CoProposerLink.objects.filter(digest=link_digest(kept_token)).exists()


@pytest.mark.django_db
def test_someone_who_joined_while_the_form_was_open_stays(member_client, draft):
    shown = ApprovedMemberFactory()
    draft.co_proposers.add(shown)
    form = member_client.get(f"/en/proposals/{draft.pk}/edit/").context["form"]
    newcomer = ApprovedMemberFactory()
    proposal_co_proposer_join(
        link=CoProposerLink.objects.get(
            digest=link_digest(co_proposer_link_create(proposal=draft, by=draft.proposer))
        ),
        member=newcomer,
    )

    member_client.post(
        f"/en/proposals/{draft.pk}/edit/",
        proposal_form_data(
            co_proposers=[shown.pk], co_proposers_shown=form["co_proposers_shown"].value()
        ),
    )

    assert set(draft.co_proposers.all()) == {shown, newcomer}


@pytest.mark.django_db
def test_co_proposer_who_unticks_themself_leaves_the_draft(client, draft):
    co_proposer = ApprovedMemberFactory()
    draft.co_proposers.add(co_proposer)
    client.force_login(co_proposer)

    response = client.post(
        f"/en/proposals/{draft.pk}/edit/", proposal_form_data(co_proposers_shown=[co_proposer.pk])
    )

    assert response.status_code == 302, messages_of(response)
    assert response["Location"] == "/en/proposals/"
    assert list(draft.co_proposers.all()) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "junk",
    [
        {"co_proposers": ["x"]},
        {"co_proposers": [str(2**70)]},
        {"co_proposers_shown": ["x", str(2**70), "-1", "\x00"]},
        {"co_proposers": ["\x00"], "co_proposers_shown": "🙂"},
    ],
)
def test_junk_co_proposers_on_the_edit_form_never_give_a_500(member_client, draft, junk):
    co_proposer = ApprovedMemberFactory()
    draft.co_proposers.add(co_proposer)

    response = member_client.post(f"/en/proposals/{draft.pk}/edit/", proposal_form_data(**junk))

    assert response.status_code in (200, 302)
    if "co_proposers" not in junk:  # nobody shown and unticked: nobody removed
        assert list(draft.co_proposers.all()) == [co_proposer]


# Two people using one link at once


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_people_using_one_link_at_once_add_one_co_proposer(monkeypatch):
    proposer = ApprovedMemberFactory()
    proposal = ProposalFactory(proposer=proposer)
    link = CoProposerLink.objects.get(
        digest=link_digest(co_proposer_link_create(proposal=proposal, by=proposer))
    )
    people = ApprovedMemberFactory.create_batch(2)
    start, both_read_the_link = threading.Barrier(2), threading.Barrier(2, timeout=2)
    lock_proposal = link_services._locked_proposal

    def lock_proposal_once_both_have_read(proposal_id):
        # Without the link's row lock both threads get here having read it unused; with it,
        # the second waits for the first to commit, so this barrier breaks after 2 seconds.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read_the_link.wait()
        return lock_proposal(proposal_id)

    monkeypatch.setattr(link_services, "_locked_proposal", lock_proposal_once_both_have_read)
    outcomes = []

    def join(member):
        try:
            start.wait(timeout=10)
            outcomes.append(proposal_co_proposer_join(link=link, member=member))
        except link_services.ProposalRefused as refusal:
            outcomes.append(refusal.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=join, args=(member,)) for member in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes, key=str) == [True, "link_refused"]
    assert proposal.co_proposers.count() == 1
    link.refresh_from_db()
    assert link.used_by == proposal.co_proposers.get()
