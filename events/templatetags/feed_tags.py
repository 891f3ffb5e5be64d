"""Calendar subscription links: `{% load feed_tags %}`."""

from django import template
from django.http import QueryDict
from django.template import Context
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext

from events.forms.filters import page_filters
from events.selectors.feeds import feed_token_of
from members.links import absolute_url, links_through_onion, site_url

register = template.Library()


@register.simple_tag
def feed_links(url_name: str, *args, **query) -> dict[str, str | bool]:
    """The feed's address twice: webcal:// (opens the calendar app) and http(s)://.

    On the address the page is served through, SITE_URL or the onion service's (members/links.py),
    never the request's Host as it is: the calendar app polls the address long after. `onion`
    tells the instructions that it is the onion service's, which only Tor reaches."""
    web = absolute_url(reverse(url_name, args=args))
    query_string = urlencode({name: value for name, value in query.items() if value})
    if query_string:
        web += "?" + query_string
    return {
        "webcal": "webcal:" + web.split(":", 1)[1],
        "web": web,
        "onion": links_through_onion(),
    }


@register.simple_tag(takes_context=True)
def public_feed_links(context: Context) -> dict[str, str | bool]:
    """The public feed, in the page's language, with all the page's filters."""
    return feed_links("feeds:public", lang=get_language(), **page_filters(context["request"].GET))


@register.inclusion_tag("events/feeds/private_card.html", takes_context=True)
def private_feed_card(context: Context) -> dict:
    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "feed_token": feed_token_of(request.user),
    }


def _page_filters(query: QueryDict, *, group: str = "") -> dict[str, str]:
    """All the page's filters (events/forms/filters.py), and a group page's own group."""
    chosen = page_filters(query)
    if group:
        chosen["group"] = group
    return chosen


@register.simple_tag(takes_context=True)
def atom_feed_url(context: Context, group: str = "", absolute: bool = True) -> str:
    """The Atom feed of the page's coming events, in the page's language: the full address to
    copy into a feed reader, or (absolute=False) a path for the page's <link rel="alternate">,
    which readers resolve against the address the page was fetched through (web or onion)."""
    url = reverse("events:atom")
    if absolute:
        url = absolute_url(url)
    query = urlencode(_page_filters(context["request"].GET, group=group))
    return f"{url}?{query}" if query else url


@register.inclusion_tag("events/feeds/embed_code.html", takes_context=True)
def embed_code(context: Context, prefix: str, group: str = "") -> dict:
    """The <iframe> code an organizer copies into an allied site: the embeddable list in the
    page's language with the page's filters. The code names SITE_URL, never the onion service's
    address, which the allied site's readers could not open; the preview is a link of this
    page's, so on the address the page is served through (members/links.py)."""
    chosen = {"lang": get_language(), **_page_filters(context["request"].GET, group=group)}
    path = reverse("embed_events") + "?" + urlencode(chosen)
    src = site_url(onion=False) + path
    code = format_html(
        '<iframe src="{}" title="{}" width="100%" height="480" loading="lazy"></iframe>',
        src,
        gettext("Tadamun: coming events"),
    )
    return {"prefix": prefix, "preview": absolute_url(path), "code": code}
