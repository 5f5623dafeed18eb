"""Theme changes that span models: merging themes."""

from django.db import transaction

from ..models import Theme, ThemeMerge, ThemeRedirect
from ..models.tagged_items import TAGGED_ITEMS
from ..signals import content_changed

TAGGED_ITEM_MODELS = list(TAGGED_ITEMS.values())


@transaction.atomic
def merge_themes(keep, others, user):
    """
    Merge the themes `others` into `keep`: tag everything they tag with `keep`, point their
    addresses (and the redirects to them) at `keep`, record each merge by `user` and delete
    them. Return the ThemeMerge records.
    """
    others = [theme for theme in others if theme.pk != keep.pk]
    merges = []
    for theme in others:
        moved = 0
        for model in TAGGED_ITEM_MODELS:
            # An object tagged with both keeps its row for `keep`; the other is deleted with `theme`.
            already = model.objects.filter(tag=keep).values("content_object")
            moved += model.objects.filter(tag=theme).exclude(content_object__in=already).update(tag=keep)
        merges.append(ThemeMerge(name=theme.name, slug=theme.slug, kept=keep, merged_by=user, item_count=moved))
    # Every address of a merged theme, in every language, leads to the kept theme.
    slugs = sorted({slug for theme in others for slug in theme.slugs()} - keep.slugs())
    ThemeRedirect.objects.filter(theme__in=others).update(theme=keep)
    ThemeRedirect.objects.filter(old_slug__in=slugs).delete()
    ThemeRedirect.objects.bulk_create(ThemeRedirect(old_slug=slug, theme=keep) for slug in slugs)
    Theme.objects.filter(pk__in=[theme.pk for theme in others]).delete()
    content_changed.send(sender=Theme)
    return ThemeMerge.objects.bulk_create(merges)
