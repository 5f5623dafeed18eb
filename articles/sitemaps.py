"""The sitemap: the home page, the lists, and every published article, theme and fact page."""

from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Greatest
from django.urls import reverse

from .models import Article, Fact, TaggedArticle, TaggedFact, TaggedQAPair, Theme, published_q


class PageSitemap(Sitemap):
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


class ArticleSitemap(Sitemap):
    """Every published article, last changed at changed_at()."""

    def items(self):
        return Article.objects.published().only("slug", "published_at", "updated_at")

    def lastmod(self, article):
        return changed_at(article)


def latest_change(through, prefix):
    """
    Return a subquery of when the outer theme's page last changed through the content of
    `through`: the latest changed_at() of the published articles, reached by `prefix`, whose
    content carries the theme.
    """
    changed = Greatest(f"{prefix}published_at", f"{prefix}updated_at")
    tagged = through.objects.filter(published_q(prefix), tag=OuterRef("pk")).annotate(changed=changed)
    return Subquery(tagged.order_by("-changed").values("changed")[:1])


class ThemeSitemap(Sitemap):
    """Every theme page that shows published content, last changed when that content last did."""

    def items(self):
        return Theme.objects.annotate(
            article_change=latest_change(TaggedArticle, "content_object__"),
            pair_change=latest_change(TaggedQAPair, "content_object__article__"),
            fact_change=latest_change(TaggedFact, "content_object__article__"),
        ).filter(Q(article_change__isnull=False) | Q(pair_change__isnull=False) | Q(fact_change__isnull=False))

    def lastmod(self, theme):
        return max(change for change in [theme.article_change, theme.pair_change, theme.fact_change] if change)


class FactSitemap(Sitemap):
    """Every published fact's own page, last changed when its article last did."""

    def items(self):
        return Fact.objects.published().select_related("article").only("article__published_at", "article__updated_at")

    def location(self, fact):
        return fact.get_permalink()

    def lastmod(self, fact):
        return changed_at(fact.article)


SITEMAPS = {"pages": PageSitemap, "articles": ArticleSitemap, "themes": ThemeSitemap, "facts": FactSitemap}
