from django import forms
from django.utils.translation import gettext_lazy as _

from events.enums import Interpretation, RsvpAnswer, RsvpStatus
from events.models.rsvp import MAX_ACCESSIBILITY_LENGTH
from events.selectors.rsvps import going_count
from members.validators import clean_visible_name

GOING_WHEN_FULL = _("Going (the event is full: you join the waitlist)")


def is_full(event) -> bool:
    """No seat left: the event's page counted those going (event_for_page), else one query."""
    if event.capacity is None:
        return False
    going = getattr(event, "going", None)
    return (going if going is not None else going_count(event)) >= event.capacity


def say_going_means_waitlist(field: forms.ChoiceField, *, event, rsvp) -> None:
    """On a full event, the "going" choice says beforehand that it joins the waitlist; not to
    someone already going, who keeps their seat."""
    if rsvp is not None and rsvp.status == RsvpStatus.GOING:
        return
    if is_full(event):
        field.choices = [
            (value, GOING_WHEN_FULL if value == RsvpAnswer.GOING else label)
            for value, label in RsvpAnswer.choices
        ]


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"), choices=RsvpAnswer.choices, widget=forms.RadioSelect
    )
    interpretation = forms.ChoiceField(
        label=_("Interpretation you need"), choices=Interpretation.choices, required=False
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=MAX_ACCESSIBILITY_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        help_text=_("Only the organizers see this."),
    )
    listed_consent = forms.BooleanField(
        label=_("Other attendees may see my display name on the attendee list"), required=False
    )
    shared_with_groups = forms.TypedMultipleChoiceField(
        label=_("Co-hosting groups whose coordinators may see my name"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Their coordinators see how many answered and what they need in any case; your "
            "name only if you tick their group."
        ),
    )

    def __init__(self, *args, event, rsvp=None, **kwargs):
        if rsvp is not None and "initial" not in kwargs:
            answer = RsvpAnswer.GOING if rsvp.status == RsvpStatus.WAITLISTED else rsvp.status
            kwargs["initial"] = {
                "answer": answer,
                "interpretation": rsvp.interpretation,
                "accessibility_needs": rsvp.accessibility_needs,
                "listed_consent": rsvp.listed_consent,
            }
        # The prefetched co-hosts where the page has them: no query of its own.
        cohosts = list(event.cohost_groups.all())
        if rsvp is not None and cohosts and "shared_with_groups" not in kwargs["initial"]:
            kwargs["initial"]["shared_with_groups"] = [
                group.pk for group in rsvp.shared_with_groups.all()
            ]
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # Only where the form is shown to be filled in: an answer being posted (the RSVP
            # storm, bench/load.py) pays no count for a label nobody reads.
            say_going_means_waitlist(self.fields["answer"], event=event, rsvp=rsvp)
        if cohosts:
            self.fields["shared_with_groups"].choices = [
                (group.pk, group.name) for group in cohosts
            ]
        else:
            del self.fields["shared_with_groups"]
        offered = set(event.interpretation_languages)
        self.fields["interpretation"].choices = [
            (value, label)
            for value, label in Interpretation.choices
            if not value or value in offered
        ]
        if not offered:
            del self.fields["interpretation"]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "answer": data["answer"],
            "interpretation": data.get("interpretation", ""),
            "accessibility_needs": data["accessibility_needs"],
            "listed_consent": data["listed_consent"],
            # None (keep the choice, read nothing) when the event has no co-hosts to choose.
            "shared_with_group_ids": data.get("shared_with_groups"),
        }


class GuestRsvpForm(RsvpForm):
    """Registration without an account: a name and an address we verify before it counts."""

    guest_name = forms.CharField(label=_("Your name"), max_length=120)
    guest_email = forms.EmailField(label=_("Your email address"))

    field_order = ["guest_name", "guest_email", "answer", "interpretation",
                   "accessibility_needs", "listed_consent"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Guests share their name with nobody but the organizers.
        self.fields.pop("shared_with_groups", None)

    def service_arguments(self) -> dict:
        arguments = super().service_arguments()
        del arguments["shared_with_group_ids"]
        return arguments

    def clean_guest_name(self) -> str:
        return clean_visible_name(
            self.cleaned_data["guest_name"], blank_message=_("Please enter your name.")
        )


class GuestChangeForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"), choices=RsvpAnswer.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, event=None, rsvp=None, **kwargs):
        super().__init__(*args, **kwargs)
        if event is not None and not self.is_bound:
            say_going_means_waitlist(self.fields["answer"], event=event, rsvp=rsvp)
