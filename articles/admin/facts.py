"""Facts, each with the Q&A pair whose words support it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy
from reversion_compare.admin import CompareVersionAdmin

from ..models import Fact, TaggedFact
from .common import (
    FACT_LAYOUT,
    THEME_FIELDS_WIDE,
    FactForm,
    ForgedInputGuard,
    StaleEditAdmin,
    StaleEditForm,
    VersionHistoryGuard,
    state_token,
    theme_links,
)
from .permissions import PublishedContentGuard


def fact_state(pk):
    """Return the loaded-state token of fact `pk`: a digest of its row and its theme names."""
    return state_token(
        [Fact.objects.filter(pk=pk).values_list(), theme_links(TaggedFact.objects.filter(content_object=pk))]
    )


class FactChangeForm(StaleEditForm, FactForm):
    changed_message = gettext_lazy("Someone else changed this fact or its themes after you opened this page.")

    def current_state(self):
        return fact_state(self.instance.pk)


@admin.register(Fact)
class FactAdmin(ForgedInputGuard, VersionHistoryGuard, StaleEditAdmin, PublishedContentGuard, CompareVersionAdmin):
    form = FactChangeForm
    list_display = ["statement", "figure", "when", "article", "pair_position", "is_key_figure"]
    list_filter = [
        ("themes", admin.RelatedOnlyFieldListFilter),
        "date_precision",
        "is_key_figure",
        ("person", admin.RelatedOnlyFieldListFilter),
        ("article", admin.RelatedOnlyFieldListFilter),
    ]
    list_editable = ["is_key_figure"]
    search_fields = ["statement", "quote", "article__title"]
    autocomplete_fields = ["article", "person"]
    formfield_overrides = THEME_FIELDS_WIDE
    actions = ["add_theme", "remove_theme"]
    fields = ["article", *FACT_LAYOUT]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "pair")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        pairs = form.base_fields["pair"].queryset.select_related("article")
        # Offer only the pairs of the fact's own article once it has one.
        if obj is not None:
            pairs = pairs.filter(article=obj.article)
        form.base_fields["pair"].queryset = pairs
        form.base_fields["pair"].label_from_instance = lambda pair: f"{pair.article} — {pair}"
        return form

    @admin.display(description="figure")
    def figure(self, obj):
        return obj.figure_display

    @admin.display(description="date", ordering="date")
    def when(self, obj):
        return obj.date_display

    @admin.display(description="pair", ordering="pair__position")
    def pair_position(self, obj):
        return obj.pair.position if obj.pair else "intro"
