from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save
from django.utils.translation import gettext_lazy

from .control_characters import clean_before_saving


class ArticlesConfig(AppConfig):
    # The module holds SignInLockoutsConfig too: this is the app's own.
    default = True
    name = "articles"
    verbose_name = gettext_lazy("Interviews and facts")

    def ready(self):
        from . import search_index, signals, versions
        from .models import Article, Fact, FactWording, QAPair
        from .models.text_changes import TEXT_FIELDS, note_removal, note_text_change
        from .share_cards.checks import card_fonts

        # Share cards are drawn only in the font the project installs (share_cards/).
        checks.register(card_fonts)

        # Every save of the app's models, raw ones (loaddata, version restores) included, stores clean text.
        for model in self.get_models():
            pre_save.connect(clean_before_saving, sender=model)
        # Translations follow their original's words (models/text_changes.py).
        for model in TEXT_FIELDS:
            pre_save.connect(note_text_change, sender=model)
        for model in (QAPair, Fact):
            post_delete.connect(note_removal, sender=model)
        # The reader search's index follows every save (search_index.py).
        post_save.connect(search_index.article_saved, sender=Article)
        post_save.connect(search_index.pair_saved, sender=QAPair)
        for model in (Fact, FactWording):
            post_save.connect(search_index.fact_saved, sender=model)
        post_delete.connect(search_index.wording_deleted, sender=FactWording)
        # Any change to content drops the content version (versions.py).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(versions.content_saved)
        signals.content_changed.connect(versions.content_changed)
        # Every deployment runs migrate: pages cached by the previous code (its templates and
        # headers) are dropped with the version.
        post_migrate.connect(versions.code_deployed, sender=self)


class SignInLockoutsConfig(AxesConfig):
    """django-axes (admin sign-in throttling) under the name editors know it by in the admin's menu."""

    verbose_name = gettext_lazy("Sign-in lockouts")
