"""The demo data set `make run` loads: members in all three languages and one organizer.

Used only by the `demo_data` command; every account is marked with the reserved .example domain.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

# allauth's own activation helpers: the same calls its "activate TOTP" view makes.
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.utils import timezone

from members.enums import Language, MembershipStatus
from members.groups import organizer_group
from members.models import User

DEMO_PASSWORD = "solidarity-demo-2026"  # noqa: S105 — a published demo login, never production.  # nosec B105
# A fixed base32 TOTP secret so the printed login works in any authenticator app.
DEMO_ORGANIZER_TOTP_SECRET = "TADAMUNDEMOORGANIZERTOTPSECRET22"  # noqa: S105  # nosec B105


@dataclass(frozen=True)
class DemoMember:
    email: str
    display_name: str
    language: str
    time_zone: str
    status: str
    bio: str = ""


DEMO_MEMBERS = [
    DemoMember(
        "layla@tadamun.example",
        "ليلى",
        Language.ARABIC,
        "Asia/Damascus",
        MembershipStatus.APPROVED,
        "ناشطة في إدلب، مهتمة بالعمل المشترك مع المعارضة الديمقراطية السورية.",
    ),
    DemoMember(
        "salma@tadamun.example",
        "سلمى",
        Language.ARABIC,
        "Asia/Baghdad",
        MembershipStatus.PENDING,
        "طالبة في بغداد، تكتب عن تجاوز الطائفية.",
    ),
    DemoMember(
        "reza@tadamun.example",
        "رضا",
        Language.PERSIAN,
        "Asia/Tehran",
        MembershipStatus.APPROVED,
        "کارگر و فعال صنفی در تهران؛ علاقه‌مند به عدالت طبقاتی و جنسیتی.",
    ),
    DemoMember(
        "shirin@tadamun.example",
        "شیرین",
        Language.PERSIAN,
        "Europe/Stockholm",
        MembershipStatus.PENDING,
        "در تبعید در استکهلم؛ پژوهشگر فدرالیسم و حق تعیین سرنوشت ملیت‌ها.",
    ),
    DemoMember(
        "jo@tadamun.example",
        "Jo Miller",
        Language.ENGLISH,
        "America/Toronto",
        MembershipStatus.APPROVED,
        "Union organiser in Toronto; translates between English and Arabic.",
    ),
]

DEMO_ORGANIZER = DemoMember(
    "organizer@tadamun.example",
    "Sam (organizer)",
    Language.ENGLISH,
    "Europe/Berlin",
    MembershipStatus.APPROVED,
    "Coordinates the alliance's conferences from Berlin.",
)
DEMO_ADMIN_EMAIL = "admin@tadamun.example"


def _ensure_member(spec: DemoMember, reviewer: User | None) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = User.objects.create_user(
            email=spec.email,
            password=DEMO_PASSWORD,
            display_name=spec.display_name,
            preferred_language=spec.language,
            time_zone=spec.time_zone,
            bio=spec.bio,
        )
    if spec.status != MembershipStatus.PENDING and user.membership_reviewed_at is None:
        user.membership_status = spec.status
        user.membership_reviewed_by = reviewer
        user.membership_reviewed_at = timezone.now()
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=spec.email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def load_demo_data() -> dict:
    """Create (or leave as they are) the demo accounts; returns what the command prints."""
    admin = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
    if admin is None:
        admin = User.objects.create_superuser(
            email=DEMO_ADMIN_EMAIL, password=DEMO_PASSWORD, display_name="Admin"
        )
    EmailAddress.objects.update_or_create(
        user=admin, email=DEMO_ADMIN_EMAIL, defaults={"verified": True, "primary": True}
    )
    if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admin, DEMO_ORGANIZER_TOTP_SECRET)  # the admin site needs two factors too
    organizer = _ensure_member(DEMO_ORGANIZER, reviewer=admin)
    organizer.groups.add(organizer_group())
    if not Authenticator.objects.filter(user=organizer, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(organizer, DEMO_ORGANIZER_TOTP_SECRET)
        RecoveryCodes.activate(organizer)
    recovery = Authenticator.objects.get(user=organizer, type=Authenticator.Type.RECOVERY_CODES)
    members = [_ensure_member(spec, reviewer=organizer) for spec in DEMO_MEMBERS]
    return {
        "admin": admin,
        "organizer": organizer,
        "members": members,
        "recovery_codes": recovery.wrap().get_unused_codes()[:3],
    }
