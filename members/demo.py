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

from members.enums import GroupMembershipStatus, GroupRole, Language, MembershipStatus
from members.groups import organizer_group
from members.models import AllianceGroup, GroupMembership, User

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


@dataclass(frozen=True)
class DemoGroup:
    slug: str
    texts: dict  # name_ar, description_en…
    languages: tuple[str, ...]
    country: str  # empty: in exile
    coordinator: str
    # email → (status, shown to other members)
    members: dict


DEMO_GROUPS = [
    DemoGroup(
        "syrian-socialists",
        {
            "name_ar": "الاشتراكيون السوريون",
            "name_en": "Syrian socialists",
            "description_ar": "اشتراكيون ديمقراطيون من سوريا، "
            "مع المعارضة الديمقراطية وضد الطائفية.",
            "description_en": "Democratic socialists from Syria, with the democratic opposition "
            "and against sectarianism.",
        },
        ("ar", "en"),
        "SY",
        "layla@tadamun.example",
        {
            "jo@tadamun.example": (GroupMembershipStatus.ACCEPTED, True),
            "reza@tadamun.example": (GroupMembershipStatus.REQUESTED, False),
        },
    ),
    DemoGroup(
        "iranian-socialists-in-exile",
        {
            "name_fa": "سوسیالیست‌های ایرانی در تبعید",
            "name_en": "Iranian socialists in exile",
            "description_fa": "سوسیالیست‌های ایرانی در تبعید؛ برای عدالت طبقاتی و جنسیتی و "
            "حق تعیین سرنوشت ملیت‌ها.",
            "description_en": "Iranian socialists in exile, for class and gender justice and the "
            "self-determination of nationalities.",
        },
        ("fa", "en"),
        "",
        "reza@tadamun.example",
        {"jo@tadamun.example": (GroupMembershipStatus.ACCEPTED, False)},
    ),
]
DEMO_GROUP_SLUGS = [group.slug for group in DEMO_GROUPS]


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


def _ensure_group(spec: DemoGroup, *, organizer: User) -> AllianceGroup:
    group, _created = AllianceGroup.objects.update_or_create(
        slug=spec.slug,
        defaults={
            **spec.texts,
            "in_arabic": "ar" in spec.languages,
            "in_persian": "fa" in spec.languages,
            "in_english": "en" in spec.languages,
            "country": spec.country,
            "in_exile": not spec.country,
            "created_by": organizer,
        },
    )
    now = timezone.now()
    people = {spec.coordinator: (GroupMembershipStatus.ACCEPTED, True), **spec.members}
    for email, (status, shown) in people.items():
        decided = status != GroupMembershipStatus.REQUESTED
        GroupMembership.objects.get_or_create(
            group=group,
            member=User.objects.get(email=email),
            defaults={
                "status": status,
                "role": GroupRole.COORDINATOR if email == spec.coordinator else GroupRole.MEMBER,
                "show_publicly": shown,
                "decided_by": organizer if decided else None,
                "decided_at": now if decided else None,
            },
        )
    return group


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
    groups = [_ensure_group(spec, organizer=organizer) for spec in DEMO_GROUPS]
    return {
        "admin": admin,
        "organizer": organizer,
        "members": members,
        "groups": groups,
        "recovery_codes": recovery.wrap().get_unused_codes()[:3],
    }
