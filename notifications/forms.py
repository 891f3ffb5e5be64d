from django import forms

from notifications.enums import offset_label
from notifications.models import ReminderPlan


class ReminderPlanForm(forms.ModelForm):
    class Meta:
        model = ReminderPlan
        fields = ["week", "day", "hour"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for offset in self.Meta.fields:
            self.fields[offset].label = offset_label(offset)
