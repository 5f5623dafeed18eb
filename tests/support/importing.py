"""The interview importer in tests: a text to import and what its review page posts."""

import json
from pathlib import Path

from django.urls import reverse

# The seed interview as its file holds it, and as curated.
SEED = Path(__file__).resolve().parents[2] / "articles" / "seed"
SEED_TEXT = (SEED / "el-economista-2024-10.txt").read_text(encoding="utf-8")
SEED_ARTICLE = json.loads((SEED / "seed.json").read_text(encoding="utf-8"))["articles"][0]
STATEMENT_PROMPTS = [
    "The Government of Claudia Sheinbaum desires progress in digitalization. "
    "Korea has made significant strides in this area.",
    "Among other topics on the bilateral agenda is space.",
]

INTERVIEW = """Korea and Mexico look to the stars

The two space agencies signed an agreement.

The director of the agency spoke to the press in Mexico City.

Q: What did the agencies sign?

A: A memorandum on a launch base, signed last June by both agencies.

It covers a feasibility study.

Q: How much will it cost?

A: About $120 million over five years, and it should create 1,500 jobs.

Source: Space Weekly
"""


IMPORT_URL = reverse("admin:articles_article_import_interview")


def review_data(text, person, pairs, **values):
    """The review stage's POST data: the article fields and one row per (prompt, answer)."""
    data = {
        "stage": "save",
        "text": text,
        "title": "Korea and Mexico look to the stars",
        "standfirst": "The two space agencies signed an agreement.",
        "intro": "The director of the agency spoke to the press in Mexico City.",
        "interviewee": str(person.pk),
        "source": "",
        "original_date": "2024-10-01",
        "language": "en",
        "pairs-TOTAL_FORMS": str(len(pairs)),
        "pairs-INITIAL_FORMS": str(len(pairs)),
        "pairs-MIN_NUM_FORMS": "1",
        "pairs-MAX_NUM_FORMS": "1000",
    }
    for index, (prompt, answer) in enumerate(pairs):
        data[f"pairs-{index}-prompt"] = prompt
        data[f"pairs-{index}-answer"] = answer
    return {**data, **values}


def marked_seed_text():
    """The seed text with its two statement prompts marked as an editor would mark them."""
    text = SEED_TEXT
    for prompt in STATEMENT_PROMPTS:
        text = text.replace(f"\n{prompt}\n", f"\n## {prompt}\n")
    return text


def prompts_and_answers(parsed):
    """Return the (prompt, answer) of each pair of a ParsedInterview."""
    return [(pair.prompt, pair.answer) for pair in parsed.pairs]
