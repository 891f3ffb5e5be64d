"""The Atom feed of coming public events (events/feeds/atom.py)."""

from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from events.feeds.atom import UpcomingEventsFeed
from events.feeds.http import MAX_AGE_SECONDS
from events.forms.filters import FiltersRefused
from events.page_cache import cache_for_visitors
from events.views.common import filters_refused

_feed = UpcomingEventsFeed()


@require_safe
@cache_for_visitors(seconds=MAX_AGE_SECONDS)
def upcoming_atom(request):
    try:
        response = _feed(request)
    except FiltersRefused as refused:
        return filters_refused(request, refused.form)
    # The same for everyone who asks (public events only), like the public calendar feed.
    patch_cache_control(response, public=True, max_age=MAX_AGE_SECONDS)
    return response
