"""robots.txt, for the crawlers of search engines."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request):
    """
    Keep crawlers out of staff previews and name the sitemap. The admin is not named: its path is
    configurable so that it need not be known, and its pages ask robots not to index them.
    """
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(request, "seo/robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain; charset=utf-8")
