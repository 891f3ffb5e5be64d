from django import forms
from django.utils.translation import gettext_lazy as _


class GroupVisibilityForm(forms.Form):
    """Per group the member belongs to or asked to join: may other members see it?"""

    shown = forms.MultipleChoiceField(
        label=_("Show other members that I belong to these groups"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shown"].choices = [
            (str(membership.group_id), membership.group.name) for membership in memberships
        ]
        self.fields["shown"].initial = [
            str(membership.group_id) for membership in memberships if membership.show_publicly
        ]

    def shown_group_ids(self) -> set[int]:
        return {int(value) for value in self.cleaned_data["shown"]}
