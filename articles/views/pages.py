"""The home page and the article pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from ..facet_index import ARTICLE_FACETS
from ..filters import Facets
from ..models import Article
from ..queries import (
    article_cards,
    article_detail_queryset,
    article_page,
    article_pictures,
    home_content,
    page_of,
    published_translations,
)
from ..query_strings import private_if

ARTICLES_PER_PAGE = 20


@require_safe
def home(request):
    return render(request, "articles/home.html", home_content())


@require_safe
def article_list(request):
    """List published articles narrowed by the facets in the query string."""
    facets = Facets(request.GET, article_cards(), ARTICLE_FACETS)
    page = page_of(request, facets.matches, ARTICLES_PER_PAGE)
    context = {"page_obj": page, "article_list": page.object_list, **facets.context()}
    return private_if(facets.notices, render(request, "articles/article_list.html", context))


def page_context(article):
    """
    Return what the article page shows besides the article: its sections, intro facts, themes
    (an original's, which its translations share), pictures and other versions, and for a
    translation whose public original changed after its review, when the original changed.
    """
    # The sections, themes and translations are read when the page first shows them: never while kept.
    page = SimpleLazyObject(lambda: article_page(article))
    original = article.translation_of
    translations = SimpleLazyObject(lambda: published_translations(article))
    updated = original and original.text_changed_at and article.is_out_of_date and original in translations
    return {
        "sections": SimpleLazyObject(lambda: page[0]),
        "intro_facts": SimpleLazyObject(lambda: page[1]),
        "intro_wordings": SimpleLazyObject(lambda: [fact.wording for fact in page[1]]),
        "themes": SimpleLazyObject(lambda: (original or article).theme_list),
        "translations": translations,
        "original_updated": original.text_changed_at if updated else None,
        # A translation shows its original's lead picture.
        "pictures": SimpleLazyObject(lambda: article_pictures(article)),
    }


class ArticleDetailView(DetailView):
    http_method_names = ["get", "head"]

    def get_queryset(self):
        return article_detail_queryset(Article.objects.published())

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, **page_context(self.object))


@never_cache
@require_safe
def article_preview(request, slug):
    """
    Show any article, draft or scheduled, on the public layout to staff who may see it in the
    admin; to everyone else it does not exist. Previews are never cached nor indexed.
    """
    if not (request.user.is_staff and request.user.has_perm("articles.view_article")):
        raise Http404("No such article.")
    article = get_object_or_404(article_detail_queryset(Article.objects.all()), slug=slug)
    response = render(
        request, "articles/article_detail.html", {"article": article, "preview": True, **page_context(article)}
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
