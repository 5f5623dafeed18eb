"""
Themes: a curated taggit tag model with its names, slugs and descriptions in each language, the
redirects that keep old theme addresses working (the record of merges is in theme_merges.py).
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy
from taggit.models import NaturalKeyManager, TagBase

from ..i18n import TRANSLATED_LANGUAGES, active_language, reverse_in_language
from .common import Localized, name_key

# A theme's slugs, English first: a theme answers on each, under any language's prefix.
SLUG_FIELDS = ["slug", *(f"slug_{code}" for code in TRANSLATED_LANGUAGES)]


def any_slug_q(slugs):
    """Return a filter for the themes that have one of `slugs` in any language."""
    return Q.create([(f"{field}__in", slugs) for field in SLUG_FIELDS], connector=Q.OR)


# What themes tag; the tagged items of each are a theme's `tagged_<content>s` (see tagged_items.py).
THEMED = ("article", "pair", "fact")


def tagged_items(content, public):
    """
    Return the tagged items of `content` ("article", "pair" or "fact") that tag with the outer
    query's theme; with `public`, only those of published content.
    """
    rows = Theme._meta.get_field(f"tagged_{content}s").related_model.objects.filter(tag=OuterRef("pk"))
    return rows.published() if public else rows


def tagged_count(content, public):
    """Return the number of tagged items of `content` with the outer query's theme (see tagged_items())."""
    rows = tagged_items(content, public)
    return Coalesce(Subquery(rows.values("tag").annotate(n=Count("pk")).values("n")), 0)


# The fields naming a theme: its English name and its name in each other language.
NAME_FIELDS = ["name", *(f"name_{code}" for code in TRANSLATED_LANGUAGES)]


class ThemeQuerySet(models.QuerySet):
    def with_counts(self, public=True):
        """
        Annotate each theme with how many articles, Q&A pairs and facts carry it
        (`article_count`, `pair_count`, `fact_count`, `total`), one subquery per content type;
        with `public`, count only published content.
        """
        return self.annotate(
            article_count=tagged_count("article", public),
            pair_count=tagged_count("pair", public),
            fact_count=tagged_count("fact", public),
        ).annotate(total=models.F("article_count") + models.F("pair_count") + models.F("fact_count"))

    def with_fact_counts(self, public=True):
        """Annotate each theme with how many facts carry it (`fact_count`), only published ones with `public`."""
        return self.annotate(fact_count=tagged_count("fact", public))

    def in_use(self, public=True):
        """
        Keep the themes that carry at least one article, Q&A pair or fact, published with
        `public`: each test stops at the first such row, where counting reads them all.
        """
        exists = [Exists(tagged_items(content, public)) for content in THEMED]
        return self.filter(Q.create(exists, connector=Q.OR))

    def by_slug(self, slugs):
        """
        Map each of `slugs` to its theme: the theme with that slug in any language, else the
        theme a redirect left by a rename or a merge leads to; a slug that was never a theme's
        is left out.
        """
        slugs = set(slugs)
        if not slugs:
            return {}
        live = list(self.filter(any_slug_q(slugs)))
        found = {}
        # Validation keeps one theme's slug in one language from being another's in another;
        # should data break that rule, English slugs win.
        for field in SLUG_FIELDS:
            for theme in live:
                if getattr(theme, field) in slugs:
                    found.setdefault(getattr(theme, field), theme)
        missing = slugs - set(found)
        if missing:
            redirected = self.filter(redirects__old_slug__in=missing).annotate(old_slug=models.F("redirects__old_slug"))
            found.update((theme.old_slug, theme) for theme in redirected)
        return found

    def in_local_order(self, *first):
        """Order the themes by `first`, then by the name readers of the active language see."""
        language = active_language()
        if language in TRANSLATED_LANGUAGES:
            return self.order_by(*first, Coalesce(NullIf(f"name_{language}", Value("")), "name"), "pk")
        return self.order_by(*first, "name", "pk")

    def missing_translation(self, language=None):
        """
        Return the themes without a name in `language` (any of TRANSLATED_LANGUAGES when None),
        or without a description there while they have one in English.
        """
        languages = [language] if language else TRANSLATED_LANGUAGES
        return self.filter(
            Q.create(
                [
                    Q(**{f"name_{code}": ""}) | Q(**{f"description_{code}": ""}) & ~Q(description=gettext_lazy(""))
                    for code in languages
                ],
                connector=Q.OR,
            )
        )

    def lookalikes(self, names):
        """
        Map each of `names` that differs from a theme's name only by case, accents, punctuation
        or spacing to that theme, or that is its name in another language ("Energía" for
        "Energy": themes are tagged by their English names). A name equal to a theme's English
        name but for case maps to nothing: it is that theme.
        """
        return lookalikes_among(names, self.only(*NAME_FIELDS) if names else [])

    def tagging(self, names):
        """
        Return, for theme `names` typed to tag an item, the themes of those that are a theme's
        Spanish or Korean name but for case ("에너지" is Energy, by whose English name items are
        tagged), and the lookalikes of the others (lookalikes()), reading the themes once.
        """
        themes = list(self.only(*NAME_FIELDS)) if names else []
        local = {}
        for theme in themes:
            for code in TRANSLATED_LANGUAGES:
                local_name = getattr(theme, f"name_{code}").casefold()
                for name in names:
                    if local_name and name.casefold() == local_name and name.casefold() != theme.name.casefold():
                        local.setdefault(name, theme)
        return local, lookalikes_among([name for name in names if name not in local], themes)


def lookalikes_among(names, themes):
    """Map each of `names` that looks like a name of one of `themes` to that theme (ThemeQuerySet.lookalikes())."""
    keyed = [
        (name_key(getattr(theme, field)), theme) for theme in themes for field in NAME_FIELDS if getattr(theme, field)
    ]
    found = {}
    for name in names:
        wanted = name_key(name)
        twins = [theme for key, theme in keyed if key == wanted]
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


def translated_name(verbose_name):
    return models.CharField(
        verbose_name,
        max_length=100,
        blank=True,
        default="",
        help_text=gettext_lazy("Leave empty and readers of this language see the English name."),
    )


def translated_description(verbose_name):
    return models.TextField(
        verbose_name,
        blank=True,
        default="",
        help_text=gettext_lazy("Leave empty and readers of this language see the English description."),
    )


class Theme(Localized, TagBase):
    """
    A curated theme; attached to articles, Q&A pairs and facts through typed tables. Its name,
    slug and description are English; each of TRANSLATED_LANGUAGES has its own, which fall back
    to the English ones while they are empty.
    """

    # taggit's name and slug, labelled from Kormex's catalogs: taggit has no Korean.
    name = models.CharField(gettext_lazy("name"), unique=True, max_length=100)
    slug = models.SlugField(gettext_lazy("slug"), unique=True, max_length=100, allow_unicode=True)
    description = models.TextField(
        gettext_lazy("description"),
        blank=True,
        default="",
        help_text=gettext_lazy("One sentence telling readers what this theme covers."),
    )
    name_es = translated_name(gettext_lazy("Spanish name"))
    # Spanish addresses stay ASCII ("energia"), as Spanish-language sites write them.
    slug_es = models.SlugField(
        gettext_lazy("Spanish slug"),
        max_length=100,
        blank=True,
        default="",
        help_text=gettext_lazy(
            "The theme's address for Spanish readers after /es/themes/: letters without accents, digits "
            "and hyphens. Filled from the Spanish name when left empty."
        ),
    )
    description_es = translated_description(gettext_lazy("Spanish description"))
    name_ko = translated_name(gettext_lazy("Korean name"))
    # Korean addresses keep Hangul ("무역과-fta"): readable to Korean readers, unlike a romanisation.
    slug_ko = models.SlugField(
        gettext_lazy("Korean slug"),
        max_length=100,
        blank=True,
        default="",
        allow_unicode=True,
        help_text=gettext_lazy(
            "The theme's address for Korean readers after /ko/themes/: Hangul, letters, digits and "
            "hyphens. Filled from the Korean name when left empty."
        ),
    )
    description_ko = translated_description(gettext_lazy("Korean description"))

    # taggit's manager finds themes by name when fixtures and backups refer to them.
    objects = NaturalKeyManager.from_queryset(ThemeQuerySet)()

    class Meta:
        ordering = ["name"]
        verbose_name = gettext_lazy("theme")
        verbose_name_plural = gettext_lazy("themes")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="theme_name_case_insensitive_unique",
                violation_error_message=gettext_lazy("A theme with this name already exists (names ignore case)."),
            ),
            *(
                constraint
                for code in TRANSLATED_LANGUAGES
                for constraint in [
                    models.UniqueConstraint(
                        Lower(f"name_{code}"),
                        condition=~Q(**{f"name_{code}": ""}),
                        name=f"theme_name_{code}_case_insensitive_unique",
                        violation_error_message=gettext_lazy(
                            "Another theme has this name in this language (names ignore case)."
                        ),
                    ),
                    models.UniqueConstraint(
                        fields=[f"slug_{code}"],
                        condition=~Q(**{f"slug_{code}": ""}),
                        name=f"theme_slug_{code}_unique",
                        violation_error_message=gettext_lazy("Another theme has this slug in this language."),
                    ),
                ]
            ),
        ]

    def __str__(self):
        """The name in the active language: what the admin's messages, titles and choices show an editor."""
        return self.local_name

    def get_absolute_url(self):
        """Return the theme's page in the active language, at its slug in that language."""
        return reverse_in_language("articles:theme-detail", slug=self.local_slug)

    @property
    def local_name(self):
        return self.localized("name")

    @property
    def local_slug(self):
        return self.localized("slug")

    @property
    def local_description(self):
        return self.localized("description")

    @property
    def name_falls_back(self):
        """Whether the name shown in the active language is the English one (to mark it lang="en")."""
        return self.falls_back("name")

    @property
    def description_falls_back(self):
        return self.falls_back("description")

    def slugs(self):
        """Return the theme's slugs in every language, each once."""
        return {slug for slug in (getattr(self, field) for field in SLUG_FIELDS) if slug}

    def missing_translations(self):
        """
        Return the codes of TRANSLATED_LANGUAGES that lack the theme's name, or its description
        while it has one in English.
        """
        return [
            code
            for code in TRANSLATED_LANGUAGES
            if self.falls_back("name", code) or self.falls_back("description", code)
        ]

    def clean(self):
        errors = {}
        for code in TRANSLATED_LANGUAGES:
            name, slug = f"name_{code}", f"slug_{code}"
            if getattr(self, name) and not getattr(self, slug):
                allow_unicode = self._meta.get_field(slug).allow_unicode
                setattr(self, slug, slugify(getattr(self, name), allow_unicode=allow_unicode))
            elif getattr(self, slug) and not getattr(self, name):
                errors[slug] = gettext("Give the name this address belongs to, or leave both empty.")
        # Any language's slug selects the theme in filters: one slug must mean one theme.
        others = Theme.objects.exclude(pk=self.pk)
        for field in SLUG_FIELDS:
            value = getattr(self, field)
            if value and field not in errors and (other := others.filter(any_slug_q([value])).first()):
                errors[field] = gettext("The theme “%(theme)s” has this slug in one of its languages.") % {
                    "theme": other
                }
        if errors:
            raise ValidationError(errors)

    def slugify(self, tag, i=None):
        """
        Return taggit's slug for a new theme named `tag`, passing over the slugs other themes
        have in other languages, which would otherwise lead to them.
        """
        slug = super().slugify(tag, i)
        if Theme.objects.filter(any_slug_q([slug])).exclude(pk=self.pk).exists():
            return self.slugify(tag, (i or 0) + 1)
        return slug

    def save(self, *args, **kwargs):
        """
        Save the theme. A slug it no longer has, in any language, stays as a redirect to it; a
        redirect another theme left on one of its new slugs is dropped, as the live theme wins.
        """
        old = set()
        if not self._state.adding:
            row = Theme.objects.filter(pk=self.pk).values_list(*SLUG_FIELDS).first()
            old = {slug for slug in row or () if slug}
        with transaction.atomic():
            super().save(*args, **kwargs)
            new = self.slugs()
            if new != old:
                ThemeRedirect.objects.filter(old_slug__in=new - old).delete()
                for slug in sorted(old - new):
                    ThemeRedirect.objects.update_or_create(old_slug=slug, defaults={"theme": self})


class ThemeRedirect(models.Model):
    """An old theme address, left by a rename or a merge, that answers 301 to its theme."""

    old_slug = models.SlugField(
        gettext_lazy("old slug"),
        max_length=100,
        unique=True,
        allow_unicode=True,
        help_text=gettext_lazy("The slug of an address /themes/<slug>/ that should lead to the theme."),
    )
    theme = models.ForeignKey(
        Theme, verbose_name=gettext_lazy("theme"), on_delete=models.CASCADE, related_name="redirects"
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = gettext_lazy("theme redirect")
        verbose_name_plural = gettext_lazy("theme redirects")

    def __str__(self):
        return f"{self.old_slug} → {self.theme}"

    def clean(self):
        if Theme.objects.filter(any_slug_q([self.old_slug])).exists():
            raise ValidationError({"old_slug": gettext("A theme has this slug: its page would hide the redirect.")})
