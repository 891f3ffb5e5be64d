"""The links in a sent mail: each must open the site (SITE_URL) in the reader's language."""

import html
import re

# A link ends at white space, a quote or a tag; a full stop or bracket after it is the sentence's.
LINK = re.compile(r"""(?:https?|webcal)://[^\s"'<>]+""")
TRAILING_PUNCTUATION = ".,;:!?)»"


def links_in(message) -> list[str]:
    """Every absolute link in the text part and the HTML part of `message`, in order."""
    bodies = [message.body]
    bodies += [
        content
        for content, mimetype in getattr(message, "alternatives", [])
        if mimetype == "text/html"
    ]
    return [
        link.rstrip(TRAILING_PUNCTUATION)
        for body in bodies
        for link in LINK.findall(html.unescape(body))
    ]


def links_off_site(
    message, *, site_url: str, language: str, besides: tuple[str, ...] = ()
) -> list[str]:
    """The links of `message` that do not open `site_url` under the `language` prefix; links to
    other sites named in `besides` (an event's meeting link) are left out."""
    prefix = f"{site_url}/{language}/"
    return [
        link for link in links_in(message) if not link.startswith(prefix) and link not in besides
    ]
