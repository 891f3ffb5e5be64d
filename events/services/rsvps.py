import zoneinfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.enums import EventStatus, RsvpAnswer, RsvpStatus, Visibility
from events.errors import RsvpRefused
from events.models import Event, EventCohost, Rsvp
from events.permissions import can_view_event
from events.selectors.rsvps import going_count
from events.services.merging import merge_guest_answers
from events.services.sessions import END_ISOLATE, ISOLATE
from events.services.waitlist import waitlist_fill
from events.signals import rsvp_answered
from members.calendars import format_date, format_time_zone_name
from members.digits import active_digit_style
from members.models import User


def _in_event_zone(event: Event, moment) -> str:
    """A moment in the event's own zone, named: a guest's zone is unknown, and a member reads
    the same time on the event's page as its local time."""
    with timezone.override(zoneinfo.ZoneInfo(event.time_zone)):
        shown = format_date(moment, get_language() or "en", active_digit_style(), with_time=True)
    return f"{shown} ({format_time_zone_name(event.time_zone, get_language() or 'en')})"


def refuse_if_closed(event: Event, answer: str) -> None:
    now = timezone.now()
    if event.status == EventStatus.CANCELLED:
        raise RsvpRefused(
            _("This event has been cancelled and no longer takes answers."), code="cancelled"
        )
    if event.ends_at <= now:
        raise RsvpRefused(_("This event is over and no longer takes answers."), code="past")
    if event.rsvp_deadline and event.rsvp_deadline <= now and answer != RsvpAnswer.NOT_GOING:
        raise RsvpRefused(
            _("Answers for this event closed on %(deadline)s. You can still cancel.")
            % {
                "deadline": _in_event_zone(event, event.rsvp_deadline),
            },
            code="deadline",
        )


def place_answer(event: Event, rsvp: Rsvp, answer: str, *, is_new: bool) -> None:
    """Turn an answer into a status: "going" beyond capacity joins the end of the waitlist.

    The caller holds the event's row lock.
    """
    if answer != RsvpAnswer.GOING:
        rsvp.status = answer
        rsvp.waitlisted_at = None
        return
    if not is_new and rsvp.status in (RsvpStatus.GOING, RsvpStatus.WAITLISTED):
        return
    if event.capacity is None or going_count(event) < event.capacity:
        rsvp.status = RsvpStatus.GOING
        rsvp.waitlisted_at = None
    else:
        rsvp.status = RsvpStatus.WAITLISTED
        rsvp.waitlisted_at = timezone.now()


@transaction.atomic
def rsvp_set(
    *,
    event: Event,
    member: User,
    answer: str,
    interpretation: str = "",
    accessibility_needs: str = "",
    listed_consent: bool = False,
    shared_with_group_ids: list[int] | None = None,
) -> Rsvp:
    """Record a member's answer, holding the event's row lock for the whole decision.

    `shared_with_group_ids`: the co-hosting groups whose coordinators may see the member's
    name (others among them, and groups not co-hosting, are ignored); None keeps the choice.

    The lock serialises every answer to one event, so the count of those going and the new
    status are decided together: capacity is never exceeded, however many answer at once.
    Leaving "going" promotes the first on the waitlist in the same transaction. A guest answer
    given with one of the member's addresses becomes part of this one (events/services/merging.py).

    After commit, `rsvp_answered` says whether the status (going, maybe, not going, waitlisted)
    changed: a confirmation mail follows only then, not for needs or consent alone. The same
    answer given again is refused ("unchanged"): nothing is written or announced.
    """
    if answer not in RsvpAnswer.values:
        raise RsvpRefused(_("Choose going, maybe or not going."), code="answer")
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.visibility == Visibility.MEMBERS and not member.is_approved:
        raise RsvpRefused(
            _("Only approved members can answer members-only events."), code="not_member"
        )
    if locked.visibility == Visibility.INVITE and not can_view_event(member, locked):
        raise RsvpRefused(
            _("Only members of the invited groups can answer this event."), code="not_invited"
        )
    refuse_if_closed(locked, answer)
    rsvp, merged = merge_guest_answers(locked, member)
    sharing = None
    if shared_with_group_ids is not None:
        cohosts = EventCohost.objects.filter(event=locked, group_id__in=shared_with_group_ids)
        sharing = set(cohosts.values_list("group_id", flat=True))
    shared_before: set[int] = set()
    if rsvp is None:
        rsvp = Rsvp(event=locked, member=member, verified_at=timezone.now())
        previous = None
    else:
        previous = (rsvp.status, rsvp.interpretation, rsvp.accessibility_needs, rsvp.listed_consent)
        if sharing is not None:
            shared_before = set(rsvp.shared_with_groups.values_list("pk", flat=True))
    was_going = previous is not None and previous[0] == RsvpStatus.GOING
    place_answer(locked, rsvp, answer, is_new=previous is None)
    rsvp.interpretation = interpretation
    rsvp.accessibility_needs = accessibility_needs.strip()
    rsvp.listed_consent = listed_consent
    current = (rsvp.status, rsvp.interpretation, rsvp.accessibility_needs, rsvp.listed_consent)
    if previous == current and not merged and sharing in (None, shared_before):
        raise RsvpRefused(
            _("You have already answered this way; nothing was changed."), code="unchanged"
        )
    # Fields only: the constraints (one answer per member, known statuses) are the database's,
    # checked by the save below; asking first took a dozen queries while holding the event's
    # lock, which every other answer to the event waits for (bench/load.py, the RSVP storm).
    rsvp.full_clean(exclude=["checkin_code", "event", "member"], validate_constraints=False)
    rsvp.save()
    if sharing is not None and sharing != shared_before:
        rsvp.shared_with_groups.set(sharing)
    if was_going and rsvp.status != RsvpStatus.GOING:
        waitlist_fill(event=locked)
    status_changed = previous is None or previous[0] != rsvp.status
    transaction.on_commit(
        lambda: rsvp_answered.send(sender=Rsvp, rsvp_id=rsvp.pk, status_changed=status_changed)
    )
    return rsvp


def checkin_closed_reason(event: Event) -> str | None:
    """Why check-in is closed now, naming when it opens or closed in the reader's zone and
    digits; None while it is open (Event.checkin_opens_at to Event.checkin_closes_at)."""
    now = timezone.now()
    if now < event.checkin_opens_at:
        message = _("Check-in for this event opens on %(time)s.")
        moment = event.checkin_opens_at
    elif now > event.checkin_closes_at:
        message = _("Check-in for this event closed on %(time)s.")
        moment = event.checkin_closes_at
    else:
        return None
    language = get_language() or "en"
    return message % {"time": format_date(moment, language, active_digit_style(), with_time=True)}


@transaction.atomic
def rsvp_check_in(*, rsvp: Rsvp, organizer: User) -> tuple[Rsvp, bool]:
    """Mark someone as arrived. Returns (rsvp, newly): scanning a code twice is harmless.

    Refused outside the event's check-in hours, so a code opened days early changes nothing.
    """
    closed = checkin_closed_reason(rsvp.event)
    if closed is not None:
        raise RsvpRefused(closed, code="checkin_closed")
    locked = Rsvp.objects.select_for_update().get(pk=rsvp.pk)
    if locked.status != RsvpStatus.GOING:
        raise RsvpRefused(
            _("%(name)s is not on the list of people going.")
            % {"name": f"{ISOLATE}{locked.display_name}{END_ISOLATE}"},
            code="not_going",
        )
    if locked.checked_in_at is not None:
        return locked, False
    locked.checked_in_at = timezone.now()
    locked.checked_in_by = organizer
    locked.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    return locked, True


@transaction.atomic
def rsvp_undo_check_in(*, rsvp: Rsvp) -> Rsvp:
    locked = Rsvp.objects.select_for_update().get(pk=rsvp.pk)
    locked.checked_in_at = None
    locked.checked_in_by = None
    locked.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
    return locked
