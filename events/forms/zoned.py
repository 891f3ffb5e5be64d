"""Date-times typed as wall-clock time in the event's own time zone.

A proposer in Tehran types 18:00 for an event in Berlin's zone and means 18:00 in Berlin. The
form shows and reads naive wall-clock times and attaches the chosen zone in `clean()`, refusing a
time that does not exist there (the hour skipped when clocks go forward).
"""

import zoneinfo
from datetime import UTC, datetime

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from members.calendars import format_time_zone_name
from members.fields import LocalisedDateTimeField
from members.validators import time_zone_names

WALL_CLOCK_FORMAT = "%Y-%m-%dT%H:%M"


class WallClockDateTimeField(LocalisedDateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=WALL_CLOCK_FORMAT)

    def to_python(self, value):
        with timezone.override(UTC):
            result = super().to_python(value)
        return result.replace(tzinfo=None) if result is not None else None


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
            return
        zone = zoneinfo.ZoneInfo(zone_name)
        for name in self.zoned_fields:
            wall_clock = cleaned.get(name)
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
                    % {"zone": format_time_zone_name(zone_name, get_language() or "en")},
                )
                continue
            cleaned[name] = aware
