"""Event packs (issue 16): one self-contained HTML file to download, read offline and print.

What a pack holds and who may have one: events/selectors/pack.py. Everyone else gets a 404,
which tells a stranger holding a guessed address nothing about who is going.
"""

import re
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from events.selectors import pack as pack_selectors

MAX_NAME_LENGTH = 80


def attachment_disposition(*, ascii_name: str, name: str) -> str:
    """`attachment` with an ASCII `filename` for old clients and the full name as RFC 6266's
    `filename*` (UTF-8, percent-encoded): both are made of safe characters only."""
    fallback = re.sub(r"[^A-Za-z0-9._-]", "-", ascii_name) or "tadamun.html"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _event_file_name(event) -> tuple[str, str]:
    """(ASCII fallback, full name): `tadamun-12-<the title's words>.html`."""
    words = slugify(str(event.title), allow_unicode=True)[:MAX_NAME_LENGTH].strip("-")
    ascii_words = slugify(str(event.title))[:MAX_NAME_LENGTH].strip("-")
    ascii_name = "-".join(part for part in ("tadamun", str(event.pk), ascii_words) if part)
    name = "-".join(part for part in ("tadamun", str(event.pk), words) if part)
    return f"{ascii_name}.html", f"{name}.html"


def _pack_response(request, context: dict, *, ascii_name: str, name: str) -> HttpResponse:
    # Named in the member's zone; a guest's is unknown, so in the event's own, as its page does.
    if request.user.is_authenticated and request.user.time_zone:
        saved_zone = request.user.time_zone
    else:
        saved_zone = context["entries"][0].event.time_zone if context["entries"] else "UTC"
    context = {**context, "saved_at": timezone.now(), "saved_zone": saved_zone}
    html = render_to_string("events/pack/pack.html", context, request=request)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = attachment_disposition(ascii_name=ascii_name, name=name)
    # A pack names its reader's check-in code and perhaps a held-back address: no copy kept
    # on the way, nor in the browser's cache.
    response["Cache-Control"] = "private, no-store"
    return response


def _one_event(request, entry) -> HttpResponse:
    if entry is None:
        raise Http404
    ascii_name, name = _event_file_name(entry.event)
    return _pack_response(
        request,
        {"entries": [entry], "calendar_url": entry.calendar_data_url, "one_event": True},
        ascii_name=ascii_name,
        name=name,
    )


@login_required
@require_safe
def event_pack(request, event_id: int):
    return _one_event(
        request, pack_selectors.member_event_pack(user=request.user, event_id=event_id)
    )


@require_safe
def guest_event_pack(request, event_id: int, token: str):
    return _one_event(request, pack_selectors.guest_event_pack(event_id=event_id, token=token))


@login_required
@require_safe
def upcoming_pack(request):
    entries = pack_selectors.member_upcoming_pack(user=request.user)
    calendar_file = pack_selectors.upcoming_calendar_file(entries)
    day = timezone.localdate().isoformat()
    name = f"tadamun-my-events-{day}.html"
    return _pack_response(
        request,
        {
            "entries": entries,
            "calendar_url": pack_selectors.calendar_data_url(calendar_file) if entries else "",
            "one_event": False,
        },
        ascii_name=name,
        name=name,
    )
