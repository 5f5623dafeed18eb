"""The two ways public pages count facets: from the facet index, and in the database while it is being built."""

from django.core.cache import cache

from articles.facet_index import build_lock, current_index
from articles.versions import VERSION_KEY, current_version


def facet_index_ready():
    """Build the facet index of the content as it is now, as the first request after a change does."""
    current_index()


def facet_index_building():
    """
    Start a new content version, as a change does, and take its build lock, as a request building
    the index holds it meanwhile.
    """
    cache.delete(VERSION_KEY)
    cache.add(build_lock(current_version().token), True)


FACET_MODES = {"indexed": facet_index_ready, "counted": facet_index_building}


def queries_both_ways(test, pages):
    """
    Return {(page, way): (queries, pinned)} for `pages` ({page: (url(), pinned with the index,
    pinned while it is built)}), `test.queries(url)` counting a page's queries.
    """
    measured = {}
    for column, (way, ready) in enumerate(FACET_MODES.items(), start=1):
        ready()
        for page, row in pages.items():
            measured[page, way] = (test.queries(row[0]()), row[column])
    return measured
