import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from members.digits import normalise_digits

MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class MonthForm(forms.Form):
    """Which month the calendar shows: ?month=2026-11 (Persian or Arabic digits welcome)."""

    month = forms.CharField(required=False, max_length=10)

    def clean_month(self) -> date | None:
        text = normalise_digits(self.cleaned_data["month"].strip())
        if not text:
            return None
        found = MONTH.match(text)
        if not found or not (1 <= int(found[2]) <= 12) or not (1900 <= int(found[1]) <= 2999):
            raise forms.ValidationError(
                _("That month could not be read; here is the current month instead.")
            )
        return date(int(found[1]), int(found[2]), 1)
