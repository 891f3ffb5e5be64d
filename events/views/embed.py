"""The embeddable list of coming public events, for allied sites' <iframe>s: /embed/events/.

`?lang=ar|fa|en` (else the browser's language), and the filters of every public list
(events/forms/filters.py). The one page of the site that other sites may frame: its own
X-Frame-Options, `frame-ancestors` and Cross-Origin-Resource-Policy exemptions, here and nowhere
else. It sets no cookie and has no script, so it tells the site nothing about who reads the
allied site, and it shows what the events list shows a stranger, whoever is signed in: no
cookie reaches it (config/cookieless.py), so neither a session nor a member's zone, language
or digits do.
"""

from csp.decorators import csp_replace
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, override
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from events.feeds.http import requested_language
from events.forms.filters import EventFilterForm
from events.page_cache import cache_for_visitors
from events.selectors.feeds import public_upcoming_events
from members.links import absolute_url

EMBED_SIZE = 10
EMBED_SECONDS = 120
TEMPLATE = "events/embed/list.html"


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@require_safe
@cache_for_visitors(seconds=EMBED_SECONDS)
def embed_events(request):
    language = requested_language(request) or get_language()
    with override(language):
        form = EventFilterForm(request.GET)
        list_url = absolute_url(reverse("events:upcoming"))
        if not form.is_valid():
            context = {"errors": form.errors_said(), "list_url": list_url}
            response = render(request, TEMPLATE, context, status=400)
        else:
            events = list(public_upcoming_events(filters=form.filters())[: EMBED_SIZE + 1])
            query = urlencode(form.chosen_query())
            context = {
                "events": events[:EMBED_SIZE],
                "more": len(events) > EMBED_SIZE,
                "chosen": form.chosen_names(),
                "list_url": f"{list_url}?{query}" if query else list_url,
            }
            response = render(request, TEMPLATE, context)
    # The middleware would name the browser's language, not the one asked for.
    response["Content-Language"] = language
    # Framed by other sites, also by those whose pages require it (Cross-Origin-Embedder-Policy);
    # every other response keeps `same-origin` (config/middleware.py).
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response
