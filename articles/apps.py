from django.apps import AppConfig
from django.db.models.signals import pre_save

from .control_characters import clean_before_saving


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Interviews and facts"

    def ready(self):
        # Every save of the app's models, raw ones (loaddata, version restores) included, stores clean text.
        for model in self.get_models():
            pre_save.connect(clean_before_saving, sender=model)
