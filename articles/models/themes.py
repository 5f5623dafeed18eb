"""
Themes: a curated taggit tag model, one typed through-table per themed content model, the
redirects that keep old theme addresses working and the record of merges.
"""

import unicodedata

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
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

    def by_slug(self, slugs):
        """
        Map each of `slugs` to its theme, following the redirects that renames and merges
        leave; a slug that was never a theme's is left out.
        """
        found = {theme.slug: theme for theme in self.filter(slug__in=slugs)}
        missing = set(slugs) - set(found)
        if missing:
            redirected = self.filter(redirects__old_slug__in=missing).annotate(old_slug=models.F("redirects__old_slug"))
            found.update((theme.old_slug, theme) for theme in redirected)
        return found

    def lookalikes(self, names):
        """
        Map each of `names` that differs from a theme's name only by case, accents, punctuation
        or spacing to that theme. A name equal to a theme's but for case maps to nothing: it
        is that theme.
        """
        keyed = [(theme_key(theme.name), theme) for theme in self.only("name")] if names else []
        found = {}
        for name in names:
            name_key = theme_key(name)
            twins = [theme for key, theme in keyed if key == name_key]
            if twins and all(theme.name.casefold() != name.casefold() for theme in twins):
                found[name] = twins[0]
        return found


def parse_theme_names(text):
    """
    Split what an editor typed into theme names at commas only, so that Trade and the FTA is
    one theme (taggit's default splits at spaces when there is no comma). Quotes around a name,
    as taggit writes them, are dropped.
    """
    names = (name.strip().strip('"').strip() for name in text.split(","))
    return sorted({name for name in names if name})


def format_theme_names(themes):
    """Join theme names for editing, the inverse of parse_theme_names()."""
    return ", ".join(sorted(theme.name for theme in themes))


def theme_key(name):
    """Return `name` without accents, case, punctuation or repeated spaces, to compare names."""
    letters = "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))
    letters = "".join(char for char in letters.casefold() if not unicodedata.category(char).startswith("P"))
    return " ".join(letters.split())


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

    def save(self, *args, **kwargs):
        """
        Save the theme. When its slug changes, keep the old slug as a redirect to it; a
        redirect another theme left on its new slug is dropped, as the live theme wins.
        """
        old_slug = None
        if not self._state.adding:
            old_slug = Theme.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_slug != self.slug:
                ThemeRedirect.objects.filter(old_slug=self.slug).delete()
                if old_slug:
                    ThemeRedirect.objects.update_or_create(old_slug=old_slug, defaults={"theme": self})


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


@reversion.register()
class TaggedArticle(TaggedThemeBase):
    content_object = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tagged_items")
    tag = theme_link("article")

    class Meta:
        verbose_name = "article theme"
        verbose_name_plural = "article themes"
        constraints = [models.UniqueConstraint(fields=["tag", "content_object"], name="tagged_article_unique")]


@reversion.register()
class TaggedQAPair(TaggedThemeBase):
    content_object = models.ForeignKey(QAPair, on_delete=models.CASCADE, related_name="tagged_items")
    tag = theme_link("pair")

    class Meta:
        verbose_name = "Q&A pair theme"
        verbose_name_plural = "Q&A pair themes"
        constraints = [models.UniqueConstraint(fields=["tag", "content_object"], name="tagged_pair_unique")]


@reversion.register()
class TaggedFact(TaggedThemeBase):
    content_object = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="tagged_items")
    tag = theme_link("fact")

    class Meta:
        verbose_name = "fact theme"
        verbose_name_plural = "fact themes"
        constraints = [models.UniqueConstraint(fields=["tag", "content_object"], name="tagged_fact_unique")]


THROUGH_MODELS = [TaggedArticle, TaggedQAPair, TaggedFact]


class ThemeRedirect(models.Model):
    """An old theme address, left by a rename or a merge, that answers 301 to its theme."""

    old_slug = models.SlugField(
        max_length=100,
        unique=True,
        allow_unicode=True,
        help_text="The slug of an address /themes/<slug>/ that should lead to the theme.",
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = "theme redirect"
        verbose_name_plural = "theme redirects"

    def __str__(self):
        return f"{self.old_slug} → {self.theme}"

    def clean(self):
        if Theme.objects.filter(slug=self.old_slug).exists():
            raise ValidationError({"old_slug": "A theme has this slug: its page would hide the redirect."})


class ThemeMerge(models.Model):
    """The record of a theme merged into another; the merged theme itself is gone."""

    name = models.CharField("merged theme", max_length=100)
    slug = models.CharField("merged slug", max_length=100)
    kept = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        related_name="merges",
        verbose_name="merged into",
    )
    item_count = models.PositiveIntegerField(
        "items moved",
        help_text="Articles, Q&A pairs and facts that gained the kept theme (those that had both are not counted).",
    )
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-merged_at", "-pk"]
        verbose_name = "theme merge"
        verbose_name_plural = "theme merges"

    def __str__(self):
        return f"{self.name} → {self.kept or 'a deleted theme'}"


@transaction.atomic
def merge_themes(keep, others, user):
    """
    Merge the themes `others` into `keep`: tag everything they tag with `keep`, point their
    addresses (and the redirects to them) at `keep`, record each merge by `user` and delete
    them. Return the ThemeMerge records.
    """
    others = [theme for theme in others if theme.pk != keep.pk]
    merges = []
    for theme in others:
        moved = 0
        for through in THROUGH_MODELS:
            # An object tagged with both keeps its row for `keep`; the other is deleted with `theme`.
            already = through.objects.filter(tag=keep).values("content_object")
            moved += through.objects.filter(tag=theme).exclude(content_object__in=already).update(tag=keep)
        merges.append(ThemeMerge(name=theme.name, slug=theme.slug, kept=keep, merged_by=user, item_count=moved))
    slugs = [theme.slug for theme in others]
    ThemeRedirect.objects.filter(theme__in=others).update(theme=keep)
    ThemeRedirect.objects.filter(old_slug__in=slugs).delete()
    ThemeRedirect.objects.bulk_create(ThemeRedirect(old_slug=slug, theme=keep) for slug in slugs)
    Theme.objects.filter(pk__in=[theme.pk for theme in others]).delete()
    return ThemeMerge.objects.bulk_create(merges)
