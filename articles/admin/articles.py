"""Articles with their Q&A pairs and facts inline, and Q&A pairs on their own."""

from functools import partial
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.db.models import Count, Max, OuterRef, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.csrf import csrf_exempt

from ..models import Article, Fact, QAPair, TaggedArticle, TaggedFact, TaggedQAPair
from ..services.translations import align_pairs
from .common import (
    DIGEST_CHARS,
    URL_FIELDS_ASSUME_HTTPS,
    DeletionSummary,
    ForgedInputGuard,
    StaleEditAdmin,
    StaleEditForm,
    VersionHistoryGuard,
    state_token,
    tagged_theme_names,
)
from .compare import ArticleVersionedAdmin
from .followed import FOLLOWED
from .import_page import import_interview_view
from .inlines import FactInline, QAPairInline, posted_ids
from .lists import BoundedRelatedFilter, TableSearch, ThemeFilter, is_autocomplete
from .original_changes import OriginalChangesAdmin, OutOfDateFilter
from .pair_pages import PairPages
from .permissions import PublishedContentGuard, StateFilter, can_publish
from .pictures import LeadPictureInline
from .publishing import PublishingAdmin
from .restore import RestoreKeepsStatus
from .suggestions import suggest_facts_view
from .theme_fields import THEME_FIELDS_WIDE
from .translating import TranslatingAdmin, translate_view
from .translation_page import translation_view


def article_state(pk):
    """
    Return the loaded-state token of article `pk`: one digest of its own row, another of its
    pairs, its facts and the theme names of all three, so that a refusal can say whether the
    article itself was saved. The row's digest leaves out text_changed_at, which a save of one
    of its pairs or facts moves: that is a change of its parts, not a save of the article.
    """
    own_fields = [field.attname for field in Article._meta.concrete_fields if field.name != "text_changed_at"]
    return state_token(
        [Article.objects.filter(pk=pk).values_list(*own_fields)],
        [
            QAPair.objects.filter(article=pk).order_by("pk").values_list(),
            Fact.objects.filter(article=pk).order_by("pk").values_list(),
            tagged_theme_names(TaggedArticle.objects.filter(content_object=pk)),
            tagged_theme_names(TaggedQAPair.objects.filter(content_object__article=pk)),
            tagged_theme_names(TaggedFact.objects.filter(content_object__article=pk)),
        ],
    )


class ArticleForm(StaleEditForm):
    """The article change form, refused when the article or anything shown with it changed since it was loaded."""

    changed_message = gettext_lazy(
        "Changes to this article, its Q&A pairs, facts or themes were saved after you opened this page."
    )

    def current_state(self):
        return article_state(self.instance.pk)

    def article_to_lock(self):
        return self.instance.pk

    def describe_change(self, loaded, current, article):
        """Say who saved the article and when, if its own row is what changed."""
        if article is None or loaded[:DIGEST_CHARS] == current[:DIGEST_CHARS]:
            return self.changed_message
        when = formats.date_format(timezone.localtime(article.updated_at), "DATETIME_FORMAT")
        if article.updated_by is None:
            return gettext("Changes to this article were saved at %(time)s, after you opened this page.") % {
                "time": when
            }
        return gettext("%(user)s saved this article at %(time)s, after you opened this page.") % {
            "user": article.updated_by.get_full_name() or article.updated_by.get_username(),
            "time": when,
        }


@admin.register(Article)
class ArticleAdmin(
    DeletionSummary,
    PublishingAdmin,
    TranslatingAdmin,
    OriginalChangesAdmin,
    ForgedInputGuard,
    TableSearch,
    VersionHistoryGuard,
    RestoreKeepsStatus,
    StaleEditAdmin,
    PublishedContentGuard,
    ArticleVersionedAdmin,
):
    form = ArticleForm
    list_display = [
        "title",
        "language",
        "kind",
        "state",
        "public_from",
        "interviewee",
        "source",
        "pair_count",
        "updated_at",
    ]
    list_filter = [
        StateFilter,
        OutOfDateFilter,
        "kind",
        "language",
        # Not a date hierarchy: it listed the years of every matching article, searched or not,
        # in a query of its own.
        ("published_at", admin.DateFieldListFilter),
        ThemeFilter,
        ("interviewee", BoundedRelatedFilter),
        ("source", BoundedRelatedFilter),
    ]
    search_fields = ["title", "standfirst", "intro", "interviewee__name"]
    related_search = (QAPair, "article", ["prompt", "answer"])
    entry_search = (["article", "pair"], "article", ["title", "standfirst", "intro"])
    autocomplete_search_fields = ["title"]
    # The list says "N results" without counting every article again for "(M total)".
    show_full_result_count = False
    # Explicit: Meta.ordering does not apply to get_queryset()'s counting query, and the
    # autocompletes (translation_of, a pair's article) paginate it.
    ordering = ["-published_at", "-pk"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["interviewee", "interviewer", "source", "translation_of"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by", "translation_links"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "standfirst", "intro", "themes"]}),
        (
            gettext_lazy("Source"),
            {
                "fields": [
                    "interviewee",
                    "interviewer",
                    "source",
                    "source_url",
                    ("original_date", "original_date_precision"),
                    "language",
                    "translation_of",
                    "translation_links",
                    ("translated_by", "translated_on"),
                ]
            },
        ),
        (gettext_lazy("Publishing"), {"fields": ["status", "published_at"]}),
        (
            gettext_lazy("Record"),
            {"fields": [("created_at", "created_by"), ("updated_at", "updated_by")], "classes": ["collapse"]},
        ),
    ]
    inlines = [LeadPictureInline, QAPairInline, FactInline]
    actions = ["publish", "unpublish", "translate", "mark_reviewed"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS | THEME_FIELDS_WIDE

    class Media:
        js = ["js/article_pairs.js"]

    def get_queryset(self, request):
        # A subquery, not a join: the join grouped every article by all its columns, texts included,
        # in the list, its filters and its dates alike (the cost is in docs/performance.md).
        # An autocomplete shows titles only.
        if is_autocomplete(request, self):
            return super().get_queryset(request)
        pairs = QAPair.objects.filter(article=OuterRef("pk")).order_by().values("article").annotate(n=Count("pk"))
        return (
            super()
            .get_queryset(request)
            .select_related("interviewee", "source", "translation_of")
            .annotate(pair_count=Coalesce(Subquery(pairs.values("n")), 0))
        )

    change_list_template = "admin/articles/article/change_list.html"

    def article_of(self, obj):
        return obj

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            # Exempt from the CSRF middleware: the page checks CSRF itself once it has read the body
            # (see import_interview_view).
            path(
                "import/",
                wrap(csrf_exempt(partial(import_interview_view, self))),
                name="articles_article_import_interview",
            ),
            path(
                "<path:object_id>/suggest-facts/",
                wrap(partial(suggest_facts_view, self)),
                name="articles_article_suggest_facts",
            ),
            path(
                "<path:object_id>/translate/",
                wrap(partial(translate_view, self)),
                name="articles_article_translate",
            ),
            path(
                "<path:object_id>/translation/",
                wrap(partial(translation_view, self)),
                name="articles_article_translation",
            ),
            *super().get_urls(),
        ]

    def get_inlines(self, request, obj):
        """A translation shows its original's lead image: its own form has no lead image box."""
        if obj is not None and obj.translation_of_id is not None:
            return [inline for inline in self.inlines if inline is not LeadPictureInline]
        return self.inlines

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user):
            fields += ["status", "published_at"]
        return fields

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def view_on_site(self, obj):
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("articles:article-preview", kwargs={"slug": obj.slug})

    @admin.display(description=gettext_lazy("translations"))
    def translation_links(self, obj):
        """List the translations of an original, each with its language and state, or the empty value ("-")."""
        translations = obj.translations.order_by("language") if obj.pk else []
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a> ({}, {})',
                (
                    (
                        reverse("admin:articles_article_change", args=[t.pk]),
                        t.title,
                        t.get_language_display(),
                        t.state_label,
                    )
                    for t in translations
                ),
            )
            or self.get_empty_value_display()
        )

    @admin.display(description=gettext_lazy("state"))
    def state(self, obj):
        return obj.state_label

    @admin.display(description=gettext_lazy("public from"), ordering="published_at")
    def public_from(self, obj):
        """When readers see the article: a translation waits for its original (Article.public_from)."""
        return obj.public_from

    @admin.display(description=gettext_lazy("Q&A pairs"), ordering="pair_count")
    def pair_count(self, obj):
        return obj.pair_count

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """
        Give a saved article's inlines one page of pairs (?page=), with their facts and the intro's;
        a save changes exactly the saved rows its page posted.
        """
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj.pk is None:
            return kwargs
        if request.method == "POST":
            kwargs["queryset"] = kwargs["queryset"].filter(pk__in=posted_ids(request.POST, prefix))
        if inline.model is QAPair:
            kwargs["page"] = page = PairPages(obj, request.GET.get("page"))
            if request.method != "POST":
                kwargs["queryset"] = kwargs["queryset"].filter(pk__in=page.pairs)
        elif inline.model is Fact and request.method != "POST":
            page = PairPages(obj, request.GET.get("page"))
            kwargs["queryset"] = kwargs["queryset"].filter(Q(pair__in=page.pairs) | Q(pair=None))
        return kwargs

    def _create_formsets(self, request, obj, change):
        # Django's one place that holds the formsets of a page together: the facts' formset finds
        # the page's pairs, saved and new, in the pairs' formset.
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        pairs = next((formset for formset in formsets if formset.model is QAPair), None)
        for formset in formsets:
            if formset.model is Fact:
                formset.pair_rows = pairs
                if pairs is not None:
                    pairs.fact_rows = formset
        return formsets, inline_instances

    def save_related(self, request, form, formsets, change):
        """
        Save the inlines in order, then delete the pairs marked for deletion (their facts are
        saved by then), and give an original's translations the order and anchors of its pairs.
        """
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            if formset.model is QAPair:
                formset.delete_deferred()
        if form.instance.translation_of_id is None:
            align_pairs(form.instance)

    def response_change(self, request, obj):
        """Go to the page of pairs asked for (_page), or stay on the one saved ("Save and continue editing")."""
        response = super().response_change(request, obj)
        page = request.POST.get("_page") if "_page" in request.POST else None
        if "_continue" in request.POST:
            page = request.GET.get("page")
        if response.status_code == 302 and page and page.isascii() and page.isdigit():
            url = add_preserved_filters(
                {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts},
                reverse("admin:articles_article_change", args=[obj.pk], current_app=self.admin_site.name),
            )
            response["Location"] = f"{url}{'&' if '?' in url else '?'}{urlencode({'page': page})}"
        return response

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        if change:
            prefetch_related_objects([obj], *FOLLOWED)
        super().save_model(request, obj, form, change)
        self.say_publication(request, obj, form.changed_data)

    def save_formset(self, request, form, formset, change):
        if formset.model is QAPair:
            self.clear_moved_positions(formset)
        super().save_formset(request, form, formset, change)

    @staticmethod
    def clear_moved_positions(formset):
        """
        Park the pairs whose position changed, and those about to be deleted, above every position
        in use, so that a reorder (swapping 2 and 3, or moving 2 into the place of a deleted 3)
        never meets the unique (article, position) constraint half-way.
        """
        # has_changed() is False for the rows of a user who may only view them: those are not saved.
        moved = [
            form.instance.pk
            for form in formset.forms
            if form.instance.pk
            and ((form.has_changed() and "position" in form.changed_data) or form in formset.deleted_forms)
        ]
        if not moved:
            return
        parked = QAPair.objects.filter(article=formset.instance).aggregate(top=Max("position"))["top"]
        parked = max(parked, *(form.cleaned_data.get("position") or 0 for form in formset.forms))
        for offset, pk in enumerate(moved, start=1):
            QAPair.objects.filter(pk=pk).update(position=parked + offset)
