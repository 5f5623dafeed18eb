"""The search's content in three languages (an English interview and its translations), and its pages."""

from itertools import count

from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from articles.models import FactWording, QAPair

from .factories import ArticleFactory, FactFactory, QAPairFactory

ENGLISH = {
    "title": "Economic cooperation with Sheinbaum",
    "standfirst": "Investments grow.",
    "prompt": "What about cooperation?",
    "answer": "Cooperation between both countries grew. Investments doubled.",
    "statement": "Cooperation grew.",
    "quote": "Cooperation between both countries grew",
}
SPANISH = {
    "title": "La cooperación económica con Sheinbaum",
    "standfirst": "Crecen las inversiones.",
    "prompt": "¿Y la cooperación?",
    "answer": "La cooperación entre ambos países creció. Las inversiones se duplicaron.",
    "statement": "La cooperación creció.",
    "quote": "La cooperación entre ambos países creció",
}
KOREAN = {
    "title": "셰인바움과 경제협력 확대 Sheinbaum",
    "standfirst": "투자가 늘었다.",
    "prompt": "협력은?",
    "answer": "양국의 협력이 커졌다. 투자는 두 배가 됐다.",
    "statement": "양국 협력이 커졌다.",
    "quote": "양국의 협력이 커졌다",
}


SLUGS = count(1)


def search_url(language):
    with translation.override(language):
        return reverse("articles:search")


def interview(texts=ENGLISH, themes=(), **fields):
    """Create a published English interview of `texts`, one pair and one fact; return the article."""
    article = ArticleFactory(
        title=texts["title"],
        slug=f"interview-{next(SLUGS)}",
        standfirst=texts["standfirst"],
        intro="",
        themes=list(themes),
        **fields,
    )
    pair = QAPairFactory(
        article=article,
        position=1,
        anchor="ties",
        prompt=texts["prompt"],
        answer=texts["answer"],
        themes=list(themes),
    )
    FactFactory(pair=pair, statement=texts["statement"], quote=texts["quote"], value=None, unit="", themes=list(themes))
    return article


def translate(original, language, texts, **fields):
    """Create the translation of `original` into `language` with `texts`: its pair and its fact's wording."""
    version = ArticleFactory(
        title=texts["title"],
        slug=f"version-{next(SLUGS)}",
        standfirst=texts["standfirst"],
        intro="",
        language=language,
        translation_of=original,
        **fields,
    )
    pair = original.pairs.get()
    QAPair.objects.create(
        article=version, original=pair, position=1, anchor=pair.anchor, prompt=texts["prompt"], answer=texts["answer"]
    )
    FactWording.objects.create(
        article=version, fact=original.facts.get(), statement=texts["statement"], quote=texts["quote"]
    )
    return version


class SearchLanguagesTestCase(TestCase):
    def search(self, language, query, **params):
        response = self.client.get(search_url(language), {"q": query, **params})
        self.assertEqual(response.status_code, 200)
        return response

    def found(self, language, query):
        """Return, for articles, pairs and facts (in that order), the (language, url) of each result, best first."""
        groups = self.search(language, query).context["groups"]
        return [[(result.language, result.url) for result in group["results"]] for group in groups]
