"""Themes with their usage counts, the tools to merge them and to add or remove them in bulk."""

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import NestedObjects, model_ngettext
from django.core.exceptions import ValidationError
from django.db import router
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy, ngettext
from taggit.models import Tag

from ..history_comments import set_comment
from ..i18n import TRANSLATED_LANGUAGES, language_label
from ..models import Theme, ThemeMerge, ThemeRedirect
from ..models.themes import parse_theme_names, tagged_count
from ..services.themes import merge_themes
from ..signals import content_changed
from .common import ForgedInputGuard, StaleEditAdmin
from .lists import is_autocomplete
from .records import RecordForm
from .theme_fields import refuse_lookalikes

# Themes are the project's tag model; taggit's generic Tag is unused.
admin.site.unregister(Tag)


TRANSLATED_FIELDS = [f"{field}_{code}" for code in TRANSLATED_LANGUAGES for field in ("name", "slug", "description")]


class ThemeForm(RecordForm):
    changed_message = gettext_lazy("Changes to this theme were saved after you opened this page.")

    class Meta:
        model = Theme
        fields = ["name", "slug", "description", *TRANSLATED_FIELDS]
        widgets = {
            f"description{suffix}": forms.Textarea(attrs={"rows": 3, "cols": 60})
            for suffix in ["", *(f"_{code}" for code in TRANSLATED_LANGUAGES)]
        }

    def __init__(self, *args, **kwargs):
        """Say, under each empty translation of a saved theme, that readers get the English text."""
        super().__init__(*args, **kwargs)
        theme = self.instance
        if theme.pk is None:
            return
        for code in TRANSLATED_LANGUAGES:
            for field in ["name", "description"]:
                if theme.falls_back(field, code):
                    # The admin does not escape help texts.
                    note = gettext("Missing: falls back to English, “%(text)s”.") % {"text": getattr(theme, field)}
                    self.fields[f"{field}_{code}"].help_text = format_html(
                        '<strong class="fallback-note">{}</strong>', note
                    )

    def clean_name(self):
        name = self.cleaned_data["name"]
        # Saving an item would otherwise split the name, or lose its quote, and tag it with other themes.
        if parse_theme_names(name) != [name]:
            raise ValidationError(
                gettext(
                    "Themes are typed as a list separated by commas, so a name cannot contain a comma "
                    "nor begin or end with a double quote."
                ),
                code="unlistable",
            )
        refuse_lookalikes([name], Theme.objects.exclude(pk=self.instance.pk))
        return name


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Theme.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label=gettext_lazy("Theme to keep"),
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = themes


class LocalThemeField(forms.ModelChoiceField):
    """A choice of theme by its name in the admin's language, in that language's order."""

    def label_from_instance(self, obj):
        return obj.local_name


class ThemeChoiceForm(forms.Form):
    theme = LocalThemeField(queryset=Theme.objects.none(), label=gettext_lazy("Theme"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.in_local_order()


def action_page(modeladmin, request, queryset, action, template, **context):
    """Return the intermediate page of `action`, which posts the selection back to the changelist."""
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "queryset": queryset,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "action": action,
        **context,
    }
    return TemplateResponse(request, template, context)


class MissingTranslationFilter(admin.SimpleListFilter):
    """Themes by the translations they lack (a name, or a description that English has)."""

    title = gettext_lazy("translations")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        missing = [
            (code, gettext("Missing in %(language)s") % {"language": language_label(code)})
            for code in TRANSLATED_LANGUAGES
        ]
        return [*missing, ("any", gettext("Missing in any language")), ("none", gettext("Complete"))]

    def queryset(self, request, queryset):
        if self.value() in TRANSLATED_LANGUAGES:
            return queryset.missing_translation(self.value())
        if self.value() == "any":
            return queryset.missing_translation()
        if self.value() == "none":
            return queryset.exclude(pk__in=Theme.objects.missing_translation().values("pk"))
        return queryset


@admin.register(Theme)
class ThemeAdmin(ForgedInputGuard, StaleEditAdmin, admin.ModelAdmin):
    form = ThemeForm
    list_display = ["name", "slug", "description", "missing_translations", "article_uses", "pair_uses", "fact_uses"]
    list_filter = [MissingTranslationFilter]
    search_fields = ["name", "description", *(f"name_{code}" for code in TRANSLATED_LANGUAGES)]
    prepopulated_fields = {"slug": ["name"], **{f"slug_{code}": [f"name_{code}"] for code in TRANSLATED_LANGUAGES}}
    # One fieldset per language, English first as the fallback of the others.
    fieldsets = [
        (gettext_lazy("English (shown where a translation is missing)"), {"fields": [("name", "slug"), "description"]}),
        *(
            (
                language_label(code),
                {"fields": [(f"name_{code}", f"slug_{code}"), f"description_{code}"]},
            )
            for code in TRANSLATED_LANGUAGES
        ),
    ]
    actions = ["merge"]

    def get_queryset(self, request):
        # An autocomplete (a redirect's theme) shows names only: counting every theme's uses made it 250 ms.
        if is_autocomplete(request, self):
            return super().get_queryset(request)
        # The three counts, without with_counts()' `total`, which the list does not show and which
        # made PostgreSQL count every theme's rows twice.
        counts = {f"{content}_count": tagged_count(content, public=False) for content in ["article", "pair", "fact"]}
        return super().get_queryset(request).annotate(**counts)

    def get_deleted_objects(self, objs, request):
        """
        List the themes and count what goes with them, by kind: Django's list named every link from
        an article, pair or fact to the theme, with a query for each, on the confirmation and again
        on the deletion (the cost is in docs/performance.md).
        """
        collector = NestedObjects(using=router.db_for_write(Theme))
        collector.collect(objs)
        summary = {model._meta.verbose_name_plural: len(found) for model, found in collector.model_objs.items()}
        perms_needed = {
            model._meta.verbose_name
            for model in collector.model_objs
            if self.admin_site.is_registered(model)
            and not self.admin_site.get_model_admin(model).has_delete_permission(request)
        }
        themes = [
            format_html(
                '{}: <a href="{}">{}</a>',
                capfirst(Theme._meta.verbose_name),
                reverse("admin:articles_theme_change", args=[theme.pk], current_app=self.admin_site.name),
                theme,
            )
            for theme in objs
        ]
        return themes, summary, perms_needed, [str(obj) for obj in collector.protected]

    @admin.display(description=gettext_lazy("missing translations"))
    def missing_translations(self, obj):
        """Name the languages whose readers see this theme (or part of it) in English."""
        return ", ".join(str(language_label(code)) for code in obj.missing_translations()) or None

    @admin.display(description=gettext_lazy("articles"), ordering="article_count")
    def article_uses(self, obj):
        return obj.article_count

    @admin.display(description=gettext_lazy("Q&A pairs"), ordering="pair_count")
    def pair_uses(self, obj):
        return obj.pair_count

    @admin.display(description=gettext_lazy("facts"), ordering="fact_count")
    def fact_uses(self, obj):
        return obj.fact_count

    @admin.action(description=gettext_lazy("Merge selected themes…"), permissions=["change", "delete"])
    def merge(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, gettext("Select at least two themes to merge."), messages.WARNING)
            return None
        form = MergeForm(request.POST if "post" in request.POST else None, themes=queryset)
        if not form.is_valid():
            template = "admin/articles/theme/merge_themes.html"
            return action_page(self, request, queryset, "merge", template, title=gettext("Merge themes"), form=form)
        keep = form.cleaned_data["keep"]
        merges = merge_themes(keep, queryset.exclude(pk=keep.pk), request.user)
        names = ", ".join(f"“{merge.name}”" for merge in merges)
        moved = sum(merge.item_count for merge in merges)
        self.message_user(
            request,
            ngettext(
                "Merged %(names)s into “%(keep)s”; %(moved)d item gained “%(keep)s”.",
                "Merged %(names)s into “%(keep)s”; %(moved)d items gained “%(keep)s”.",
                moved,
            )
            % {"names": names, "keep": keep, "moved": moved},
        )
        return None


@admin.register(ThemeMerge)
class ThemeMergeAdmin(ForgedInputGuard, admin.ModelAdmin):
    """The record of merges, written by the merge action only."""

    list_display = ["name", "slug", "kept", "item_count", "merged_by", "merged_at"]
    list_select_related = ["kept", "merged_by"]
    search_fields = ["name", "slug", "kept__name"]
    date_hierarchy = "merged_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ThemeRedirect)
class ThemeRedirectAdmin(ForgedInputGuard, admin.ModelAdmin):
    list_display = ["old_slug", "theme", "created_at"]
    list_select_related = ["theme"]
    search_fields = ["old_slug", "theme__name"]
    autocomplete_fields = ["theme"]


ADD_TO = gettext_lazy("Add a theme to %(count)d %(items)s")
REMOVE_FROM = gettext_lazy("Remove a theme from %(count)d %(items)s")
ADDED_TO = gettext_lazy("Added “%(theme)s” to %(count)d %(items)s.")
REMOVED_FROM = gettext_lazy("Removed “%(theme)s” from %(count)d %(items)s.")


def change_theme(modeladmin, request, queryset, add):
    """
    Ask which theme to add to (or remove from) the selected items, then add (or remove) it on
    those the user may change and report how many changed.
    """
    form = ThemeChoiceForm(request.POST if "post" in request.POST else None)
    if not form.is_valid():
        count = len(queryset)
        title = (ADD_TO if add else REMOVE_FROM) % {"count": count, "items": model_ngettext(queryset, count)}
        action = "add_theme" if add else "remove_theme"
        template = "admin/articles/change_theme.html"
        return action_page(modeladmin, request, queryset, action, template, title=title, form=form)
    theme = form.cleaned_data["theme"]
    allowed = [obj for obj in queryset if modeladmin.has_change_permission(request, obj)]
    through = queryset.model._meta.get_field("themes").through
    tagged = through.objects.filter(tag=theme, content_object__in=allowed)
    has_theme = set(tagged.values_list("content_object", flat=True))
    # Adding changes the items without the theme; removing, those with it.
    changed = [obj for obj in allowed if (obj.pk in has_theme) != add]
    # One saved version of each changed item, as a save through its page records, so that its
    # history shows the change and reverting to its latest version keeps it.
    with reversion.create_revision():
        if add:
            through.objects.bulk_create(through(tag=theme, content_object=obj) for obj in changed)
            content_changed.send(sender=queryset.model)
        else:
            tagged.delete()
        for obj in changed:
            reversion.add_to_revision(obj)
        reversion.set_user(request.user)
        set_comment("theme-added" if add else "theme-removed", theme=theme.name)
    said = []
    if count := len(changed):
        said.append((ADDED_TO if add else REMOVED_FROM) % {**said_of(queryset, count), "theme": theme.local_name})
    if unchanged := len(allowed) - count:
        if add:
            already = ngettext(
                "%(count)d %(items)s already had “%(theme)s”.",
                "%(count)d %(items)s already had “%(theme)s”.",
                unchanged,
            )
        else:
            already = ngettext(
                "%(count)d %(items)s did not have “%(theme)s”.",
                "%(count)d %(items)s did not have “%(theme)s”.",
                unchanged,
            )
        said.append(already % {**said_of(queryset, unchanged), "theme": theme.local_name})
    if skipped := len(queryset) - len(allowed):
        said.append(
            ngettext(
                "%(skipped)d you may not change was left alone.",
                "%(skipped)d you may not change were left alone.",
                skipped,
            )
            % {"skipped": skipped}
        )
    modeladmin.message_user(request, " ".join(said), messages.SUCCESS if count else messages.WARNING)
    return None


def said_of(queryset, count):
    """Return the count and the name of `count` items of `queryset`'s model, for a sentence."""
    return {"count": count, "items": model_ngettext(queryset, count)}


@admin.action(description=gettext_lazy("Add a theme to selected %(verbose_name_plural)s…"), permissions=["change"])
def add_theme(modeladmin, request, queryset):
    return change_theme(modeladmin, request, queryset, add=True)


@admin.action(description=gettext_lazy("Remove a theme from selected %(verbose_name_plural)s…"), permissions=["change"])
def remove_theme(modeladmin, request, queryset):
    return change_theme(modeladmin, request, queryset, add=False)


# Registered site-wide but disabled, so that a ModelAdmin offers them only by naming them in its
# `actions` (Q&A pairs and facts); see "Disabling a site-wide action" in the admin actions docs.
for action in [add_theme, remove_theme]:
    admin.site.add_action(action)
    admin.site.disable_action(action.__name__)
