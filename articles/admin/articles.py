"""Articles with their Q&A pairs and facts inline, and Q&A pairs on their own."""

from django.contrib import admin
from django.db.models import Count, Max
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from ..models import Article, Fact, QAPair
from .common import THEME_FIELDS_WIDE, URL_FIELDS_ASSUME_HTTPS, FactForm


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


class QAPairInline(admin.StackedInline):
    model = QAPair
    formset = QAPairFormSet
    formfield_overrides = THEME_FIELDS_WIDE
    extra = 0
    ordering = ["position"]
    fields = ["position", "prompt", "answer", "anchor", "themes"]
    prepopulated_fields = {"anchor": ["prompt"]}


class FactInline(admin.StackedInline):
    model = Fact
    form = FactForm
    formfield_overrides = THEME_FIELDS_WIDE
    extra = 0
    fields = [
        "pair",
        "statement",
        "quote",
        ("value", "unit"),
        ("date", "date_precision"),
        "person",
        "is_key_figure",
        "themes",
    ]
    classes = ["collapse"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "pair":
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = QAPair.objects.filter(article_id=object_id) if object_id else QAPair.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "state", "published_at", "interviewee", "source", "pair_count", "updated_at"]
    list_filter = ["status", "kind", "language", ("themes", admin.RelatedOnlyFieldListFilter), "source"]
    search_fields = ["title", "standfirst", "intro", "interviewee__name", "pairs__prompt", "pairs__answer"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["interviewee", "source"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "standfirst", "intro", "themes"]}),
        (
            "Source",
            {
                "fields": [
                    "interviewee",
                    "source",
                    "source_url",
                    ("original_date", "original_date_precision"),
                    "language",
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
        return (
            super()
            .get_queryset(request)
            .select_related("interviewee", "source")
            .annotate(pair_count=Count("pairs", distinct=True))
        )

    @admin.display(description="state")
    def state(self, obj):
        if obj.status == Article.Status.DRAFT:
            return "Draft"
        if obj.published_at > timezone.now():
            return "Scheduled"
        return "Published"

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

    @admin.action(description="Publish selected articles now (keeps a scheduled time)")
    def publish(self, request, queryset):
        now = timezone.now()
        drafts = queryset.filter(status=Article.Status.DRAFT)
        unscheduled = drafts.filter(published_at__isnull=True).update(
            status=Article.Status.PUBLISHED, published_at=now, updated_by=request.user
        )
        scheduled = drafts.update(status=Article.Status.PUBLISHED, updated_by=request.user)
        self.message_user(request, f"Published {unscheduled + scheduled} article(s).")

    @admin.action(description="Return selected articles to draft")
    def unpublish(self, request, queryset):
        count = queryset.filter(status=Article.Status.PUBLISHED).update(
            status=Article.Status.DRAFT, updated_by=request.user
        )
        self.message_user(request, f"Returned {count} article(s) to draft.")


@admin.register(QAPair)
class QAPairAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "position", "anchor"]
    list_filter = [("themes", admin.RelatedOnlyFieldListFilter), "article__status"]
    search_fields = ["prompt", "answer", "article__title"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    formfield_overrides = THEME_FIELDS_WIDE
