"""Lists people type into one field, such as the names of a session's speakers.

An Arabic or Persian keyboard types «،» (U+060C) where an English one types "," and «؛» (U+061B)
for ";", and the help text asks for names "separated by commas" in the reader's language, so a
list is split on any of the four.
"""

import re

from babel.lists import format_list

TYPED_SEPARATORS = re.compile("[,;\u060c\u061b]")
STORED_SEPARATOR = ", "


def split_typed_list(text: str) -> list[str]:
    """["Sara", "علی", "Mina"] from "Sara، علی; Mina": items stripped, empty ones dropped."""
    return [item.strip() for item in TYPED_SEPARATORS.split(text or "") if item.strip()]


ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def _arabic_script(char: str) -> bool:
    return ARABIC_SCRIPT.match(char) is not None


def format_names(items: list, language: str, *, texts: list[str] | None = None) -> str:
    """`items` joined the way `language` joins a list (CLDR's patterns, through Babel).

    Arabic's "and" is a letter written onto the next word («سارة وعلي»); before a word in
    another script it stands apart («العربيّة و English», not «العربيّة وEnglish»). `texts` are
    the items' plain text when the items are HTML, to tell which script each begins with."""
    texts = [str(item) for item in items] if texts is None else texts
    if not items:
        return ""
    tokens = [f"\x00{index}\x00" for index in range(len(items))]
    pattern = format_list(tokens, locale=language or "en")
    for index, token in enumerate(tokens):
        at = pattern.index(token)
        text = texts[index].lstrip()
        glued = at > 0 and pattern[at - 1].isalpha()
        if glued and text and not _arabic_script(text[0]):
            pattern = pattern[:at] + " " + pattern[at:]
    for token, item in zip(tokens, items, strict=True):
        pattern = pattern.replace(token, str(item))
    return pattern
