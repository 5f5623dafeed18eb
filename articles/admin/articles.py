"""Articles with their Q&A pairs and facts inline, and Q&A pairs on their own."""

from functools import partial

import reversion
from django.contrib import admin
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.forms.models import BaseInlineFormSet
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.csrf import csrf_exempt

from ..models import Article, Fact, QAPair, TaggedArticle, TaggedFact, TaggedQAPair
from .common import (
    DIGEST_CHARS,
    FACT_LAYOUT,
    THEME_FIELDS_WIDE,
    URL_FIELDS_ASSUME_HTTPS,
    AutocompleteGuard,
    CleanTextInput,
    FactForm,
    ForgedInputGuard,
    StaleEditAdmin,
    StaleEditForm,
    VersionHistoryGuard,
    state_token,
    theme_links,
)
from .compare import ArticleVersionedAdmin, VersionedAdmin
from .import_page import import_view
from .permissions import PublishedContentGuard, StateFilter, can_publish
from .restore import RestoreKeepsStatus
from .suggestions import suggest_facts_view


def article_state(pk):
    """
    Return the loaded-state token of article `pk`: one digest of its own row, another of its
    pairs, its facts and the theme names of all three, so that a refusal can say whether the
    article itself was saved.
    """
    return state_token(
        [Article.objects.filter(pk=pk).values_list()],
        [
            QAPair.objects.filter(article=pk).order_by("pk").values_list(),
            Fact.objects.filter(article=pk).order_by("pk").values_list(),
            theme_links(TaggedArticle.objects.filter(content_object=pk)),
            theme_links(TaggedQAPair.objects.filter(content_object__article=pk)),
            theme_links(TaggedFact.objects.filter(content_object__article=pk)),
        ],
    )


def pair_state(pk):
    """Return the loaded-state token of Q&A pair `pk`: a digest of its row and its theme names."""
    return state_token(
        [QAPair.objects.filter(pk=pk).values_list(), theme_links(TaggedQAPair.objects.filter(content_object=pk))]
    )


class ArticleForm(StaleEditForm):
    """The article change form, refused when the article or anything shown with it changed since it was loaded."""

    changed_message = gettext_lazy(
        "Someone else changed this article, its Q&A pairs, facts or themes after you opened this page."
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
            return gettext("Someone else saved this article at %(time)s, after you opened this page.") % {"time": when}
        return gettext("%(user)s saved this article at %(time)s, after you opened this page.") % {
            "user": article.updated_by.get_full_name() or article.updated_by.get_username(),
            "time": when,
        }


class QAPairForm(StaleEditForm):
    changed_message = gettext_lazy("Someone else changed this Q&A pair or its themes after you opened this page.")

    def current_state(self):
        return pair_state(self.instance.pk)


class QAPairFormSet(BaseInlineFormSet):
    def clean(self):
        """
        Fill the anchors left empty from their prompts before the duplicate check, unique among
        the article's other saved pairs and every row of this form.
        """
        rows = [form for form in self.forms if form.has_changed() or form.instance.pk]
        rows = [form for form in rows if hasattr(form, "cleaned_data") and not self._should_delete_form(form)]
        editing = [form.instance.pk for form in self.forms if form.instance.pk]
        taken = (
            set(self.instance.pairs.exclude(pk__in=editing).values_list("anchor", flat=True))
            if self.instance.pk
            else set()
        )
        taken |= {form.cleaned_data.get("anchor") for form in rows if form.cleaned_data.get("anchor")}
        for form in rows:
            if not form.cleaned_data.get("anchor") and form.cleaned_data.get("prompt"):
                form.instance.prompt = form.cleaned_data["prompt"]
                anchor = form.instance.default_anchor(taken)
                form.cleaned_data["anchor"] = form.instance.anchor = anchor
                taken.add(anchor)
        super().clean()


class ArticleInlineGuard(PublishedContentGuard):
    """Inlines get the parent article as `obj`; adding rows to a locked article is refused too."""

    def article_of(self, obj):
        return obj

    def has_add_permission(self, request, obj=None):
        return not self.is_locked(request, obj) and super().has_add_permission(request, obj)


class QAPairInline(CleanTextInput, ArticleInlineGuard, admin.StackedInline):
    model = QAPair
    formset = QAPairFormSet
    formfield_overrides = THEME_FIELDS_WIDE
    extra = 0
    ordering = ["position"]
    fields = ["position", "prompt", "answer", "anchor", "themes", "fact_links"]
    readonly_fields = ["fact_links"]
    prepopulated_fields = {"anchor": ["prompt"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("facts")

    @admin.display(description="facts from this answer")
    def fact_links(self, pair):
        if pair.pk is None:
            return "Save the pair to add facts from its answer."
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:articles_fact_change", args=[fact.pk]), fact.statement) for fact in pair.facts.all()),
        )
        add = reverse("admin:articles_fact_add") + f"?article={pair.article_id}&pair={pair.pk}"
        return format_html('{} <a class="addlink" href="{}">Add a fact</a>', links or "None yet.", add)


class FactInline(CleanTextInput, AutocompleteGuard, ArticleInlineGuard, admin.StackedInline):
    model = Fact
    form = FactForm
    formfield_overrides = THEME_FIELDS_WIDE
    extra = 0
    fields = FACT_LAYOUT
    autocomplete_fields = ["person"]
    classes = ["collapse"]

    def get_formset(self, request, obj=None, **kwargs):
        """
        Offer only the pairs of the article being edited (none while it is being added), listed
        once for every fact's form instead of one query a form.
        """
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields["pair"]
        field.queryset = QAPair.objects.filter(article=obj) if obj is not None and obj.pk else QAPair.objects.none()
        field.choices = [
            ("", field.empty_label),
            *((pair.pk, str(pair)) for pair in field.queryset.only("position", "prompt")),
        ]
        return formset


@admin.register(Article)
class ArticleAdmin(
    ForgedInputGuard,
    VersionHistoryGuard,
    RestoreKeepsStatus,
    StaleEditAdmin,
    PublishedContentGuard,
    ArticleVersionedAdmin,
):
    form = ArticleForm
    list_display = ["title", "kind", "state", "published_at", "interviewee", "source", "pair_count", "updated_at"]
    list_filter = [
        StateFilter,
        "kind",
        "language",
        ("themes", admin.RelatedOnlyFieldListFilter),
        ("interviewee", admin.RelatedOnlyFieldListFilter),
        ("source", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "standfirst", "intro", "interviewee__name", "pairs__prompt", "pairs__answer"]
    date_hierarchy = "published_at"
    # Explicit: Meta.ordering does not apply to get_queryset()'s counting query, and the
    # autocompletes (translation_of, a pair's article) paginate it.
    ordering = ["-published_at", "-pk"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["interviewee", "interviewer", "source", "translation_of"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by", "translation_links"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "standfirst", "intro", "themes"]}),
        (
            "Source",
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
                ]
            },
        ),
        ("Publishing", {"fields": ["status", "published_at"]}),
        ("Record", {"fields": [("created_at", "created_by"), ("updated_at", "updated_by")], "classes": ["collapse"]}),
    ]
    inlines = [QAPairInline, FactInline]
    actions = ["publish", "unpublish"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS | THEME_FIELDS_WIDE

    def get_queryset(self, request):
        # A subquery, not a join: the join grouped every article by all its columns, texts included,
        # in the list, its filters and its dates alike (0.5 s at 2,000 articles on SQLite).
        pairs = QAPair.objects.filter(article=OuterRef("pk")).order_by().values("article").annotate(n=Count("pk"))
        return (
            super()
            .get_queryset(request)
            .select_related("interviewee", "source")
            .annotate(pair_count=Coalesce(Subquery(pairs.values("n")), 0))
        )

    change_list_template = "admin/articles/article/change_list.html"

    def article_of(self, obj):
        return obj

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            # Exempt from the CSRF middleware: the page checks CSRF itself once it has read the body (see import_view).
            path("import/", wrap(csrf_exempt(partial(import_view, self))), name="articles_article_import"),
            path(
                "<path:object_id>/suggest-facts/",
                wrap(partial(suggest_facts_view, self)),
                name="articles_article_suggest_facts",
            ),
            *super().get_urls(),
        ]

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
        """List the translations of an original, each with its language and state."""
        translations = obj.translations.order_by("language") if obj.pk else []
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a> ({}, {})',
                (
                    (reverse("admin:articles_article_change", args=[t.pk]), t.title, t.get_language_display(), t.state)
                    for t in translations
                ),
            )
            or None
        )

    @admin.display(description="state")
    def state(self, obj):
        return obj.state.capitalize()

    @admin.display(description="Q&A pairs", ordering="pair_count")
    def pair_count(self, obj):
        return obj.pair_count

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

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
        moved = [
            form.instance.pk
            for form in formset.forms
            if form.instance.pk and ("position" in form.changed_data or form in formset.deleted_forms)
        ]
        if not moved:
            return
        parked = QAPair.objects.filter(article=formset.instance).aggregate(top=Max("position"))["top"]
        parked = max(parked, *(form.cleaned_data.get("position") or 0 for form in formset.forms))
        for offset, pk in enumerate(moved, start=1):
            QAPair.objects.filter(pk=pk).update(position=parked + offset)

    def set_status(self, request, queryset, status, comment):
        """Give each selected article `status`, one saved version each; return the titles changed."""
        changed = []
        for article in queryset.exclude(status=status):
            with reversion.create_revision():
                article.status = status
                if status == Article.Status.PUBLISHED and article.published_at is None:
                    article.published_at = timezone.now()
                article.updated_by = request.user
                article.save()
                reversion.set_user(request.user)
                reversion.set_comment(comment)
            changed.append(article)
        return changed

    @admin.action(description="Publish selected articles (a future time stays scheduled)", permissions=["publish"])
    def publish(self, request, queryset):
        changed = self.set_status(request, queryset, Article.Status.PUBLISHED, "Published.")
        scheduled = [article for article in changed if article.state == "scheduled"]
        self.message_user(
            request,
            f"Published {len(changed) - len(scheduled)} article(s) now and scheduled {len(scheduled)}; "
            f"{queryset.count() - len(changed)} were already published or scheduled.",
        )

    @admin.action(description="Return selected articles to draft", permissions=["publish"])
    def unpublish(self, request, queryset):
        changed = self.set_status(request, queryset, Article.Status.DRAFT, "Returned to draft.")
        self.message_user(
            request,
            f"Returned {len(changed)} article(s) to draft; {queryset.count() - len(changed)} were drafts already.",
        )


@admin.register(QAPair)
class QAPairAdmin(ForgedInputGuard, VersionHistoryGuard, StaleEditAdmin, PublishedContentGuard, VersionedAdmin):
    form = QAPairForm
    list_display = ["__str__", "article", "position", "anchor"]
    list_filter = [("themes", admin.RelatedOnlyFieldListFilter), "article__status"]
    search_fields = ["prompt", "answer", "article__title"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    formfield_overrides = THEME_FIELDS_WIDE
    actions = ["add_theme", "remove_theme"]
