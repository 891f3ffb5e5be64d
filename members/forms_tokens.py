from django import forms
from django.utils.translation import gettext_lazy as _

from members.models_tokens import MAX_LABEL_LENGTH
from members.validators import clean_visible_name


class ApiTokenForm(forms.Form):
    label = forms.CharField(
        label=_("Name of the token"),
        max_length=MAX_LABEL_LENGTH,
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
        help_text=_("So that you know it again in the list, e.g. “my calendar script”."),
    )

    def clean_label(self) -> str:
        return clean_visible_name(
            self.cleaned_data["label"], blank_message=_("Please give the token a name.")
        )
