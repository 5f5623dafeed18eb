"""The people interviews quote and the sources articles come from."""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext, gettext_lazy

from ..links import validate_web_address
from .common import Language, Localized, name_key

# What an empty translated field means, by field.
FALLBACKS = {
    "name": gettext_lazy("Leave empty and readers of this language see the English name."),
    "role": gettext_lazy("Leave empty and readers of this language see the English role."),
    "country": gettext_lazy("Leave empty and readers of this language see the English country."),
}


def translated(field, verbose_name, max_length):
    """Return the field holding `field` ("name", "role" or "country") in another language."""
    return models.CharField(verbose_name, max_length=max_length, blank=True, default="", help_text=FALLBACKS[field])


class PersonQuerySet(models.QuerySet):
    def in_use(self):
        """
        Keep the people published content names: the interviewee or the interviewer of a
        published article, or the person a published fact is attributed to. Public pages and
        filters name no one else, so that an unannounced interview stays unannounced.
        """
        Article = self.model._meta.get_field("interviews").related_model
        Fact = self.model._meta.get_field("facts").related_model
        published = Article.objects.published()
        return self.filter(
            Exists(published.filter(interviewee=OuterRef("pk")))
            | Exists(published.filter(interviewer=OuterRef("pk")))
            | Exists(Fact.objects.published().filter(person=OuterRef("pk")))
        )


class SourceQuerySet(models.QuerySet):
    def in_use(self):
        """Keep the sources of published articles: public pages and filters name no other."""
        Article = self.model._meta.get_field("articles").related_model
        return self.filter(Exists(Article.objects.published().filter(source=OuterRef("pk"))))

    def named(self, name):
        """Return the source whose name is `name` but for case, accents, punctuation or spaces (name_key()), or None."""
        key = name_key(name)
        return next((source for source in self.only("pk", "name") if name_key(source.name) == key), None)


# People and sources have their own history: a change shows at once on every article that names them.
@reversion.register()
class Person(Localized, models.Model):
    """
    Someone interviewed or quoted. The name, role and country are English (or the name as the
    person writes it); each may be given as Spanish and Korean readers know it (이상민 for Sang
    Min Lee), and falls back to the English one while it is empty.
    """

    name = models.CharField(gettext_lazy("name"), max_length=200)
    slug = models.SlugField(gettext_lazy("slug"), max_length=200, unique=True, allow_unicode=True)
    role = models.CharField(
        gettext_lazy("role"),
        max_length=200,
        blank=True,
        default="",
        help_text=gettext_lazy('Position at the time of the interview, e.g. "Minister of the Interior and Security".'),
    )
    country = models.CharField(gettext_lazy("country"), max_length=100, blank=True, default="")
    name_es = translated("name", gettext_lazy("Spanish name"), 200)
    role_es = translated("role", gettext_lazy("Spanish role"), 200)
    country_es = translated("country", gettext_lazy("Spanish country"), 100)
    name_ko = translated("name", gettext_lazy("Korean name"), 200)
    role_ko = translated("role", gettext_lazy("Korean role"), 200)
    country_ko = translated("country", gettext_lazy("Korean country"), 100)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = gettext_lazy("person")
        verbose_name_plural = gettext_lazy("people")

    def __str__(self):
        return self.name

    @property
    def local_name(self):
        return self.localized("name")

    @property
    def local_role(self):
        return self.localized("role")

    @property
    def local_country(self):
        return self.localized("country")


@reversion.register()
class Source(models.Model):
    name = models.CharField(gettext_lazy("name"), max_length=200, unique=True)
    url = models.URLField(gettext_lazy("website"), blank=True, default="", validators=[validate_web_address])
    language = models.CharField(gettext_lazy("language"), max_length=10, choices=Language, default="es")

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = gettext_lazy("source")
        verbose_name_plural = gettext_lazy("sources")

    def __str__(self):
        return self.name

    def clean(self):
        """
        Refuse the twin of another source: a name differing from its only by case, accents,
        punctuation or spaces (the same name is refused as not unique).
        """
        twin = Source.objects.exclude(pk=self.pk).exclude(name=self.name).named(self.name)
        if twin is not None:
            raise ValidationError(
                {
                    "name": gettext(
                        "“%(name)s” looks like the existing source “%(source)s”: choose that source instead."
                    )
                    % {"name": self.name, "source": twin.name}
                }
            )
