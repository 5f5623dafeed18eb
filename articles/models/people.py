"""The people interviews quote and the sources articles come from."""

import reversion
from django.db import models
from django.db.models import Exists, OuterRef

from ..links import validate_web_address
from .common import Language


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


# People and sources have their own history: a change shows at once on every article that names them.
@reversion.register()
class Person(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    role = models.CharField(
        max_length=200,
        blank=True,
        default="",
        help_text='Position at the time of the interview, e.g. "Minister of the Interior and Security".',
    )
    country = models.CharField(max_length=100, blank=True, default="")

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self):
        return self.name


@reversion.register()
class Source(models.Model):
    name = models.CharField(max_length=200, unique=True)
    url = models.URLField("website", blank=True, default="", validators=[validate_web_address])
    language = models.CharField(max_length=10, choices=Language, default="es")

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "source"
        verbose_name_plural = "sources"

    def __str__(self):
        return self.name
