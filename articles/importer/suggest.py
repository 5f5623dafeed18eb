"""
Propose facts from an interview: each figure or date its intro, prompts and answers mention,
with the words around it as the quote.

A quote is the clause holding its figures: the sentence cut at commas, semicolons, colons and
spaced dashes outside parentheses, a clause of fewer than four words joining the next one
("Last June, the agencies signed…"). Figures in one clause share its quote unless a word such
as "and", "but" or "with" ("y", "pero", "con"; "및", "그리고") stands between them; a quote's
leading conjunction is dropped when at least four words remain before its first figure. A date
in the same quote as a sum, count, duration or percentage goes on that figure's suggestion.
Neither a sentence nor a clause ends inside a figure or a date ("Sept. 16, 2016").

The proposed statement is the sentence holding the quote, on one line, starting with a capital
and ending with a full stop; the quote itself, made a sentence, where the sentence is a question
or too long for a statement.
"""

import datetime
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

from .mentions import DATE, DURATION, asked_unit, find_mentions
from .text import sentence_spans

MIN_WORDS = 4
MAX_STATEMENT = 300

WORD = re.compile(r"\S+")
CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|\s[—–]\s")
# Words that start a new phrase between two figures ("$19.8 billion in 2023 and $9.3 billion").
SPLITTER = re.compile(
    r"\b(?:and|but|while|whereas|with|y|e|pero|mientras|aunque|con|및|그리고|하지만|반면)\b", re.IGNORECASE
)
# Conjunctions a quote need not start with; "with" stays, as in "with a trade volume of…".
CONJUNCTION = re.compile(r"\b(?:and|but|while|whereas|y|e|pero|mientras|aunque|그리고|하지만)\s+", re.IGNORECASE)
# What may open a paragraph before its words: a dash of dialogue, a bullet.
OPENING = "—–-•* "
CLOSING = "”’\"'»)"
ELLIPSIS = "…"


@dataclass(frozen=True)
class Suggestion:
    """
    A proposed fact: `pair_position` None for the intro; `in_prompt` when the quote comes from
    the pair's prompt; `relative` holds the words of a date resolved against the reference date
    ("last June"), else "".
    """

    quote: str
    pair_position: int | None
    statement: str
    value: Decimal | None
    unit: str
    date: datetime.date | None
    date_precision: str
    category: str
    in_prompt: bool = False
    relative: str = ""


def suggest_facts(intro, pairs, reference_date):
    """
    Return the facts proposed from `intro` (pair_position None) and from each prompt and answer
    of `pairs`, a list of (position, prompt, answer), ordered by position, the prompt's before
    the answer's, and then by place in the text. Resolve relative dates ("last June", "this
    year", "작년") against `reference_date`.
    """
    texts = [(None, False, intro, None)]
    for position, prompt, answer in sorted(pairs, key=lambda pair: pair[0]):
        texts += [(position, True, prompt, None), (position, False, answer, asked_unit(prompt))]
    suggestions = {}
    for position, in_prompt, text, asked in texts:
        for index, paragraph in enumerate(text.split("\n\n")):
            # Only the answer's opening words answer "how many" ("Unas 35, casi todas en Nuevo León").
            found = _paragraph_suggestions(
                paragraph.strip(), position, in_prompt, reference_date, asked if index == 0 else None
            )
            suggestions.update(dict.fromkeys(found))
    return list(suggestions)


def _paragraph_suggestions(paragraph, position, in_prompt, reference_date, asked):
    mentions = find_mentions(paragraph, reference_date, asked)
    starts = [mention.start for mention in mentions]
    sentences = _whole_sentences(sentence_spans(paragraph), mentions, starts)
    described = {}
    for clause_start, clause_end in _clauses(paragraph, sentences, mentions):
        within = mentions[bisect_left(starts, clause_start) : bisect_left(starts, clause_end)]
        inside = [mention for mention in within if mention.end <= clause_end]
        for start, end, group in _segments(paragraph, clause_start, clause_end, inside):
            start = _drop_leading_conjunction(paragraph, start, group[0].start)
            quote = paragraph[start:end].rstrip(" .,;:")
            span = sentences[bisect_right(sentences, (start, len(paragraph))) - 1]
            if span not in described:
                described[span] = _sentence(paragraph, *span)
            sentence, question = described[span]
            statement = _statement(sentence, question, quote)
            for figure, date in _pair_dates(group):
                # A question states its sums, counts and percentages ("Why did exports fall 5%?"),
                # but a date or a length of time alone is what it asks about ("Before 2026?").
                if question and (figure is None or figure.category == DURATION):
                    continue
                yield Suggestion(
                    quote=quote,
                    pair_position=position,
                    statement=statement,
                    value=figure.value if figure else None,
                    unit=figure.unit if figure else "",
                    date=date.date if date else None,
                    date_precision=date.precision if date else "",
                    category=figure.category if figure else DATE,
                    in_prompt=in_prompt,
                    relative=paragraph[date.start : date.end] if date and date.relative else "",
                )


def _whole_sentences(sentences, mentions, starts):
    """Join the sentences between which a boundary falls inside a mention ("Sept. 16, 2016")."""
    joined = []
    for start, end in sentences:
        if joined:
            # The last mention starting before the previous sentence's end is the only one that may span the gap.
            at = bisect_left(starts, joined[-1][1]) - 1
            if at >= 0 and mentions[at].end > joined[-1][1]:
                joined[-1] = (joined[-1][0], end)
                continue
        joined.append((start, end))
    return joined


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
    figures = [mention for mention in mentions if mention.category != DATE]
    # The figures without a date yet, in reading order. Mentions never overlap, so the nearest
    # is the last one before the date or the first one after it (the one before on a tie).
    free = list(range(len(figures)))
    dated = {}
    loose = []
    for date in (mention for mention in mentions if mention.category == DATE):
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


def _sentence(paragraph, start, end):
    """
    Return the sentence at paragraph[start:end] on one line ("" when it is too long to be a
    statement) and whether it is a question, without reading all of a long sentence.
    """
    opening = paragraph[start : start + 5].lstrip(OPENING)
    closing = paragraph[max(start, end - 5) : end].rstrip(CLOSING)
    question = opening.startswith("¿") or closing.endswith("?")
    return ("" if end - start > 2 * MAX_STATEMENT else _one_line(paragraph[start:end])), question


def _statement(sentence, question, quote):
    """
    Return the statement proposed for `quote`: its `sentence`, or the quote itself where the
    sentence is a question or too long.
    """
    if sentence and len(sentence) < MAX_STATEMENT and not question:
        return _as_sentence(sentence)
    statement = _one_line(quote[: 2 * MAX_STATEMENT]).replace("¿", "").rstrip("?")
    if len(statement) >= MAX_STATEMENT:
        return _as_sentence(statement[: MAX_STATEMENT - 1].rsplit(" ", 1)[0] + ELLIPSIS)
    return _as_sentence(statement)


def _one_line(text):
    """Return `text` on one line, without the dash or bullet it may open with."""
    return " ".join(text.split()).lstrip(OPENING)


def _as_sentence(text):
    """Return `text` starting with a capital and ending with a full stop (or the ellipsis it was cut at)."""
    text = text.rstrip(" ,;:")
    first = next((index for index, character in enumerate(text) if character.isalnum()), 0)
    text = text[:first] + text[first : first + 1].upper() + text[first + 1 :]
    if text.rstrip(CLOSING).endswith((".", ELLIPSIS)):
        return text
    return text.rstrip("!") + "."


def _strip(text, start, end):
    """Return (start, end) narrowed to leave out white space at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
