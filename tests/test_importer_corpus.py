"""
The importer reads each interview of tests/importer_corpus exactly as an editor marks it by hand.

Each NN_name.txt is a newspaper interview as an editor pastes it; NN_name.json beside it holds
its reading: language, title, standfirst, intro, original date, interviewer, source and pairs.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from articles.importer import parse_interview, read_text

CORPUS = Path(__file__).resolve().parent / "importer_corpus"
TEXTS = sorted(CORPUS.glob("*.txt"))


def reading(parsed):
    """What the importer read, in the shape of the corpus's expected readings."""
    return {
        "language": parsed.language,
        "title": parsed.title,
        "standfirst": parsed.standfirst,
        "intro": parsed.intro,
        "original_date": parsed.original_date.isoformat() if parsed.original_date else None,
        "interviewer": parsed.interviewer_name or None,
        "source": parsed.source_name or None,
        "pairs": [[pair.prompt, pair.answer] for pair in parsed.pairs],
    }


def expected_reading(path):
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def test_the_corpus_holds_a_dozen_interviews_in_the_three_languages():
    languages = Counter(expected_reading(path)["language"] for path in TEXTS)
    assert len(TEXTS) >= 12
    assert languages["es"] >= 4 and languages["en"] >= 4 and languages["ko"] >= 3
    for path in TEXTS:
        assert 5 <= len(expected_reading(path)["pairs"]) <= 12, path.name


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.stem)
def test_each_corpus_interview_is_read_as_the_editor_marked_it(path):
    """Regression: 34 of the corpus's 84 pairs were read right, and no text entirely."""
    parsed = parse_interview(read_text(path.read_bytes())[0])
    assert reading(parsed) == expected_reading(path)
