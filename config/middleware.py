"""Response headers Django has no setting for."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


def cross_origin_resource_policy(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """`Cross-Origin-Resource-Policy: same-origin` on every response, static files included:
    no other site's page may load ours as an image, script or frame source (Fetch standard,
    "Cross-Origin-Resource-Policy header"). Calendar apps and mail clients fetch feeds and
    links as top-level requests or from their servers, which the header does not restrict."""

    def middleware(request: HttpRequest) -> HttpResponseBase:
        response = get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    return middleware
