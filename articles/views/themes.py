"""The theme list and each theme's page."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from .. import charts
from ..facet_index import FACT_FACETS
from ..filters import Facets
from ..queries import THEME_PAGE_LIMIT, fact_cards, page_of, theme_content, themes_in_use
from ..query_strings import private_if

THEMES_PER_PAGE = 50


class ThemeListView(ListView):
    """Every theme published content uses, with its counts of published content."""

    http_method_names = ["get", "head"]
    template_name = "articles/theme_list.html"
    paginate_by = THEMES_PER_PAGE

    def get_queryset(self):
        return themes_in_use().in_local_order()


@require_safe
def theme_detail(request, slug):
    """
    Show a theme's facts, Q&A pairs, articles and related themes. The theme answers on its slug
    in any language, and on the old slugs renames and merges left, with a 301 to its slug in
    the page's language, keeping the query string. A theme no published content uses answers
    404 on all of them, as a theme that does not exist.
    """
    theme = themes_in_use(counts=False).by_slug([slug]).get(slug)
    if theme is None:
        raise Http404("No such theme.")
    if theme.local_slug != slug:
        url = theme.get_absolute_url()
        if query := request.META.get("QUERY_STRING"):
            url = f"{url}?{query}"
        return HttpResponsePermanentRedirect(url)
    # The facts' queryset is built only if the page reads its rows: a page whose cards are kept reads none.
    facets = Facets(request.GET, SimpleLazyObject(fact_cards), FACT_FACETS, fixed_theme=theme)
    page = page_of(request, facets.matches, THEME_PAGE_LIMIT)
    context = {
        "theme": theme,
        "page_obj": page,
        "facts": page.object_list,
        "figures": SimpleLazyObject(lambda: charts.figure_groups(page.object_list)),
        **theme_content(theme),
        **facets.context(),
    }
    return private_if(facets.notices, render(request, "articles/theme_detail.html", context))
