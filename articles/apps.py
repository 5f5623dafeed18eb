from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Interviews and facts"

    def ready(self):
        from kormex.cache import code_deployed, content_saved

        from .control_characters import clean_before_saving

        # Every save of the app's models, raw ones (loaddata, version restores) included, stores clean text.
        for model in self.get_models():
            pre_save.connect(clean_before_saving, sender=model)
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_saved)
        # Every deployment runs migrate: pages cached by the previous code (its templates and
        # headers) are dropped with the version.
        post_migrate.connect(code_deployed, sender=self)
