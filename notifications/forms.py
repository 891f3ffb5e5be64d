from django import forms

from notifications.models import ReminderPlan


class ReminderPlanForm(forms.ModelForm):
    class Meta:
        model = ReminderPlan
        fields = ["week", "day", "hour"]
