from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class PageCacheConfig(AppConfig):
    """The page cache: it reads the content version (articles/versions.py); the content never calls it."""

    name = "pagecache"
    verbose_name = gettext_lazy("Page cache")
