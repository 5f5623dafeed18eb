"""Facts, each with the Q&A pair whose words support it."""

from django.contrib import admin
from django.utils.translation import gettext, gettext_lazy

from ..models import Fact, FactWording, TaggedFact
from .common import (
    FACT_LAYOUT,
    DeletionSummary,
    FactForm,
    ForgedInputGuard,
    StaleEditAdmin,
    StaleEditForm,
    VersionHistoryGuard,
    is_id,
    state_token,
    tagged_theme_names,
)
from .compare import VersionedAdmin
from .lists import BoundedRelatedFilter, TableSearch, ThemeFilter
from .permissions import PublishedContentGuard
from .theme_fields import THEME_FIELDS_WIDE

NO_ARTICLE_YET = gettext_lazy(
    "Choose the article first: its Q&A pairs are offered then. Leave it empty when the fact is stated in the "
    "article's intro."
)

NOT_OF_THE_ARTICLE = gettext_lazy("This Q&A pair is not one of the chosen article's pairs.")


def fact_state(pk):
    """Return the loaded-state token of fact `pk`: a digest of its row and its theme names."""
    return state_token(
        [Fact.objects.filter(pk=pk).values_list(), tagged_theme_names(TaggedFact.objects.filter(content_object=pk))]
    )


class FactChangeForm(StaleEditForm, FactForm):
    changed_message = gettext_lazy("Changes to this fact or its themes were saved after you opened this page.")

    def current_state(self):
        return fact_state(self.instance.pk)


@admin.register(Fact)
class FactAdmin(
    DeletionSummary,
    ForgedInputGuard,
    TableSearch,
    VersionHistoryGuard,
    StaleEditAdmin,
    PublishedContentGuard,
    VersionedAdmin,
):
    form = FactChangeForm
    list_display = ["statement", "figure", "when", "article", "pair_position", "is_key_figure"]
    # No filter by article: it listed every article in the sidebar, a link an article; the search
    # finds an article's facts by its title.
    list_filter = [
        ThemeFilter,
        "date_precision",
        "is_key_figure",
        ("person", BoundedRelatedFilter),
    ]
    show_full_result_count = False
    list_editable = ["is_key_figure"]
    search_fields = ["statement", "quote", "article__title"]
    # A fact is found by its wordings in translations too, as their translators wrote them. A fact
    # has at most one a language: on SQLite reading the matching ones once cost less at 20,000
    # interviews (400–510 ms a search) than looking for one beside each fact (450–710 ms).
    related_search = (FactWording, "fact", ["statement", "quote"])
    related_search_once = True
    entry_search = (["fact"], "fact", ["statement", "quote"])
    autocomplete_fields = ["article", "person"]
    formfield_overrides = THEME_FIELDS_WIDE
    actions = ["add_theme", "remove_theme"]
    fields = ["article", *FACT_LAYOUT]

    class Media:
        js = ["admin/js/jquery.init.js", "js/fact_pairs.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article", "pair")

    def get_form(self, request, obj=None, **kwargs):
        """
        Offer the pairs of one article: the one posted, else the fact's own, else on a new fact the
        one `?article=` names (the "Add a fact" links of an article's pairs); none before there is
        one, as every pair of every article would make a list of thousands. The select names the
        article in data-article: js/fact_pairs.js loads the pairs of another article an editor
        chooses, and only then. A read-only page (a published fact, to a contributor) has no field.
        """
        form = super().get_form(request, obj, **kwargs)
        if "pair" not in form.base_fields:
            return form
        article = request.POST.get("article") or (obj.article_id if obj is not None else request.GET.get("article"))
        field = form.base_fields["pair"]
        if article and is_id(Fact._meta.get_field("article").target_field, article):
            field.queryset = field.queryset.filter(article=article)
            field.widget.attrs["data-article"] = str(article)
        else:
            field.queryset = field.queryset.none()
            field.help_text = NO_ARTICLE_YET
        field.error_messages = {**field.error_messages, "invalid_choice": NOT_OF_THE_ARTICLE}
        return form

    @admin.display(description=gettext_lazy("figure"))
    def figure(self, obj):
        return obj.figure_display

    @admin.display(description=gettext_lazy("date"), ordering="date")
    def when(self, obj):
        return obj.date_display

    @admin.display(description=gettext_lazy("pair"), ordering="pair__position")
    def pair_position(self, obj):
        return obj.pair.position if obj.pair else gettext("intro")
