"""The API's documentation page: Swagger UI from our own static files (drf-spectacular-sidecar),
its start-up script served as a file of its own, so that the site's Content-Security-Policy
(script-src 'self', no inline script or style) needs no exception."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularSwaggerSplitView


class ApiDocs(SpectacularSwaggerSplitView):
    template_name = "events/api/docs.html"
    url_name = "api:schema"
    title = _("Tadamun API")
    # Reading the docs costs no one's request allowance.
    throttle_classes = ()
