"""Demo topics, proposals and events for `make run`, in Arabic, Persian and English."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from events.enums import InvitationStatus, ProposalState
from events.models import Event, Proposal, ProposalInvitation, Session, Topic
from events.services.proposals import proposal_endorse
from events.services.rsvps import rsvp_set
from members.demo import DEMO_GROUP_SLUGS
from members.models import AllianceGroup, User
from members.selectors_groups import group_coordinators

# The joint action the two demo groups carry together (members/demo.py DEMO_GROUPS), accepted
# from a proposal both joined.
COHOSTED_TITLE = "Federalism and self-determination: a joint conference"
# A joint action still being decided: the first demo group has joined, the second not answered.
JOINT_ACTION_TITLE = "Woman, life, freedom: a joint day of solidarity"
JOINT_ACTION_PROPOSER = "shirin@tadamun.example"

TOPICS = [
    (
        "against-sectarianism",
        "مواجهة الأحكام المسبقة الطائفية بين الشيعة والسنة",
        "مقابله با پیش‌داوری‌های فرقه‌ای شیعه و سنی",
        "Challenging Shia–Sunni sectarian prejudice",
    ),
    (
        "self-determination",
        "حق تقرير المصير للكرد وسائر القوميات",
        "حق تعیین سرنوشت کردها و دیگر ملیت‌ها",
        "Self-determination of Kurds and other nationalities",
    ),
    ("federalism", "الفيدرالية", "فدرالیسم", "Federalism"),
    (
        "class-and-gender-justice",
        "العدالة الطبقية والجندرية",
        "عدالت طبقاتی و جنسیتی",
        "Class and gender justice",
    ),
    (
        "socialism-as-emancipation",
        "الاشتراكية بوصفها تحرراً إنسانياً، لا كالأنظمة الستالينية والماوية",
        "سوسیالیسم به‌مثابه رهایی انسان، متمایز از رژیم‌های استالینی و مائوئیستی",
        "Socialism as human emancipation, distinct from the Stalinist and Maoist regimes",
    ),
    (
        "syria-solidarity",
        "أعمال تضامن مشتركة مع المعارضة الديمقراطية السورية",
        "اقدامات مشترک همبستگی با اپوزیسیون دموکراتیک سوریه",
        "Joint actions of solidarity with the Syrian democratic opposition",
    ),
]


def _at(days: int, hour: int) -> timezone.datetime:
    moment = timezone.now() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _topics() -> dict[str, Topic]:
    topics = {}
    for slug, name_ar, name_fa, name_en in TOPICS:
        topic, _created = Topic.objects.update_or_create(
            slug=slug, defaults={"name_ar": name_ar, "name_fa": name_fa, "name_en": name_en}
        )
        topics[slug] = topic
    return topics


def _cohost_demo_event() -> None:
    event = Event.objects.filter(title_en=COHOSTED_TITLE).first()
    if event is not None:
        event.cohost_groups.add(*AllianceGroup.objects.filter(slug__in=DEMO_GROUP_SLUGS))


def _joint_action_demo(members: list[User]) -> None:
    groups = AllianceGroup.objects.in_bulk(DEMO_GROUP_SLUGS, field_name="slug")
    approved = [member for member in members if member.is_approved]
    if Proposal.objects.filter(title_en=JOINT_ACTION_TITLE).exists() or not approved:
        return
    if len(groups) < len(DEMO_GROUP_SLUGS):
        return
    proposer = next((m for m in approved if m.email == JOINT_ACTION_PROPOSER), approved[0])
    proposal = Proposal.objects.create(
        proposer=proposer,
        kind="rally",
        title_ar="المرأة، الحياة، الحرية: يوم تضامن مشترك",
        title_fa="زن، زندگی، آزادی: روز مشترک همبستگی",
        title_en=JOINT_ACTION_TITLE,
        description_fa="یک روز همبستگی مشترک سوسیالیست‌های سوری و ایرانی با جنبش زنان.",
        description_en="A day of solidarity with the women's movement, carried by Syrian and "
        "Iranian socialists together.",
        starts_at=_at(30, 14),
        ends_at=_at(30, 18),
        time_zone="Europe/Berlin",
        modality="in_person",
        venue="Oranienplatz",
        city="Berlin",
        country="DE",
        in_arabic=True,
        in_persian=True,
        in_english=True,
        state=ProposalState.SUBMITTED,
        submitted_at=timezone.now(),
        groups_deadline=_at(14, 18),
        expected_capacity=200,
    )
    proposal.topics.set(Topic.objects.filter(slug="class-and-gender-justice"))
    first, second = (groups[slug] for slug in DEMO_GROUP_SLUGS[:2])
    coordinator = group_coordinators(group=first).first()
    ProposalInvitation.objects.create(
        proposal=proposal,
        group=first,
        status=InvitationStatus.JOINED,
        answered_by=coordinator.member if coordinator else proposer,
        answered_at=timezone.now(),
    )
    ProposalInvitation.objects.create(proposal=proposal, group=second)


def _accepted_joint_action_demo(*, organizer: User, members: list[User]) -> None:
    """The proposal the co-hosted conference came from: both demo groups joined, an organizer
    accepted it. Its page shows both groups' answers and links the published event."""
    event = Event.objects.filter(title_en=COHOSTED_TITLE).first()
    groups = AllianceGroup.objects.in_bulk(DEMO_GROUP_SLUGS, field_name="slug")
    approved = [member for member in members if member.is_approved]
    if event is None or not approved or len(groups) < len(DEMO_GROUP_SLUGS):
        return
    if Proposal.objects.filter(event=event).exists():
        return
    coordinators = {slug: group_coordinators(group=group).first() for slug, group in groups.items()}
    iranian = coordinators[DEMO_GROUP_SLUGS[1]]
    proposal = Proposal.objects.create(
        proposer=iranian.member if iranian else approved[0],
        kind=event.kind,
        title_fa=event.title_fa,
        title_en=event.title_en,
        description_fa=event.description_fa,
        description_en=event.description_en,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        time_zone=event.time_zone,
        modality=event.modality,
        venue=event.venue,
        city=event.city,
        country=event.country,
        meeting_link=event.meeting_link,
        in_persian=event.in_persian,
        in_english=event.in_english,
        interpretation_ar=event.interpretation_ar,
        interpretation_fa=event.interpretation_fa,
        state=ProposalState.ACCEPTED,
        submitted_at=timezone.now() - timedelta(days=12),
        decided_by=organizer,
        decided_at=timezone.now() - timedelta(days=2),
        expected_capacity=event.capacity,
        event=event,
    )
    proposal.topics.set(event.topics.all())
    for slug, group in groups.items():
        coordinator = coordinators[slug]
        ProposalInvitation.objects.create(
            proposal=proposal,
            group=group,
            status=InvitationStatus.JOINED,
            answered_by=coordinator.member if coordinator else proposal.proposer,
            answered_at=timezone.now() - timedelta(days=5),
        )


@transaction.atomic
def load_event_demo(*, organizer: User, members: list[User]) -> dict:
    """Idempotent: the demo events are recognised by their English titles."""
    topics = _topics()
    if Event.objects.filter(title_en=COHOSTED_TITLE).exists():
        _cohost_demo_event()
        _accepted_joint_action_demo(organizer=organizer, members=members)
        _joint_action_demo(members)
        return {"topics": len(topics), "events": Event.objects.count()}

    conference = Event.objects.create(
        kind="conference",
        title_fa="فدرالیسم و حق تعیین سرنوشت: کنفرانس مشترک",
        title_en=COHOSTED_TITLE,
        description_fa="دو روز گفت‌وگو میان فعالان **ایرانی، کرد و عرب** دربارهٔ آیندهٔ فدرال.",
        description_en="Two days of dialogue between **Iranian, Kurdish and Arab** activists.",
        starts_at=_at(21, 7),
        ends_at=_at(21, 16),
        time_zone="Asia/Baghdad",
        modality="hybrid",
        venue="Zheen cultural centre",
        city="Erbil",
        country="IQ",
        meeting_link="https://meet.tadamun.example/federalism",
        in_persian=True,
        in_english=True,
        interpretation_ar=True,
        interpretation_fa=True,
        visibility="public",
        capacity=10,
    )
    conference.topics.set([topics["federalism"], topics["self-determination"]])
    conference.organizers.add(organizer)
    for hour, title_fa, title_en, language in [
        (7, "گشایش", "Opening", "en"),
        (9, "فدرالیسم در عراق و ایران", "Federalism in Iraq and Iran", "fa"),
        (13, "حق تعیین سرنوشت ملیت‌ها", "Self-determination of nationalities", "en"),
    ]:
        Session.objects.create(
            event=conference,
            title_fa=title_fa,
            title_en=title_en,
            starts_at=_at(21, hour),
            ends_at=_at(21, hour + 2),
            room="Hall A",
            language=language,
        )

    webinar = Event.objects.create(
        kind="webinar",
        title_ar="تجاوز الطائفية: حوار بين الشيعة والسنة",
        title_en="Beyond sectarianism: a Shia–Sunni dialogue",
        description_ar="ندوة عبر الإنترنت مع ناشطين من العراق وسوريا ولبنان.",
        starts_at=_at(10, 17),
        ends_at=_at(10, 19),
        time_zone="Asia/Damascus",
        modality="online",
        meeting_link="https://meet.tadamun.example/beyond-sectarianism",
        in_arabic=True,
        interpretation_en=True,
        visibility="public",
    )
    webinar.topics.set([topics["against-sectarianism"]])
    webinar.organizers.add(organizer)

    rally = Event.objects.create(
        kind="rally",
        title_ar="وقفة تضامن مع المعارضة الديمقراطية السورية",
        title_fa="تجمع همبستگی با اپوزیسیون دموکراتیک سوریه",
        title_en="Solidarity rally with the Syrian democratic opposition",
        starts_at=_at(5, 15),
        ends_at=_at(5, 17),
        time_zone="Europe/Berlin",
        modality="in_person",
        venue="Oranienplatz",
        city="Berlin",
        country="DE",
        in_arabic=True,
        in_persian=True,
        in_english=True,
        visibility="members",
    )
    rally.topics.set([topics["syria-solidarity"]])
    rally.organizers.add(organizer)

    approved = [member for member in members if member.is_approved]
    for member in approved:
        rsvp_set(event=conference, member=member, answer="going", interpretation="fa")
    proposal = Proposal.objects.create(
        proposer=approved[0],
        kind="workshop",
        title_ar="ورشة عمل: العدالة الجندرية في النقابات",
        title_en="Workshop: gender justice in trade unions",
        description_en="A practical workshop for union organisers.",
        starts_at=_at(40, 9),
        ends_at=_at(40, 12),
        time_zone="Europe/Stockholm",
        modality="online",
        in_arabic=True,
        in_english=True,
        state=ProposalState.SUBMITTED,
        submitted_at=timezone.now(),
        expected_capacity=30,
    )
    proposal.topics.set([topics["class-and-gender-justice"]])
    for member in approved[1:]:
        proposal_endorse(proposal=proposal, member=member)
    _cohost_demo_event()
    _accepted_joint_action_demo(organizer=organizer, members=members)
    _joint_action_demo(members)
    return {"topics": len(topics), "events": Event.objects.count()}
