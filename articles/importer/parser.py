"""
Read an uploaded interview and split it into title, standfirst, intro and prompt/answer pairs.

The text is read as paragraphs separated by blank lines (or as lines, when it has no blank
line at all). The first paragraph is the title, the second the standfirst unless it is already
a prompt, the others before the first prompt the intro. A last paragraph "Source: X" or
"Fuente: X" names the source.

A paragraph is a prompt when it:

- starts with "## " (a prompt an editor marks by hand, usually a statement that introduces a
  topic, which nothing else can tell from an answer);
- starts with a question label: "Q:", "Q.", "Question:", "Pregunta:" or "P:" (any case);
- is numbered and ends with "?": "1.- What…?", "2. What…?", "3) What…?";
- starts with an em or en dash and ends with "?", unless it follows a prompt: Spanish press
  opens answers with a dash too, so a dash paragraph after a prompt is its answer;
- is a question line: one line of at most 300 characters whose first and last sentences are
  questions ("What…?", "Minister, what…? And when…?", "Señor ministro, ¿cómo…?"), or that
  starts with "¿". A long answer ending with a rhetorical question stays an answer, and so
  does "We did a lot. But is it enough?". Question lines are only looked for when the text
  labels none of its prompts (labels, numbers or dashes), so a short question inside a
  labelled answer does not split it.

Answer labels ("A:", "A.", "Answer:", "Respuesta:", "R:") and dashes are removed; an answer
runs over every paragraph up to the next prompt.
"""

import math
import re
from dataclasses import dataclass

from ..control_characters import clean_text
from .text import sentences

MAX_QUESTION_LINE = 300
MAX_IMPORT_BYTES = 200_000

QUESTION_LINES = "question lines"
SPANISH_QUESTIONS = "Spanish questions (¿…?)"
NUMBERED_QUESTIONS = "numbered questions"
DASH_PROMPTS = "prompts introduced by a dash"
STATEMENT_PROMPTS = "statement prompts marked with ##"

PROMPT, ANSWER, TEXT = "prompt", "answer", "text"

# (label, role, the format it belongs to); matched case-insensitively at a paragraph's start.
LABELS = [
    (re.compile(pattern + r"\s*", re.IGNORECASE), role, name)
    for pattern, role, name in [
        (r"q\s*:", PROMPT, "Q: and A: labels"),
        (r"a\s*:", ANSWER, "Q: and A: labels"),
        (r"q\.(?=\s)", PROMPT, "Q. and A. labels"),
        (r"a\.(?=\s)", ANSWER, "Q. and A. labels"),
        (r"question\s*:", PROMPT, "Question: and Answer: labels"),
        (r"answer\s*:", ANSWER, "Question: and Answer: labels"),
        (r"pregunta\s*:", PROMPT, "Pregunta: and Respuesta: labels"),
        (r"respuesta\s*:", ANSWER, "Pregunta: and Respuesta: labels"),
        (r"p\s*:", PROMPT, "P: and R: labels"),
        (r"r\s*:", ANSWER, "P: and R: labels"),
    ]
]
STATEMENT_MARKER = re.compile(r"##[ \t]+")
NUMBER = re.compile(r"\d{1,2}[ \t]*(?:\.-|\.\)|\.|\)|-)[ \t]+")
DASH = re.compile(r"[—–][ \t]*")
QUESTION_END = re.compile(r"\?[”’\"'»)\]]*$")
BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
SOURCE = re.compile(r"(?:source|fuente)[ \t]*:[ \t]*(?P<name>[^\n]+)", re.IGNORECASE)

NO_PAIRS = (
    "No question/answer pairs were recognised. Mark prompts with “Q:”, end them with “?”, "
    "or start a statement prompt with “## ”."
)


class ImportRefused(ValueError):
    """Refuse an upload; the message tells the editor what to change."""


@dataclass
class ParsedPair:
    """A prompt and its answer (paragraphs joined by a blank line), labels and dashes removed."""

    prompt: str
    answer: str
    is_statement: bool


@dataclass
class ParsedInterview:
    """An interview as read from text; `formats` names the ways its prompts were recognised."""

    title: str
    standfirst: str
    intro: str
    pairs: list[ParsedPair]
    source_name: str
    formats: list[str]


@dataclass
class _Block:
    """A paragraph as the parser reads it: its text without label, and what it is."""

    text: str
    role: str
    format: str = ""


def check_size(size, max_bytes=MAX_IMPORT_BYTES):
    """Raise ImportRefused when a file of `size` bytes is larger than the importer takes."""
    if size > max_bytes:
        raise ImportRefused(
            f"The file is {math.ceil(size / 1000)} KB; the importer takes up to {max_bytes / 1000:g} KB."
        )


def read_text(data, max_bytes=MAX_IMPORT_BYTES):
    """
    Return the text of an uploaded file as a text field stores it: each line break (VT and FF
    included, which word processors paste) a "\\n", other control characters removed (see
    control_characters.clean_text()). Raise ImportRefused when the file is empty, larger than
    `max_bytes`, or not UTF-8 text.
    """
    check_size(len(data), max_bytes)
    # UTF-8 text never contains a NUL byte; Word documents, PDFs and UTF-16 files do.
    if b"\x00" in data:
        raise ImportRefused(
            "This is not a plain text file. Save the interview as plain text (.txt, UTF-8) and upload it again."
        )
    try:
        text = clean_text(data.decode("utf-8-sig"), multiline=True)
    except UnicodeDecodeError:
        raise ImportRefused(
            "The file is not UTF-8 text. Save it as plain text with the UTF-8 encoding and upload it again."
        ) from None
    if not text.strip():
        raise ImportRefused("The file is empty.")
    return text


def parse_interview(text):
    """
    Split `text` into title, standfirst, intro and prompt/answer pairs, following the rules
    in this module's docstring. Raise ImportRefused when no pair is recognised or a prompt
    has no answer.
    """
    paragraphs = _split_paragraphs(text)
    source_name = ""
    if len(paragraphs) > 1 and (source := SOURCE.fullmatch(paragraphs[-1])):
        source_name = source["name"].strip()
        paragraphs.pop()
    if not paragraphs:
        raise ImportRefused(NO_PAIRS)
    title, body = paragraphs[0], paragraphs[1:]
    labelled = any(_is_labelled_prompt(paragraph) for paragraph in body)

    front, pairs, formats = [], [], []
    after_prompt = False
    for paragraph in body:
        block = _read_block(paragraph, labelled=labelled, after_prompt=after_prompt)
        if block.role == PROMPT:
            if pairs and not pairs[-1][1]:
                _refuse_unanswered(pairs[-1][0], "before the next prompt")
            pairs.append((block.text, []))
        elif pairs:
            pairs[-1][1].append(block.text)
        else:
            # Before the first prompt, labels and dashes mean nothing: keep the words as written.
            front.append(paragraph)
        if block.role == PROMPT and block.format not in formats:
            formats.append(block.format)
        after_prompt = block.role == PROMPT
    if not pairs:
        raise ImportRefused(NO_PAIRS)
    if not pairs[-1][1]:
        _refuse_unanswered(pairs[-1][0], "before the end of the text")

    return ParsedInterview(
        title=title,
        standfirst=front[0] if front else "",
        intro="\n\n".join(front[1:]),
        pairs=[
            ParsedPair(prompt=prompt, answer="\n\n".join(answer), is_statement=not QUESTION_END.search(prompt))
            for prompt, answer in pairs
        ],
        source_name=source_name,
        formats=formats,
    )


def _split_paragraphs(text):
    """
    Return the stripped paragraphs of `text`: blocks separated by blank lines, or its lines
    when it has no blank line at all. A line starting with a Q/A label starts a paragraph, for
    transcripts that put a question and its answer on consecutive lines.
    """
    text = text.strip()
    blocks = BLANK_LINE.split(text) if BLANK_LINE.search(text) else text.split("\n")
    paragraphs = []
    for block in blocks:
        lines = []
        for line in block.split("\n"):
            if lines and _label(line.strip()):
                paragraphs.append("\n".join(lines))
                lines = []
            lines.append(line)
        paragraphs.append("\n".join(lines))
    return [paragraph.strip() for paragraph in paragraphs if paragraph.strip()]


def _label(paragraph):
    """Return the (match, role, format) of the Q/A label `paragraph` starts with, or None."""
    for regex, role, name in LABELS:
        if match := regex.match(paragraph):
            return match, role, name
    return None


def _is_labelled_prompt(paragraph):
    """Tell whether `paragraph` is a prompt by its label, number or dash, whatever its context."""
    label = _label(paragraph)
    if label:
        return label[1] == PROMPT
    return bool((NUMBER.match(paragraph) or DASH.match(paragraph)) and QUESTION_END.search(paragraph))


def _read_block(paragraph, *, labelled, after_prompt):
    """Return what `paragraph` is: a prompt, an answer (by label or dash), or plain text."""
    if marker := STATEMENT_MARKER.match(paragraph):
        return _Block(paragraph[marker.end() :].strip(), PROMPT, STATEMENT_PROMPTS)
    if label := _label(paragraph):
        match, role, name = label
        return _Block(paragraph[match.end() :].strip(), role, name)
    if (number := NUMBER.match(paragraph)) and QUESTION_END.search(paragraph):
        return _Block(paragraph[number.end() :].strip(), PROMPT, NUMBERED_QUESTIONS)
    if dash := DASH.match(paragraph):
        text = paragraph[dash.end() :].strip()
        is_prompt = QUESTION_END.search(text) and not after_prompt
        return _Block(text, PROMPT if is_prompt else ANSWER, DASH_PROMPTS)
    if not labelled and _is_question_line(paragraph):
        return _Block(paragraph, PROMPT, SPANISH_QUESTIONS if "¿" in paragraph else QUESTION_LINES)
    return _Block(paragraph, TEXT)


def _is_question_line(paragraph):
    """Tell whether an unlabelled paragraph reads as a question: see the module docstring."""
    if "\n" in paragraph or len(paragraph) > MAX_QUESTION_LINE:
        return False
    if paragraph.startswith("¿"):
        return True
    parts = sentences(paragraph)
    return bool(QUESTION_END.search(parts[0]) and QUESTION_END.search(parts[-1]))


def _refuse_unanswered(prompt, where):
    shown = prompt if len(prompt) <= 80 else prompt[:79].rstrip() + "…"
    raise ImportRefused(f"The prompt “{shown}” has no answer {where}. Add its answer or remove the prompt.")
