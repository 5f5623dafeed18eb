"""What articles, Q&A pairs and facts share: languages, dates, the publication rule, themes on pages."""

import re
import unicodedata
from operator import attrgetter

from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy

from ..i18n import TRANSLATED_LANGUAGES, active_language


class Status(models.TextChoices):
    """The publication state an editor sets: a published article is public once its publication time has come."""

    DRAFT = "draft", gettext_lazy("Draft")
    PUBLISHED = "published", gettext_lazy("Published")


class State(models.TextChoices):
    """
    What an article is to readers now, from its status and publication time and, for a
    translation, its original's (Article.state).
    """

    DRAFT = "draft", gettext_lazy("Draft")
    SCHEDULED = "scheduled", gettext_lazy("Scheduled")
    PUBLISHED = "published", gettext_lazy("Published")
    # A published translation of an original that is a draft: readers see it once the original is published.
    WAITING = "waiting", gettext_lazy("Waiting for its original")


def published_q(prefix=""):
    """
    Return the one rule for "visible to the public": a published article whose publication
    time has come, and, for a translation, whose original is public too (a translation never
    appears before its original). `prefix` reaches the article from a related model
    ("article__").
    """
    now = timezone.now()
    rule = Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__lte": now})
    original = f"{prefix}translation_of__"
    return rule & (
        Q(**{f"{original}isnull": True})
        | Q(**{f"{original}status": Status.PUBLISHED, f"{original}published_at__lte": now})
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


class Localized:
    """
    Give a model with English fields and their translations in TRANSLATED_LANGUAGES (`name` and
    `name_es`, `name_ko`…) the value readers of a language see: theirs, else the English one.
    """

    def localized(self, field, language=None):
        """Return `field` in `language` (the active one by default), or the English value where there is none."""
        language = language or active_language()
        if language in TRANSLATED_LANGUAGES and (value := getattr(self, f"{field}_{language}")):
            return value
        return getattr(self, field)

    def falls_back(self, field, language=None):
        """Return whether readers of `language` (the active one) get the English `field` for lack of theirs."""
        language = language or active_language()
        return (
            language in TRANSLATED_LANGUAGES and not getattr(self, f"{field}_{language}") and bool(getattr(self, field))
        )


class Versioned:
    """Give an article or a Q&A pair the version of it a page shows in the page's language."""

    @cached_property
    def version(self):
        """
        The published translation in the page's language prefetched into `local_versions`
        (queries.article_versions(), queries.pair_versions()), else this one.
        """
        return next(iter(getattr(self, "local_versions", ())), self)


def paragraphs(text):
    """Split `text` into its paragraphs: blocks separated by blank lines."""
    return [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


class Language(models.TextChoices):
    ENGLISH = "en", gettext_lazy("English")
    SPANISH = "es", gettext_lazy("Spanish")
    KOREAN = "ko", gettext_lazy("Korean")


class DatePrecision(models.TextChoices):
    DECADE = "decade", gettext_lazy("Decade")
    YEAR = "year", gettext_lazy("Year")
    MONTH = "month", gettext_lazy("Month")
    DAY = "day", gettext_lazy("Day")


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


# What a quote typed by hand may write otherwise than its text: quotation marks and apostrophes,
# straight or curly, and spaces (no-break, doubled) within a line.
QUOTE_MARKS = '"“”„«»'
APOSTROPHES = "'‘’‚"
QUOTE_PIECE = re.compile(r"[^\S\n]+|.", re.DOTALL)


def as_written(quote, text):
    """
    Return the words of `text` that `quote` stands for: `quote` itself when the text holds it,
    else the text's own words where they differ from it only in quotation marks, apostrophes or
    spaces ("dreamers" typed for “dreamers”); None when the text does not hold them.
    """
    if quote in text:
        return quote
    pattern = []
    for piece in QUOTE_PIECE.findall(quote):
        if piece.isspace() and piece != "\n":
            pattern.append(r"[^\S\n]+")
        elif piece in QUOTE_MARKS:
            pattern.append(f"[{QUOTE_MARKS}]")
        elif piece in APOSTROPHES:
            pattern.append(f"[{APOSTROPHES}]")
        else:
            pattern.append(re.escape(piece))
    found = re.search("".join(pattern), text)
    return found.group() if found else None


def name_key(name):
    """
    Return `name` without accents, case, punctuation or spaces, to compare names of themes and
    sources: "Free-trade", "free trade" and "freetrade" are one.
    """
    letters = "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))
    letters = "".join(char for char in letters.casefold() if not unicodedata.category(char).startswith("P"))
    return "".join(letters.split())


def orphaned_quotes(facts, text, field):
    """Return an error for `field` if editing it to `text` would drop words that facts quote."""
    lost = [fact for fact in facts if fact.quote not in text]
    if not lost:
        return {}
    names = "; ".join(f"“{fact.quote}”" for fact in lost)
    return {
        field: gettext("Facts quote words this text no longer contains: %(quotes)s. Edit those facts first.")
        % {"quotes": names}
    }
