"""The product's addresses plus one trivial view, the ceiling bench/load.py compares pages with:
the same server, middleware and settings, and no work of its own. Only for the benchmark."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as product_urlpatterns


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial", trivial), *product_urlpatterns]
