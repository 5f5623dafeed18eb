"""Turn a parsed interview into a draft article, and accepted suggestions into facts."""

import hashlib

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ..history_comments import set_comment
from ..models import Article, DatePrecision, Fact, Person, QAPair, TaggedFact, Theme
from ..search_index import index_articles
from ..services.slugs import free_slug
from ..services.translations import align_pairs, original_text
from ..signals import content_changed


def text_digest(text):
    """Return a fingerprint of `text` that ignores differences in white space."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def imported_from(text):
    """Return the article already imported from `text`, or None."""
    return Article.objects.filter(import_digest=text_digest(text)).first()


@transaction.atomic
def create_draft(
    *,
    text,
    title,
    standfirst,
    intro,
    pairs,
    interviewee,
    source,
    original_date,
    language="en",
    interviewer=None,
    new_interviewer="",
    translation_of=None,
    originals=None,
    user=None,
):
    """
    Create a draft interview from an imported `text` with its `pairs` ((prompt, answer) in
    order), validated as the admin validates it, in one transaction with one history entry.
    A `new_interviewer` name, when no `interviewer` is given, adds that person and makes them
    the interviewer.

    With `translation_of`, the draft is that original's translation, reviewed against it as it
    is now; people, source and original date left empty are the original's. `originals` gives,
    for each pair, the original's pair it translates (or None); omitted, the pairs translate
    the original's in order, which needs as many pairs as the original has. align_pairs() then
    gives each aligned pair its original pair's position and anchor, the others following.
    """
    if translation_of is not None:
        interviewee = interviewee or translation_of.interviewee
        interviewer = interviewer or (None if new_interviewer else translation_of.interviewer)
        source = source or translation_of.source
        if original_date is None:
            original_date = translation_of.original_date
        if originals is None:
            originals = list(translation_of.pairs.order_by("position"))
            if len(originals) != len(pairs):
                raise ValidationError(MISALIGNED, params={"pairs": len(pairs), "originals": len(originals)})
    originals = originals or [None] * len(pairs)
    with reversion.create_revision():
        if interviewer is None and new_interviewer:
            interviewer = Person(name=new_interviewer, slug=free_slug(new_interviewer, Person, "person"))
            interviewer.full_clean()
            interviewer.save()
        article = Article(
            kind=Article.Kind.INTERVIEW,
            title=title,
            slug=free_slug(title, Article, "interview"),
            standfirst=standfirst,
            intro=intro,
            interviewee=interviewee,
            interviewer=interviewer,
            source=source,
            original_date=original_date,
            original_date_precision=_precision(original_date, translation_of),
            language=language,
            translation_of=translation_of,
            status=Article.Status.DRAFT,
            import_digest=text_digest(text),
            created_by=user,
            updated_by=user,
        )
        if translation_of is not None:
            article.reviewed_at = timezone.now()
            article.reviewed_original = original_text(translation_of)
        article.full_clean()
        article.save()
        for position, ((prompt, answer), original) in enumerate(zip(pairs, originals, strict=True), start=1):
            pair = QAPair(article=article, position=position, prompt=prompt, answer=answer, original=original)
            pair.full_clean()
            pair.save()
        if translation_of is not None:
            align_pairs(translation_of)
        reversion.set_user(user)
        set_comment("imported")
    return article


MISALIGNED = gettext_lazy(
    "This text has %(pairs)d pairs and the original %(originals)d: say below which of the original's pairs "
    "each one translates."
)


def _precision(original_date, translation_of):
    """Return the precision of an imported article's original date: the original's when it is the original's date."""
    if original_date is None:
        return ""
    if translation_of is not None and original_date == translation_of.original_date:
        return translation_of.original_date_precision
    return DatePrecision.DAY


@transaction.atomic
def create_facts(article, accepted, user=None):
    """
    Create a fact of `article` for each accepted suggestion (a dict of Fact fields with "themes"
    as a list of names), all or none, with one history entry of the article, in a number of
    queries that does not grow with the facts: facts and their theme links are inserted in bulk,
    themes looked up by name at once (missing ones created, one by one). Each fact is validated
    as SuggestionForm validates it, and attributed to whoever says its words: the interviewer
    for a prompt, the interviewee for an answer, nobody for the intro (the source's own words).
    Accepting none changes nothing.
    """
    if not accepted:
        return []
    facts, names = [], []
    for fields in accepted:
        fields = dict(fields)
        names.append(fields.pop("themes"))
        fact = Fact(article=article, **fields)
        fact.person = fact.speaker
        fact.full_clean(exclude=["article", "pair", "person"], validate_unique=False, validate_constraints=False)
        facts.append(fact)
    Fact.objects.bulk_create(facts)
    themes = themes_named({name for fact_names in names for name in fact_names})
    TaggedFact.objects.bulk_create(
        TaggedFact(content_object=fact, tag=theme)
        for fact, fact_names in zip(facts, names, strict=True)
        # "Space law, space law" is one theme, linked once.
        for theme in {themes[name.casefold()] for name in fact_names}
    )
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now(), updated_by=user or article.updated_by)
    # Bulk inserts send no signals: tell the page cache, and index the facts, as the signal receivers would.
    content_changed.send(sender=Fact)
    index_articles(Article.objects.filter(pk=article.pk))
    with reversion.create_revision():
        # The article's version holds its pairs, facts and theme links: read them in a few queries.
        reversion.add_to_revision(
            Article.objects.prefetch_related(
                "tagged_items__tag", "pairs__tagged_items__tag", "facts__tagged_items__tag"
            ).get(pk=article.pk)
        )
        reversion.set_user(user)
        set_comment("facts-suggested", count=len(facts))
    return facts


def themes_named(names):
    """Return the themes called `names` (ignoring case, as taggit does) by casefolded name, creating missing ones."""
    if not names:
        return {}
    found = Theme.objects.filter(Q.create([("name__iexact", name) for name in names], connector=Q.OR))
    themes = {theme.name.casefold(): theme for theme in found}
    # Sorted, so that of "Space law" and "space law" the same one always names the new theme.
    for name in sorted(names):
        if name.casefold() not in themes:
            themes[name.casefold()] = Theme.objects.create(name=name)
    return themes
