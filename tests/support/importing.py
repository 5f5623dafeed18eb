"""The interview importer in tests: a text to import and what its review page posts."""

from django.urls import reverse

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
