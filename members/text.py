"""Searching names and titles typed on Persian and Arabic keyboards: letter variants fold together.

A Persian keyboard types ی (U+06CC) and ک (U+06A9) where an Arabic one types ي (U+064A) or
ى (U+0649) and ك (U+0643), so "لیلی" never found "ليلى" with a plain `icontains`. Both sides of
a search are folded the same way: the query by `fold` in Python, the stored column by `Folded`
in the database. Stored text is never changed: names are shown exactly as their owner typed them.

Folded together (the usual search normalisation, as in Lucene's ArabicNormalizer and
PersianNormalizer):

- yeh: ي U+064A and alef maksura ى U+0649 → Persian yeh ی U+06CC;
- kaf: ك U+0643 → keheh ک U+06A9;
- alef with hamza or madda: أ U+0623, إ U+0625, آ U+0622, alef wasla ٱ U+0671 → ا U+0627;
- teh marbuta ة U+0629 and heh with yeh above ۀ U+06C0 → heh ه U+0647 (فاطمة / فاطمه);
- Persian ۰–۹ (U+06F0–U+06F9) and Arabic-Indic ٠–٩ (U+0660–U+0669) digits → ASCII 0–9.

Dropped: tatweel ـ U+0640 (stretches a word, means nothing), the harakat and other combining
marks U+064B–U+065F and superscript alef U+0670 (optional vowel signs), and the zero-width
non-joiner U+200C, which Persian writers put inside names (محمد‌رضا) or leave out (محمدرضا),
and with it every character that draws nothing and means nothing to a search (zero-width space,
direction marks and isolates, word joiner, BOM, soft hyphen: members.validators.SEARCH_IGNORED),
so that a pasted query and a pasted title match as they read.

Use it through the `folded_contains` lookup, registered on every CharField and TextField
(members/apps.py): `Rsvp.objects.filter(guest_name__folded_contains="لیلی")`, and in the admin
as `search_fields = ["display_name__folded_contains"]`. Case is ignored as by `icontains`.
"""

from django.db.models import Func, Lookup, Value
from django.db.models.lookups import IContains

from members.digits import ARABIC_INDIC_DIGITS, PERSIAN_DIGITS, WESTERN_DIGITS
from members.validators import SEARCH_IGNORED

_REPLACED = {
    "\u064a": "\u06cc",  # ARABIC LETTER YEH → ARABIC LETTER FARSI YEH
    "\u0649": "\u06cc",  # ARABIC LETTER ALEF MAKSURA → ARABIC LETTER FARSI YEH
    "\u0643": "\u06a9",  # ARABIC LETTER KAF → ARABIC LETTER KEHEH
    "\u0623": "\u0627",  # ALEF WITH HAMZA ABOVE → ALEF
    "\u0625": "\u0627",  # ALEF WITH HAMZA BELOW → ALEF
    "\u0622": "\u0627",  # ALEF WITH MADDA ABOVE → ALEF
    "\u0671": "\u0627",  # ALEF WASLA → ALEF
    "\u0629": "\u0647",  # TEH MARBUTA → HEH
    "\u06c0": "\u0647",  # HEH WITH YEH ABOVE → HEH
    **dict(zip(PERSIAN_DIGITS, WESTERN_DIGITS, strict=True)),
    **dict(zip(ARABIC_INDIC_DIGITS, WESTERN_DIGITS, strict=True)),
}
_DROPPED = (
    "\u0640"
    + "".join(map(chr, range(0x064B, 0x0660)))
    + "\u0670"
    + "".join(char for char in SEARCH_IGNORED if char not in "\u0640\u0670")
)

_TABLE = str.maketrans({**_REPLACED, **dict.fromkeys(_DROPPED)})


def fold(text: str) -> str:
    """`text` with the letter variants above folded together (the same as `Folded` does)."""
    return text.translate(_TABLE)


class Folded(Func):
    """A text expression folded in the database as `fold` folds a Python string.

    PostgreSQL does it in one TRANSLATE (characters of its second argument without a partner in
    the third are deleted). SQLite (`make run`) has no TRANSLATE, and fifty nested REPLACEs
    overflow its parser, so it calls `fold` itself, registered on each connection as
    FOLD_SEARCH_TEXT by `register_sqlite_fold`, as Django registers its own date functions there.
    """

    function = "FOLD_SEARCH_TEXT"
    arity = 1

    def as_postgresql(self, compiler, connection, **extra_context):
        translate = Func(
            self.source_expressions[0],
            Value("".join(_REPLACED) + _DROPPED),
            Value("".join(_REPLACED.values())),
            function="TRANSLATE",
            output_field=self.output_field,
        )
        return compiler.compile(translate)


def register_sqlite_fold(sender, connection, **kwargs) -> None:
    """A `connection_created` receiver: gives each SQLite connection FOLD_SEARCH_TEXT."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            Folded.function,
            1,
            lambda text: None if text is None else fold(text),
            deterministic=True,
        )


class FoldedContains(Lookup):
    """`field__folded_contains=text`: `icontains`, with both sides folded (see the module)."""

    lookup_name = "folded_contains"

    def as_sql(self, compiler, connection):
        rhs = self.rhs
        rhs = Folded(rhs) if hasattr(rhs, "resolve_expression") else fold(str(rhs))
        return compiler.compile(IContains(Folded(self.lhs), rhs))
