"""Q&A pairs: an interview's prompts and answers, in order, each with a stable anchor."""

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy
from taggit.managers import TaggableManager

from .article import Article
from .common import PublishedQuerySet, Themed, Versioned, orphaned_quotes, paragraphs


@reversion.register(follow=["tagged_items"])
class QAPair(Themed, Versioned, models.Model):
    article = models.ForeignKey(
        Article, verbose_name=gettext_lazy("article"), on_delete=models.CASCADE, related_name="pairs"
    )
    position = models.PositiveSmallIntegerField(
        gettext_lazy("position"), help_text=gettext_lazy("Order within the article, from 1.")
    )
    anchor = models.SlugField(
        gettext_lazy("anchor"),
        max_length=80,
        blank=True,
        help_text=gettext_lazy(
            "Stable link target on the article page (#anchor). Filled from the prompt when empty; "
            "keep it once published, as citations link to it."
        ),
    )
    original = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=gettext_lazy("original pair"),
        help_text=gettext_lazy(
            "In a translation, the pair of the original this one translates: it keeps that pair's position "
            "and anchor, so that citations and the language switcher lead to the same question."
        ),
    )
    prompt = models.TextField(
        gettext_lazy("prompt"),
        help_text=gettext_lazy("Usually a question; interviews also use statements that introduce a topic."),
    )
    answer = models.TextField(gettext_lazy("answer"), help_text=gettext_lazy("Paragraphs separated by a blank line."))
    themes = TaggableManager(
        through="articles.TaggedQAPair",
        blank=True,
        verbose_name=gettext_lazy("themes"),
        help_text=gettext_lazy("Comma-separated theme names."),
    )

    objects = PublishedQuerySet.as_manager()
    # The facts that will quote this pair once the save being checked is made, when that save
    # changes them too (the article page's, admin/inlines.py); None to read them as stored.
    facts_after_save = None

    class Meta:
        ordering = ["article_id", "position"]
        verbose_name = gettext_lazy("Q&A pair")
        # Its own entry: the search page's heading "Q&A pairs" is capitalised where a sentence naming the model is not.
        verbose_name_plural = pgettext_lazy("a model's name in a sentence", "Q&A pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"],
                name="qapair_unique_position",
                violation_error_message=gettext_lazy("Another Q&A pair of this article has this position."),
            ),
            models.UniqueConstraint(
                fields=["article", "anchor"],
                name="qapair_unique_anchor",
                violation_error_message=gettext_lazy("Another Q&A pair of this article has this anchor."),
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1),
                name="qapair_position_from_one",
                violation_error_message=gettext_lazy("Positions start at 1."),
            ),
            models.UniqueConstraint(
                fields=["article", "original"],
                condition=Q(original__isnull=False),
                name="qapair_translated_once",
                violation_error_message=gettext_lazy("Another pair of this translation translates that pair."),
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
        if self.original_id and self.original.article_id != self.article.translation_of_id:
            raise ValidationError({"original": gettext("This pair is not one of the original article's pairs.")})
        if not self.anchor and self.prompt:
            self.anchor = self.default_anchor()
        if self.pk:
            facts = list(self.facts.all()) if self.facts_after_save is None else self.facts_after_save
            errors = {
                **orphaned_quotes([fact for fact in facts if not fact.in_prompt], self.answer, "answer"),
                **orphaned_quotes([fact for fact in facts if fact.in_prompt], self.prompt, "prompt"),
            }
            if self.original_id:
                wordings = self.article.wordings.filter(fact__pair=self.original_id)
                errors.update(orphaned_quotes(wordings.filter(fact__in_prompt=False), self.answer, "answer"))
                errors.update(orphaned_quotes(wordings.filter(fact__in_prompt=True), self.prompt, "prompt"))
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
