"""Markdown from members, rendered so that nothing in it can run.

markdown-it renders with raw HTML switched off; nh3 then keeps only a short list of tags and
attributes and only http(s)/mailto links, so a `<script>` or a `javascript:` link is inert.
"""

import html as html_entities

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def render_markdown(text: str) -> SafeString:
    if not text:
        return SafeString("")
    html = _renderer.render(text)
    # Headings from members are demoted so they never compete with the page's own h1/h2.
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>")
    html = html.replace("<h2>", "<h4>").replace("</h2>", "</h4>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow ugc",
    )
    return mark_safe(cleaned)  # noqa: S308 — sanitised by nh3 just above.  # nosec B308, B703


def markdown_to_text(text: str) -> str:
    """Plain text for places that cannot show markup (calendar descriptions, emails)."""
    rendered = _renderer.render(text or "")
    return html_entities.unescape(nh3.clean(rendered, tags=set())).strip()
