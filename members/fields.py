"""Form fields that accept numbers, dates and times typed in Persian or Arabic-Indic digits.

A member on a Persian or Arabic keyboard types ۱۲ or ١٢ without thinking of it. Python's int()
happens to read such digits, but not the Arabic separators (١٬٢٠٠, ۱۲٫۵), and date formats
parsed with strptime refuse them. These fields turn all of it into ASCII first and then validate
exactly as Django does.
"""

from datetime import date, datetime
from typing import Any

from django import forms

from members.digits import normalise_digits


def _normalised(value: Any) -> Any:
    return normalise_digits(value) if isinstance(value, str) else value


class LocalisedIntegerField(forms.IntegerField):
    """An IntegerField that also reads Persian and Arabic-Indic digits and separators."""

    def to_python(self, value: Any) -> int | None:
        return super().to_python(_normalised(value))


class LocalisedDateField(forms.DateField):
    """A DateField that also reads Persian and Arabic-Indic digits."""

    def to_python(self, value: Any) -> date | None:
        return super().to_python(_normalised(value))


class LocalisedDateTimeField(forms.DateTimeField):
    """A DateTimeField that also reads Persian and Arabic-Indic digits."""

    def to_python(self, value: Any) -> datetime | None:
        return super().to_python(_normalised(value))
