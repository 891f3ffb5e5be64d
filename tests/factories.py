import factory
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from members.enums import Language, MembershipStatus
from members.groups import organizer_group
from members.models import User

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
