from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from events.forms.details import (
    DETAIL_FIELDS,
    NO_PARTICIPANTS,
    EventDetailsForm,
    MemberChoiceField,
    at_least_one,
)
from events.forms.zoned import WallClockDateTimeField
from events.models import Proposal, ProposalComment
from events.models.comment import MAX_COMMENT_LENGTH
from members.digits import local_digits
from members.fields import LocalisedIntegerField
from members.forms_confirm import ConfirmForm, message_widget, optional_message
from members.models import AllianceGroup, User
from members.validators import visible_or_empty


class ShownIdsField(forms.Field):
    """The ids a form showed as choices, sent back hidden, so that it can tell an unticked box
    from a choice added since. Anything but a number is ignored: only a forged form sends it."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> set[int]:
        if isinstance(value, str):
            value = [value]
        ids = set()
        for item in value or []:
            try:
                ids.add(int(item))
            except (TypeError, ValueError):
                continue
        return ids


class CoProposerChoiceField(MemberChoiceField):
    def label_from_instance(self, obj) -> str:
        return format_html("<bdi>{}</bdi>", obj.display_name)


class GroupChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name  # in the reader's language, falling back as every translated name


class ProposalForm(EventDetailsForm):
    zoned_fields = ("starts_at", "ends_at", "groups_deadline")

    # Only the draft's current co-proposers, ticked; nobody else is ever listed (a member
    # directory is not to be handed to whoever proposes). Others join through a link.
    co_proposers = CoProposerChoiceField(
        label=_("Co-proposers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "They may edit the draft too. Untick someone to remove them. To add a co-proposer, "
            "invite them with a link from the proposal's page."
        ),
    )
    co_proposers_shown = ShownIdsField()
    invited_groups = GroupChoiceField(
        label=_("Groups invited to co-host"),
        queryset=AllianceGroup.objects.order_by("slug"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For a joint action: each group's coordinators are asked, once you submit the "
            "proposal, whether their group joins. You need not belong to the groups you invite."
        ),
    )
    groups_deadline = WallClockDateTimeField(
        label=_("Groups answer by"),
        required=False,
        help_text=_(
            "In the event's own time zone. Without a deadline, the proposal can be accepted only "
            "once every invited group has joined; after it, with the groups that have joined."
        ),
    )

    class Meta:
        model = Proposal
        fields = [
            *DETAIL_FIELDS,
            "expected_capacity",
            "co_proposers",
            "invited_groups",
            "groups_deadline",
        ]
        field_classes = {"expected_capacity": LocalisedIntegerField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = (
            list(self.instance.co_proposers.order_by("display_name", "pk"))
            if self.instance.pk
            else []
        )
        if current:
            self.fields["co_proposers"].queryset = self.instance.co_proposers.order_by(
                "display_name", "pk"
            )
            self.fields["co_proposers_shown"].initial = [member.pk for member in current]
        else:
            del self.fields["co_proposers"]
            del self.fields["co_proposers_shown"]
        self._current_co_proposers = current
        if self.instance.pk:
            self.initial.setdefault(
                "invited_groups", list(self.instance.invitations.values_list("group_id", flat=True))
            )

    def clean_expected_capacity(self) -> int | None:
        return at_least_one(self.cleaned_data.get("expected_capacity"), NO_PARTICIPANTS)

    def clean(self):
        cleaned = super().clean()
        deadline = cleaned.get("groups_deadline")
        if deadline is None:
            return cleaned
        if not cleaned.get("invited_groups"):
            self.add_error(
                "groups_deadline", _("Set a deadline only when you invite groups to co-host.")
            )
        elif deadline <= timezone.now():
            self.add_error("groups_deadline", _("The deadline must be in the future."))
        elif cleaned.get("starts_at") and deadline > cleaned["starts_at"]:
            self.add_error("groups_deadline", _("The groups must answer before the event starts."))
        return cleaned

    def proposal_fields(self) -> dict:
        """What the proposal itself stores; the invited groups go to `proposal_invite_groups`,
        the co-proposers unticked to `co_proposers_removed`."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("invited_groups", "co_proposers", "co_proposers_shown")
        }

    def co_proposers_removed(self) -> list[User]:
        """The co-proposers the form showed and the editor unticked; not someone who joined
        through a link while the form was open, whom it never showed."""
        if "co_proposers" not in self.fields:
            return []
        kept = {member.pk for member in self.cleaned_data.get("co_proposers") or []}
        shown = self.cleaned_data.get("co_proposers_shown") or set()
        return [
            member
            for member in self._current_co_proposers
            if member.pk in shown and member.pk not in kept
        ]


class DecisionNoteForm(ConfirmForm):
    """The rejection's confirmation page: the note goes to every proposer with the notice."""

    NOTE_LIMIT = 2000  # Proposal.decision_note's max_length

    note = forms.CharField(
        label=_("Note to the proposers (optional)"),
        help_text=_(
            "Sent to them as you write it, marked as the organizers' words, and shown on the "
            "proposal."
        ),
        required=False,
        widget=message_widget(NOTE_LIMIT),
    )

    def clean_note(self) -> str:
        return optional_message(
            self.cleaned_data["note"],
            limit=self.NOTE_LIMIT,
            too_long=_("The note is too long: at most %(limit)s characters."),
        )


class CommentForm(forms.ModelForm):
    class Meta:
        model = ProposalComment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3, "dir": "auto"})}
        labels = {"body": _("Your comment")}
        help_texts = {"body": _("Markdown is welcome: **bold**, lists, links.")}

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write something first."), code="blank")
        if not visible_or_empty(body):
            raise forms.ValidationError(
                _("This comment shows nothing: it has only spaces or invisible characters."),
                code="invisible",
            )
        if len(body) > MAX_COMMENT_LENGTH:
            raise forms.ValidationError(
                _("A comment can be at most %(limit)s characters.")
                % {"limit": local_digits(MAX_COMMENT_LENGTH)},
                code="max_length",
            )
        return body
