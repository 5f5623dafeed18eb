"""The site's URLs plus /bench/minimal, the cheapest response Django can give through the same middleware."""

from django.http import HttpResponse
from django.urls import path

from kormex.urls import urlpatterns as site_urlpatterns


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal", minimal), *site_urlpatterns]
