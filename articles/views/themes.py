"""The theme list and each theme's page."""

from django.db.models import Count
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.views.generic import ListView

from ..models import Article, QAPair, Theme
from .facts import fact_queryset

THEME_PAGE_LIMIT = 20


class ThemeListView(ListView):
    template_name = "articles/theme_list.html"

    def get_queryset(self):
        return Theme.objects.with_counts()


def theme_detail(request, slug):
    """
    Show a theme's facts, Q&A pairs, articles and related themes; the old slug of a renamed or
    merged theme answers 301 to the theme's page, with the same query string.
    """
    theme = Theme.objects.by_slug([slug]).get(slug)
    if theme is None:
        raise Http404("No such theme.")
    if theme.slug != slug:
        url = theme.get_absolute_url()
        if query := request.META.get("QUERY_STRING"):
            url = f"{url}?{query}"
        return HttpResponsePermanentRedirect(url)
    facts = fact_queryset().filter(tagged_items__tag=theme)
    pairs = (
        QAPair.objects.published()
        .filter(tagged_items__tag=theme)
        .select_related("article")
        .prefetch_related("themes")
        .order_by("-article__published_at", "article_id", "position")
    )
    articles = Article.objects.published().filter(tagged_items__tag=theme).select_related("interviewee")
    related = (
        Theme.objects.exclude(pk=theme.pk)
        .filter(tagged_facts__content_object__in=facts.values("pk"))
        .annotate(shared=Count("tagged_facts"))
        .order_by("-shared", "name")[:8]
    )
    context = {
        "theme": theme,
        "facts": facts[:THEME_PAGE_LIMIT],
        "fact_count": facts.count(),
        "pairs": pairs[:THEME_PAGE_LIMIT],
        "pair_count": pairs.count(),
        "articles": articles[:THEME_PAGE_LIMIT],
        "related": related,
    }
    return render(request, "articles/theme_detail.html", context)
