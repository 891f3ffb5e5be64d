"""Dates, times and numbers in the reader's language and digits: `{% load localised %}`.

    {% local_date event.starts_at %}      {% local_datetime event.starts_at %}
    {% local_digits going_count %}        {{ member.time_zone|zone_label }}

Dates and numbers are tags, not filters, because the digits are the member's own choice and a
filter sees only its value, never the request. The zone label has no digits, so it is a filter.
Everything returned is plain text, escaped by the template like any other value.
"""

from datetime import date

from django import template
from django.conf import settings
from django.template import Context
from django.utils.translation import get_language

from members import digits
from members.calendars import (
    format_date,
    format_month,
    format_time_zone_name,
    jalali_day_label,
    weekday_name,
)
from members.digits import active_digit_style, digits_for, localise_digits
from members.separators import item_separator as separator_for

register = template.Library()


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def digit_style_of(context: Context) -> str:
    # A message rendered for someone other than the request's user (an email from a task)
    # passes that person's `digit_style` in the context; a page uses the signed-in member's.
    if "digit_style" in context:
        return context["digit_style"] or ""
    user = getattr(context.get("request"), "user", None)
    if user is not None and user.is_authenticated:
        return getattr(user, "digit_style", "") or ""
    return active_digit_style()


@register.simple_tag(takes_context=True)
def local_date(context: Context, value: date | None) -> str:
    """The date in the active language's calendar(s) and the reader's digits; "" for no date."""
    if not isinstance(value, date):
        return ""
    return format_date(value, _language(), digit_style_of(context))


@register.simple_tag(takes_context=True)
def local_datetime(context: Context, value: date | None) -> str:
    """As `local_date`, with the HH:mm in the current time zone appended."""
    if not isinstance(value, date):
        return ""
    return format_date(value, _language(), digit_style_of(context), with_time=True)


@register.filter
def in_reader_digits(value: object) -> str:
    """A text already written (a form error: "at most 5000 characters") with its digits in the
    reader's digits, as the request set them (members.digits.local_digits). A filter for the
    form templates, which iterate over errors; the result is escaped like any other value.

    What an error quotes of the member's own input is isolated (members.digits.verbatim) and
    stays as typed: nobody٢@x.org is another address than nobody2@x.org."""
    parts = digits.ISOLATED.split(str(value))
    return "".join(
        part if digits.ISOLATED.fullmatch(part) else digits.local_digits(part) for part in parts
    )


@register.simple_tag(takes_context=True)
def local_digits(context: Context, value: object) -> str:
    """Any number (or text holding one) with its digits in the reader's digits."""
    if value is None:
        return ""
    style = digits_for(_language(), digit_style_of(context))
    return localise_digits(str(value), style)


@register.simple_tag(takes_context=True)
def reader_digits(context: Context) -> str:
    """The reader's effective digit style, a CLDR numbering system ("latn", "arabext" or
    "arab"): `<body data-digits>` carries it, and the stylesheet numbers ordered lists in it."""
    return digits_for(_language(), digit_style_of(context))


@register.filter
def zone_label(zone: str) -> str:
    """An IANA zone name as a place the reader recognises, in the active language."""
    if not zone:
        return ""
    return format_time_zone_name(str(zone), _language())


@register.simple_tag(takes_context=True)
def local_month(context: Context, first: date) -> str:
    """A month's heading in the reader's language, calendars and digits."""
    return format_month(first, _language(), digit_style_of(context))


@register.simple_tag
def weekday(number: int) -> str:
    """A weekday's short name (0 = Monday) in the active language."""
    return weekday_name(number, _language())


@register.simple_tag(takes_context=True)
def jalali_day(context: Context, value: date) -> str:
    """The Solar Hijri day beside a grid's Gregorian day, for Persian readers only."""
    return jalali_day_label(value, _language(), digit_style_of(context))


@register.simple_tag(name="item_separator")
def item_separator() -> str:
    """The separator between short items on a line in the active language, spaces included:
    never a dot beside Arabic-script digits (members/separators.py)."""
    return separator_for()
