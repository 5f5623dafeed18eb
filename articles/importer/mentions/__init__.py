"""
Find the figures and dates a paragraph mentions: sums of money, counts, durations, percentages,
dates, as English, Spanish (figures.py, dates.py) and Korean (korean.py) write them. Every
reader runs on every text: a Korean figure cannot be read as an English one, nor the reverse.
"""

from bisect import bisect_left

from . import dates, figures, korean
from .common import COUNT, DATE, DURATION, MONEY, PERCENT, Mention, read_number
from .figures import asked_unit

__all__ = [
    "COUNT",
    "DATE",
    "DURATION",
    "CATEGORIES",
    "MONEY",
    "PERCENT",
    "Mention",
    "asked_unit",
    "find_mentions",
    "read_number",
]

CATEGORIES = [MONEY, COUNT, PERCENT, DURATION, DATE]


def find_mentions(text, reference_date, asked=None):
    """
    Return the figures and dates `text` mentions, in reading order, the more specific reading
    winning where two overlap ("$19.8 billion" is money, not a count; "May 2024" a month; "ten
    years ago" a date, not a duration). Resolve relative dates against `reference_date`. With
    `asked`, the unit a question asked how many of, read the numbers without a noun in the first
    sentence of `text` as counts of it.
    """
    counts = [*korean.counts(text), *figures.counts(text)]
    readings = [
        *korean.money(text),
        *figures.money(text),
        *korean.percents(text),
        *figures.percents(text),
        *korean.ago(text, reference_date),
        *dates.ago(text, reference_date),
        *counts,
        *korean.dates(text, reference_date),
        *dates.dates(text, reference_date),
        *(figures.bare_counts(text, asked) if asked else []),
        *figures.elliptical_counts(text, [count for count in counts if count.category == COUNT]),
    ]
    # Kept in reading order; as they never overlap, a reading overlaps one of them only if it
    # overlaps its neighbours there.
    mentions, starts = [], []
    for mention in readings:
        at = bisect_left(starts, mention.start)
        if (at == 0 or mentions[at - 1].end <= mention.start) and (
            at == len(mentions) or mention.end <= mentions[at].start
        ):
            mentions.insert(at, mention)
            starts.insert(at, mention.start)
    return mentions
