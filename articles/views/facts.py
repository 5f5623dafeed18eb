"""The facts list, filtered by facets."""

from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from .. import charts
from ..facet_index import FACT_FACETS
from ..filters import Facets
from ..queries import fact_cards, page_of
from ..query_strings import private_if

FACTS_PER_PAGE = 50


@require_safe
def fact_list(request):
    """List published facts narrowed by the facets in the query string."""
    # The facts' queryset is built only if the page reads its rows: a page whose cards are kept reads none.
    facets = Facets(request.GET, SimpleLazyObject(fact_cards), FACT_FACETS)
    page = page_of(request, facets.matches, FACTS_PER_PAGE)
    context = {
        "page_obj": page,
        "facts": page.object_list,
        "figures": SimpleLazyObject(lambda: charts.figure_groups(page.object_list)),
        **facets.context(),
    }
    return private_if(facets.notices, render(request, "articles/fact_list.html", context))
