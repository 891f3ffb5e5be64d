from functools import cache
from zoneinfo import available_timezones

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.digits import local_digits


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


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with the minimum length in the reader's digits (members/digits.py)."""

    def get_error_message(self) -> str:
        return local_digits(super().get_error_message())

    def get_help_text(self) -> str:
        return local_digits(super().get_help_text())
