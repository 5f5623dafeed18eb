from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Interviews and facts"

    def ready(self):
        from kormex.cache import code_deployed, content_saved

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_saved)
        # Every deployment runs migrate: pages cached by the previous code (its templates and
        # headers) are dropped with the version.
        post_migrate.connect(code_deployed, sender=self)
