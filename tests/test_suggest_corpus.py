"""
The fact suggester on the importer corpus (tests/importer_corpus, scored by bench/suggestions.py):
its precision and recall stay at or above what they reached when the expected facts were written.
"""

import pytest

from bench.suggestions import CORPUS, corpus, evaluate, totals

# (precision, recall) reached per language and overall: a regression guard, raised as the suggester improves.
FLOORS = {"en": (0.75, 0.90), "es": (0.79, 0.94), "ko": (0.82, 0.92), "all": (0.78, 0.92)}


@pytest.fixture(scope="module")
def scores():
    return totals(evaluate())


@pytest.mark.parametrize("language", FLOORS)
def test_suggestions_keep_their_precision_and_recall_on_the_corpus(scores, language):
    precision, recall = FLOORS[language]
    assert scores[language].precision >= precision
    assert scores[language].recall >= recall


def test_every_corpus_text_has_expected_facts_quoting_its_own_words():
    texts = sorted(path.name.removesuffix(".txt") for path in CORPUS.glob("*.txt"))
    assert [name for name, _, _ in corpus()] == texts
    for name, reading, facts in corpus():
        for fact in facts:
            part = (
                reading["intro"]
                if fact["pair"] is None
                else reading["pairs"][fact["pair"] - 1][int(not fact["in_prompt"])]
            )
            assert fact["quote"] in part, (name, fact["quote"])
            assert fact["category"] in {"money", "count", "percent", "duration", "date"}
            assert (fact["value"] is None) == (fact["category"] == "date") and (fact["date"] is None) == (
                not fact["precision"]
            )
