"""Form fields that read numbers, dates and times typed in Persian or Arabic-Indic digits.

A member on a Persian or Arabic keyboard types ۱۲ or ١٢ without thinking of it. Python's int()
happens to read such digits, but not the Arabic separators (١٬٢٠٠, ۱۲٫۵), and date formats
parsed with strptime refuse them. These fields turn all of it into ASCII first and then validate
exactly as Django does; the messages of their limits ("… greater than or equal to 0") come back
in the reader's digits. Every number, date and time field of the project's forms is one of
these (tests/members/test_digit_inputs.py checks it).
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from members.digits import local_digits, normalise_digits


class ReadsLocalDigits:
    """For a form field: normalise typed digits before parsing; write limits in the reader's."""

    def to_python(self, value: Any) -> Any:
        return super().to_python(normalise_digits(value) if isinstance(value, str) else value)

    def run_validators(self, value: Any) -> None:
        try:
            super().run_validators(value)
        except ValidationError as error:
            # Only numbers fill these fields' validator messages (the limit, the value), so
            # every digit in them is a number to show in the reader's digits.
            raise ValidationError(
                [
                    ValidationError(local_digits(" ".join(each.messages)), code=each.code)
                    for each in error.error_list
                ]
            ) from error


class LocalisedIntegerField(ReadsLocalDigits, forms.IntegerField):
    """An IntegerField that also reads Persian and Arabic-Indic digits and separators.

    A text box, not `type=number`: Chromium empties a number box holding digits of another
    locale, which would turn "۳۰" into "no limit" without a word.
    """

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def prepare_value(self, value: Any) -> Any:
        # A stored number is shown in the reader's digits, as typed ones are read in any.
        return local_digits(value) if isinstance(value, int) else value


class LocalisedDateField(ReadsLocalDigits, forms.DateField):
    """A DateField that also reads Persian and Arabic-Indic digits."""


class LocalisedDateTimeField(ReadsLocalDigits, forms.DateTimeField):
    """A DateTimeField that also reads Persian and Arabic-Indic digits."""
