"""The database's rules in a form's words.

Django checks a model's CheckConstraints after the form's own `clean()`, and reports a broken
one as "Constraint “group_has_a_name” is violated.": words for developers, in English. Each
form below checks every such rule itself, with a translated message; this mixin makes sure the
raw sentence never reaches a reader: where the form already said it, the raw one is dropped,
otherwise the form's message for that constraint (`constraint_messages`) takes its place.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import CheckConstraint
from django.utils.translation import gettext_lazy as _

# For a rule no form names a message for: still no constraint name in front of a reader.
GENERIC_MESSAGE = _("These details cannot be saved together; check the fields and try again.")


class ConstraintMessagesMixin:
    """For ModelForms of a model with CheckConstraints. `constraint_messages`: the rule → the
    translated message the form's `clean()` gives for it. A rule is named as its constraint
    without the model's prefix ("has_a_title" for "proposal_has_a_title" and
    "session_has_a_title"), so forms sharing fields share messages; a full name also works."""

    constraint_messages: dict = {}

    def _message_for(self, name: str) -> str:
        rule = name.split("_", 1)[-1]
        messages = self.constraint_messages
        return str(messages.get(name) or messages.get(rule) or GENERIC_MESSAGE)

    def _raw_constraint_messages(self) -> dict[str, str]:
        constraints = self._meta.model._meta.constraints
        return {
            str(constraint.get_violation_error_message()): constraint.name
            for constraint in constraints
            if isinstance(constraint, CheckConstraint)
        }

    def _already_said(self, message: str) -> bool:
        return any(message in [str(said) for said in errors] for errors in self.errors.values())

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            raw = self._raw_constraint_messages()
            kept = []
            for item in error.error_dict.get(NON_FIELD_ERRORS, []):
                name = raw.get(str(item.message)) if item.params is None else None
                if name is None:
                    kept.append(item)
                    continue
                friendly = self._message_for(name)
                if not self._already_said(friendly):
                    kept.append(ValidationError(friendly, code=name))
            errors = dict(error.error_dict)
            if kept:
                errors[NON_FIELD_ERRORS] = kept
            else:
                errors.pop(NON_FIELD_ERRORS, None)
            if not errors:
                return
            error = ValidationError(errors)
        super().add_error(field, error)
