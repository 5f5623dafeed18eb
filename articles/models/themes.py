"""Themes: a curated taggit tag model and one typed through-table per themed content model."""

from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from taggit.models import ItemBase, TagBase

from .content import Article, Fact, QAPair, published_q


class ThemeQuerySet(models.QuerySet):
    def with_counts(self, public=True):
        """
        Annotate each theme with how many articles, Q&A pairs and facts carry it
        (`article_count`, `pair_count`, `fact_count`, `total`), one subquery per content type;
        with `public`, count only published content.
        """

        def count(through, prefix):
            tagged = through.objects.filter(tag=OuterRef("pk"))
            if public:
                tagged = tagged.filter(published_q(prefix))
            return Coalesce(Subquery(tagged.values("tag").annotate(n=Count("pk")).values("n")), 0)

        return self.annotate(
            article_count=count(TaggedArticle, "content_object__"),
            pair_count=count(TaggedQAPair, "content_object__article__"),
            fact_count=count(TaggedFact, "content_object__article__"),
        ).annotate(total=models.F("article_count") + models.F("pair_count") + models.F("fact_count"))


class Theme(TagBase):
    """A curated theme; attached to articles, Q&A pairs and facts through typed tables."""

    description = models.TextField(
        blank=True,
        default="",
        help_text="One sentence telling readers what this theme covers.",
    )

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "theme"
        verbose_name_plural = "themes"
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="theme_name_case_insensitive_unique",
                violation_error_message="A theme with this name already exists (names ignore case).",
            ),
        ]

    def get_absolute_url(self):
        return reverse("articles:theme-detail", kwargs={"slug": self.slug})


def theme_link(model_name):
    """Return the ForeignKey from a typed through-table to Theme."""
    return models.ForeignKey(
        Theme,
        on_delete=models.CASCADE,
        related_name=f"tagged_{model_name}s",
        verbose_name="theme",
    )


class TaggedThemeBase(ItemBase):
    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.content_object} — {self.tag}"


class TaggedArticle(TaggedThemeBase):
    content_object = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tagged_items")
    tag = theme_link("article")

    class Meta:
        verbose_name = "article theme"
        verbose_name_plural = "article themes"
        constraints = [models.UniqueConstraint(fields=["tag", "content_object"], name="tagged_article_unique")]


class TaggedQAPair(TaggedThemeBase):
    content_object = models.ForeignKey(QAPair, on_delete=models.CASCADE, related_name="tagged_items")
    tag = theme_link("pair")

    class Meta:
        verbose_name = "Q&A pair theme"
        verbose_name_plural = "Q&A pair themes"
        constraints = [models.UniqueConstraint(fields=["tag", "content_object"], name="tagged_pair_unique")]


class TaggedFact(TaggedThemeBase):
    content_object = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="tagged_items")
    tag = theme_link("fact")

    class Meta:
        verbose_name = "fact theme"
        verbose_name_plural = "fact themes"
        constraints = [models.UniqueConstraint(fields=["tag", "content_object"], name="tagged_fact_unique")]
