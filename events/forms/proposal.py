from django import forms
from django.utils.translation import gettext_lazy as _

from events.forms.details import (
    DETAIL_FIELDS,
    EventDetailsForm,
    MemberChoiceField,
    approved_members,
)
from events.models import Proposal, ProposalComment
from events.models.comment import MAX_COMMENT_LENGTH
from members.digits import local_digits
from members.fields import LocalisedIntegerField


class ProposalForm(EventDetailsForm):
    co_proposers = MemberChoiceField(
        label=_("Co-proposers"),
        queryset=approved_members(),
        required=False,
        help_text=_("Other members who propose this with you; they may edit the draft too."),
    )

    class Meta:
        model = Proposal
        fields = [*DETAIL_FIELDS, "expected_capacity", "co_proposers"]
        field_classes = {"expected_capacity": LocalisedIntegerField}

    def __init__(self, *args, proposer=None, **kwargs):
        super().__init__(*args, **kwargs)
        if proposer is not None:
            self.fields["co_proposers"].queryset = approved_members().exclude(pk=proposer.pk)


class DecisionNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the proposers"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
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
        if len(body) > MAX_COMMENT_LENGTH:
            raise forms.ValidationError(
                _("A comment can be at most %(limit)s characters.")
                % {"limit": local_digits(MAX_COMMENT_LENGTH)},
                code="max_length",
            )
        return body
