"""Secrets and codes set out to be typed by hand or read aloud."""

from django import template

register = template.Library()


@register.filter
def in_groups_of(value: str, size: int) -> str:
    """ "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": spaces an authenticator app ignores."""
    text = str(value)
    return " ".join(text[start : start + size] for start in range(0, len(text), int(size)))
