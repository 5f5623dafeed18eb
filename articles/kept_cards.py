"""
Cards kept in this process for the content version they were drawn at.

A list shows dozens of cards (templatetags/cards.py) and the same cards appear on every page
that lists them: the facts list under each combination of filters, theme pages, the home page,
in each language. Drawing a card costs more than reading it, so a card drawn for a request is
kept under the token of the content version (versions.py) that request began at, which the page
cache sets as `request.content_version` before the view runs, and under everything the card
shows that differs from page to page (its object, the wording or version shown, the language).
A request at another version never reads it: any change to content makes a new version.
Requests that may see something personal (a signed-in editor, a preview) have no version and
draw every card.
"""

from django.conf import settings

from .lru import LRU

KEPT_CARDS = LRU(settings.KEPT_CARDS_SIZE)


def kept_card(context, key, draw):
    """
    Return the card `key` names, kept for the version of the request being rendered (`context`'s),
    else drawn by calling `draw` and kept.
    """
    version = getattr(getattr(context, "request", None), "content_version", None)
    if version is None:
        return draw()
    key = (version.token, *key)
    if (card := KEPT_CARDS.get(key)) is None:
        card = draw()
        KEPT_CARDS.put(key, card)
    return card
