#!/usr/bin/env python
"""Cut Vazirmatn down to what Arabic and Persian text needs (issue 16: light pages).

    .venv/bin/python scripts/subset_font.py

Reads static/vendor/vazirmatn/Vazirmatn-Variable.woff2 (the upstream font, 110 KB, which pages
do not load) and writes Vazirmatn-Arabic.woff2 beside it, committed: the Arabic and Persian
letters, marks and digits, their punctuation, ZWNJ and ZWJ, every shaping feature (initial,
medial, final forms, ligatures, mark positioning) and the weight axis narrowed to 400–700, the
weights the style sheets ask for (Bootstrap's 300 shows as 400). Run it at build time only:
fontTools and Brotli come from requirements-dev.txt.

static/css/tadamun.css declares the same code points as the face's `unicode-range` (printed
below), so a page without Arabic-script text, an English one, never downloads the font, and
Latin text uses the system's font. tests/test_light_pages.py checks that every Arabic-script
character of the translations and templates is in the subset and in the range.

The Vazirmatn licence (OFL.txt) names no Reserved Font Name, so the subset keeps its name.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "static" / "vendor" / "vazirmatn"
SOURCE = FOLDER / "Vazirmatn-Variable.woff2"
TARGET = FOLDER / "Vazirmatn-Arabic.woff2"
WEIGHTS = (400, 700)

# Code points, as (first, last) ranges, in the order of the Unicode Arabic block.
CODE_POINTS = (
    (0x060C, 0x060C),  # ، Arabic comma
    (0x061B, 0x061B),  # ؛ semicolon
    (0x061F, 0x061F),  # ؟ question mark
    (0x0621, 0x063A),  # ء … غ hamza and the letters
    (0x0640, 0x0655),  # ـ tatweel, ف … ي, the short vowels and shadda, hamza above and below
    (0x0660, 0x066D),  # ٠ … ٩ Arabic-Indic digits, ٪ ٫ ٬ ٭
    (0x0670, 0x0671),  # ٰ superscript alef, ٱ alef wasla
    (0x067E, 0x067E),  # پ
    (0x0686, 0x0686),  # چ
    (0x0698, 0x0698),  # ژ
    (0x06A9, 0x06A9),  # ک Persian kaf
    (0x06AF, 0x06AF),  # گ
    (0x06C0, 0x06C0),  # ۀ
    (0x06CC, 0x06CC),  # ی Persian yeh
    (0x06F0, 0x06F9),  # ۰ … ۹ Persian digits
    (0x200C, 0x200D),  # zero-width non-joiner (Persian: می‌خواهم) and joiner
)


def code_points() -> set[int]:
    return {point for first, last in CODE_POINTS for point in range(first, last + 1)}


def unicode_range() -> str:
    """The CSS `unicode-range` value for CODE_POINTS."""
    return ", ".join(
        f"U+{first:04X}" if first == last else f"U+{first:04X}-{last:04X}"
        for first, last in CODE_POINTS
    )


def build() -> TTFont:
    # The source's own modification time, not today's, so that a rebuild gives the same bytes.
    font = TTFont(SOURCE, lazy=False, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]  # the subset's glyphs keep all their shaping
    options.name_IDs = ["*"]  # copyright, licence and its address stay in the file
    options.notdef_outline = True
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(code_points()))
    subsetter.subset(font)
    font = instancer.instantiateVariableFont(font, {"wght": WEIGHTS})
    font.flavor = "woff2"
    font.recalcTimestamp = False
    return font


def main() -> int:
    build().save(TARGET)
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size:,} bytes)")
    print(f"unicode-range: {unicode_range()};")
    return 0


if __name__ == "__main__":
    sys.exit(main())
