"""Every URL of the site, as every kind of visitor, against the table in access_matrix.txt.

The URLconf is read, not listed here: a URL missing from the table fails, so every new page is
classified before it lands. Each URL is opened with GET and with an empty POST as each role;
the answer must be the one in the table, and must change nothing in the database unless the
table marks it with `+` (an organizer's delete, a member's own submit). The table's legend is at
its top. The pages' finer rules (who sees which field) are tested beside each page.
"""

import time
from datetime import timedelta
from http.cookies import SimpleCookie
from operator import attrgetter
from pathlib import Path
from types import SimpleNamespace

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from events.enums import ProposalState
from events.guests import new_guest_token
from events.models import EventChange, ExportLog, ProposalComment, ProposalInvitation, Session
from events.services.co_proposer_links import co_proposer_link_create
from events.services.feed_tokens import feed_token_create
from events.services.proposals import proposal_endorse
from members.models import Vouch
from members.services_tokens import api_token_create
from members.services_vouching import vouch_link_create
from notifications.models import Delivery, ReminderPlan, Suppression
from notifications.unsubscribe import Scope, make_token
from tests.factories import (
    PASSWORD,
    ApprovedMemberFactory,
    CoordinatorMembershipFactory,
    EventFactory,
    GroupFactory,
    JoinRequestFactory,
    MemberFactory,
    OrganizerFactory,
    ProposalFactory,
    RsvpFactory,
    TopicFactory,
)

TABLE_FILE = Path(__file__).with_name("access_matrix.txt")
ROLES = ("stranger", "pending", "member", "other", "no-2fa", "organizer", "admin")
METHODS = ("GET", "POST")

# Path parameters by name, read from the world below.
PARAMETERS = {
    "event_id": "event.pk",
    "session_id": "session.pk",
    "rsvp_id": "rsvp.pk",
    "code": "rsvp.checkin_code",
    "member_id": "applicant.pk",
    "topic_id": "topic.pk",
    "proposal_id": "proposals.submitted.pk",
    "comment_id": "comment.pk",
    "delivery_id": "delivery.pk",
    "key": "email_confirmation_key",
    "uidb36": "reset_uid",
    "app_label": "app_label",
    "content_type_id": "event_type.pk",
    "object_id": "event.pk",
    "id": "member.pk",
    "slug": "group.slug",
    "membership_id": "join_request.pk",
    "invitation_id": "invitation.pk",
    "token_id": "api_token.pk",
}
# URL name → {variant: parameters}: walked once per variant, each a row `name[variant]`.
MEMBERS_ONLY = {
    "public": {},
    "members-only": {"event_id": "closed_event.pk"},
    "invite-only": {"event_id": "invite_event.pk"},
}
VARIANTS = {
    "events:detail": MEMBERS_ONLY,
    "events:programme": MEMBERS_ONLY,
    "events:answer": MEMBERS_ONLY,
    "events:guest_register": MEMBERS_ONLY,
    "feeds:event": MEMBERS_ONLY,
    "api:event": MEMBERS_ONLY,
    "api:programme": MEMBERS_ONLY,
    "events:guest_answer": {"": {"token": "guest_token"}},
    "events:guest_pack": {"": {"token": "guest_token"}},
    "members:vouch": {"": {"token": "vouch_token"}},
    "feeds:member": {"": {"token": "feed_token"}},
    "notifications:unsubscribe": {"": {"token": "unsubscribe_token"}},
    "account_reset_password_from_key": {"": {"key": "reset_key"}},
    "proposals:detail": {
        state: {"proposal_id": f"proposals.{state}.pk"} for state in ProposalState.values
    },
    "proposals:edit": {"draft": {"proposal_id": "proposals.draft.pk"}},
    "proposals:co_proposer_links": {
        "draft": {"proposal_id": "proposals.draft.pk"},
        "submitted": {"proposal_id": "proposals.submitted.pk"},
    },
    "proposals:co_proposer_join": {"": {"token": "co_proposer_token"}},
    "proposals:submit": {"draft": {"proposal_id": "proposals.draft.pk"}},
    "proposals:accept": {
        "draft": {"proposal_id": "proposals.draft.pk"},
        "under_review": {"proposal_id": "proposals.under_review.pk"},
    },
    "proposals:reject": {"under_review": {"proposal_id": "proposals.under_review.pk"}},
    "proposals:reopen": {"rejected": {"proposal_id": "proposals.rejected.pk"}},
}
# Unnamed URLs cannot be reversed: the path to open instead. Project URLs must have names.
UNNAMED = {"admin/(?P<url>.*)$": "/admin/no-such-page/"}


# The table


def read_table() -> dict[str, dict[str, tuple[str, ...]]]:
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    for line in TABLE_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, method, *cells = line.split()
        assert method in METHODS, f"Bad table line: {line}"
        assert len(cells) == len(ROLES), f"Bad table line: {line}"
        assert method not in table.get(key, {}), f"Twice in the table: {key} {method}"
        table.setdefault(key, {})[method] = tuple(cells)
    return table


TABLE = read_table()


def table_line(key: str, method: str, cells) -> str:
    return f"{key:<38} {method:<5}" + "".join(f" {cell:<11}" for cell in cells).rstrip()


# The URLconf


def url_entries(patterns=None, prefix: str = "", namespace: str = ""):
    """(route, name, pattern) for every URL pattern, through includes and language prefixes."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from url_entries(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry


def admin_model_key(route: str, name: str | None) -> tuple[str, object] | None:
    """For the admin's pages of a model: the table key and the model, else None.

    The pages of every model share a row, `admin:<model>_change` standing for
    `admin:events_event_change` and the others, unless the table gives the model its own row
    under the page's full name. `admin:<model>_object` is the bare object address.
    """
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}"
        if route.startswith(f"admin/{model._meta.app_label}/{model._meta.model_name}/"):
            if name is None:
                return "admin:<model>_object", model
            if name.startswith(f"admin:{prefix}_"):
                return (name if name in TABLE else name.replace(prefix, "<model>")), model
    return None


def admin_model_path(name: str | None, pattern, model):
    def path(world) -> str:
        first = model._default_manager.order_by("pk").first()
        assert first is not None, f"Add a {model.__name__} to the world: its admin pages need one."
        if name is None:
            opts = model._meta
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + f"{first.pk}/"
        kwargs = {"object_id": first.pk} if "object_id" in pattern.pattern.regex.groupindex else {}
        return reverse(name, kwargs=kwargs)

    return path


def named_path(name: str, pattern, overrides: dict):
    def path(world) -> str:
        wanted = {**PARAMETERS, **overrides}
        kwargs = {}
        for parameter in pattern.pattern.regex.groupindex:
            assert parameter in wanted, f"Tell PARAMETERS how to fill <{parameter}> of {name}."
            kwargs[parameter] = attrgetter(wanted[parameter])(world)
        return reverse(name, kwargs=kwargs)

    return path


def unnamed_path(route: str):
    def path(world) -> str:
        assert route in UNNAMED, f"Give the URL {route} a name, or a path in UNNAMED."
        return UNNAMED[route]

    return path


def cases() -> dict[str, list]:
    """Table key → (label, path maker) for each URL walked under it."""
    found: dict[str, list] = {}
    for route, name, pattern in url_entries():
        if admin_page := admin_model_key(route, name):
            key, model = admin_page
            found.setdefault(key, []).append(
                (model._meta.label, admin_model_path(name, pattern, model))
            )
        elif name is None:
            found[route] = [(route, unnamed_path(route))]
        else:
            for variant, overrides in VARIANTS.get(name, {"": {}}).items():
                key = f"{name}[{variant}]" if variant else name
                found[key] = [(key, named_path(name, pattern, overrides))]
    return found


CASES = cases()


# The world: one of everything a URL can name, and a signed-in visitor for each role


def current_totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def signed_in(user, secret: str | None = None) -> SimpleCookie:
    """Signs in through the real forms (with the authenticator code when the user has one),
    so the session is what a person's would be."""
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    if secret:
        assert response["Location"] == reverse("mfa_authenticate")
        response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    return client.cookies


def vouching() -> override_settings:
    """Membership by vouching on (it is off by default): the world holds a vouching link and a
    vouch, and its pages answer only with it on."""
    return override_settings(MEMBERSHIP_APPROVAL="vouches", MEMBERSHIP_VOUCHES_REQUIRED=2)


def build_world() -> SimpleNamespace:
    pending = MemberFactory()
    member = ApprovedMemberFactory()
    other = ApprovedMemberFactory()
    no_2fa = OrganizerFactory(mfa=False)
    organizer = OrganizerFactory(mfa=False)
    organizer_secret = with_totp(organizer)
    administrator = ApprovedMemberFactory(is_staff=True, is_superuser=True)
    admin_secret = with_totp(administrator)

    topic = TopicFactory()
    # Starting in a few hours: its check-in is open (Event.checkin_opens_at), so it takes effect.
    event = EventFactory(
        guest_registration=True,
        meeting_link="https://meet.example.org/a",
        starts_at=timezone.now() + timedelta(hours=6),
    )
    event.topics.add(topic)
    group = GroupFactory()
    event.cohost_groups.add(group)
    CoordinatorMembershipFactory(group=group, member=member)
    join_request = JoinRequestFactory(group=group)
    closed_event = EventFactory(visibility="members")
    # For the co-hosting groups only: `member` belongs to the one co-hosting it (issue 13).
    invite_event = EventFactory(visibility="invite")
    invite_event.cohost_groups.add(group)
    rsvp = RsvpFactory(event=event, member=member)
    RsvpFactory(event=closed_event, member=member)
    guest_token, digest = new_guest_token()
    RsvpFactory(
        event=event, member=None, guest_name="Guest", guest_email="guest@example.org",
        guest_token=digest,
    )  # fmt: skip
    session = Session.objects.create(
        event=event, title_en="Opening", starts_at=event.starts_at, ends_at=event.ends_at
    )
    ReminderPlan.objects.create(event=event)
    EventChange.objects.create(event=event, kind="edited", changed_by=organizer)
    ExportLog.objects.create(event=event, exported_by=organizer, kind="attendees_csv")

    now = timezone.now()
    decided = {"decided_at": now, "decided_by": organizer}
    proposals = SimpleNamespace(
        **{
            state: ProposalFactory(
                proposer=member,
                state=state,
                submitted_at=None if state == ProposalState.DRAFT else now,
                **(decided if state in (ProposalState.ACCEPTED, ProposalState.REJECTED) else {}),
            )
            for state in ProposalState.values
        }
    )
    comment = ProposalComment.objects.create(
        proposal=proposals.submitted, author=member, body="Hello"
    )
    co_proposer_token = co_proposer_link_create(proposal=proposals.draft, by=member)
    proposal_endorse(proposal=proposals.submitted, member=other)
    invitation = ProposalInvitation.objects.create(proposal=proposals.submitted, group=group)

    delivery = Delivery.objects.create(
        key="access-matrix", kind="rsvp_confirmation", recipient=member, event=event,
        status="sent", sent_at=now,
    )  # fmt: skip
    Suppression.objects.create(email="gone@example.org", scope=Scope.DIGEST)
    newcomer = MemberFactory(verified_email=False)
    unverified = EmailAddress.objects.create(user=newcomer, email=newcomer.email, primary=True)

    return SimpleNamespace(
        cookies={
            "stranger": SimpleCookie(),
            "pending": signed_in(pending),
            "member": signed_in(member),
            "other": signed_in(other),
            "no-2fa": signed_in(no_2fa),
            "organizer": signed_in(organizer, organizer_secret),
            "admin": signed_in(administrator, admin_secret),
        },
        member=member,
        applicant=(applicant := MemberFactory()),
        vouch_token=vouch_link_create(member=applicant),
        vouch=Vouch.objects.create(voucher=ApprovedMemberFactory(), member=applicant),
        topic=topic,
        group=group,
        join_request=join_request,
        invitation=invitation,
        event=event,
        closed_event=closed_event,
        invite_event=invite_event,
        event_type=ContentType.objects.get_for_model(event),
        app_label="events",
        rsvp=rsvp,
        guest_token=guest_token,
        session=session,
        proposals=proposals,
        co_proposer_token=co_proposer_token,
        comment=comment,
        delivery=delivery,
        feed_token=feed_token_create(member=member),
        api_token=api_token_create(member=member, label="Script")[0],
        unsubscribe_token=make_token(scope=Scope.REMINDERS, member_id=member.pk),
        email_confirmation_key=EmailConfirmationHMAC(unverified).key,
        reset_uid=user_pk_to_url_str(member),
        reset_key=default_token_generator.make_token(member),
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module, in a transaction rolled back at its end; each test runs in a
    savepoint inside it, and each request in one more, so nothing a request does outlives it.
    Membership by vouching is on (it is off by default), so that its pages answer."""
    with vouching(), django_db_blocker.unblock(), transaction.atomic():
        with translation.override("en"):
            built = build_world()
        yield built
        transaction.set_rollback(True)


# A visit


class DatabaseWrites:
    """Tells whether the database changed since it was last asked, from the rows inserted,
    updated and deleted in this transaction, rolled back or not (PostgreSQL's
    pg_stat_xact_user_tables). Sessions are left out: messages and sign-ins live there."""

    def __init__(self):
        self.seen = self._count()

    @staticmethod
    def _count() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                " FROM pg_stat_xact_user_tables WHERE relname <> 'django_session'"
            )
            return cursor.fetchone()[0]

    def changed(self) -> bool:
        count = self._count()
        changed, self.seen = count != self.seen, count
        return changed


REFUSALS = {
    "account_login": "login",
    "account_reauthenticate": "reauth",
    "mfa_activate_totp": "2fa",
    "admin:login": "admin-login",
}


def visit(world, role: str, method: str, path: str, writes: DatabaseWrites) -> str:
    """The answer as a table cell: its status, or the name of the refusal a redirect is (to
    sign in, to set up two-factor authentication, …); with `+` when the database changed."""
    client = Client()
    client.cookies = SimpleCookie(world.cookies[role])
    with transaction.atomic():
        response = client.generic(method, path)
        if response.streaming:
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    cell = str(response.status_code)
    if response.status_code == 405 and not path.startswith("/api/"):
        # Every 405 outside the JSON API is the site's page (config/views.py), never Django's
        # empty body that a browser replaces by its own English error.
        page = response.content.decode()
        if not (response["Allow"] and "<main" in page and 'id="back-to-' in page):
            cell += "(empty)"
    if response.status_code == 302:
        for name, refusal in REFUSALS.items():
            if response["Location"].startswith(reverse(name) + "?next="):
                cell = refusal
    return cell + ("+" if writes.changed() else "")


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(CASES))
def test_url_answers_each_role_as_the_table_says(world, key):
    wrong = []
    writes = DatabaseWrites()
    with translation.override("en"):
        for label, path_of in CASES[key]:
            path = path_of(world)
            for method in METHODS:
                answers = tuple(visit(world, role, method, path, writes) for role in ROLES)
                expected = TABLE.get(key, {}).get(method)
                if answers != expected:
                    wrong.append(
                        f"{label}, {method} {path}\n"
                        f"  table:  {table_line(key, method, expected or ['(missing)'])}\n"
                        f"  answer: {table_line(key, method, answers)}"
                    )
    assert not wrong, "Legend at the top of tests/access_matrix.txt.\n" + "\n".join(wrong)


def test_table_names_only_urls_that_exist():
    assert sorted(set(TABLE) - set(CASES)) == []
