"""Light pages (issue 16): what a page makes the browser download, and how.

bench/weight.py measures the bytes in Chromium against the production server; these check what
keeps them low: static files named by their content and cached for ever, pages compressed, the
Arabic-script font cut to Arabic and Persian and downloaded only for their text, and Bootstrap's
style sheets trimmed to the classes our pages can use.
"""

import gzip
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from fontTools.ttLib import TTFont

from scripts import subset_font, trim_bootstrap
from tests.factories import EventFactory

ROOT = Path(settings.BASE_DIR)
STYLE_SHEET = ROOT / "static" / "css" / "tadamun.css"
FAR_FUTURE = 365 * 24 * 60 * 60
# Unicode's Arabic blocks: Arabic, Supplement, Extended-A and the presentation forms.
ARABIC_SCRIPT_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF),
                        (0xFE70, 0xFEFF))  # fmt: skip


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
            self.found.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.found.append(attrs["src"])


def assets_of(html: str) -> list[str]:
    parser = _Assets()
    parser.feed(html)
    return parser.found


@pytest.fixture(scope="module")
def collected(tmp_path_factory, django_db_blocker):
    """Production's hashed names (collectstatic's manifest), without WhiteNoise's compressed
    copies, which take minutes to write (tests/deploy/test_nginx_smoke.py checks those)."""
    static_root = tmp_path_factory.mktemp("static")
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=static_root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    return {"STATIC_ROOT": static_root, "STORAGES": storages}


@pytest.fixture
def production_static(settings, collected):
    settings.STATIC_ROOT = collected["STATIC_ROOT"]
    settings.STORAGES = collected["STORAGES"]
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False


def fetch(client, url: str):
    """The response and its body. Reading a file response to its end closes the file (the test
    client closes it then, as a WSGI server would)."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def assert_cached_for_ever(response, url: str) -> None:
    assert response.status_code == 200, url
    cache_control = response["Cache-Control"]
    max_age = int(re.search(r"max-age=(\d+)", cache_control).group(1))
    assert max_age >= FAR_FUTURE, (url, cache_control)
    assert "immutable" in cache_control, (url, cache_control)


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.usefixtures("production_static")
@pytest.mark.parametrize("language", ["ar", "fa", "en"])
def test_every_asset_of_a_page_exists_and_is_cached_for_ever(client, language):
    event = EventFactory()
    pages = ["/", "/events/", "/events/month/", f"/events/{event.pk}/", "/accounts/login/"]
    checked = set()
    for page in pages:
        response = client.get(f"/{language}{page}")
        assert response.status_code == 200, page
        assets = assets_of(response.content.decode())
        assert any(".css" in asset for asset in assets), page
        for url in assets:
            if url in checked:
                continue
            checked.add(url)
            asset, body = fetch(client, url)
            assert_cached_for_ever(asset, url)
            if not url.endswith(".css"):
                continue
            # The style sheet's own references (the font), rewritten to hashed names.
            for reference in re.findall(r"url\(\"?([^\")]+)\"?\)", body.decode()):
                if reference.startswith("data:"):
                    continue
                target = urljoin(url, reference)
                checked.add(target)
                assert_cached_for_ever(fetch(client, target)[0], target)
    assert any(re.search(r"/Vazirmatn-Arabic\.[0-9a-f]{12}\.woff2$", url) for url in checked)


@pytest.mark.django_db
def test_pages_are_gzip_compressed_when_the_browser_accepts_it(client):
    EventFactory()
    response = client.get("/fa/events/", headers={"accept-encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    page = gzip.decompress(response.content).decode()
    assert '<html lang="fa" dir="rtl">' in page
    # Django's BREACH mitigation: a file name of random length pads the gzip header.
    assert response.content[3] & gzip.FNAME


@pytest.mark.django_db
def test_pages_are_sent_plain_to_a_client_without_gzip(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert '<html lang="en" dir="ltr">' in response.content.decode()


def _arabic_script_characters() -> set[str]:
    sources = [*ROOT.glob("locale/*/LC_MESSAGES/django.po")]
    for folder in ("templates", "config", "members", "events", "notifications"):
        # Templates, and Python: the digits pages show (members/digits.py), the demo data.
        sources += [*(ROOT / folder).rglob("*.html"), *(ROOT / folder).rglob("*.py")]
    found = set()
    for path in sources:
        found.update(
            char
            for char in path.read_text(encoding="utf-8")
            if any(first <= ord(char) <= last for first, last in ARABIC_SCRIPT_BLOCKS)
            or char in "\u200c\u200d"
        )
    return found


def _css_unicode_range() -> set[int]:
    rule = re.search(r"unicode-range:([^;]+);", STYLE_SHEET.read_text(encoding="utf-8"))
    points = set()
    for part in rule.group(1).split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def test_subset_font_covers_every_arabic_and_persian_character_we_write():
    characters = _arabic_script_characters()
    assert {"پ", "گ", "ی", "ک", "\u200c", "ة", "۴", "٤"} <= characters  # both languages read
    font = TTFont(subset_font.TARGET)
    covered = set(font.getBestCmap())
    missing = sorted(
        f"U+{ord(c):04X} {unicodedata.name(c)}" for c in characters if ord(c) not in covered
    )
    assert not missing, "run scripts/subset_font.py after adding these: " + ", ".join(missing)
    assert {ord(c) for c in characters} <= _css_unicode_range()


def test_subset_font_is_what_the_script_makes_and_its_unicode_range():
    font = TTFont(subset_font.TARGET)
    assert set(font.getBestCmap()) == subset_font.code_points()
    assert _css_unicode_range() == subset_font.code_points()
    axis = font["fvar"].axes[0]
    assert (axis.axisTag, axis.minValue, axis.maxValue) == ("wght", 400, 700)


def test_pages_without_arabic_script_never_download_the_font():
    # Only Arabic-script letters, digits and marks and the joiners call the font up: no Latin
    # letter, digit, space or punctuation an English page holds.
    assert min(_css_unicode_range()) >= 0x0600
    assert all(
        0x0600 <= point <= 0x06FF or point in (0x200C, 0x200D) for point in _css_unicode_range()
    )


@pytest.mark.parametrize("source_name", sorted(trim_bootstrap.SHEETS))
def test_trimmed_bootstrap_is_up_to_date(source_name):
    target = trim_bootstrap.FOLDER / trim_bootstrap.SHEETS[source_name]
    expected = trim_bootstrap.trimmed(trim_bootstrap.FOLDER / source_name, trim_bootstrap.words())
    assert target.read_text(encoding="utf-8") == expected, "run scripts/trim_bootstrap.py"


def test_trimmed_bootstrap_keeps_classes_made_outside_our_templates():
    css = (trim_bootstrap.FOLDER / "bootstrap.trimmed.min.css").read_text(encoding="utf-8")
    # crispy-forms' fields and errors, allauth's, and messages' alert-{{ tag }}.
    for name in ("form-control", "is-invalid", "invalid-feedback", "form-check-input",
                 "form-select", "alert-success", "alert-warning", "navbar-toggler"):  # fmt: skip
        assert re.search(rf"\.{name}[^\w-]", css), name
