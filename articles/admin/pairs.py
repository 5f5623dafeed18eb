"""The Q&A pair's own page and list: a pair is mostly edited on its article's page."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from ..models import QAPair, TaggedQAPair
from ..services.translations import align_pairs
from .common import (
    DeletionSummary,
    ForgedInputGuard,
    StaleEditAdmin,
    StaleEditForm,
    VersionHistoryGuard,
    state_token,
    tagged_theme_names,
)
from .compare import VersionedAdmin
from .lists import TableSearch, ThemeFilter
from .permissions import PublishedContentGuard
from .theme_fields import THEME_FIELDS_WIDE


def pair_state(pk):
    """Return the loaded-state token of Q&A pair `pk`: a digest of its row and its theme names."""
    return state_token(
        [QAPair.objects.filter(pk=pk).values_list(), tagged_theme_names(TaggedQAPair.objects.filter(content_object=pk))]
    )


class QAPairForm(StaleEditForm):
    changed_message = gettext_lazy("Changes to this Q&A pair or its themes were saved after you opened this page.")

    def current_state(self):
        return pair_state(self.instance.pk)


@admin.register(QAPair)
class QAPairAdmin(
    DeletionSummary,
    ForgedInputGuard,
    TableSearch,
    VersionHistoryGuard,
    StaleEditAdmin,
    PublishedContentGuard,
    VersionedAdmin,
):
    form = QAPairForm
    list_display = ["__str__", "article", "position", "anchor"]
    list_filter = [ThemeFilter, "article__status"]
    search_fields = ["prompt", "answer", "article__title"]
    entry_search = (["pair"], "pair", ["prompt", "answer"])
    list_select_related = ["article"]
    show_full_result_count = False
    autocomplete_fields = ["article"]
    formfield_overrides = THEME_FIELDS_WIDE
    actions = ["add_theme", "remove_theme"]

    def save_model(self, request, obj, form, change):
        """Save the pair; a pair of an original moves and renames the pairs that translate it."""
        super().save_model(request, obj, form, change)
        if obj.article.translation_of_id is None:
            align_pairs(obj.article)
