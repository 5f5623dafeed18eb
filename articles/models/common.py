"""What articles, Q&A pairs and facts share: languages, dates, the publication rule, themes on pages."""

from operator import attrgetter

from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy


class Status(models.TextChoices):
    """The publication state an editor sets: a published article is public once its publication time has come."""

    DRAFT = "draft", gettext_lazy("Draft")
    PUBLISHED = "published", gettext_lazy("Published")


def published_q(prefix=""):
    """
    Return the one rule for "visible to the public": a published article whose publication
    time has come. `prefix` reaches the article from a related model ("article__").
    """
    return Q(
        **{
            f"{prefix}status": Status.PUBLISHED,
            f"{prefix}published_at__lte": timezone.now(),
        }
    )


def prefetch_themes(lookup="themes"):
    """
    Return the prefetch of the themes of the objects `lookup` leads to, for their `theme_list`,
    in one query. Prefetched into `themes.all()` instead, taggit builds a queryset per object.
    """
    return Prefetch(lookup, to_attr="prefetched_themes")


class Themed:
    """Give an article, a Q&A pair or a fact the list of its themes that pages show."""

    @cached_property
    def theme_list(self):
        """The themes by name: those prefetch_themes() read, else read with one query."""
        themes = getattr(self, "prefetched_themes", None)
        return sorted(self.themes.all() if themes is None else themes, key=attrgetter("name"))


def paragraphs(text):
    """Split `text` into its paragraphs: blocks separated by blank lines."""
    return [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Spanish"
    KOREAN = "ko", "Korean"


class DatePrecision(models.TextChoices):
    DECADE = "decade", "Decade"
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


def truncate_date(value, precision):
    """Drop the parts of `value` finer than `precision` (a year is stored as 1 January)."""
    if precision == DatePrecision.DECADE:
        return value.replace(year=value.year - value.year % 10, month=1, day=1)
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


class PublishedQuerySet(models.QuerySet):
    """A queryset of content whose visibility follows its article's, reached by `article_path`."""

    article_path = "article__"

    def published(self):
        return self.filter(published_q(self.article_path))


def orphaned_quotes(facts, text, field):
    """Return an error for `field` if editing it to `text` would drop words that facts quote."""
    lost = [fact for fact in facts if fact.quote not in text]
    if not lost:
        return {}
    names = "; ".join(f"“{fact.quote}”" for fact in lost)
    return {field: f"Facts quote words this text no longer contains: {names}. Edit those facts first."}
