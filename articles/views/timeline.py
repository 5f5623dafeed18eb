"""The timeline: dated facts in chronological order, grouped by year."""

from itertools import groupby

from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..facet_index import TIMELINE_FACETS
from ..filters import Facets
from ..formatting import format_date
from ..models import DatePrecision
from ..queries import fact_cards, page_of
from ..query_strings import private_if

FACTS_PER_PAGE = 100


def period(fact):
    """
    Return the anchor and the heading of the period a fact is listed under: its decade ("2000s",
    "década de 2000") or its year ("2023", "2023년"). The anchor is the same in every language and has no
    spaces, as HTML ids may not.
    """
    if fact.date_precision == DatePrecision.DECADE:
        return f"{fact.date.year}s", fact.date_display
    return str(fact.date.year), format_date(fact.date, DatePrecision.YEAR)


@require_safe
def timeline(request):
    """
    List published dated facts from the earliest, under their year (or decade), narrowed by
    the facets in the query string (every `?theme=` must apply).
    """
    facts = fact_cards().filter(TIMELINE_FACETS.only).order_by(*TIMELINE_FACETS.order)
    facets = Facets(request.GET, facts, TIMELINE_FACETS)
    page = page_of(request, facets.matches, FACTS_PER_PAGE)
    context = {
        "page_obj": page,
        "periods": [(anchor, label, list(group)) for (anchor, label), group in groupby(page.object_list, key=period)],
        **facets.context(),
    }
    return private_if(facets.notices, render(request, "articles/timeline.html", context))
