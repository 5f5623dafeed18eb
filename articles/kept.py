"""
Fragments of pages kept in this process for the content version they were drawn at.

The same fragments appear on many pages and many requests: a card on every page that lists it
(the facts list under each combination of filters, theme pages, the home page), a theme page's
questions, articles and related themes under each combination of its filters, the sections of
the home page and of an article page on every request the page cache does not answer. Drawing a
fragment costs more than reading it, so a fragment drawn for a request is kept under the token
of the content version (versions.py) that request began at, which the page cache sets as
`request.content_version` before the view runs, and under everything it shows that differs from
page to page (its object, the wording or version shown, the language, the site's address). A
request at another version never reads it: any change to content makes a new version. Requests
that may see something personal (a signed-in editor, a preview) have no version and draw every
fragment.
"""

from django.conf import settings

from .lru import LRU

KEPT_FRAGMENTS = LRU(settings.KEPT_FRAGMENTS_SIZE)


def kept_fragment(context, key, draw):
    """
    Return the fragment `key` names, kept for the version of the request being rendered
    (`context`'s), else drawn by calling `draw` and kept.
    """
    version = getattr(getattr(context, "request", None), "content_version", None)
    if version is None:
        return draw()
    key = (version.token, *key)
    if (fragment := KEPT_FRAGMENTS.get(key)) is None:
        fragment = draw()
        KEPT_FRAGMENTS.put(key, fragment)
    return fragment
