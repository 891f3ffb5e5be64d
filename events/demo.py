"""Demo topics, proposals and events for `make run`, in Arabic, Persian and English."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from events.enums import ProposalState
from events.models import Event, Proposal, Session, Topic
from events.services.proposals import proposal_endorse
from events.services.rsvps import rsvp_set
from members.models import User

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


@transaction.atomic
def load_event_demo(*, organizer: User, members: list[User]) -> dict:
    """Idempotent: the demo events are recognised by their English titles."""
    topics = _topics()
    if Event.objects.filter(
        title_en="Federalism and self-determination: a joint conference"
    ).exists():
        return {"topics": len(topics), "events": Event.objects.count()}

    conference = Event.objects.create(
        kind="conference",
        title_fa="فدرالیسم و حق تعیین سرنوشت: کنفرانس مشترک",
        title_en="Federalism and self-determination: a joint conference",
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
    return {"topics": len(topics), "events": Event.objects.count()}
