"""The theme list and each theme's page."""

from django.db.models import Count
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from .. import charts
from ..filters import FACT_FACETS, Facets
from ..models import Article, QAPair, Theme, prefetch_themes, published_q, tagged_ids
from .facts import fact_queryset, paginate

THEME_PAGE_LIMIT = 20
THEMES_PER_PAGE = 50


class ThemeListView(ListView):
    """Every theme published content uses, with its counts of published content."""

    http_method_names = ["get", "head"]
    template_name = "articles/theme_list.html"
    paginate_by = THEMES_PER_PAGE

    def get_queryset(self):
        return Theme.objects.in_use().with_counts().in_local_order()


@require_safe
def theme_detail(request, slug):
    """
    Show a theme's facts, Q&A pairs, articles and related themes. The theme answers on its slug
    in any language, and on the old slugs renames and merges left, with a 301 to its slug in
    the page's language, keeping the query string. A theme no published content uses answers
    404 on all of them, as a theme that does not exist.
    """
    theme = Theme.objects.in_use().by_slug([slug]).get(slug)
    if theme is None:
        raise Http404("No such theme.")
    if theme.local_slug != slug:
        url = theme.get_absolute_url()
        if query := request.META.get("QUERY_STRING"):
            url = f"{url}?{query}"
        return HttpResponsePermanentRedirect(url)
    facets = Facets(request.GET, fact_queryset(), FACT_FACETS, fixed_theme=theme)
    page = paginate(request, facets.queryset, THEME_PAGE_LIMIT)
    # The lists show titles and prompts: not the answers and the articles' texts.
    pairs = (
        QAPair.objects.published()
        .filter(tagged_items__tag=theme)
        .select_related("article")
        .defer("answer", "article__standfirst", "article__intro")
        .prefetch_related(prefetch_themes())
        .order_by("-article__published_at", "article_id", "position")
    )
    articles = (
        Article.objects.published()
        .filter(tagged_items__tag=theme)
        .select_related("interviewee")
        .defer("standfirst", "intro")
    )
    # Published facts only, in the same filter() as the theme, so that both apply to each shared fact.
    related = (
        Theme.objects.exclude(pk=theme.pk)
        .filter(
            published_q("tagged_facts__content_object__article__"),
            tagged_facts__content_object__in=tagged_ids("fact", theme),
        )
        .annotate(shared=Count("tagged_facts"))
        .order_by("-shared", "name")[:8]
    )
    context = {
        "theme": theme,
        "page_obj": page,
        "facts": page.object_list,
        "figures": charts.figure_groups(page.object_list),
        "pairs": pairs[:THEME_PAGE_LIMIT],
        "pair_count": pairs.count(),
        "articles": articles[:THEME_PAGE_LIMIT],
        "related": related,
        **facets.context(),
    }
    return render(request, "articles/theme_detail.html", context)
