from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from articles.query_strings import accepts
from articles.sitemaps import SITEMAPS
from articles.views import media, seo

admin.site.site_header = _("Kormex editorial admin")
admin.site.site_title = _("Kormex admin")
admin.site.index_title = _("Interviews, facts and themes")

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path(
        "sitemap.xml",
        accepts()(require_safe(sitemaps.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<str:section>.xml",
        accepts("p")(require_safe(sitemaps.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", accepts()(seo.robots_txt), name="robots-txt"),
] + i18n_patterns(path("", include("articles.urls")), prefix_default_language=False)
# Answers only when KORMEX_SERVE_MEDIA is on (see docs/media.md).
urlpatterns.insert(0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.media, name="media"))
