"""Date-times typed as wall-clock time in the event's own time zone.

A proposer in Tehran types 18:00 for an event in Berlin's zone and means 18:00 in Berlin. The
form shows and reads naive wall-clock times and attaches the chosen zone in `clean()`, refusing a
time that does not exist there (the hour skipped when clocks go forward), a time sent with an
offset the zone does not have then (it would be read as another moment than the sender meant),
and a new or changed time already past or further ahead than MAX_YEARS_AHEAD.

Every date-time a form takes (a proposal's and an event's times and deadlines, the programme's
sessions, the answers' deadline set on accepting) is one of these fields, so the rules hold for
all of them.
"""

import zoneinfo
from datetime import UTC, datetime, timedelta
from datetime import timezone as fixed_offset

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from members.calendars import format_time_zone_name
from members.digits import local_digits
from members.fields import LocalisedDateTimeField
from members.validators import time_zone_names

WALL_CLOCK_FORMAT = "%Y-%m-%dT%H:%M"
# How far ahead a date may be: a typo (2062 for 2026, 9999) rather than a plan.
MAX_YEARS_AHEAD = 10
# Attached to a typed time that came without an offset, so that one sent with an offset (even
# +00:00 or Z) can be told apart from it.
_NO_OFFSET = fixed_offset(timedelta(0), "wall clock")


class WallClockDateTimeField(LocalisedDateTimeField):
    """A naive wall-clock time; one sent with its own offset ("…+05:00") stays aware, for
    `attach_zone` to compare with the event's zone instead of dropping the offset."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=WALL_CLOCK_FORMAT)

    def to_python(self, value):
        with timezone.override(_NO_OFFSET):
            result = super().to_python(value)
        if result is not None and result.tzinfo is _NO_OFFSET:
            return result.replace(tzinfo=None)
        return result


def furthest_ahead() -> datetime:
    now = timezone.now()
    try:
        return now.replace(year=now.year + MAX_YEARS_AHEAD)
    except ValueError:  # 29 February
        return now.replace(year=now.year + MAX_YEARS_AHEAD, day=28)


class ZonedDateTimesMixin:
    """For forms with a `time_zone` field and WallClockDateTimeFields named in `zoned_fields`."""

    zoned_fields: tuple[str, ...] = ()
    zone_field = "time_zone"

    def show_in_zone(self, zone_name: str) -> None:
        zone = zoneinfo.ZoneInfo(zone_name)
        for name in self.zoned_fields:
            value = self.initial.get(name)
            if isinstance(value, datetime) and timezone.is_aware(value):
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def attach_zone(self, cleaned: dict, zone_name: str | None) -> None:
        """Make the wall-clock times aware; without a valid zone, drop them (the zone field
        already carries the error) so that no naive date-time reaches the model."""
        if not zone_name or zone_name not in time_zone_names():
            for name in self.zoned_fields:
                cleaned.pop(name, None)
            self._times_unzoned = True
            return
        zone = zoneinfo.ZoneInfo(zone_name)
        zone_shown = format_time_zone_name(zone_name, get_language() or "en")
        for name in self.zoned_fields:
            wall_clock = cleaned.get(name)
            if wall_clock is None:
                continue
            if timezone.is_aware(wall_clock):
                wall_clock = self._offset_agreeing(name, wall_clock, zone, zone_shown)
                if wall_clock is None:
                    continue
            aware = wall_clock.replace(tzinfo=zone)
            try:
                round_trip = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
            except (OverflowError, ValueError):
                self.add_error(name, _("This date is out of range."))
                cleaned.pop(name, None)
                continue
            if round_trip != wall_clock:
                self.add_error(
                    name,
                    _(
                        "This time does not exist in %(zone)s: the clocks skip it. "
                        "Choose a time an hour later."
                    )
                    % {"zone": zone_shown},
                )
                continue
            if self._is_new_value(name) and not self._within_reach(name, aware):
                continue
            cleaned[name] = aware

    def _get_validation_exclusions(self):
        # The times left out above are no model error of their own ("cannot be null"): the
        # zone field says what is missing, once.
        excluded = super()._get_validation_exclusions()
        if getattr(self, "_times_unzoned", False):
            excluded |= set(self.zoned_fields)
        return excluded

    def _offset_agreeing(self, name: str, sent: datetime, zone, zone_shown: str):
        """The wall-clock time of `sent` (a time with its own offset) when the zone has that
        offset then; None, with the field's error, when it has another."""
        if sent.astimezone(zone).utcoffset() == sent.utcoffset():
            return sent.astimezone(zone).replace(tzinfo=None)
        self.add_error(
            name,
            _(
                "This time was sent with the offset %(offset)s, which is not that of "
                "%(zone)s on that date. Give the time as the clocks show it in %(zone)s, "
                "without an offset."
            )
            % {"offset": local_digits(sent.isoformat()[-6:]), "zone": zone_shown},
        )
        return None

    def _is_new_value(self, name: str) -> bool:
        """A time typed now, not one kept from before: an event that took place may still
        have its description corrected."""
        changed = self.changed_data
        return name in changed or self.zone_field in changed

    def _within_reach(self, name: str, moment: datetime) -> bool:
        if moment <= timezone.now():
            self.add_error(name, _("This time has already passed. Choose one still to come."))
            return False
        if moment > furthest_ahead():
            self.add_error(
                name,
                _("This is more than %(years)s years ahead. Check the year.")
                % {"years": local_digits(MAX_YEARS_AHEAD)},
            )
            return False
        return True
