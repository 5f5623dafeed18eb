"""
Find the figures and dates a paragraph mentions: sums of money, counts, durations, percentages,
dates, as English, Spanish (figures.py, dates.py) and Korean (korean.py) write them. Every
reader runs on every text: a Korean figure cannot be read as an English one, nor the reverse.
"""

from bisect import bisect_left

from . import dates, figures, korean
from .common import COUNT, DATE, DURATION, MONEY, PERCENT, Mention, read_number

__all__ = ["COUNT", "DATE", "DURATION", "KINDS", "MONEY", "PERCENT", "Mention", "find_mentions", "read_number"]

KINDS = [MONEY, COUNT, PERCENT, DURATION, DATE]


def find_mentions(text, reference_date):
    """
    Return the figures and dates `text` mentions, in reading order, the more specific reading
    winning where two overlap ("$19.8 billion" is money, not a count; "May 2024" a month; "ten
    years ago" a date, not a duration). Resolve relative dates against `reference_date`.
    """
    readings = [
        *korean.money(text),
        *figures.money(text),
        *korean.percents(text),
        *figures.percents(text),
        *korean.ago(text, reference_date),
        *dates.ago(text, reference_date),
        *korean.counts(text),
        *figures.counts(text),
        *korean.dates(text, reference_date),
        *dates.dates(text, reference_date),
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
