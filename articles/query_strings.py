"""
The query parameters each public page reads, and the one spelling of them it answers to.

A page is cached per URL, so every spelling of a query string would be its own render and its
own stored copy: `?junk=1`, `?junk=2`, … without end. A view wrapped in accepts() answers a
query string spelled otherwise than canonically (a parameter it does not read, known ones in
another order, a single-valued one given twice, a value repeated, another percent-encoding, a
page number with leading zeros or in other digits)
with a 301 to the canonical spelling, which renders no page and stores nothing. The canonical
spelling is the one the site's own links and forms use, so a reader following them is never
redirected.
"""

import re
from functools import wraps

from django.http import HttpResponsePermanentRedirect, QueryDict
from django.utils.cache import patch_cache_control

# The parameters that number pages (the lists' and the sitemaps'), and a number as int() reads it.
PAGE_NUMBERS = ("page", "p")
NUMBER = re.compile(r"0*(\d{1,18})")


def spelled(name, value):
    """Return `value` of parameter `name`, a page number in its one spelling: ?page=02 and ?page=２ are ?page=2."""
    number = NUMBER.fullmatch(value) if name in PAGE_NUMBERS else None
    return str(int(number[1])) if number else value


def canonical_query(params, names, repeatable=()):
    """
    Return a QueryDict of the parameters `names` in `params` (a QueryDict), in the order of
    `names`: the last value of each (what QueryDict.get() reads), every distinct value of those
    in `repeatable`, page numbers spelled once (spelled()). Empty values stay: a submitted form
    sends its empty fields.
    """
    query = QueryDict(mutable=True)
    for name in names:
        values = [spelled(name, value) for value in params.getlist(name)]
        if values:
            query.setlist(name, list(dict.fromkeys(values)) if name in repeatable else values[-1:])
    return query


def accepts(*names, repeatable=()):
    """
    Make a view read only the query parameters `names` (`repeatable` ones may be given more than
    once) and redirect any other spelling of its query string to the canonical one.
    """

    def decorator(view):
        @wraps(view)
        def canonical_view(request, *args, **kwargs):
            query = canonical_query(request.GET, names, repeatable).urlencode()
            if query != request.META.get("QUERY_STRING", ""):
                return HttpResponsePermanentRedirect(f"{request.path}?{query}" if query else request.path)
            return view(request, *args, **kwargs)

        canonical_view.query_parameters = names
        return canonical_view

    return decorator


def private_if(notices, response):
    """
    Keep `response` out of shared caches when its page reports `notices` about input it ignored
    (a theme, person or year that matches nothing): such values come in endless variants, each
    showing the page without them, so they are rendered each time and never stored.
    """
    if notices:
        patch_cache_control(response, private=True)
    return response
