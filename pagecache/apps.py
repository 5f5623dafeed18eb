from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy

from articles import signals


class PageCacheConfig(AppConfig):
    """The page cache: it subscribes to content changes; the content never calls it."""

    name = "pagecache"
    verbose_name = gettext_lazy("Page cache")

    def ready(self):
        from .versions import code_deployed, content_changed, content_saved

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_saved)
        signals.content_changed.connect(content_changed)
        # Every deployment runs migrate: pages cached by the previous code (its templates and
        # headers) are dropped with the version.
        post_migrate.connect(code_deployed, sender=apps.get_app_config("articles"))
