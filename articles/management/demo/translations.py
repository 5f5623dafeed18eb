"""
The Spanish and Korean translations generate_demo makes of a share of its interviews: each one
shaped as the translation admin makes them (create_translation()), its pairs aligned with its
original's and a wording of each of the original's facts, its words drawn from the seed's
translation into its language. They are published with their original, so that pages and search
meet the three languages.
"""

import random
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.text import slugify

from articles.bulk import insert_objects, insert_rows
from articles.models import Article, FactWording, QAPair
from articles.services.translations import new_translation, original_text

LANGUAGES = ["es", "ko"]
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(text):
    """Return the sentences of `text`, paragraph breaks aside, each with its closing mark."""
    return [sentence for paragraph in text.split("\n\n") for sentence in SENTENCE_END.split(paragraph.strip())]


@dataclass
class Version:
    """An article in one language (an original or a translation), its pairs, and its facts or fact wordings."""

    article: Article
    pairs: list = field(default_factory=list)
    wordings: list = field(default_factory=list)


class Translator:
    """
    Translations into the seed's languages of a `share` (0 to 1) of a run's interviews, drawn from
    a random generator of their own, so that the originals of a seed stay the same whatever the share.
    """

    def __init__(self, seed, now, share, texts):
        """`texts` is the seed's translations file, read: its words in each language."""
        self.seed, self.now, self.share = seed, now, share
        self.rng = random.Random(f"{seed} translations")
        self.translated_on = date.fromisoformat(texts["translated_on"])
        self.texts = {}
        for language in LANGUAGES:
            text = texts["languages"][language]
            self.texts[language] = {
                **text,
                "titles": [text["title"]] + [fact["statement"].rstrip(".") for fact in text["facts"]],
                "prompts": [pair["prompt"] for pair in text["pairs"]],
                "statements": [fact["statement"] for fact in text["facts"]],
                "sentences": [sentence for pair in text["pairs"] for sentence in sentences(pair["answer"])],
                "intro_sentences": sentences(text["intro"]),
            }

    def create(self, interviews):
        """Create translations of `interviews` (saved), each into each language by a draw at `share`; return them."""
        versions = [
            self.translation(interview, language)
            for interview in interviews
            for language in LANGUAGES
            if self.rng.random() < self.share
        ]
        Article.objects.bulk_create([version.article for version in versions])
        insert_objects([pair for version in versions for pair in version.pairs])
        insert_rows(
            FactWording,
            ["article_id", "fact_id", "statement", "quote"],
            [
                (version.article.pk, wording.fact_id, wording.statement, wording.quote)
                for version in versions
                for wording in version.wordings
            ],
        )
        return versions

    def translation(self, interview, language):
        """Return the unsaved translation of `interview` (saved) into `language`."""
        rng, text, original = self.rng, self.texts[language], interview.article
        pairs = [pair for pair, _ in interview.pairs]
        facts = [fact for fact, _ in interview.facts]
        title = f"{original.interviewee.name}: {rng.choice(text['titles'])}"
        article = new_translation(
            original,
            language,
            title=title,
            slug=f"{slugify(title, allow_unicode=True)[:150]}-{self.seed}-{interview.number}-{language}",
            standfirst=text["standfirst"],
            intro=text["intro"],
            translated_by=text["translated_by"],
            translated_on=self.translated_on,
            # Published with the original, which a translation may not precede.
            status=original.status,
            published_at=original.published_at,
            reviewed_at=self.now,
            reviewed_original=original_text(original, pairs, sorted(facts, key=lambda fact: fact.pk)),
        )
        version = Version(article)
        quotes = {}
        for pair in pairs:
            picked = rng.sample(text["sentences"], 4)
            cut = rng.randint(1, 3)
            version.pairs.append(
                QAPair(
                    article=article,
                    original=pair,
                    position=pair.position,
                    anchor=pair.anchor,
                    prompt=rng.choice(text["prompts"]),
                    answer=f"{' '.join(picked[:cut])}\n\n{' '.join(picked[cut:])}",
                )
            )
            quotes[pair.pk] = picked
        for fact in facts:
            # The quote is a sentence of the translated answer (or intro) it comes from, as FactWording.clean() asks.
            quote = rng.choice(quotes[fact.pair_id] if fact.pair_id else text["intro_sentences"])
            version.wordings.append(
                FactWording(article=article, fact=fact, statement=rng.choice(text["statements"]), quote=quote[:-1])
            )
        return version
