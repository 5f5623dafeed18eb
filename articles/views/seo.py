"""robots.txt, for the crawlers of search engines."""

from django.shortcuts import render
from django.urls import reverse


def robots_txt(request):
    """Keep crawlers out of the admin and staff previews, and name the sitemap."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return render(request, "seo/robots.txt", {"sitemap_url": sitemap_url}, content_type="text/plain; charset=utf-8")
