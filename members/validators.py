from functools import cache
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def time_zone_names() -> tuple[str, ...]:
    """IANA zone names, sorted; 'localtime' and the like are left out as they mean nothing here."""
    return tuple(sorted(name for name in available_timezones() if "/" in name or name == "UTC"))


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(
            _(
                "“%(value)s” is not a time zone we know. Choose one from the list, e.g. Asia/Tehran."  # noqa: E501
            ),
            code="unknown_time_zone",
            params={"value": value},
        )
