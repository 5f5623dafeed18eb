"""
The embed pages of facts and articles, the one kind of Kormex page other sites may frame, and
the oEmbed answer that tells those sites how to embed a fact or an article page.
"""

from urllib.parse import unquote, urlsplit

from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import get_language_from_path, gettext, override
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from ..citations import article_citation, fact_citation
from ..embeds import EMBED_HEIGHT, EMBED_WIDTH, embed_html
from ..queries import article_in_language, published_fact

# Any site may frame an embed page (CSP frame-ancestors, and no X-Frame-Options); every other
# page keeps the site's "frame-ancestors 'none'" and X-Frame-Options: DENY.
FRAMED_ANYWHERE = {"frame-ancestors": ["*"]}


def framable(view):
    return require_safe(xframe_options_exempt(csp_replace(FRAMED_ANYWHERE)(view)))


@framable
def fact_embed(request, pk):
    """A published fact as a small card: its statement, figure or date, and its citation with a link to its page."""
    fact = published_fact(pk)
    url = request.build_absolute_uri(fact.get_permalink())
    context = {"fact": fact, "wording": fact.wording, "citation": fact_citation(fact, url)}
    return render(request, "articles/embed.html", context)


@framable
def article_embed(request, slug):
    """A published article, in its version in the page's language, as a small card with its citation."""
    article = article_in_language(slug)
    url = request.build_absolute_uri(article.get_absolute_url())
    return render(request, "articles/embed.html", {"article": article, "citation": article_citation(article, url)})


def size(value, default):
    """Return the smaller of `default` and a maxwidth or maxheight `value` (a positive integer, or absent)."""
    if value is None:
        return default
    if not value.isdigit() or int(value) == 0:
        raise ValueError(value)
    return min(default, int(value))


def embedded(request, parts):
    """
    Return the embed page's absolute address and title for the Kormex page at the absolute
    address split into `parts`, in that page's language; 404 for any address that is not a
    published fact's or article's page on this site.
    """
    if parts.netloc != request.get_host():
        raise Http404("Not a page of this site.")
    path = unquote(parts.path)
    with override(get_language_from_path(path) or settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            raise Http404("No such page.") from None
        if match.view_name == "articles:fact-detail":
            fact = published_fact(match.kwargs["pk"])
            return request.build_absolute_uri(reverse("articles:fact-embed", args=[fact.pk])), fact.wording.statement
        if match.view_name == "articles:article-detail":
            article = article_in_language(match.kwargs["slug"])
            return request.build_absolute_uri(reverse("articles:article-embed", args=[article.slug])), article.title
    raise Http404("Only fact and article pages can be embedded.")


def plain(message, status):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


@require_safe
def oembed(request):
    """
    The oEmbed answer (JSON, type rich) for a fact or article page given as `url`: its embed
    page's <iframe>, no larger than `maxwidth` and `maxheight`. 400 for a missing or malformed
    parameter; 501 for any format but json (oEmbed's answer to xml, which is not offered); 404
    for an address that is not a published fact's or article's page here.
    """
    fmt = request.GET.get("format", "json")
    try:
        parts = urlsplit(request.GET.get("url", ""))
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https"):
        return plain(gettext("Give the address of a Kormex page as url, starting with http:// or https://."), 400)
    if fmt != "json":
        return plain(gettext("Only the json format is offered."), 501)
    try:
        width = size(request.GET.get("maxwidth"), EMBED_WIDTH)
        height = size(request.GET.get("maxheight"), EMBED_HEIGHT)
    except ValueError:
        return plain(gettext("maxwidth and maxheight are whole numbers of pixels, greater than zero."), 400)
    src, title = embedded(request, parts)
    return JsonResponse(
        {
            "version": "1.0",
            "type": "rich",
            "title": title,
            "provider_name": settings.SITE_NAME,
            "provider_url": request.build_absolute_uri(reverse("articles:home")),
            "html": embed_html(src, title, width, height),
            "width": width,
            "height": height,
        },
        json_dumps_params={"ensure_ascii": False},
    )
