"""What a Content-Security-Policy without 'unsafe-inline' blocks, found in a page's HTML.

A `<script type="application/json">` is a data block, not a script: browsers never run it, so
the policy does not apply (Django's `json_script` and allauth's onload data use one).
"""

from html.parser import HTMLParser

DATA_BLOCK_TYPES = {"application/json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction"}


class _InlineCodeFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._open_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            script_url = (value or "").strip().lower().startswith("javascript:")
            if name == "style" or name.startswith("on") or (name in URL_ATTRIBUTES and script_url):
                self.found.append(f'<{tag} {name}="{value}">')
        if tag == "style":
            self.found.append("<style> element")
        elif tag == "script":
            self._open_script = dict(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open_script = None

    def handle_data(self, data: str) -> None:
        script = self._open_script
        if script is None or not data.strip() or "src" in script:
            return
        if (script.get("type") or "").strip().lower() not in DATA_BLOCK_TYPES:
            self.found.append(f"inline <script>: {' '.join(data.split())[:80]}")


def inline_code(html: str) -> list[str]:
    """Each inline script, `<style>` element, style attribute, on* handler and `javascript:`
    URL in the page, as a short description; an empty list for a page the policy fits."""
    finder = _InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.found
