"""The timeline: dated facts in chronological order, grouped by year."""

from dataclasses import replace
from itertools import groupby

from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..filters import FACT_FACETS, Facets
from ..models import DatePrecision
from ..queries import fact_cards, page_of
from ..query_strings import private_if

FACTS_PER_PAGE = 100
# Every fact on the timeline is dated, so the facts list's kinds would not narrow it.
TIMELINE_FACETS = replace(FACT_FACETS, kinds={})

# Facts on the same date go from the broadest precision to the finest, so a decade heads its years.
PRECISION_RANK = Case(
    *(When(date_precision=precision, then=Value(rank)) for rank, precision in enumerate(DatePrecision.values)),
    output_field=IntegerField(),
)


def period(fact):
    """Return the heading a fact is listed under: its decade ("2000s") or its year ("2023")."""
    return fact.date_display if fact.date_precision == DatePrecision.DECADE else str(fact.date.year)


@require_safe
def timeline(request):
    """
    List published dated facts from the earliest, under their year (or decade), narrowed by
    the facets in the query string (every `?theme=` must apply).
    """
    facts = fact_cards().filter(date__isnull=False).order_by("date", PRECISION_RANK, "article__published_at", "pk")
    facets = Facets(request.GET, facts, TIMELINE_FACETS)
    page = page_of(request, facets.queryset, FACTS_PER_PAGE)
    context = {
        "page_obj": page,
        "periods": [(label, list(group)) for label, group in groupby(page.object_list, key=period)],
        **facets.context(),
    }
    return private_if(facets.notices, render(request, "articles/timeline.html", context))
