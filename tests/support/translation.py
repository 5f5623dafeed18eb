"""Translations in the admin's tests: an original with pairs and facts, its Spanish version, the side-by-side page."""

from django.urls import reverse

from articles.services.translations import create_translation

from .factories import ArticleFactory, FactFactory, QAPairFactory


def interview(pairs=2, **fields):
    """Return an English original of `pairs` pairs, each with one fact quoting its answer."""
    original = ArticleFactory(**fields)
    for position in range(1, pairs + 1):
        pair = QAPairFactory(
            article=original,
            position=position,
            prompt=f"What about sector {position}?",
            answer=f"Sector {position} creates 5,000 jobs.",
        )
        FactFactory(pair=pair, statement=f"Sector {position} creates jobs.", quote="creates 5,000 jobs")
    return original


def spanish(original):
    """Return the Spanish translation of `original`, written in Spanish and reviewed."""
    texts = {
        "title": "Entrevista",
        "pairs": [
            {"anchor": pair.anchor, "prompt": f"¿Y el sector {pair.position}?", "answer": "Crea 5.000 empleos."}
            for pair in original.pairs.all()
        ],
        "facts": {
            fact.pk: {"statement": "El sector crea empleos.", "quote": "Crea 5.000 empleos"}
            for fact in original.facts.all()
        },
    }
    return create_translation(original, "es", texts=texts)


def page_data(response):
    """Return the side-by-side form's fields as the page gives them, ready to post back."""
    form = response.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def translation_url(article):
    return reverse("admin:articles_article_translation", args=[article.pk])
