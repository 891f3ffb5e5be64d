"""The form behind every confirmation page: cancel, postpone, reject, remove, turn off.

A destructive action takes effect only from its own confirmation page, which works without
JavaScript. That page sends `confirmed`, which no other button sends: a one-click POST from an
old page, or a forged one, changes nothing and gets the confirmation page back.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from members.digits import local_digits
from members.validators import visible_or_empty


class ConfirmForm(forms.Form):
    # Rendered by templates/partials/confirm_buttons.html as a fixed hidden input, so that a
    # page shown again with an error still confirms on the next press.
    confirmed = forms.BooleanField(
        required=True,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Nothing has changed yet: confirm with the button on this page.")
        },
    )


def optional_message(value: str, *, limit: int, too_long: str | Promise) -> str:
    """An organizer's optional message as it will be shown: line breaks kept (a browser sends
    them as CRLF and counts them as one), "" when it shows nothing (only spaces, zero-width or
    direction marks), refused with `too_long` (naming %(limit)s, in the reader's digits) when
    longer than `limit`."""
    text = value.replace("\r\n", "\n").strip()
    if not visible_or_empty(text):
        return ""
    if len(text) > limit:
        raise ValidationError(local_digits(too_long % {"limit": limit}), code="too_long")
    return text


def message_widget(limit: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": 4, "dir": "auto", "maxlength": limit})
