"""
When an original's words change: the time its translations are compared with to tell whether
they are out of date (Article.text_changed_at). Its title, standfirst and intro, its pairs'
prompts, answers and places, and its facts' statements, quotes and places count; a status, a
theme or a figure does not, as a translation does not repeat them.
"""

from django.utils import timezone

from .article import Article
from .fact import Fact
from .pair import QAPair

# The fields of each model whose change a translation must follow.
TEXT_FIELDS = {
    Article: ["title", "standfirst", "intro"],
    QAPair: ["prompt", "answer", "position", "anchor"],
    Fact: ["statement", "quote", "pair_id", "in_prompt"],
}


def changed(instance, fields):
    """Return whether `instance` is new or differs from its row in `fields`."""
    if instance.pk is None:
        return True
    row = type(instance).objects.filter(pk=instance.pk).values(*fields).first()
    return row is None or any(row[field] != getattr(instance, field) for field in fields)


def note_text_change(sender, instance, **kwargs):
    """
    Receive pre_save of articles, pairs and facts, raw saves (version restores) included: when an
    original's words change, its text_changed_at becomes now.
    """
    if sender is Article:
        if instance.translation_of_id is None and changed(instance, TEXT_FIELDS[Article]):
            instance.text_changed_at = timezone.now()
    elif changed(instance, TEXT_FIELDS[sender]):
        note_change_of(instance.article_id)


def note_removal(sender, instance, **kwargs):
    """Receive post_delete of pairs and facts: their original's words changed."""
    note_change_of(instance.article_id)


def note_change_of(article_id):
    Article.objects.filter(pk=article_id, translation_of=None).update(text_changed_at=timezone.now())
