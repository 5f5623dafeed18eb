"""Articles: interviews (and later news and opinion) with their source, language and publication."""

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy
from taggit.managers import TaggableManager

from ..formatting import format_date
from ..i18n import language_codes, language_name, reverse_in_language, url_in
from ..links import validate_web_address
from .article_checks import publication_errors, translation_errors
from .common import (
    DatePrecision,
    Language,
    PublishedQuerySet,
    State,
    Status,
    Themed,
    Versioned,
    orphaned_quotes,
    paragraphs,
    truncate_date,
)
from .people import Person, Source


class ArticleQuerySet(PublishedQuerySet):
    article_path = ""

    def scheduled(self):
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def originals(self):
        return self.filter(translation_of=None)

    def out_of_date(self):
        """Keep the translations whose original's words changed after they were last reviewed (or never were)."""
        return self.exclude(translation_of=None).filter(
            Q(reviewed_at=None) | Q(translation_of__text_changed_at__gt=F("reviewed_at"))
        )


# An article's version holds its pairs, facts (an original's), wordings (a translation's) and theme
# links, so restoring it brings the whole interview back as it was.
@reversion.register(follow=["pairs", "facts", "wordings", "tagged_items"])
class Article(Themed, Versioned, models.Model):
    class Kind(models.TextChoices):
        INTERVIEW = "interview", gettext_lazy("Interview")
        NEWS = "news", gettext_lazy("News")
        OPINION = "opinion", gettext_lazy("Opinion")

    Status = Status
    State = State

    kind = models.CharField(gettext_lazy("kind"), max_length=20, choices=Kind, default=Kind.INTERVIEW)
    title = models.CharField(gettext_lazy("title"), max_length=300)
    slug = models.SlugField(
        gettext_lazy("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text=gettext_lazy("The article's address on the site: letters of any script, digits and hyphens."),
    )
    standfirst = models.TextField(
        gettext_lazy("standfirst"),
        blank=True,
        default="",
        help_text=gettext_lazy("One or two sentences shown under the title and in lists."),
    )
    intro = models.TextField(
        gettext_lazy("intro"),
        blank=True,
        default="",
        help_text=gettext_lazy("Introductory paragraphs, separated by a blank line."),
    )
    interviewee = models.ForeignKey(
        Person,
        verbose_name=gettext_lazy("interviewee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interviews",
    )
    interviewer = models.ForeignKey(
        Person,
        verbose_name=gettext_lazy("interviewer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conducted_interviews",
        help_text=gettext_lazy(
            "The journalist who asked the questions: facts quoted from the prompts are attributed to them."
        ),
    )
    source = models.ForeignKey(
        Source,
        verbose_name=gettext_lazy("source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    source_url = models.URLField(
        gettext_lazy("source URL"),
        blank=True,
        default="",
        validators=[validate_web_address],
        help_text=gettext_lazy("The original article, if it is online."),
    )
    original_date = models.DateField(
        gettext_lazy("original publication date"),
        null=True,
        blank=True,
        help_text=gettext_lazy("When the source published it."),
    )
    original_date_precision = models.CharField(
        gettext_lazy("original date precision"), max_length=10, choices=DatePrecision, blank=True, default=""
    )
    language = models.CharField(
        gettext_lazy("language"),
        max_length=10,
        choices=Language,
        default="en",
        help_text=gettext_lazy("The language the article is written in."),
    )
    # One original and its translations, each linked to the original: a star rather than a
    # symmetric relation, so that a group is found with one query and has a natural default
    # version (the original) for languages none of its versions is written in.
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
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
    translated_by = models.CharField(
        gettext_lazy("translated by"),
        max_length=200,
        blank=True,
        default="",
        help_text=gettext_lazy("Who translated it, as the page credits them: “the Kormex editors”."),
    )
    translated_on = models.DateField(
        gettext_lazy("translated on"), null=True, blank=True, help_text=gettext_lazy("When it was translated.")
    )
    # When the words of an original (its texts, its pairs' and its facts' own) last changed, and,
    # on a translation, when it was last reviewed against its original and what the original
    # said then: a translation is out of date while its original changed after its review.
    text_changed_at = models.DateTimeField(gettext_lazy("text changed at"), null=True, blank=True, editable=False)
    reviewed_at = models.DateTimeField(gettext_lazy("reviewed at"), null=True, blank=True, editable=False)
    reviewed_original = models.JSONField(gettext_lazy("reviewed original"), default=dict, blank=True, editable=False)
    status = models.CharField(gettext_lazy("status"), max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        gettext_lazy("publish at"),
        null=True,
        blank=True,
        help_text=gettext_lazy("When readers can see it; a future time schedules it. Empty means now, once published."),
    )
    themes = TaggableManager(
        through="articles.TaggedArticle",
        blank=True,
        verbose_name=gettext_lazy("themes"),
        help_text=gettext_lazy("Comma-separated theme names."),
    )
    import_digest = models.CharField(
        gettext_lazy("import digest"),
        max_length=64,
        blank=True,
        default="",
        editable=False,
        help_text=gettext_lazy("Fingerprint of the text this article was imported from, to refuse importing it twice."),
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = gettext_lazy("article")
        verbose_name_plural = gettext_lazy("articles")
        permissions = [("publish_article", "Can publish, schedule, unpublish and delete published articles")]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            # The admin's list and autocompletes read a page in this order: an index walk, not a sort of every article.
            models.Index(fields=["published_at", "id"], name="article_published_at_id"),
            # The home page and the feeds read the newest published originals: an index walk that
            # stops after a page, not a sort of every original (SQLite chose that).
            models.Index(fields=["translation_of", "published_at", "id"], name="article_originals_newest"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["import_digest"],
                condition=~Q(import_digest=""),
                name="article_imported_once",
                violation_error_message=gettext_lazy("This text was already imported."),
            ),
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT) | Q(published_at__isnull=False),
                name="article_published_has_time",
                violation_error_message=gettext_lazy("A published article needs a publication time."),
            ),
            models.CheckConstraint(
                condition=Q(original_date__isnull=True, original_date_precision="")
                | Q(original_date__isnull=False) & ~Q(original_date_precision=""),
                name="article_original_date_has_precision",
                violation_error_message=gettext_lazy(
                    "An original date needs a precision, and a precision needs a date."
                ),
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
            errors["interviewee"] = gettext("An interview needs an interviewee.")
        if self.original_date and not self.original_date_precision:
            errors["original_date_precision"] = gettext("Say how precise the original date is.")
        elif self.original_date_precision and not self.original_date:
            errors["original_date"] = gettext("Give the date this precision belongs to.")
        elif self.original_date:
            self.original_date = truncate_date(self.original_date, self.original_date_precision)
        if self.pk and "intro" not in errors:
            errors.update(orphaned_quotes(self.facts.filter(pair=None), self.intro, "intro"))
            errors.update(orphaned_quotes(self.wordings.filter(fact__pair=None), self.intro, "intro"))
        errors.update(translation_errors(self))
        errors.update(publication_errors(self))
        if errors:
            raise ValidationError(errors)

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
    def is_out_of_date(self):
        """Whether this translation's original changed after the translation was last reviewed (or never was)."""
        original = self.translation_of
        if original is None:
            return False
        changed = original.text_changed_at
        return self.reviewed_at is None or bool(changed and changed > self.reviewed_at)

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
    def public_from(self):
        """
        Return when readers see the article: its publish time, or, for a translation, its
        original's where that is later (published_q()); None while it or its original is a draft.
        """
        if self.status == self.Status.DRAFT:
            return None
        original = self.translation_of
        if original is None:
            return self.published_at
        if original.status == self.Status.DRAFT:
            return None
        return max(self.published_at, original.published_at)

    @property
    def state(self):
        """
        Return the State: a draft, scheduled (published, the time readers see it still to come),
        published, or a published translation waiting for its original, a draft.
        """
        if self.status == self.Status.DRAFT:
            return self.State.DRAFT
        public_from = self.public_from
        if public_from is None:
            return self.State.WAITING
        return self.State.SCHEDULED if public_from > timezone.now() else self.State.PUBLISHED

    @property
    def state_label(self):
        """Return the state in the active language's words, for the admin."""
        return self.state.label

    @property
    def is_public(self):
        return self.state == self.State.PUBLISHED

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
        parts = [person.local_name if person else "", where, self.original_date_display]
        return capfirst(", ".join(part for part in parts if part))

    @property
    def credit(self):
        """Return the citation credit of the interviewee's words (a Q&A pair's answer)."""
        return self.credit_for(self.interviewee)
