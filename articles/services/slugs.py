"""Slugs for new articles and people: made from their titles or names, never one already taken."""

from django.utils.html import strip_tags
from django.utils.text import slugify


def free_slug(text, model, fallback):
    """
    Return a slug made from `text` (markup and all) that no `model` object has yet: `fallback`
    when `text` gives none. Letters of other scripts (Hangul) are kept where `model`'s slug
    field allows them.
    """
    allow_unicode = model._meta.get_field("slug").allow_unicode
    base = slugify(strip_tags(text), allow_unicode=allow_unicode)[:180].strip("-") or fallback
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
