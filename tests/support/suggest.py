"""What the fact suggester's tests share: a fixed reference date and the suggester's answers read one way."""

from datetime import date

from articles.importer import suggest_facts
from articles.importer.mentions import find_mentions

REFERENCE_DATE = date(2024, 10, 1)


def suggestions(answer, prompt="", reference_date=REFERENCE_DATE):
    return suggest_facts("", [(1, prompt, answer)], reference_date)


def only(answer, reference_date=REFERENCE_DATE):
    found = suggestions(answer, reference_date=reference_date)
    assert len(found) == 1, found
    return found[0]


def mention(text):
    (found,) = find_mentions(text, REFERENCE_DATE)
    return text[found.start : found.end], found
