"""Turn a parsed interview into a draft article, and accepted suggestions into facts."""

import hashlib

import reversion
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import slugify

from ..models import Article, DatePrecision, Fact, Person, QAPair


def text_digest(text):
    """Return a fingerprint of `text` that ignores differences in white space."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def imported_from(text):
    """Return the article already imported from `text`, or None."""
    return Article.objects.filter(import_digest=text_digest(text)).first()


def free_slug(title, model=Article, fallback="interview"):
    """Return a slug made from `title` (markup and all) that no `model` object has yet."""
    base = slugify(strip_tags(title))[:180].strip("-") or fallback
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


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
    user=None,
):
    """
    Create a draft interview from an imported `text` with its `pairs` ((prompt, answer) in
    order), validated as the admin validates it, in one transaction with one history entry.
    A `new_interviewer` name, when no `interviewer` is given, adds that person and makes them
    the interviewer.
    """
    with reversion.create_revision():
        if interviewer is None and new_interviewer:
            interviewer = Person(name=new_interviewer, slug=free_slug(new_interviewer, Person, "person"))
            interviewer.full_clean()
            interviewer.save()
        article = Article(
            kind=Article.Kind.INTERVIEW,
            title=title,
            slug=free_slug(title),
            standfirst=standfirst,
            intro=intro,
            interviewee=interviewee,
            interviewer=interviewer,
            source=source,
            original_date=original_date,
            original_date_precision=DatePrecision.DAY if original_date else "",
            language=language,
            status=Article.Status.DRAFT,
            import_digest=text_digest(text),
            created_by=user,
            updated_by=user,
        )
        article.full_clean()
        article.save()
        for position, (prompt, answer) in enumerate(pairs, start=1):
            pair = QAPair(article=article, position=position, prompt=prompt, answer=answer)
            pair.full_clean()
            pair.save()
        reversion.set_user(user)
        reversion.set_comment("Imported from a pasted or uploaded text.")
    return article


@transaction.atomic
def create_facts(article, accepted, user=None):
    """
    Create a fact of `article` for each accepted suggestion (a dict of Fact fields with "themes"
    as a list of names), validated as the admin validates facts; all or none are saved.
    """
    facts = []
    with reversion.create_revision():
        for fields in accepted:
            fields = dict(fields)
            themes = fields.pop("themes")
            fact = Fact(article=article, person=article.interviewee, **fields)
            fact.full_clean()
            fact.save()
            fact.themes.set(themes)
            facts.append(fact)
        article.save()
        reversion.set_user(user)
        reversion.set_comment(f"Added {len(facts)} suggested fact(s).")
    return facts
