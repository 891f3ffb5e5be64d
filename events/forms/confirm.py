from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms_confirm import ConfirmForm, message_widget, optional_message


class EventNoticeForm(ConfirmForm):
    """Cancelling or postponing: the optional message goes into every attendee's notice."""

    MESSAGE_LIMIT = 1000

    message = forms.CharField(
        label=_("Message to the people who answered (optional)"),
        help_text=_(
            "Added to their notice as you write it, marked as the organizers' words: a reason, "
            "what happens next."
        ),
        required=False,
        widget=message_widget(MESSAGE_LIMIT),
    )

    def clean_message(self) -> str:
        return optional_message(
            self.cleaned_data["message"],
            limit=self.MESSAGE_LIMIT,
            too_long=_("The message is too long: at most %(limit)s characters."),
        )
