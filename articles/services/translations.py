"""
Translations: an article's managed copy in another language. It has its original's pairs, in the
same order and with the same anchors, and gives the wording of its original's facts; it knows
what its original said when it was last reviewed, so that it can tell when it fell out of date.
"""

import reversion
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..history_comments import set_comment
from ..models import Article, FactWording, QAPair
from ..models.common import Status
from .slugs import free_slug


def original_text(original, pairs=None, facts=None):
    """
    Return what `original` says, as a translation stores it when it is reviewed (reviewed_original);
    `pairs` (in position order) and `facts` (in pk order) are its own, when the caller holds them already.
    """
    pairs = original.pairs.order_by("position") if pairs is None else pairs
    facts = original.facts.order_by("pk") if facts is None else facts
    return {
        "title": original.title,
        "standfirst": original.standfirst,
        "intro": original.intro,
        "pairs": [{"anchor": pair.anchor, "prompt": pair.prompt, "answer": pair.answer} for pair in pairs],
        "facts": [{"id": fact.pk, "statement": fact.statement, "quote": fact.quote} for fact in facts],
    }


def new_translation(original, language, **fields):
    """
    Return an unsaved translation of `original` into `language` with `fields` (its texts, slug,
    status, review): what a translation shares with its original (kind, people, source and its
    date) is the original's.
    """
    return Article(
        kind=original.kind,
        interviewee=original.interviewee,
        interviewer=original.interviewer,
        source=original.source,
        source_url=original.source_url,
        original_date=original.original_date,
        original_date_precision=original.original_date_precision,
        language=language,
        translation_of=original,
        **fields,
    )


@transaction.atomic
def create_translation(original, language, user=None, texts=None):
    """
    Create the translation of `original` into `language`, a draft: its title, standfirst, intro
    and pairs, and its wording of each of the original's facts, taken from `texts` (a dict
    shaped like original_text(), with "facts" keyed by fact id, and optionally "slug",
    "translated_by" and "translated_on") where given, else copied from the original for the
    translator to overwrite. It counts as reviewed against the original as it is now.
    """
    texts = texts or {}
    source = original_text(original)
    pairs_text = {pair["anchor"]: pair for pair in texts.get("pairs", [])}
    facts_text = texts.get("facts", {})
    with reversion.create_revision():
        translation = new_translation(
            original,
            language,
            title=texts.get("title", original.title),
            slug=free_slug(texts.get("slug") or texts.get("title", original.title), Article, "article"),
            standfirst=texts.get("standfirst", original.standfirst),
            intro=texts.get("intro", original.intro),
            translated_by=texts.get("translated_by", ""),
            translated_on=texts.get("translated_on"),
            status=Status.DRAFT,
            reviewed_at=timezone.now(),
            reviewed_original=source,
            created_by=user,
            updated_by=user,
        )
        translation.full_clean()
        translation.save()
        pairs = {}
        for pair in original.pairs.order_by("position"):
            text = pairs_text.get(pair.anchor, {})
            copy = QAPair(
                article=translation,
                original=pair,
                position=pair.position,
                anchor=pair.anchor,
                prompt=text.get("prompt", pair.prompt),
                answer=text.get("answer", pair.answer),
            )
            copy.full_clean()
            copy.save()
            pairs[pair.pk] = copy
        for fact in original.facts.order_by("pk"):
            text = facts_text.get(fact.pk, {})
            wording = FactWording(
                article=translation,
                fact=fact,
                statement=text.get("statement", fact.statement),
                quote=text.get("quote", fact.quote),
            )
            wording.full_clean()
            wording.save()
        reversion.set_user(user)
        set_comment("translation-created", language=translation.language)
    return translation


def mark_reviewed(translation):
    """Record that `translation` was reviewed against its original as the original is now."""
    translation.reviewed_at = timezone.now()
    translation.reviewed_original = original_text(translation.translation_of)
    translation.save(update_fields=["reviewed_at", "reviewed_original"])


@transaction.atomic
def align_pairs(original):
    """
    Give the pairs of every translation of `original` the position and anchor of the pair they
    translate, after the original's pairs moved or were renamed; pairs that translate none (their
    original pair was deleted) follow, in their order. Every pair is first parked past the
    positions in use, so that no step meets the (article, position) constraint half-way.
    """
    for translation in original.translations.all():
        pairs = list(translation.pairs.select_related("original").order_by("position"))
        if all(pair.original is None or pair.position == pair.original.position for pair in pairs) and all(
            pair.original is None or pair.anchor == pair.original.anchor for pair in pairs
        ):
            continue
        top = max(
            QAPair.objects.filter(article__in=[original, translation]).aggregate(top=Max("position"))["top"] or 0,
            len(pairs),
        )
        for offset, pair in enumerate(pairs, start=1):
            QAPair.objects.filter(pk=pair.pk).update(position=top + offset, anchor=f"pair-{pair.pk}")
        aligned = sorted((pair for pair in pairs if pair.original), key=lambda pair: pair.original.position)
        for pair in aligned:
            QAPair.objects.filter(pk=pair.pk).update(position=pair.original.position, anchor=pair.original.anchor)
        last = max((pair.original.position for pair in aligned), default=0)
        taken = {pair.original.anchor for pair in aligned}
        for offset, pair in enumerate((pair for pair in pairs if not pair.original), start=1):
            anchor = pair.anchor if pair.anchor not in taken else f"{pair.anchor}-{pair.pk}"
            QAPair.objects.filter(pk=pair.pk).update(position=last + offset, anchor=anchor)
