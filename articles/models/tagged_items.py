"""
Tagged items: the typed through-tables that attach themes to articles, Q&A pairs and facts,
one a content model (so that a filter by theme is a plain indexed join), and the queries over
them that counts and filters share.
"""

import reversion
from django.db import models
from django.utils.translation import gettext_lazy
from taggit.models import ItemBase

from .article import Article
from .common import PublishedQuerySet, published_q
from .fact import Fact
from .pair import QAPair
from .themes import Theme


def theme_field(model_name):
    """
    Return the ForeignKey from a typed through-table to Theme. It has no index of its own: the
    table's unique (theme, content) constraint is an index led by the theme, which serves every
    lookup by theme; a second one would only cost writes.
    """
    return models.ForeignKey(
        Theme,
        on_delete=models.CASCADE,
        related_name=f"tagged_{model_name}s",
        verbose_name=gettext_lazy("theme"),
        db_index=False,
    )


class TaggedItemQuerySet(PublishedQuerySet):
    def published(self):
        return self.filter(published_q(self.model.article_path))


class TaggedThemeBase(ItemBase):
    # The path from a tagged item to the article that decides its visibility (subclasses).
    article_path = None

    objects = TaggedItemQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.content_object} — {self.tag}"


@reversion.register()
class TaggedArticle(TaggedThemeBase):
    article_path = "content_object__"
    content_object = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tagged_items")
    tag = theme_field("article")

    class Meta:
        verbose_name = gettext_lazy("article theme")
        verbose_name_plural = gettext_lazy("article themes")
        constraints = [models.UniqueConstraint(fields=["tag", "content_object"], name="tagged_article_unique")]


@reversion.register()
class TaggedQAPair(TaggedThemeBase):
    article_path = "content_object__article__"
    content_object = models.ForeignKey(QAPair, on_delete=models.CASCADE, related_name="tagged_items")
    tag = theme_field("pair")

    class Meta:
        verbose_name = gettext_lazy("Q&A pair theme")
        verbose_name_plural = gettext_lazy("Q&A pair themes")
        constraints = [models.UniqueConstraint(fields=["tag", "content_object"], name="tagged_pair_unique")]


@reversion.register()
class TaggedFact(TaggedThemeBase):
    article_path = "content_object__article__"
    content_object = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="tagged_items")
    tag = theme_field("fact")

    class Meta:
        verbose_name = gettext_lazy("fact theme")
        verbose_name_plural = gettext_lazy("fact themes")
        constraints = [models.UniqueConstraint(fields=["tag", "content_object"], name="tagged_fact_unique")]


# Each themed content's tagged items.
TAGGED_ITEMS = {"article": TaggedArticle, "pair": TaggedQAPair, "fact": TaggedFact}


def tagged_ids(content, theme):
    """
    Return the IDs of the `content` ("article", "pair" or "fact") tagged with `theme`, as
    a subquery for `pk__in`. The databases then start from the theme's rows of the through-table,
    read by the index led by the theme, where a join makes SQLite start from every published
    row and look each one up (the rows each reads are in docs/performance.md).
    """
    return TAGGED_ITEMS[content].objects.filter(tag=theme).values("content_object_id")
