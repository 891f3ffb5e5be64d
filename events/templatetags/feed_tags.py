"""Calendar subscription links: `{% load feed_tags %}`."""

from django import template
from django.template import Context
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language

from events.forms.feeds import FeedFilterForm
from events.selectors.feeds import feed_token_of
from members.links import absolute_url

register = template.Library()


@register.simple_tag
def feed_links(url_name: str, *args, **query) -> dict[str, str]:
    """The feed's address on SITE_URL twice: webcal:// (opens the calendar app) and http(s)://.

    Not the request's host: the calendar app polls the address long after, from elsewhere."""
    web = absolute_url(reverse(url_name, args=args))
    query_string = urlencode({name: value for name, value in query.items() if value})
    if query_string:
        web += "?" + query_string
    return {"webcal": "webcal:" + web.split(":", 1)[1], "web": web}


@register.simple_tag(takes_context=True)
def public_feed_links(context: Context) -> dict[str, str]:
    """The public feed, in the page's language, with the page's filters that the feed knows."""
    form = FeedFilterForm(context["request"].GET)
    form.is_valid()
    filters = {name: form.cleaned_data.get(name) for name in ("kind", "language", "country")}
    return feed_links("feeds:public", lang=get_language(), **filters)


@register.inclusion_tag("events/feeds/private_card.html", takes_context=True)
def private_feed_card(context: Context) -> dict:
    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "feed_token": feed_token_of(request.user),
    }
