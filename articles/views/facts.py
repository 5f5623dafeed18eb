"""The facts list with its theme filters."""

import re

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render

from ..models import Fact, Theme

# A theme slug: letters of any script, digits, hyphens and underscores.
SLUG_PATTERN = r"[-\w]+"
FACTS_PER_PAGE = 50
MAX_THEME_FILTERS = 5


def fact_queryset():
    """Return published facts with what a fact card shows, in a fixed number of queries."""
    return (
        Fact.objects.published()
        .select_related("article", "pair", "person")
        .prefetch_related("themes")
        .order_by("article__published_at", "article_id", "pair__position", "pk")
    )


def fact_list(request):
    """
    List published facts, narrowed by every `?theme=<slug>` given (AND, at most
    MAX_THEME_FILTERS), with each other theme's count within the current selection.
    """
    notices = []
    unknown = sorted(set(request.GET) - {"theme", "page"})
    if unknown:
        notices.append(f"Ignored unknown parameters: {', '.join(unknown)}.")
    slugs = list(dict.fromkeys(request.GET.getlist("theme")))
    if len(slugs) > MAX_THEME_FILTERS:
        notices.append(f"At most {MAX_THEME_FILTERS} themes can be combined; the rest were ignored.")
        slugs = slugs[:MAX_THEME_FILTERS]
    valid = [slug for slug in slugs if re.fullmatch(SLUG_PATTERN, slug)]
    # Old slugs of renamed or merged themes select the theme they lead to.
    found = Theme.objects.by_slug(valid)
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        notices.append(f"No theme is called {', '.join(missing)}; ignored.")
    selected = list(dict.fromkeys(found[slug] for slug in slugs if slug in found))

    facts = fact_queryset()
    for theme in selected:
        facts = facts.filter(tagged_items__tag=theme)

    selected_slugs = [theme.slug for theme in selected]
    options = (
        Theme.objects.exclude(slug__in=selected_slugs)
        .filter(tagged_facts__content_object__in=facts.values("pk"))
        .annotate(count=Count("tagged_facts"))
        .order_by("name")
    )
    for option in options:
        option.query = selected_slugs + [option.slug]
    for theme in selected:
        theme.query = [slug for slug in selected_slugs if slug != theme.slug]

    paginator = Paginator(facts, FACTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page.") from None
    context = {
        "page_obj": page,
        "facts": page.object_list,
        "selected": selected,
        "options": options,
        "notices": notices,
    }
    return render(request, "articles/fact_list.html", context)
