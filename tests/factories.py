from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from members.enums import Language, MembershipStatus
from members.groups import organizer_group
from members.models import User
from members.services_tokens import api_token_create

PASSWORD = "correct horse battery staple"


class MemberFactory(factory.django.DjangoModelFactory):
    """A signed-up member with a verified address, awaiting approval."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@tadamun.example")
    display_name = factory.Sequence(lambda n: f"Member {n}")
    preferred_language = Language.ENGLISH
    time_zone = "UTC"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class ApprovedMemberFactory(MemberFactory):
    membership_status = MembershipStatus.APPROVED
    membership_reviewed_at = factory.LazyFunction(timezone.now)


class OrganizerFactory(ApprovedMemberFactory):
    """An organizer; with `mfa=True` (the default) two-factor authentication is set up."""

    @factory.post_generation
    def organizer_role(self, create, extracted, **kwargs):
        if create:
            self.groups.add(organizer_group())

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        if create and extracted is not False:
            TOTP.activate(self, generate_totp_secret())
            RecoveryCodes.activate(self)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Topic"
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


def _in_days(days: float, hours: float = 0):
    return timezone.now().replace(microsecond=0) + timedelta(days=days, hours=hours)


class EventFactory(factory.django.DjangoModelFactory):
    """A public, scheduled in-person meeting in Berlin a week from now, in English."""

    class Meta:
        model = "events.Event"
        skip_postgeneration_save = True

    kind = "meeting"
    title_en = factory.Sequence(lambda n: f"Solidarity meeting {n}")
    description_en = "We meet to plan **joint actions**."
    starts_at = factory.LazyFunction(lambda: _in_days(7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    time_zone = "Europe/Berlin"
    modality = "in_person"
    venue = "Community hall"
    city = "Berlin"
    country = "DE"
    in_english = True
    visibility = "public"
    status = "scheduled"
    capacity = None


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Proposal"
        skip_postgeneration_save = True

    proposer = factory.SubFactory(ApprovedMemberFactory)
    kind = "conference"
    title_en = factory.Sequence(lambda n: f"Joint conference {n}")
    description_en = "A conference on federalism."
    starts_at = factory.LazyFunction(lambda: _in_days(30))
    ends_at = factory.LazyAttribute(lambda proposal: proposal.starts_at + timedelta(hours=8))
    time_zone = "Asia/Tehran"
    modality = "hybrid"
    city = "Erbil"
    country = "IQ"
    meeting_link = "https://meet.example.org/joint"
    in_persian = True
    in_english = True
    interpretation_ar = True
    state = "draft"


class RsvpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Rsvp"

    event = factory.SubFactory(EventFactory)
    member = factory.SubFactory(ApprovedMemberFactory)
    status = "going"
    verified_at = factory.LazyFunction(timezone.now)


class GroupFactory(factory.django.DjangoModelFactory):
    """A group of the alliance based in Syria, working in Arabic and English, named in English."""

    class Meta:
        model = "members.AllianceGroup"

    slug = factory.Sequence(lambda n: f"group-{n}")
    name_en = factory.Sequence(lambda n: f"Socialist group {n}")
    description_en = "We organise **joint actions** with the alliance."
    in_arabic = True
    in_english = True
    country = "SY"
    in_exile = False


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    """An accepted, unshown member of a group."""

    class Meta:
        model = "members.GroupMembership"

    group = factory.SubFactory(GroupFactory)
    member = factory.SubFactory(ApprovedMemberFactory)
    status = "accepted"
    role = "member"
    show_publicly = False
    decided_at = factory.LazyFunction(timezone.now)


class CoordinatorMembershipFactory(GroupMembershipFactory):
    role = "coordinator"


class JoinRequestFactory(GroupMembershipFactory):
    status = "requested"
    decided_at = None


def api_token_headers(member, label: str = "My script") -> dict[str, str]:
    """Request headers carrying a new personal API token of `member` (members/services_tokens)."""
    _token, secret = api_token_create(member=member, label=label)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
