"""Choosing members for a role on a form without listing every member.

An event's organizers and a session's speakers used to be picked from a list of every approved
member: the whole membership, pseudonyms and all, on the page of anyone who edits an event or
its programme (a co-hosting group's coordinator among them), and a page that grew by some
15 bytes per member, compressed (issue 16's page weight budget). Instead the form lists only the
members who already hold the role, ticked (untick to remove one), and takes more by the email
address they sign in with, as pretalx adds a speaker.

Only people who edit an event with two factors see these fields (events.permissions). A
proposal's co-proposers, which any member names, join through a link instead (no address asked).
"""

import re

from django import forms
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.forms.details import approved_members
from members.digits import verbatim
from members.lists import TYPED_SEPARATORS

# Addresses are split where a list typed on any keyboard splits (members.lists), and on spaces
# and line breaks, which no address contains.
_ADDRESS_SEPARATORS = re.compile(rf"{TYPED_SEPARATORS.pattern}|\s+")


def split_addresses(text: str) -> list[str]:
    """["sara@example.org", "ali@example.org"] from "sara@example.org، ali@example.org"."""
    return [item for item in _ADDRESS_SEPARATORS.split(text or "") if item]


class MemberAddressesField(forms.CharField):
    """Email addresses of approved members; cleans to a list of those members (the order typed,
    each once). Raises ValidationError naming what is not an address, or what no approved
    member signs in with."""

    widget = forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)

    def clean(self, value) -> list:
        text = super().clean(value)
        # Each address once, whatever its case; an error quotes it as it was typed.
        typed = {address.lower(): address for address in reversed(split_addresses(text))}
        addresses = list(dict.fromkeys(address.lower() for address in split_addresses(text)))
        not_addresses = [typed[address] for address in addresses if not _is_address(address)]
        if not_addresses:
            raise forms.ValidationError(
                ngettext(
                    "This is not an email address: %(items)s",
                    "These are not email addresses: %(items)s",
                    len(not_addresses),
                )
                % {"items": verbatim(", ".join(not_addresses))},
                code="invalid",
            )
        found = {
            member.email_lower: member
            for member in approved_members()
            .annotate(email_lower=Lower("email"))
            .filter(email_lower__in=addresses)
        }
        unknown = [typed[address] for address in addresses if address not in found]
        if unknown:
            raise forms.ValidationError(
                ngettext(
                    "No approved member signs in with this address: %(items)s",
                    "No approved member signs in with these addresses: %(items)s",
                    len(unknown),
                )
                % {"items": verbatim(", ".join(unknown))},
                code="unknown_member",
            )
        return [found[address] for address in addresses]


def _is_address(text: str) -> bool:
    try:
        forms.EmailField().clean(text)
    except forms.ValidationError:
        return False
    return True


class MemberPickerMixin:
    """For a ModelForm with many-to-many member fields named in `member_pickers`: each lists
    only the instance's current members (ticked; no field at all while there are none),
    followed by an `add_<name>` field of addresses; `clean()` puts the union back under
    `<name>` for the model form to save."""

    member_pickers: tuple[str, ...] = ()
    add_labels: dict[str, str] = {}

    def setup_member_pickers(self) -> None:
        order = []
        for name in list(self.fields):
            order.append(name)
            if name not in self.member_pickers:
                continue
            field = self.fields[name]
            current = (
                getattr(self.instance, name).all() if self.instance.pk else field.queryset.none()
            )
            field.widget = forms.CheckboxSelectMultiple()
            field.queryset = approved_members().filter(pk__in=current.values("pk"))  # sets choices
            if not field.queryset.exists():  # a heading over nothing
                del self.fields[name]
                order.remove(name)
            self.fields[f"add_{name}"] = MemberAddressesField(
                label=self.add_labels.get(name, _("Add by email address")),
                help_text=_(
                    "The address they sign in with; several separated by commas. Only approved "
                    "members can be added."
                ),
            )
            order.append(f"add_{name}")
        self.order_fields(order)

    def merge_member_pickers(self, cleaned: dict) -> None:
        for name in self.member_pickers:
            kept = list(cleaned.get(name) or [])
            added = cleaned.pop(f"add_{name}", None) or []
            cleaned[name] = [*kept, *(member for member in added if member not in kept)]
