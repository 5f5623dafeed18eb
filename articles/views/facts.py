"""The facts list, filtered by facets."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import charts
from ..filters import FACT_FACETS, SLUG_PATTERN, Facets
from ..models import Fact, prefetch_themes

__all__ = ["FACT_ORDER", "SLUG_PATTERN", "fact_list", "fact_queryset", "paginate"]

FACTS_PER_PAGE = 50
# Facts in the order their articles appeared, each article's in the order it states them.
FACT_ORDER = ["article__published_at", "article_id", "pair__position", "pk"]


def fact_queryset():
    """
    Return published facts with what a fact card shows, in a fixed number of queries: not the
    texts of their answers and articles.
    """
    return (
        Fact.objects.published()
        .select_related("article", "pair", "person")
        .defer("pair__answer", "article__standfirst", "article__intro")
        .prefetch_related(prefetch_themes())
        .order_by(*FACT_ORDER)
    )


def paginate(request, queryset, per_page):
    """Return the page of `queryset` that `?page=` names; 404 for a page that does not exist."""
    try:
        return Paginator(queryset, per_page).page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page.") from None


@require_safe
def fact_list(request):
    """List published facts narrowed by the facets in the query string."""
    facets = Facets(request.GET, fact_queryset(), FACT_FACETS)
    page = paginate(request, facets.queryset, FACTS_PER_PAGE)
    context = {
        "page_obj": page,
        "facts": page.object_list,
        "figures": charts.figure_groups(page.object_list),
        **facets.context(),
    }
    return render(request, "articles/fact_list.html", context)
