"""Facts: figures, dates and commitments an article states, each traced to the words that support it."""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy
from taggit.managers import TaggableManager

from ..formatting import format_date, format_figure, iso_date
from ..i18n import reverse_in_language
from .article import Article
from .common import DatePrecision, PublishedQuerySet, Themed, paragraphs, truncate_date
from .pair import QAPair
from .people import Person


@reversion.register(follow=["tagged_items"])
class Fact(Themed, models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="facts")
    pair = models.ForeignKey(
        QAPair,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facts",
        verbose_name="Q&A pair",
        help_text="The pair whose answer states it; empty when it is stated in the article's intro.",
    )
    in_prompt = models.BooleanField(
        gettext_lazy("quoted from the prompt"),
        default=False,
        help_text=gettext_lazy(
            "The quote is the interviewer's words in the pair's prompt, not the answer: the fact is then "
            "attributed to the interviewer."
        ),
    )
    statement = models.CharField(max_length=300, help_text="The fact in one sentence, in your words.")
    quote = models.TextField(
        help_text="The source's exact words that support it, copied from the answer (or the intro)."
    )
    value = models.DecimalField(
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="A figure the fact states, e.g. 19800000000 for $19.8 billion.",
    )
    unit = models.CharField(
        max_length=40,
        blank=True,
        default="",
        help_text='What the value counts: "USD", "%", or a plural noun such as "jobs".',
    )
    date = models.DateField(null=True, blank=True, help_text="A date the fact states.")
    date_precision = models.CharField(
        max_length=10,
        choices=DatePrecision,
        blank=True,
        default="",
        help_text='How much of the date the source gives: "2023" is a year, "May 2024" a month.',
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facts",
        verbose_name="attributed to",
    )
    is_key_figure = models.BooleanField(
        "key figure", default=False, help_text="Show it among the key figures on the home page."
    )
    themes = TaggableManager(
        through="articles.TaggedFact",
        blank=True,
        verbose_name="themes",
        help_text="Comma-separated theme names (one to three).",
    )

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "pk"]
        verbose_name = "fact"
        verbose_name_plural = "facts"
        indexes = [models.Index(fields=["date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True, unit="") | Q(value__isnull=False) & ~Q(unit=""),
                name="fact_value_has_unit",
                violation_error_message="A value needs a unit, and a unit needs a value.",
            ),
            models.CheckConstraint(
                condition=Q(date__isnull=True, date_precision="") | Q(date__isnull=False) & ~Q(date_precision=""),
                name="fact_date_has_precision",
                violation_error_message="A date needs a precision, and a precision needs a date.",
            ),
        ]

    def __str__(self):
        return self.statement

    def get_absolute_url(self):
        anchor = self.pair.anchor if self.pair_id else "intro"
        return f"{self.article.get_absolute_url()}#{anchor}"

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
            errors["unit"] = "Give the unit of this value (for example USD, %, jobs)."
        if self.unit and self.value is None:
            errors["value"] = "Give the value this unit belongs to."
        if self.date and not self.date_precision:
            errors["date_precision"] = "Say how precise the date is: decade, year, month or day."
        elif self.date_precision and not self.date:
            errors["date"] = "Give the date this precision belongs to."
        elif self.date:
            self.date = truncate_date(self.date, self.date_precision)
        if "\n" in self.quote:
            errors["quote"] = "A quote comes from one paragraph: remove the line breaks."
        # An article being added with its facts has no id yet, but the inline attaches it.
        elif self.quote and (self.article_id or Fact.article.is_cached(self)):
            errors.update(self.quote_errors())
        if errors:
            raise ValidationError(errors)

    def quote_errors(self):
        # A pair added with its article's other rows has no id yet, but the admin attaches it.
        if self.pair is not None:
            if self.pair.article_id != self.article_id:
                return {"pair": "This Q&A pair belongs to another article."}
            if self.in_prompt and self.quote not in self.pair.prompt:
                return {"quote": gettext("These words do not appear verbatim in the prompt of the chosen Q&A pair.")}
            if not self.in_prompt and self.quote not in self.pair.answer:
                return {"quote": "These words do not appear verbatim in the answer of the chosen Q&A pair."}
        elif self.in_prompt:
            return {"in_prompt": gettext("Choose the Q&A pair whose prompt holds these words.")}
        elif self.quote not in self.article.intro:
            return {
                "quote": "These words do not appear verbatim in the article's intro. "
                "Choose the Q&A pair they come from."
            }
        return {}

    @property
    def figure_display(self):
        return format_figure(self.value, self.unit)

    @property
    def date_display(self):
        return format_date(self.date, self.date_precision)

    @property
    def date_iso(self):
        return iso_date(self.date, self.date_precision)
