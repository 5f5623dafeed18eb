"""
Tags for the head of a page: its canonical address, its addresses in the other languages
(hreflang alternates) and its structured data (schema.org JSON-LD) for search engines and link
previews.
"""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url

from ..formatting import iso_date
from ..i18n import language_codes, url_in
from ..jsonld import json_ld_script
from ..links import web_url
from ..models import Article

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


def alternate_query(context):
    """
    Return the query string the page keeps in its other languages: its filters, or else, as
    its canonical address, its page number past the first.
    """
    request = context["request"]
    if set(request.GET) - {"page"}:
        return request.GET.urlencode()
    page = context.get("page_obj")
    return f"page={page.number}" if page and page.number > 1 else ""


@register.inclusion_tag("seo/alternates.html", takes_context=True)
def language_alternates(context, obj=None):
    """
    Return the page's address in each language of settings.LANGUAGES, and its English address
    (unprefixed) as x-default, for <link rel="alternate" hreflang> elements.

    Without `obj` the page is the same under each language's prefix. A theme (or any `obj`
    whose address depends on the language) is at its own address in each language. An article
    is, in each language, the published version written in it, else its original, among the
    article and the published `translations` in the context (see Article.language_versions()):
    every version's page gives the same alternates, as search engines require.
    """
    request = context["request"]
    if isinstance(obj, Article):
        versions = obj.language_versions(context.get("translations") or [])
        paths = {code: url_in(code, version) for code, version in versions.items()}
    elif obj is not None:
        paths = {code: url_in(code, obj) for code in language_codes()}
    else:
        paths = {code: translate_url(request.path_info, code) for code in language_codes()}
    query = alternate_query(context)
    urls = {code: request.build_absolute_uri(f"{path}?{query}" if query else path) for code, path in paths.items()}
    return {"alternates": [*urls.items(), ("x-default", urls[settings.LANGUAGE_CODE])]}


@register.simple_tag(takes_context=True)
def article_json_ld(context, article):
    """
    Return a JSON-LD <script> element describing `article` as a schema.org NewsArticle. The
    article needs its pairs, facts and themes prefetched, as the article page does.
    """
    return json_ld_script(NewsArticleData(article, context["request"].build_absolute_uri).build())


def compact(data):
    """Return `data` without its empty values."""
    return {key: value for key, value in data.items() if value}


def person(who):
    """Return `who` as a schema.org Person, or None."""
    if who is None:
        return None
    country = {"@type": "Country", "name": who.country} if who.country else None
    return compact({"@type": "Person", "name": who.name, "jobTitle": who.role, "nationality": country})


class NewsArticleData:
    """
    The schema.org description of an article: its Q&A pairs as Questions with their Answers,
    and its facts as Claims interpreted from the answer (or the intro) they are quoted from.
    """

    def __init__(self, article, absolute):
        self.article = article
        self.absolute = absolute
        self.url = absolute(article.get_absolute_url())
        self.interviewee = person(article.interviewee)
        self.publisher = {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": absolute(reverse("articles:home")),
        }
        self.original = self.original_work()

    def build(self):
        article = self.article
        return compact(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": article.title,
                "description": article.standfirst,
                "url": self.url,
                "mainEntityOfPage": self.url,
                "inLanguage": article.language,
                "datePublished": article.published_at.isoformat() if article.published_at else None,
                "dateModified": article.updated_at.isoformat(),
                "publisher": self.publisher,
                "contributor": self.interviewee,
                "isBasedOn": self.original,
                "about": self.themes(article),
                "hasPart": [self.question(pair) for pair in article.pairs.all()],
                "interpretedAsClaim": [self.claim(fact, f"{self.url}#intro") for fact in article.intro_facts],
            }
        )

    def original_work(self):
        """Return the source's publication of the article as a CreativeWork, or None."""
        article, source = self.article, self.article.source
        url = web_url(article.source_url)
        if not (source or url):
            return None
        publisher = None
        if source:
            publisher = compact({"@type": "Organization", "name": source.name, "url": web_url(source.url)})
        return compact(
            {
                "@type": "CreativeWork",
                "url": url,
                "publisher": publisher,
                "inLanguage": source.language if source else None,
                "datePublished": iso_date(article.original_date, article.original_date_precision),
            }
        )

    def themes(self, obj):
        return [
            {"@type": "Thing", "name": theme.local_name, "url": self.absolute(theme.get_absolute_url())}
            for theme in obj.theme_list
        ]

    def question(self, pair):
        url = f"{self.url}#{pair.anchor}"
        answer = {
            "@type": "Answer",
            "text": pair.answer,
            "url": url,
            "author": self.interviewee,
            "interpretedAsClaim": [self.claim(fact, url) for fact in pair.facts.all()],
        }
        return compact(
            {
                "@type": "Question",
                "text": pair.prompt,
                "url": url,
                "position": pair.position,
                "about": self.themes(pair),
                "acceptedAnswer": compact(answer),
            }
        )

    def claim(self, fact, quoted_at):
        """Return `fact` as a Claim that Kormex interpreted from the words quoted at `quoted_at`."""
        speaker = person(fact.person)
        quotation = {"@type": "Quotation", "text": fact.quote, "url": quoted_at, "spokenByCharacter": speaker}
        return compact(
            {
                "@type": "Claim",
                "text": fact.statement,
                "url": self.absolute(fact.get_permalink()),
                "author": speaker,
                "claimInterpreter": self.publisher,
                "appearance": compact(quotation),
                "firstAppearance": self.original,
                "temporalCoverage": fact.date_iso,
                "about": self.themes(fact),
            }
        )
