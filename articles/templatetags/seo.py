"""
Tags for the head of a page: its canonical address, its addresses in the other languages
(hreflang alternates), its share card and its structured data (schema.org JSON-LD) for search
engines and link previews.
"""

from django import template
from django.conf import settings
from django.urls import reverse

from .. import share_cards
from ..i18n import active_language
from ..jsonld import NewsArticleData, fact_claim, json_ld_script, web_page
from ..models import Article, Fact, Theme
from .languages import language_paths, query_in, with_query

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """
    Return the absolute canonical address of the page being rendered: its path, with the page
    number past the first page of a list. Return "" for a filtered view (query parameters other
    than `page`), which is kept out of search indexes instead.
    """
    request = context["request"]
    if set(request.GET) - {"page"}:
        return ""
    url = request.build_absolute_uri(request.path)
    page = context.get("page_obj")
    if page and page.number > 1:
        url = f"{url}?page={page.number}"
    return url


@register.simple_tag(takes_context=True)
def article_canonical_url(context, article):
    """
    Return the absolute canonical address of `article`'s page: the page itself where the
    article is the version readers of the page's language get (language_paths()), else the
    article under its own language's prefix. /es/articles/<an English slug>/ beside a Spanish
    version is the English text of /articles/<that slug>/, which no alternate leads to.
    """
    request = context["request"]
    versions = article.language_versions(context.get("translations") or [])
    path = request.path if versions[active_language()] == article else article.url_in_own_language
    return request.build_absolute_uri(path)


def alternate_query(context, language):
    """
    Return the query string the page keeps in `language`: its filters, as that language spells
    them (query_in()), or else, as its canonical address, its page number past the first.
    """
    request = context["request"]
    if set(request.GET) - {"page"}:
        return query_in(language, context)
    page = context.get("page_obj")
    return f"page={page.number}" if page and page.number > 1 else ""


@register.inclusion_tag("seo/alternates.html", takes_context=True)
def language_alternates(context, obj=None):
    """
    Return the page's address in each language of settings.LANGUAGES (language_paths()), and its
    English address (unprefixed) as x-default, for <link rel="alternate" hreflang> elements:
    every version of an article gives the same alternates, as search engines require.
    """
    request = context["request"]
    urls = {
        code: request.build_absolute_uri(with_query(path, alternate_query(context, code)))
        for code, path in language_paths(context, obj).items()
    }
    return {"alternates": [*urls.items(), ("x-default", urls[settings.LANGUAGE_CODE])]}


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    """
    Return a JSON-LD <script> element describing `article` as a schema.org NewsArticle, with the
    sections, intro facts, themes and other versions the article page's context holds.
    """
    data = NewsArticleData(
        article,
        context["request"].build_absolute_uri,
        sections=context["sections"],
        intro_facts=context["intro_facts"],
        themes=context["themes"],
        translations=context["translations"],
        picture=context["pictures"]["lead"],
    )
    return json_ld_script(data.build())


@register.simple_tag(takes_context=True)
def page_json_ld(context, kind, name):
    """
    Return a JSON-LD <script> element describing the page being rendered as a schema.org `kind`
    (CollectionPage, SearchResultsPage, WebSite) named `name`, in the page's language.
    """
    request = context["request"]
    url = canonical_url(context) or request.build_absolute_uri()
    home = request.build_absolute_uri(reverse("articles:home"))
    return json_ld_script(web_page(kind, str(name), url, active_language(), home))


@register.simple_tag(takes_context=True)
def fact_json_ld(context, fact):
    """Return a JSON-LD <script> element describing `fact` as a schema.org Claim, in the page's wording of it."""
    return json_ld_script(fact_claim(fact, context["request"].build_absolute_uri))


@register.simple_tag(takes_context=True)
def share_card(context, obj=None):
    """
    Return the absolute address and the description (alt) of the page's share card: that of
    `obj` (an article, a fact, a theme), else the site's. Reads nothing more than the page has.
    """
    if isinstance(obj, Article):
        path, alt = reverse("articles:article-card", args=[obj.slug]), share_cards.article_alt(obj, obj.credit)
    elif isinstance(obj, Fact):
        path, alt = reverse("articles:fact-card", args=[obj.pk]), share_cards.fact_alt(obj)
    elif isinstance(obj, Theme):
        path, alt = reverse("articles:theme-card", args=[obj.local_slug]), share_cards.theme_alt(obj)
    else:
        path, alt = reverse("articles:card"), share_cards.site_alt()
    return {"url": context["request"].build_absolute_uri(path), "alt": alt}
