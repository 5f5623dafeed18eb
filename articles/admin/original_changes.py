"""
Translations out of date: the admin's filter of those whose original changed after their last
review, the word diff of what changed in the original since, and the action that marks them
reviewed.
"""

from django.contrib import admin
from django.utils.translation import gettext, gettext_lazy, ngettext

from ..models import Article
from ..services import translations
from .compare import text_diff

TEXT_LABELS = {
    "title": gettext_lazy("Title"),
    "standfirst": gettext_lazy("Standfirst"),
    "intro": gettext_lazy("Intro"),
}
PAIR_LABELS = {
    "prompt": gettext_lazy("Prompt of Q&A pair #%(name)s"),
    "answer": gettext_lazy("Answer of Q&A pair #%(name)s"),
}
FACT_LABELS = {
    "statement": gettext_lazy("Statement of the fact “%(name)s”"),
    "quote": gettext_lazy("Quote of the fact “%(name)s”"),
}


class OutOfDateFilter(admin.SimpleListFilter):
    title = gettext_lazy("translation review")
    parameter_name = "out_of_date"

    def lookups(self, request, model_admin):
        count = Article.objects.out_of_date().count()
        return [("yes", gettext("Out of date (%(count)d)") % {"count": count})]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.out_of_date()
        return queryset


def items_diff(old_items, new_items, key, labels, name):
    """
    Return (label, word diff) for each text of the items of `old_items` and `new_items` (lists of
    dicts) that differs, matched by `key`: those of the new items in order, then those removed.
    `labels` maps each text compared to its label, given `name` of the item.
    """
    old_by_key = {item[key]: item for item in old_items}
    new_by_key = {item[key]: item for item in new_items}
    changes = []
    for value in [*new_by_key, *(value for value in old_by_key if value not in new_by_key)]:
        old, new = old_by_key.get(value, {}), new_by_key.get(value, {})
        for text, label in labels.items():
            diff = text_diff(old.get(text, ""), new.get(text, ""))
            if diff is not None:
                changes.append((label % {"name": (new or old)[name]}, diff))
    return changes


def original_changes(translation):
    """
    Return what the original of `translation` says now that it did not say when the
    translation was last reviewed (reviewed_original): a list of (what, word diff), the texts
    of the article, then its pairs by anchor, then its facts, each added, changed or removed.
    """
    then = translation.reviewed_original or {}
    now = translations.original_text(translation.translation_of)
    changes = [
        (label, diff)
        for text, label in TEXT_LABELS.items()
        if (diff := text_diff(then.get(text, ""), now[text])) is not None
    ]
    changes += items_diff(then.get("pairs", []), now["pairs"], "anchor", PAIR_LABELS, "anchor")
    changes += items_diff(then.get("facts", []), now["facts"], "id", FACT_LABELS, "statement")
    return changes


class OriginalChangesAdmin:
    """The article admin's part for translations out of date: the diff on their pages and the review action."""

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.translation_of_id and obj.is_out_of_date:
            context.update(original_changes=original_changes(obj), reviewed_at=obj.reviewed_at)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.action(description=gettext_lazy("Mark selected translations reviewed"), permissions=["publish"])
    def mark_reviewed(self, request, queryset):
        chosen = list(queryset.exclude(translation_of=None).select_related("translation_of"))
        for translation in chosen:
            translations.mark_reviewed(translation)
        originals = queryset.count() - len(chosen)
        reviewed = ngettext(
            "Marked %(count)d translation reviewed against its original as it is now.",
            "Marked %(count)d translations reviewed against their originals as they are now.",
            len(chosen),
        ) % {"count": len(chosen)}
        skipped = ngettext(
            "%(count)d original was left as it is: only a translation is reviewed.",
            "%(count)d originals were left as they are: only a translation is reviewed.",
            originals,
        ) % {"count": originals}
        self.message_user(request, f"{reviewed} {skipped}" if originals else reviewed)
