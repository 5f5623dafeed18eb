"""
The sitemap: the home page, the lists, and every published article, theme and fact page. Pages,
themes and articles are listed in each language, each address with its alternates in the
others (hreflang) and the English, unprefixed one as x-default. /sitemap.xml is an index of one
sitemap a section, each in pages of at most LIMIT addresses, so that no request builds the list
of everything (32,000 facts at 2,000 articles) and crawlers find every page.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Q, Subquery
from django.db.models.functions import Greatest
from django.urls import reverse

from .i18n import active_language
from .models import Article, Fact, TaggedArticle, TaggedFact, TaggedQAPair, Theme, published_q

LIMIT = 1000


class MultilingualSitemap(Sitemap):
    """Each item under each language's prefix, with the others as its alternates."""

    limit = LIMIT
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(MultilingualSitemap):
    """The home page, the lists and the data page, which change with every publication."""

    def items(self):
        return [
            "articles:home",
            "articles:article-list",
            "articles:theme-list",
            "articles:fact-list",
            "articles:timeline",
            "articles:data",
        ]

    def location(self, name):
        return reverse(name)


def changed_at(article):
    """
    Return when readers last saw `article` change: its last edit, or its publication when that
    came later, as it does for a scheduled article.
    """
    return max(article.updated_at, article.published_at)


class ArticleGroup:
    """An original and its published translations: in each language, the version readers get."""

    def __init__(self, articles):
        self.versions = articles[0].language_versions(articles[1:])

    def version(self):
        return self.versions[active_language()]


class ArticleSitemap(MultilingualSitemap):
    """
    Every published article in each language, as Article.language_versions() maps its group:
    a language's address shows the version written in it, else the original. The versions'
    addresses are alternates of each other; each carries its version's changed_at().
    """

    def items(self):
        articles = Article.objects.published().only("slug", "language", "translation_of", "published_at", "updated_at")
        groups = {}
        for article in articles.order_by("-published_at", "-pk"):
            groups.setdefault(article.translation_of_id or article.pk, []).append(article)
        return [ArticleGroup(group) for group in groups.values()]

    def location(self, group):
        return group.version().get_absolute_url()

    def lastmod(self, group):
        return changed_at(group.version())


def latest_change(through, prefix):
    """
    Return a subquery of when the outer theme's page last changed through the content of
    `through`: the latest changed_at() of the published articles, reached by `prefix`, whose
    content carries the theme.
    """
    changed = Greatest(f"{prefix}published_at", f"{prefix}updated_at")
    tagged = through.objects.filter(published_q(prefix), tag=OuterRef("pk")).annotate(changed=changed)
    return Subquery(tagged.order_by("-changed").values("changed")[:1])


class ThemeSitemap(MultilingualSitemap):
    """
    Every theme page that shows published content, last changed when that content last did,
    at the theme's slug in each language.
    """

    def items(self):
        return Theme.objects.annotate(
            article_change=latest_change(TaggedArticle, "content_object__"),
            pair_change=latest_change(TaggedQAPair, "content_object__article__"),
            fact_change=latest_change(TaggedFact, "content_object__article__"),
        ).filter(Q(article_change__isnull=False) | Q(pair_change__isnull=False) | Q(fact_change__isnull=False))

    def lastmod(self, theme):
        return max(change for change in [theme.article_change, theme.pair_change, theme.fact_change] if change)


class FactSitemap(MultilingualSitemap):
    """Every published fact's own page in each language, last changed when its article last did."""

    def items(self):
        return Fact.objects.published().select_related("article").only("article__published_at", "article__updated_at")

    def get_latest_lastmod(self):
        """The index's date for the facts, counted in the database: Django's default reads every fact."""
        changed = Greatest("article__published_at", "article__updated_at")
        return self.items().aggregate(latest=Max(changed))["latest"]

    def location(self, fact):
        return fact.get_permalink()

    def lastmod(self, fact):
        return changed_at(fact.article)


SITEMAPS = {"pages": PageSitemap, "articles": ArticleSitemap, "themes": ThemeSitemap, "facts": FactSitemap}
