"""Facts: figures, dates and commitments an article states, each traced to the words that support it."""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from taggit.managers import TaggableManager

from ..formatting import format_date, format_figure, iso_date
from ..i18n import reverse_in_language
from .article import Article
from .common import DatePrecision, PublishedQuerySet, Themed, as_written, paragraphs, truncate_date
from .pair import QAPair
from .people import Person


@reversion.register(follow=["tagged_items"])
class Fact(Themed, models.Model):
    article = models.ForeignKey(
        Article, verbose_name=gettext_lazy("article"), on_delete=models.CASCADE, related_name="facts"
    )
    pair = models.ForeignKey(
        QAPair,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facts",
        verbose_name=gettext_lazy("Q&A pair"),
        help_text=gettext_lazy("The pair whose answer states it; empty when it is stated in the article's intro."),
    )
    in_prompt = models.BooleanField(
        gettext_lazy("quoted from the prompt"),
        default=False,
        help_text=gettext_lazy(
            "The quote is the interviewer's words in the pair's prompt, not the answer: the fact is then "
            "attributed to the interviewer."
        ),
    )
    statement = models.CharField(
        gettext_lazy("statement"), max_length=300, help_text=gettext_lazy("The fact in one sentence, in your words.")
    )
    quote = models.TextField(
        gettext_lazy("quote"),
        help_text=gettext_lazy("The source's exact words that support it, copied from the answer (or the intro)."),
    )
    value = models.DecimalField(
        gettext_lazy("value"),
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=gettext_lazy("A figure the fact states, e.g. 19800000000 for $19.8 billion."),
    )
    unit = models.CharField(
        gettext_lazy("unit"),
        max_length=40,
        blank=True,
        default="",
        help_text=gettext_lazy('What the value counts: "USD", "%", or a plural noun such as "jobs".'),
    )
    date = models.DateField(
        gettext_lazy("date"), null=True, blank=True, help_text=gettext_lazy("A date the fact states.")
    )
    date_precision = models.CharField(
        gettext_lazy("date precision"),
        max_length=10,
        choices=DatePrecision,
        blank=True,
        default="",
        help_text=gettext_lazy('How much of the date the source gives: "2023" is a year, "May 2024" a month.'),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facts",
        verbose_name=gettext_lazy("attributed to"),
    )
    is_key_figure = models.BooleanField(
        gettext_lazy("key figure"),
        default=False,
        help_text=gettext_lazy("Show it among the key figures on the home page."),
    )
    themes = TaggableManager(
        through="articles.TaggedFact",
        blank=True,
        verbose_name=gettext_lazy("themes"),
        help_text=gettext_lazy("Comma-separated theme names (one to three)."),
    )

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "pk"]
        verbose_name = gettext_lazy("fact")
        verbose_name_plural = gettext_lazy("facts")
        indexes = [models.Index(fields=["date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True, unit="") | Q(value__isnull=False) & ~Q(unit=""),
                name="fact_value_has_unit",
                violation_error_message=gettext_lazy("A value needs a unit, and a unit needs a value."),
            ),
            models.CheckConstraint(
                condition=Q(date__isnull=True, date_precision="") | Q(date__isnull=False) & ~Q(date_precision=""),
                name="fact_date_has_precision",
                violation_error_message=gettext_lazy("A date needs a precision, and a precision needs a date."),
            ),
        ]

    def __str__(self):
        return self.statement

    def get_absolute_url(self):
        anchor = self.pair.anchor if self.pair_id else "intro"
        return f"{self.article.get_absolute_url()}#{anchor}"

    @property
    def url_in_own_language(self):
        """Return the words it quotes under the prefix of its article's language."""
        anchor = self.pair.anchor if self.pair_id else "intro"
        return f"{self.article.url_in_own_language}#{anchor}"

    def get_permalink(self):
        """Return the fact's own page; get_absolute_url() leads to the words it comes from."""
        return reverse_in_language("articles:fact-detail", pk=self.pk)

    @property
    def credit(self):
        """
        Return the citation credit of the quote: the person it is attributed to, else the
        interviewee for an answer; intro words are the source's own.
        """
        return self.article.credit_for(self.person or self.speaker)

    @property
    def speaker(self):
        """
        Return who says the quoted words: the interviewer for a prompt, the interviewee for an
        answer, None for the intro (the source's own words).
        """
        if not self.pair_id:
            return None
        return self.article.interviewer if self.in_prompt else self.article.interviewee

    @property
    def quoted_text(self):
        """Return the text the quote comes from: the pair's prompt or answer, or the article's intro."""
        if not self.pair_id:
            return self.article.intro
        return self.pair.prompt if self.in_prompt else self.pair.answer

    @property
    def quote_paragraph(self):
        """Return the paragraph of the prompt, the answer or the intro that contains the quote."""
        return next((block for block in paragraphs(self.quoted_text) if self.quote in block), self.quote)

    def clean(self):
        errors = {}
        if self.value is not None and not self.unit:
            errors["unit"] = gettext("Give the unit of this value (for example USD, %, jobs).")
        if self.unit and self.value is None:
            errors["value"] = gettext("Give the value this unit belongs to.")
        if self.date and not self.date_precision:
            errors["date_precision"] = gettext("Say how precise the date is: decade, year, month or day.")
        elif self.date_precision and not self.date:
            errors["date"] = gettext("Give the date this precision belongs to.")
        elif self.date:
            self.date = truncate_date(self.date, self.date_precision)
        if self.article_id and self.article.translation_of_id:
            errors["article"] = gettext(
                "Facts belong to the original article; give this fact's wording in the translation instead."
            )
        elif "\n" in self.quote:
            errors["quote"] = gettext("A quote comes from one paragraph: remove the line breaks.")
        # An article being added with its facts has no id yet, but the inline attaches it.
        elif self.quote and (self.article_id or Fact.article.is_cached(self)):
            errors.update(self.quote_errors())
        if errors:
            raise ValidationError(errors)

    def quote_errors(self):
        # A pair added with its article's other rows has no id yet, but the admin attaches it.
        if self.pair is not None:
            if self.pair.article_id != self.article_id:
                return {"pair": gettext("This Q&A pair belongs to another article.")}
            if self.in_prompt:
                return self.take_quote(
                    self.pair.prompt,
                    gettext("These words do not appear verbatim in the prompt of the chosen Q&A pair."),
                )
            return self.take_quote(
                self.pair.answer, gettext("These words do not appear verbatim in the answer of the chosen Q&A pair.")
            )
        if self.in_prompt:
            return {"in_prompt": gettext("Choose the Q&A pair whose prompt holds these words.")}
        return self.take_quote(
            self.article.intro,
            gettext("These words do not appear verbatim in the article's intro. Choose the Q&A pair they come from."),
        )

    def take_quote(self, text, refusal):
        """Take the quote as `text` writes it (as_written()); return {"quote": `refusal`} if it does not hold it."""
        found = as_written(self.quote, text)
        if found is None:
            return {"quote": refusal}
        self.quote = found
        return {}

    @property
    def language(self):
        return self.article.language

    @cached_property
    def wording(self):
        """
        The wording a page shows: the one in the page's language prefetched into
        `local_wordings` (queries.published_wordings()), else the fact's own. Both have a
        statement, a quote, a language, an article and an address.
        """
        return next(iter(getattr(self, "local_wordings", ())), self)

    @property
    def figure_display(self):
        return format_figure(self.value, self.unit)

    @property
    def date_display(self):
        return format_date(self.date, self.date_precision)

    @property
    def date_iso(self):
        return iso_date(self.date, self.date_precision)


@reversion.register()
class FactWording(models.Model):
    """
    A fact's wording in a translation of its article: the statement, and the quote found
    verbatim in the translation's version of the fact's pair (its answer, or its prompt), or in
    the translation's intro. The fact's own statement and quote are its wording in its article's
    language; everything else about it (figure, date, person, themes) is one, whatever the
    language.
    """

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="wordings",
        verbose_name=gettext_lazy("translation"),
        help_text=gettext_lazy("The translation this wording belongs to; its language is the wording's."),
    )
    fact = models.ForeignKey(Fact, verbose_name=gettext_lazy("fact"), on_delete=models.CASCADE, related_name="wordings")
    statement = models.CharField(gettext_lazy("statement"), max_length=300)
    quote = models.TextField(gettext_lazy("quote"))

    class Meta:
        ordering = ["fact_id", "article_id"]
        verbose_name = gettext_lazy("fact wording")
        verbose_name_plural = gettext_lazy("fact wordings")
        constraints = [
            models.UniqueConstraint(
                fields=["fact", "article"],
                name="fact_wording_once_per_translation",
                violation_error_message=gettext_lazy("This fact already has a wording in this translation."),
            )
        ]

    def __str__(self):
        return self.statement

    def get_absolute_url(self):
        """Return the words it quotes, in its translation."""
        anchor = self.fact.pair.anchor if self.fact.pair_id else "intro"
        return f"{self.article.get_absolute_url()}#{anchor}"

    @property
    def url_in_own_language(self):
        """Return the words it quotes in its translation, under the prefix of the translation's language."""
        anchor = self.fact.pair.anchor if self.fact.pair_id else "intro"
        return f"{self.article.url_in_own_language}#{anchor}"

    @property
    def language(self):
        return self.article.language

    @property
    def in_prompt(self):
        return self.fact.in_prompt

    @cached_property
    def shown_pair(self):
        """The translation's version of the fact's pair that pages show, or None (see quoted_pair())."""
        return self.quoted_pair()

    @property
    def quoted_text(self):
        """Return the text the quote comes from: the translated pair's prompt or answer, or the intro."""
        if self.shown_pair is None:
            return self.article.intro
        return self.shown_pair.prompt if self.fact.in_prompt else self.shown_pair.answer

    @property
    def quote_paragraph(self):
        """Return the paragraph of the translation's prompt, answer or intro that holds the quote."""
        return next((block for block in paragraphs(self.quoted_text) if self.quote in block), self.quote)

    def quoted_pair(self):
        """Return the translation's version of the fact's pair, or None (for the intro, or when it has none)."""
        if not self.fact.pair_id:
            return None
        return self.article.pairs.filter(original=self.fact.pair_id).first()

    def clean(self):
        if self.article.translation_of_id != self.fact.article_id:
            raise ValidationError({"article": gettext("This article is not a translation of the fact's article.")})
        if "\n" in self.quote:
            raise ValidationError({"quote": gettext("A quote comes from one paragraph: remove the line breaks.")})
        if not self.fact.pair_id:
            text, refusal = (
                self.article.intro,
                gettext("These words do not appear verbatim in the translation's intro."),
            )
        elif (pair := self.quoted_pair()) is None:
            raise ValidationError({"quote": gettext("The translation has no version of this fact's Q&A pair yet.")})
        elif self.fact.in_prompt:
            text = pair.prompt
            refusal = gettext("These words do not appear verbatim in the translated prompt of the Q&A pair.")
        else:
            text = pair.answer
            refusal = gettext("These words do not appear verbatim in the translated answer of the Q&A pair.")
        found = as_written(self.quote, text)
        if found is None:
            raise ValidationError({"quote": refusal})
        self.quote = found
