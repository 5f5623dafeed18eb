"""
Propose facts from an interview: each figure or date its intro and answers mention, with the
words around it as the quote.

A quote is the clause holding its figures: the sentence cut at commas, semicolons, colons and
spaced dashes outside parentheses, a clause of fewer than four words joining the next one
("Last June, the agencies signed…"). Figures in one clause share its quote unless a word such
as "and", "but" or "with" ("y", "pero", "con") stands between them; a quote's leading
conjunction is dropped when at least four words remain before its first figure. A date in the
same quote as a sum, count or percentage goes on that figure's suggestion.
"""

import datetime
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

from .mentions import DATE, find_mentions
from .text import sentence_spans

MIN_WORDS = 4
MAX_STATEMENT = 300

WORD = re.compile(r"\S+")
CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|\s[—–]\s")
# Words that start a new phrase between two figures ("$19.8 billion in 2023 and $9.3 billion").
SPLITTER = re.compile(r"\b(?:and|but|while|whereas|with|y|e|pero|mientras|aunque|con)\b", re.IGNORECASE)
# Conjunctions a quote need not start with; "with" stays, as in "with a trade volume of…".
CONJUNCTION = re.compile(r"\b(?:and|but|while|whereas|y|e|pero|mientras|aunque)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Suggestion:
    quote: str
    pair_position: int | None
    statement: str
    value: Decimal | None
    unit: str
    date: datetime.date | None
    date_precision: str
    kind: str


def suggest_facts(intro, pairs, reference_date):
    """
    Return the facts proposed from `intro` (pair_position None) and from each answer of
    `pairs`, a list of (position, answer), ordered by position and then by place in the text.
    Resolve relative dates ("last June", "this year") against `reference_date`.
    """
    suggestions = {}
    for position, text in [(None, intro), *sorted(pairs, key=lambda pair: pair[0])]:
        for paragraph in text.split("\n\n"):
            suggestions.update(dict.fromkeys(_paragraph_suggestions(paragraph.strip(), position, reference_date)))
    return list(suggestions)


def _paragraph_suggestions(paragraph, position, reference_date):
    mentions = find_mentions(paragraph, reference_date)
    starts = [mention.start for mention in mentions]
    sentences = sentence_spans(paragraph)
    for clause_start, clause_end in _clauses(paragraph, sentences, mentions):
        within = mentions[bisect_left(starts, clause_start) : bisect_left(starts, clause_end)]
        inside = [mention for mention in within if mention.end <= clause_end]
        for start, end, group in _segments(paragraph, clause_start, clause_end, inside):
            start = _drop_leading_conjunction(paragraph, start, group[0].start)
            quote = paragraph[start:end].rstrip(" .,;:")
            statement = _statement(paragraph, sentences, start, quote)
            for figure, date in _pair_dates(group):
                yield Suggestion(
                    quote=quote,
                    pair_position=position,
                    statement=statement,
                    value=figure.value if figure else None,
                    unit=figure.unit if figure else "",
                    date=date.date if date else None,
                    date_precision=date.precision if date else "",
                    kind=figure.kind if figure else DATE,
                )


def _clauses(paragraph, sentences, mentions):
    """
    Return the (start, end) spans of the clauses of `paragraph`, whose sentences are at
    `sentences`; no break falls inside a mention or a parenthesis.
    """
    inside_mentions = {offset for mention in mentions for offset in range(mention.start + 1, mention.end)}
    clauses = []
    for sentence_start, sentence_end in sentences:
        pieces, start = [], sentence_start
        depth, counted = 0, sentence_start
        for match in CLAUSE_BREAK.finditer(paragraph, sentence_start, sentence_end):
            depth += paragraph.count("(", counted, match.start()) - paragraph.count(")", counted, match.start())
            counted = match.start()
            if depth > 0 or match.start() in inside_mentions:
                continue
            pieces.append(_strip(paragraph, start, match.start()))
            start = match.end()
        pieces.append(_strip(paragraph, start, sentence_end))
        clauses.extend(_join_short(paragraph, [piece for piece in pieces if piece[1] > piece[0]]))
    return clauses


def _join_short(paragraph, pieces):
    """Join each clause of fewer than MIN_WORDS words to the next one, or the last to the previous."""
    joined, waiting = [], None
    for start, end in pieces:
        start = start if waiting is None else waiting
        if _fewer_words(paragraph, start, end, MIN_WORDS):
            waiting = start
            continue
        joined.append((start, end))
        waiting = None
    if waiting is not None:
        joined[-1:] = [(joined[-1][0] if joined else waiting, pieces[-1][1])]
    return joined


def _segments(paragraph, start, end, mentions):
    """Split a clause between mentions that a word such as "and" or "with" separates."""
    if not mentions:
        return []
    segments = [[start, end, [mentions[0]]]]
    for previous, mention in zip(mentions, mentions[1:], strict=False):
        splitter = SPLITTER.search(paragraph, previous.end, mention.start)
        if splitter:
            segments[-1][1] = splitter.start()
            segments.append([splitter.end(), end, [mention]])
        else:
            segments[-1][2].append(mention)
    return [(*_strip(paragraph, start, end), group) for start, end, group in segments]


def _drop_leading_conjunction(paragraph, start, first_mention):
    """Return where a quote starts once a conjunction far enough before its first mention is dropped."""
    for match in CONJUNCTION.finditer(paragraph, start, first_mention):
        if match.start() == start or not _fewer_words(paragraph, match.end(), first_mention, MIN_WORDS):
            start = match.end()
    return start


def _pair_dates(mentions):
    """
    Return (figure, date) pairs: each date goes with the nearest figure that has none yet;
    other dates stand alone, with figure None.
    """
    figures = [mention for mention in mentions if mention.kind != DATE]
    # The figures without a date yet, in reading order. Mentions never overlap, so the nearest
    # is the last one before the date or the first one after it (the one before on a tie).
    free = list(range(len(figures)))
    dated = {}
    loose = []
    for date in (mention for mention in mentions if mention.kind == DATE):
        if free:
            after = bisect_left(free, date.start, key=lambda index: figures[index].start)
            neighbours = range(max(after - 1, 0), min(after + 1, len(free)))
            at = min(neighbours, key=lambda at: _distance(figures[free[at]], date))
            dated[free.pop(at)] = date
        else:
            loose.append((None, date))
    pairs = [(figure, dated.get(index)) for index, figure in enumerate(figures)] + loose
    return sorted(pairs, key=lambda pair: min(mention.start for mention in pair if mention))


def _distance(one, other):
    return max(one.start - other.end, other.start - one.end, 0)


def _fewer_words(text, start, end, count):
    """Tell whether text[start:end] has fewer than `count` words, reading no further than that."""
    return len(list(islice(WORD.finditer(text, start, end), count))) < count


def _statement(paragraph, sentences, quote_start, quote):
    """
    Return the sentence holding the quote, or the quote itself when the sentence is too long;
    `sentences` are the paragraph's, in order.
    """
    start, end = sentences[bisect_right(sentences, (quote_start, len(paragraph))) - 1]
    sentence = paragraph[start:end]
    if len(sentence) <= MAX_STATEMENT:
        return sentence
    statement = quote[0].upper() + quote[1:]
    if len(statement) >= MAX_STATEMENT:
        statement = statement[: MAX_STATEMENT - 1].rsplit(" ", 1)[0] + "…"
    return statement if statement.endswith(("…", ".")) else statement + "."


def _strip(text, start, end):
    """Return (start, end) narrowed to leave out white space at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
