"""Words are never cut between their letters: Arabic and Persian letters join, and a word split in
two reads as two wrong words ("گردهما یی"). Long Latin tokens (addresses, links) may still
wrap where a line cannot hold them (static/css/tadamun.css)."""

import re
from pathlib import Path

from django.conf import settings

STYLE_SHEETS = sorted((Path(settings.BASE_DIR) / "static" / "css").glob("*.css"))
TEMPLATES = sorted(
    path
    for folder in ("templates", "members", "events", "notifications")
    for path in (Path(settings.BASE_DIR) / folder).rglob("*.html")
)


def test_no_style_sheet_breaks_words_between_letters():
    assert STYLE_SHEETS
    for sheet in STYLE_SHEETS:
        rules = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert not re.findall(r"word-break\s*:\s*break-(?:all|word)", rules), sheet.name


def test_no_template_uses_bootstraps_letter_breaking_class():
    # .text-break is `word-break: break-word`, which breaks between any two letters.
    assert TEMPLATES
    for template in TEMPLATES:
        assert not re.search(
            r"class=\"[^\"]*\btext-break\b", template.read_text(encoding="utf-8")
        ), template
