"""The home page and the article pages."""

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from ..filters import ARTICLE_FACETS, Facets
from ..i18n import language_codes
from ..models import Article, Fact, QAPair, Theme, prefetch_themes
from .facts import FACT_ORDER, paginate

ARTICLES_PER_PAGE = 20
# The home page shows the themes with the most facts; the theme list has them all.
HOME_THEMES = 12


def article_cards():
    """Return published articles with what an article card shows, newest first; cards show no intro."""
    return (
        Article.objects.published()
        .select_related("interviewee", "source")
        .defer("intro")
        .prefetch_related(prefetch_themes())
    )


@require_safe
def home(request):
    # A key figure shows its figure, its statement and a link to the words it comes from.
    key_figures = (
        Fact.objects.published()
        .filter(is_key_figure=True)
        .select_related("article", "pair")
        .only("statement", "value", "unit", "article__slug", "article__title", "pair__anchor")
        .order_by(*FACT_ORDER)
    )
    context = {
        "articles": article_cards()[:5],
        "themes": Theme.objects.in_use().with_fact_counts().in_local_order("-fact_count")[:HOME_THEMES],
        "key_figures": key_figures[:6],
    }
    return render(request, "articles/home.html", context)


@require_safe
def article_list(request):
    """List published articles narrowed by the facets in the query string."""
    facets = Facets(request.GET, article_cards(), ARTICLE_FACETS)
    page = paginate(request, facets.queryset, ARTICLES_PER_PAGE)
    context = {"page_obj": page, "article_list": page.object_list, **facets.context()}
    return render(request, "articles/article_list.html", context)


def with_page_content(articles):
    """Return `articles` with everything the article page shows, in a fixed number of queries."""
    facts = Fact.objects.select_related("person").prefetch_related(prefetch_themes())
    pairs = QAPair.objects.prefetch_related(prefetch_themes(), Prefetch("facts", queryset=facts))
    return (
        articles.select_related("interviewee", "interviewer", "source")
        .prefetch_related(
            prefetch_themes(),
            Prefetch("pairs", queryset=pairs),
            Prefetch("facts", queryset=facts.filter(pair=None), to_attr="intro_facts"),
        )
        # Most articles are originals without translations: they need no query for them.
        .annotate(has_translations=Exists(Article.objects.published().filter(translation_of=OuterRef("pk"))))
    )


def published_translations(article):
    """
    Return the other published versions of `article`: its original and the original's other
    translations, or its own translations, in the order of settings.LANGUAGES.
    """
    if article.translation_of_id is None and not article.has_translations:
        return []
    versions = Article.objects.published().filter(article.translation_group_q()).exclude(pk=article.pk)
    order = language_codes()
    return sorted(versions.only("slug", "title", "language", "translation_of"), key=lambda v: order.index(v.language))


class ArticleDetailView(DetailView):
    http_method_names = ["get", "head"]

    def get_queryset(self):
        return with_page_content(Article.objects.published())

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, translations=published_translations(self.object))


@never_cache
@require_safe
def article_preview(request, slug):
    """
    Show any article, draft or scheduled, on the public layout to staff who may see it in the
    admin; to everyone else it does not exist. Previews are never cached nor indexed.
    """
    if not (request.user.is_staff and request.user.has_perm("articles.view_article")):
        raise Http404("No such article.")
    article = get_object_or_404(with_page_content(Article.objects.all()), slug=slug)
    context = {"article": article, "translations": published_translations(article), "preview": True}
    response = render(request, "articles/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
