"""Articles, their Q&A pairs and facts, the people they quote and the sources they come from."""

from operator import attrgetter

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext, gettext_lazy
from taggit.managers import TaggableManager

from ..formatting import format_date, format_figure, iso_date
from ..i18n import language_codes, language_name, reverse_in_language, url_in
from ..links import validate_web_address


def published_q(prefix=""):
    """
    Return the one rule for "visible to the public": a published article whose publication
    time has come. `prefix` reaches the article from a related model ("article__").
    """
    return Q(
        **{
            f"{prefix}status": Article.Status.PUBLISHED,
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


class PersonQuerySet(models.QuerySet):
    def in_use(self):
        """
        Keep the people published content names: the interviewee or the interviewer of a
        published article, or the person a published fact is attributed to. Public pages and
        filters name no one else, so that an unannounced interview stays unannounced.
        """
        published = Article.objects.published()
        return self.filter(
            Exists(published.filter(interviewee=OuterRef("pk")))
            | Exists(published.filter(interviewer=OuterRef("pk")))
            | Exists(Fact.objects.published().filter(person=OuterRef("pk")))
        )


class SourceQuerySet(models.QuerySet):
    def in_use(self):
        """Keep the sources of published articles: public pages and filters name no other."""
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


class PublishedQuerySet(models.QuerySet):
    """A queryset of content whose visibility follows its article's, reached by `article_path`."""

    article_path = "article__"

    def published(self):
        return self.filter(published_q(self.article_path))


class ArticleQuerySet(PublishedQuerySet):
    article_path = ""

    def scheduled(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())


# An article's version holds its pairs, facts and theme links, so restoring it brings the whole
# interview back as it was.
@reversion.register(follow=["pairs", "facts", "tagged_items"])
class Article(Themed, models.Model):
    class Kind(models.TextChoices):
        INTERVIEW = "interview", gettext_lazy("Interview")
        NEWS = "news", gettext_lazy("News")
        OPINION = "opinion", gettext_lazy("Opinion")

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    kind = models.CharField(max_length=20, choices=Kind, default=Kind.INTERVIEW)
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True, help_text="The article's address on the site.")
    standfirst = models.TextField(
        blank=True, default="", help_text="One or two sentences shown under the title and in lists."
    )
    intro = models.TextField(blank=True, default="", help_text="Introductory paragraphs, separated by a blank line.")
    interviewee = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="interviews")
    interviewer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conducted_interviews",
        help_text=gettext_lazy(
            "The journalist who asked the questions: facts quoted from the prompts are attributed to them."
        ),
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="articles")
    source_url = models.URLField(
        "source URL",
        blank=True,
        default="",
        validators=[validate_web_address],
        help_text="The original article, if it is online.",
    )
    original_date = models.DateField(
        "original publication date", null=True, blank=True, help_text="When the source published it."
    )
    original_date_precision = models.CharField(max_length=10, choices=DatePrecision, blank=True, default="")
    language = models.CharField(
        max_length=10, choices=Language, default="en", help_text=gettext_lazy("The language the article is written in.")
    )
    # One original and its translations, each linked to the original: a star rather than a
    # symmetric relation, so that a group is found with one query and has a natural default
    # version (the original) for languages none of its versions is written in.
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        limit_choices_to={"translation_of": None},
        verbose_name=gettext_lazy("translation of"),
        help_text=gettext_lazy(
            "The original article this one translates; empty for an original. Link every translation "
            "to the original, never to another translation."
        ),
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        help_text="When readers can see it; a future time schedules it. Empty means now, once published.",
    )
    themes = TaggableManager(
        through="articles.TaggedArticle",
        blank=True,
        verbose_name="themes",
        help_text="Comma-separated theme names.",
    )
    import_digest = models.CharField(
        max_length=64,
        blank=True,
        default="",
        editable=False,
        help_text="Fingerprint of the text this article was imported from, to refuse importing it twice.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "article"
        verbose_name_plural = "articles"
        permissions = [("publish_article", "Can publish, schedule, unpublish and delete published articles")]
        indexes = [models.Index(fields=["status", "published_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["import_digest"],
                condition=~Q(import_digest=""),
                name="article_imported_once",
                violation_error_message="This text was already imported.",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message="A published article needs a publication time.",
            ),
            models.CheckConstraint(
                condition=Q(original_date__isnull=True, original_date_precision="")
                | Q(original_date__isnull=False) & ~Q(original_date_precision=""),
                name="article_original_date_has_precision",
                violation_error_message="An original date needs a precision, and a precision needs a date.",
            ),
            models.CheckConstraint(
                condition=~Q(translation_of=F("pk")),
                name="article_not_its_own_translation",
                violation_error_message=gettext_lazy("An article cannot be a translation of itself."),
            ),
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                name="article_one_translation_per_language",
                violation_error_message=gettext_lazy("The original already has a translation in this language."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse_in_language("articles:article-detail", slug=self.slug)

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.kind == self.Kind.INTERVIEW and self.interviewee_id is None:
            errors["interviewee"] = "An interview needs an interviewee."
        if self.original_date and not self.original_date_precision:
            errors["original_date_precision"] = "Say how precise the original date is."
        elif self.original_date_precision and not self.original_date:
            errors["original_date"] = "Give the date this precision belongs to."
        elif self.original_date:
            self.original_date = truncate_date(self.original_date, self.original_date_precision)
        if self.pk and "intro" not in errors:
            errors.update(orphaned_quotes(self.facts.filter(pair=None), self.intro, "intro"))
        errors.update(self.translation_errors())
        if errors:
            raise ValidationError(errors)

    def translation_errors(self):
        """Return what is wrong with the link to the original this article translates, if anything."""
        original = self.translation_of
        if original is None:
            return {}
        if original.pk == self.pk:
            return {"translation_of": gettext("An article cannot be a translation of itself.")}
        if original.translation_of_id is not None:
            return {
                "translation_of": gettext("“%(original)s” is itself a translation: link to its original, “%(root)s”.")
                % {"original": original, "root": original.translation_of}
            }
        if self.pk and self.translations.exists():
            return {
                "translation_of": gettext(
                    "This article is the original of other translations, so it cannot be a translation itself."
                )
            }
        if original.language == self.language:
            return {
                "language": gettext("A translation is written in another language than its original (%(language)s).")
                % {"language": original.get_language_display()}
            }
        return {}

    def language_versions(self, translations):
        """
        Map each language of settings.LANGUAGES to the version of this article its readers get,
        among this article and `translations`, its other published versions: the one written in
        that language, else the original (the earliest version when the original is not among
        them). Every version of a group maps the same way.
        """
        versions = sorted(
            [self, *translations], key=lambda version: (version.translation_of_id is not None, version.pk)
        )
        written = {}
        for version in versions:
            written.setdefault(version.language, version)
        return {code: written.get(code, versions[0]) for code in language_codes()}

    @property
    def url_in_own_language(self):
        """Return the article's page under the prefix of the language it is written in."""
        return url_in(self.language, self)

    @property
    def language_name(self):
        """Return the name of the article's language in that language ("Español")."""
        return language_name(self.language)

    def translation_group_q(self):
        """Return a filter for this article's group: its original and every translation of that original."""
        original = self.translation_of_id or self.pk
        return Q(pk=original) | Q(translation_of=original)

    @property
    def state(self):
        """Return "draft", "scheduled" (published, time still to come) or "published"."""
        if self.status == self.Status.DRAFT:
            return "draft"
        return "scheduled" if self.published_at > timezone.now() else "published"

    @property
    def is_public(self):
        return self.state == "published"

    @property
    def intro_paragraphs(self):
        return paragraphs(self.intro)

    @property
    def original_date_display(self):
        return format_date(self.original_date, self.original_date_precision)

    def credit_for(self, person):
        """
        Return who said it, where and when, as a citation opens: "Sang Min Lee, interview in
        El Economista, October 2024", in the active language. `person` may be None (words of the
        source itself).
        """
        kind = self.get_kind_display().lower()
        # Translators: a citation's "interview in El Economista"; Korean puts the source first.
        where = gettext("%(kind)s in %(source)s") % {"kind": kind, "source": self.source.name} if self.source else kind
        parts = [person.name if person else "", where, self.original_date_display]
        return capfirst(", ".join(part for part in parts if part))

    @property
    def credit(self):
        """Return the citation credit of the interviewee's words (a Q&A pair's answer)."""
        return self.credit_for(self.interviewee)


def orphaned_quotes(facts, text, field):
    """Return an error for `field` if editing it to `text` would drop words that facts quote."""
    lost = [fact for fact in facts if fact.quote not in text]
    if not lost:
        return {}
    names = "; ".join(f"“{fact.quote}”" for fact in lost)
    return {field: f"Facts quote words this text no longer contains: {names}. Edit those facts first."}


@reversion.register(follow=["tagged_items"])
class QAPair(Themed, models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pairs")
    position = models.PositiveSmallIntegerField(help_text="Order within the article, from 1.")
    anchor = models.SlugField(
        max_length=80,
        blank=True,
        help_text=(
            "Stable link target on the article page (#anchor). Filled from the prompt when empty; "
            "keep it once published, as citations link to it."
        ),
    )
    prompt = models.TextField(help_text="Usually a question; interviews also use statements that introduce a topic.")
    answer = models.TextField(help_text="Paragraphs separated by a blank line.")
    themes = TaggableManager(
        through="articles.TaggedQAPair",
        blank=True,
        verbose_name="themes",
        help_text="Comma-separated theme names.",
    )

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "position"]
        verbose_name = "Q&A pair"
        verbose_name_plural = "Q&A pairs"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"],
                name="qapair_unique_position",
                violation_error_message="Another Q&A pair of this article has this position.",
            ),
            models.UniqueConstraint(
                fields=["article", "anchor"],
                name="qapair_unique_anchor",
                violation_error_message="Another Q&A pair of this article has this anchor.",
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1),
                name="qapair_position_from_one",
                violation_error_message="Positions start at 1.",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.prompt[:80]}"

    def save(self, *args, **kwargs):
        if not self.anchor:
            self.anchor = self.default_anchor()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    def clean(self):
        if not self.anchor and self.prompt:
            self.anchor = self.default_anchor()
        if self.pk:
            errors = {
                **orphaned_quotes(self.facts.filter(in_prompt=False), self.answer, "answer"),
                **orphaned_quotes(self.facts.filter(in_prompt=True), self.prompt, "prompt"),
            }
            if errors:
                raise ValidationError(errors)

    def default_anchor(self, taken=None):
        """
        Return an anchor made of the prompt's first words, unique within the article's saved
        pairs, or within `taken` when given.
        """
        if taken is None:
            taken = set(
                QAPair.objects.filter(article_id=self.article_id).exclude(pk=self.pk).values_list("anchor", flat=True)
            )
        base = "-".join(slugify(self.prompt).split("-")[:6])[:60].strip("-") or "pair"
        anchor, n = base, 2
        while anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        return anchor

    @property
    def is_question(self):
        return self.prompt.rstrip().endswith("?")

    @property
    def answer_paragraphs(self):
        return paragraphs(self.answer)

    @property
    def prompt_facts(self):
        """The facts quoting the prompt, from the prefetched `facts`."""
        return [fact for fact in self.facts.all() if fact.in_prompt]

    @property
    def answer_facts(self):
        """The facts quoting the answer, from the prefetched `facts`."""
        return [fact for fact in self.facts.all() if not fact.in_prompt]


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
