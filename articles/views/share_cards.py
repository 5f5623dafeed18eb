"""The share cards: the og:image of every public page, a PNG drawn in the page's language (share_cards/)."""

from hashlib import sha256

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .. import share_cards
from ..models import Article, Fact, Theme
from ..queries import published_wordings


def card_response(png):
    """
    Answer with `png`, with an ETag (ConditionalGetMiddleware, or the page cache, answers a
    request that has it with a 304) and the page cache's Cache-Control: clients revalidate.
    """
    response = HttpResponse(png, content_type="image/png")
    response["ETag"] = f'"{sha256(png).hexdigest()[:32]}"'
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return response


@require_safe
def site_card(request):
    """The card of the home page and the list pages."""
    return card_response(share_cards.card_png("site", "", lambda: share_cards.draw_card(share_cards.site_card())))


@require_safe
def article_card(request, slug):
    """
    A published article's card: the title its page shows (the page's og:title), whatever the
    page's language, with the card's own words in that language; 404 otherwise.
    """

    def render():
        versions = Article.objects.published().select_related(
            "interviewee", "source", "lead_picture", "translation_of__lead_picture"
        )
        article = get_object_or_404(versions, slug=slug)
        # A translation shows its original's lead image.
        picture = getattr(article.translation_of or article, "lead_picture", None)
        return share_cards.draw_card(share_cards.article_card(article), picture.largest_jpeg() if picture else None)

    return card_response(share_cards.card_png("article", slug, render))


@require_safe
def fact_card(request, pk):
    """A published fact's card, in its wording in the page's language when it has one; 404 otherwise."""

    def render():
        people = ("article__interviewee", "article__interviewer", "person")
        facts = Fact.objects.published().select_related("article__source", "pair", *people)
        fact = get_object_or_404(facts.prefetch_related(published_wordings()), pk=pk)
        return share_cards.draw_card(share_cards.fact_card(fact))

    return card_response(share_cards.card_png("fact", pk, render))


@require_safe
def theme_card(request, slug):
    """The card of a theme published content uses, with its counts; 404 for any other."""

    def render():
        theme = Theme.objects.in_use().with_counts().by_slug([slug]).get(slug)
        if theme is None:
            raise Http404("No such theme.")
        return share_cards.draw_card(share_cards.theme_card(theme))

    return card_response(share_cards.card_png("theme", slug, render))
