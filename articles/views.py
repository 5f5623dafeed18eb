import re

from django.core.paginator import InvalidPage, Paginator
from django.db import DatabaseError, connection
from django.db.models import Count, Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView, ListView

from .models import Article, Fact, QAPair, Theme

# A theme slug: letters of any script, digits, hyphens and underscores.
SLUG_PATTERN = r"[-\w]+"
FACTS_PER_PAGE = 50
MAX_THEME_FILTERS = 5
THEME_PAGE_LIMIT = 20


def fact_queryset():
    """Return published facts with what a fact card shows, in a fixed number of queries."""
    return (
        Fact.objects.published()
        .select_related("article", "pair", "person")
        .prefetch_related("themes")
        .order_by("article__published_at", "article_id", "pair__position", "pk")
    )


def home(request):
    context = {
        "articles": Article.objects.published().select_related("interviewee", "source").prefetch_related("themes")[:5],
        "themes": Theme.objects.with_counts().filter(total__gt=0),
        "key_figures": fact_queryset().filter(is_key_figure=True)[:6],
    }
    return render(request, "articles/home.html", context)


class ArticleListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().select_related("interviewee", "source").prefetch_related("themes")


class ArticleDetailView(DetailView):
    def get_queryset(self):
        facts = Fact.objects.select_related("person").prefetch_related("themes")
        return (
            Article.objects.published()
            .select_related("interviewee", "source")
            .prefetch_related(
                "themes",
                Prefetch(
                    "pairs", queryset=QAPair.objects.prefetch_related("themes", Prefetch("facts", queryset=facts))
                ),
                Prefetch("facts", queryset=facts.filter(pair=None), to_attr="intro_facts"),
            )
        )


class ThemeListView(ListView):
    template_name = "articles/theme_list.html"

    def get_queryset(self):
        return Theme.objects.with_counts()


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
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
    found = {theme.slug: theme for theme in Theme.objects.filter(slug__in=valid)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        notices.append(f"No theme is called {', '.join(missing)}; ignored.")
    selected = [found[slug] for slug in slugs if slug in found]

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


def healthz(request):
    """Report whether the database answers: 200 when it does, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"database": "unavailable"}, status=503)
    return JsonResponse({"database": "ok"})
