"""
Edit an imported interview's pairs before it is saved: add, delete, move, merge and split pairs,
and make a paragraph of the intro or of an answer a prompt. Nothing typed is lost: every
operation keeps every paragraph somewhere, except deleting a pair, which the editor asks for.

An operation is a string, the value of the button that asks for it: "add:I", "delete:I",
"up:I", "down:I", "merge:I" (pair I and the next), "split:I:K:CHECK" (the answer of pair I
before its paragraph K; the new pair's prompt is left for the editor to write),
"prompt:I:K:CHECK" (paragraph K of the answer of pair I becomes a prompt, the paragraphs after it
its answer) and "intro:K:CHECK" (paragraph K of the intro becomes the first prompt). Pairs and
paragraphs count from 0; CHECK is paragraph_check() of the paragraph the button was shown next
to, so that an operation never moves a paragraph the editor has since changed.
"""

import hashlib
import re
from dataclasses import dataclass

from django.utils.translation import gettext

from ..models import paragraphs

EXCERPT_CHARS = 70


class EditRefused(ValueError):
    """An operation that cannot apply to the text as posted; the message says why."""


@dataclass
class Review:
    """The intro and the (prompt, answer) rows of an interview under review."""

    intro: str
    rows: list[tuple[str, str]]


def paragraph_check(paragraph):
    """Return a short fingerprint of `paragraph`, for an operation to name the paragraph it moves."""
    return hashlib.sha256(" ".join(paragraph.split()).encode()).hexdigest()[:12]


def paragraph_choices(text):
    """Return (index, excerpt, check) for each paragraph of `text`, for the buttons that move one."""
    return [(index, excerpt(paragraph), paragraph_check(paragraph)) for index, paragraph in enumerate(paragraphs(text))]


def excerpt(paragraph):
    """Return the start of `paragraph`, for a button's label."""
    paragraph = " ".join(paragraph.split())
    return paragraph if len(paragraph) <= EXCERPT_CHARS else paragraph[: EXCERPT_CHARS - 1].rstrip() + "…"


def apply_edit(review, operation):
    """
    Return a new Review with `operation` applied to `review`, and a message saying what was
    done. Raise EditRefused when it is no operation, or names no pair or paragraph of the posted text.
    """
    name, *args = operation.split(":")
    handler, numbers, checked = OPERATIONS.get(name, (None, 0, 0))
    if (
        handler is None
        or len(args) != numbers + checked
        or not all(re.fullmatch(r"[0-9]{1,6}", arg) for arg in args[:numbers])
    ):
        raise EditRefused(gettext("That change is not one this page offers; nothing was changed."))
    return handler(review.intro, list(review.rows), *map(int, args[:numbers]), *args[numbers:])


def _row(rows, index):
    if not 0 <= index < len(rows):
        raise EditRefused(gettext("There is no pair %(number)s; nothing was changed.") % {"number": index + 1})
    return rows[index]


def _paragraphs(text, index, check):
    """Return the paragraphs of `text` if paragraph `index` is still the one `check` names."""
    parts = paragraphs(text)
    if not 0 <= index < len(parts) or paragraph_check(parts[index]) != check:
        raise EditRefused(gettext("That paragraph was changed after the page was shown; nothing was moved. Try again."))
    return parts


def _add(intro, rows, index):
    _row(rows, index)
    rows.insert(index + 1, ("", ""))
    return Review(intro, rows), gettext("Added pair %(number)s: write its prompt and answer.") % {"number": index + 2}


def _delete(intro, rows, index):
    _row(rows, index)
    if len(rows) == 1:
        raise EditRefused(gettext("An interview keeps at least one pair; nothing was deleted."))
    del rows[index]
    return Review(intro, rows), gettext("Deleted pair %(number)s.") % {"number": index + 1}


def _move(intro, rows, index, step):
    _row(rows, index)
    _row(rows, index + step)
    rows[index], rows[index + step] = rows[index + step], rows[index]
    return Review(intro, rows), gettext("Moved pair %(number)s to place %(place)s.") % {
        "number": index + 1,
        "place": index + step + 1,
    }


def _merge(intro, rows, index):
    (prompt, answer), (next_prompt, next_answer) = _row(rows, index), _row(rows, index + 1)
    rows[index : index + 2] = [(prompt, "\n\n".join(part for part in [answer, next_prompt, next_answer] if part))]
    return Review(intro, rows), gettext(
        "Merged pair %(next)s into pair %(number)s: its prompt is now a paragraph of the answer."
    ) % {"number": index + 1, "next": index + 2}


def _split(intro, rows, index, paragraph, check, *, as_prompt):
    prompt, answer = _row(rows, index)
    parts = _paragraphs(answer, paragraph, check)
    if paragraph == 0:
        raise EditRefused(gettext("An answer keeps its first paragraph; nothing was moved."))
    if as_prompt:
        new = (parts[paragraph], "\n\n".join(parts[paragraph + 1 :]))
        message = gettext("The paragraph is now the prompt of pair %(number)s.")
    else:
        new = ("", "\n\n".join(parts[paragraph:]))
        message = gettext("Split pair %(previous)s: write the prompt of pair %(number)s.")
    rows[index : index + 1] = [(prompt, "\n\n".join(parts[:paragraph])), new]
    return Review(intro, rows), message % {"previous": index + 1, "number": index + 2}


def _intro_prompt(intro, rows, paragraph, check):
    parts = _paragraphs(intro, paragraph, check)
    rows.insert(0, (parts[paragraph], "\n\n".join(parts[paragraph + 1 :])))
    return Review("\n\n".join(parts[:paragraph]), rows), gettext(
        "The paragraph is now the prompt of pair 1, and the intro's paragraphs after it its answer."
    )


# name: (function, how many pair and paragraph numbers it takes, whether a paragraph check follows).
OPERATIONS = {
    "add": (_add, 1, 0),
    "delete": (_delete, 1, 0),
    "up": (lambda intro, rows, index: _move(intro, rows, index, -1), 1, 0),
    "down": (lambda intro, rows, index: _move(intro, rows, index, 1), 1, 0),
    "merge": (_merge, 1, 0),
    "split": (lambda *args: _split(*args, as_prompt=False), 2, 1),
    "prompt": (lambda *args: _split(*args, as_prompt=True), 2, 1),
    "intro": (_intro_prompt, 1, 1),
}


def alignment_errors(chosen, positions):
    """
    Return {index: message} for the imported pairs whose choice in `chosen` (for each pair, the
    id of the original's pair it translates, or None) is refused: an original pair is
    translated once at most, and in the original's order. `positions` maps the original's pair
    ids to their positions.
    """
    errors, taken, previous = {}, {}, None
    for index, pk in enumerate(chosen):
        if pk is None:
            continue
        numbers = {"number": index + 1, "position": positions[pk]}
        if pk in taken:
            errors[index] = gettext(
                "Pairs %(other)s and %(number)s both translate pair %(position)s of the original: "
                "choose one original pair for each, or none."
            ) % {**numbers, "other": taken[pk] + 1}
            continue
        if previous is not None and positions[pk] < positions[chosen[previous]]:
            errors[index] = gettext(
                "Pair %(number)s translates pair %(position)s of the original, which comes before pair "
                "%(earlier)s of the original that pair %(previous)s translates: keep the original's order."
            ) % {**numbers, "earlier": positions[chosen[previous]], "previous": previous + 1}
        taken[pk] = index
        previous = index
    return errors
