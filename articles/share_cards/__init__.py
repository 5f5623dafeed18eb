"""
Share cards: the 1200×630 PNG images a page names as its og:image, drawn by the server in the
page's language (content.py says what a card shows, draw.py draws it). A card is drawn once per
content version (versions.py) and kept in the shared cache, keyed by its kind, the address it
answers on, the language and the version: any change to content makes every card stale, as it
does every page.
"""

from hashlib import sha256

from django.conf import settings
from django.core.cache import cache

from ..i18n import active_language
from ..versions import current_version
from .content import Card, article_alt, article_card, fact_alt, fact_card, site_alt, site_card, theme_alt, theme_card
from .draw import draw_card

__all__ = [
    "Card",
    "article_alt",
    "article_card",
    "card_png",
    "draw_card",
    "fact_alt",
    "fact_card",
    "site_alt",
    "site_card",
    "theme_alt",
    "theme_card",
]


def card_png(kind, key, render):
    """
    Return the PNG of the card of `kind` ("site", "article", "fact", "theme") that answers on
    `key` (a slug, an id) in the active language: from the cache when it was drawn at the current
    content version, else from `render()`, which draws it (or raises Http404, and nothing is kept).
    A card drawn at a version showed only what was public at that version, so a kept card needs
    no query to be served.
    """
    digest = sha256(str(key).encode()).hexdigest()
    cache_key = f"share-card:{kind}:{digest}:{active_language()}:{current_version().token}"
    png = cache.get(cache_key)
    if png is None:
        png = render()
        cache.set(cache_key, png, settings.PAGE_CACHE_SECONDS)
    return png
