from django.core.exceptions import ValidationError


class ProposalRefused(ValidationError):
    """A proposal action that the rules forbid in the proposal's current state."""


class RsvpRefused(ValidationError):
    """An answer that cannot be taken: event cancelled, over, or answers closed."""


class EventChangeRefused(ValidationError):
    """An edit that would break an invariant, such as capacity below those going."""
