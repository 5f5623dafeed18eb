"""
Read an uploaded interview and split it into title, standfirst, intro and prompt/answer pairs,
as an editor marks a newspaper interview by hand.

The text (HTML is read as the text a browser shows) is read as paragraphs separated by blank
lines, or as lines when it has no blank line at all. The page's furniture is left out wherever
it is: photo captions, pull quotes (quoted words said elsewhere in the text), share buttons, and
subheadings between an answer and the next prompt; so are source, copyright and agency lines at
the end, which name the source, and datelines and bylines there.
The first paragraph is the title (after any section label above it, "ENTREVISTA", or before it,
"[Interview] …"), unless it is a labelled question ("Q: …"): then the text has none. Before the
first prompt, datelines give the original date, bylines the interviewer, and of the other
paragraphs the first is the standfirst and the rest the intro. Whose turn each paragraph after
that is follows the rules of turns.py: a prompt runs until the answer starts, an answer until
the next prompt. When the text marks its answers (with labels, names or dashes), plain
paragraphs continue the turn before them, prompt or answer; otherwise a plain paragraph after a
prompt starts its answer.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy

from .datelines import is_place, read_dateline, read_lede
from .files import ImportRefused
from .furniture import (
    agency_lede,
    is_bare_name,
    is_caption,
    is_kicker,
    is_link_heading,
    is_link_line,
    is_link_title,
    is_pull_quote,
    is_share_bar,
    read_byline,
    read_masthead,
    read_signature,
    read_source,
    title_without_kicker,
)
from .language import detect_language
from .turns import ANSWER, DASH, PROMPT, QUESTION_END, TEXT, label, read_turns

BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
# What a dateline holds besides its date when it names the place and then the journalist.
PLACE_THEN_BYLINE = re.compile(r"(?P<place>.+?)[\s,.;:|–—-]+(?P<byline>(?i:by|por)\s.+)")

# A subheading inside an interview: a marked line ("◆ 멕시코 시장 전망"), or a few words starting with a
# capital or Hangul, without a comma or the punctuation that ends a sentence.
SUBHEADING_PATTERN = re.compile(r"[◆■●◇□]\s*[^\n]{1,70}|(?=[A-ZÁÉÍÓÚÑ¿¡가-힣])[^\n,.;:!?…]{1,70}(?<![\s\"”»)])")
SENTENCE_ENDS = (".", "!", "?", "…", "”", '"', "»", ")")
MAX_SUBHEADING_WORDS = 8
CAPTION, PULL_QUOTE, DATELINE, BYLINE, SOURCE_LINE, KICKER, LINKS, SHARE_BUTTONS, SUBHEADING = (
    gettext_lazy("photo caption"),
    gettext_lazy("pull quote"),
    gettext_lazy("dateline"),
    gettext_lazy("byline"),
    gettext_lazy("source line"),
    gettext_lazy("section label"),
    gettext_lazy("link to other stories or tags"),
    gettext_lazy("share buttons"),
    gettext_lazy("subheading"),
)
# At most this many story titles follow a "관련 기사" or "Related:" heading at the end of a page.
MAX_LINKED_STORIES = 8
NO_PAIRS = gettext_lazy(
    "No question/answer pairs were recognised. Mark prompts with “Q:”, end them with “?”, "
    "or start a statement prompt with “## ”."
)


@dataclass
class ParsedPair:
    """A prompt and its answer (paragraphs joined by a blank line), labels and dashes removed."""

    prompt: str
    answer: str
    is_statement: bool


@dataclass
class ParsedInterview:
    """
    An interview as read from text. `formats` names the ways its prompts were recognised,
    `left_out` the furniture left out of it, as (category, paragraph) in reading order.
    """

    title: str
    standfirst: str
    intro: str
    pairs: list[ParsedPair]
    source_name: str
    formats: list[str]
    language: str = "en"
    original_date: datetime.date | None = None
    interviewer_name: str = ""
    left_out: list[tuple[str, str]] = field(default_factory=list)
    # The encoding the uploaded file was read from when it was not UTF-8 (decode()), set by the importer's caller.
    encoding: str = ""


def parse_interview(text):
    """
    Read `text` as this module's docstring says. Raise ImportRefused when no pair is
    recognised or a prompt has no answer.
    """
    language = detect_language(text)
    paragraphs = _split_paragraphs(text)
    if not paragraphs:
        raise ImportRefused(NO_PAIRS)
    # Where each paragraph, and each line of one, is read: what is left out is listed in that order.
    reading_order = {}
    for index, paragraph in enumerate(paragraphs):
        for piece in [paragraph, *(line.strip() for line in paragraph.split("\n"))]:
            reading_order.setdefault(piece, index)
    parsed = ParsedInterview(title="", standfirst="", intro="", pairs=[], source_name="", formats=[], language=language)
    # At the end: links to other stories and tags, source and copyright lines, and an agency's
    # dateline or byline ("서울=연합뉴스 홍길동 기자").
    back_lines = []
    while len(paragraphs) > 1:
        if name := read_source(paragraphs[-1]):
            parsed.source_name = name
            parsed.left_out.append((SOURCE_LINE, paragraphs.pop()))
        elif _read_front_line(paragraphs[-1], language, back_lines):
            paragraphs.pop()
        elif is_share_bar(paragraphs[-1]):
            parsed.left_out.append((SHARE_BUTTONS, paragraphs.pop()))
        elif links := _trailing_links(paragraphs):
            parsed.left_out += [(LINKS, paragraph) for paragraph in paragraphs[-links:]]
            del paragraphs[-links:]
        else:
            break
    front_lines = []
    head = 0
    while head < len(paragraphs) - 1 and _read_head(paragraphs[head], language, parsed, front_lines):
        head += 1
    # A text that opens with its first question has no title: the editor gives it one.
    if (found := label(paragraphs[head])) and found[1] == PROMPT:
        body = _without_furniture(paragraphs[head:], parsed)
    else:
        # A title is one line: a text field drops line breaks, gluing the words on either side.
        parsed.title = " ".join(title_without_kicker(paragraphs[head]).split())
        body = _without_furniture(paragraphs[head + 1 :], parsed)
    turns = read_turns(body)
    first = next((index for index, turn in enumerate(turns) if turn.role == PROMPT), None)
    if first is None:
        raise ImportRefused(NO_PAIRS)
    # "El reto eléctrico" between an answer and the next prompt heads what follows: no part of the answer.
    subheadings = [index for index in range(first + 2, len(turns) - 1) if _is_subheading(turns, index)]
    parsed.left_out += [(SUBHEADING, body[index]) for index in subheadings]
    turns = [turn for index, turn in enumerate(turns) if index not in subheadings]

    # Before the first prompt, labels and dashes mean nothing: keep the words as written.
    front = [paragraph for paragraph in body[:first] if not _read_front_line(paragraph, language, front_lines)]
    # "(서울=연합뉴스) 홍길동 기자 = 멕시코와…": the agency's dateline and byline open the story.
    lede = agency_lede(front[0]) if front else None
    if lede:
        front[0] = front[0][lede.end() :]
        parsed.source_name = parsed.source_name or lede["agency"]
    # "Ciudad de México, 12 de marzo de 2025.- El embajador…", under the journalist's name alone.
    for index, paragraph in enumerate(front[:2]):
        if opening := read_lede(paragraph, language):
            front[index], dateline = paragraph[opening.end :], paragraph[: opening.end].strip()
            reading_order.setdefault(dateline, reading_order.get(paragraph, 0))
            front_lines.append((DATELINE, dateline, [(opening.date, False)] if opening.date else [], ""))
            parsed.source_name = parsed.source_name or opening.agency
            if index == 1 and is_bare_name(front[0]):
                front_lines.append((BYLINE, front[0], [], front.pop(0)))
            break
    parsed.standfirst = front[0] if front else ""
    parsed.intro = "\n\n".join(front[1:])
    parsed.pairs = _pairs(turns[first:])
    parsed.formats = list(dict.fromkeys(str(turn.format) for turn in turns[first:] if turn.role == PROMPT))
    front_lines += back_lines
    dates = [when for _, _, line_dates, _ in front_lines for when in line_dates]
    # Of "Published … / Updated …", the first publication is the original date.
    parsed.original_date = next((day for day, update in dates if not update), dates[0][0] if dates else None)
    parsed.interviewer_name = next((byline for _, _, _, byline in front_lines if byline), lede["name"] if lede else "")
    parsed.left_out += [(category, paragraph) for category, paragraph, _, _ in front_lines]
    parsed.left_out = sorted(
        ((str(category), paragraph) for category, paragraph in parsed.left_out), key=lambda item: reading_order[item[1]]
    )
    return parsed


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
            if lines and label(line.strip()):
                paragraphs.append("\n".join(lines))
                lines = []
            lines.append(line)
        paragraphs.append("\n".join(lines))
    return [paragraph.strip() for paragraph in paragraphs if paragraph.strip()]


def _read_head(paragraph, language, parsed, front_lines):
    """
    Tell whether `paragraph`, above the title, is the paper's name, a section label, a dateline or
    a byline, or lines that each are one ("Economía\nLunes 10 de marzo de 2025"); if so, note the
    paper's name as the source and each of them as left out.
    """
    lines = [line.strip() for line in paragraph.split("\n")]
    read = []
    if not all(read_masthead(line) or is_kicker(line) or _read_front_line(line, language, read) for line in lines):
        return False
    for line in lines:
        if name := read_masthead(line):
            parsed.source_name = parsed.source_name or name
            parsed.left_out.append((SOURCE_LINE, line))
        elif is_kicker(line):
            parsed.left_out.append((KICKER, line))
    front_lines.extend(read)
    return True


def _read_front_line(paragraph, language, front_lines):
    """
    Tell whether `paragraph` is a dateline or a byline, or lines that each are one (pasted
    pages put them on consecutive lines), or a journalist's name over their address; if so, add
    (category, line, its [(date, is an update)], the name of its byline's journalist) to
    `front_lines` for each.
    """
    if name := read_signature(paragraph):
        front_lines.append((BYLINE, paragraph, [], name))
        return True
    lines = paragraph.split("\n")
    if len(lines) > 1:
        read = []
        if all(_read_front_line(line.strip(), language, read) for line in lines):
            front_lines.extend(read)
            return True
        return False
    dateline = read_dateline(paragraph, language)
    byline = read_byline(dateline.rest if dateline else paragraph)
    # "Ciudad de México, 3 de marzo de 2025.- Por Laura Méndez": a place, then a byline.
    if dateline and byline is None and (parts := PLACE_THEN_BYLINE.fullmatch(dateline.rest)):
        byline = read_byline(parts["byline"]) if is_place(parts["place"]) else None
    if dateline and byline is None and not is_place(dateline.rest):
        return False
    if not dateline and byline is None:
        return False
    front_lines.append((DATELINE if dateline else BYLINE, paragraph, dateline.dates if dateline else [], byline or ""))
    return True


def _is_subheading(turns, index):
    """
    Tell whether the plain paragraph `turns[index]` is a subheading: short, unpunctuated, between
    an answer whose last paragraph ends a sentence and the next prompt ("El reto eléctrico",
    "◆ 멕시코 시장 전망"); an answer's list ("Inversión", "Talento") is none.
    """
    turn, before = turns[index], turns[index - 1]
    return (
        turn.role == TEXT
        and turns[index + 1].role == PROMPT
        and before.role != PROMPT
        and before.text.rstrip().endswith(SENTENCE_ENDS)
        and len(turn.text.split()) <= MAX_SUBHEADING_WORDS
        and bool(SUBHEADING_PATTERN.fullmatch(turn.text))
    )


def _trailing_links(paragraphs):
    """
    Return how many of the last `paragraphs` are links to other stories: a link line, or a
    heading such as "관련 기사" followed by at most MAX_LINKED_STORIES story titles, as paragraphs
    or as the lines of the heading's; else 0.
    """
    heading, *titles = paragraphs[-1].split("\n")
    if is_link_line(paragraphs[-1]) or (
        titles and len(titles) <= MAX_LINKED_STORIES and is_link_heading(heading) and all(map(is_link_title, titles))
    ):
        return 1
    for count in range(2, min(MAX_LINKED_STORIES + 1, len(paragraphs) - 1) + 1):
        if not is_link_title(paragraphs[-count + 1]):
            return 0
        if is_link_heading(paragraphs[-count]):
            return count
    return 0


def _without_furniture(paragraphs, parsed):
    """
    Return `paragraphs` without photo captions, pull quotes and links, noting them in
    `parsed.left_out`; a paragraph opening with "▲" after a dash prompt is Yonhap's answer, no caption.
    """
    text = "\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)
    kept = []
    for paragraph in paragraphs:
        if is_share_bar(paragraph):
            parsed.left_out.append((SHARE_BUTTONS, paragraph))
        elif is_link_line(paragraph):
            parsed.left_out.append((LINKS, paragraph))
        elif is_caption(paragraph) and not (paragraph.startswith("▲") and kept and DASH.match(kept[-1])):
            parsed.left_out.append((CAPTION, paragraph))
        elif is_pull_quote(paragraph, text):
            parsed.left_out.append((PULL_QUOTE, paragraph))
        else:
            kept.append(paragraph)
    return kept


def _pairs(turns):
    """Return the ParsedPairs of `turns`, which start with a prompt."""
    answers_marked = any(turn.role == ANSWER for turn in turns)
    pairs, side = [], 0  # side: where plain paragraphs go, 0 the prompt and 1 the answer
    for turn in turns:
        if turn.role == PROMPT:
            if pairs:
                _close(pairs[-1], gettext("before the next prompt"))
            pairs.append(([], []))
            side = 0
        elif turn.role == ANSWER or (pairs[-1][0] and not answers_marked):
            # Plain text after a prompt starts its answer, unless the text marks its answers.
            side = 1
        if turn.text:
            pairs[-1][side].append(turn.text)
    _close(pairs[-1], gettext("before the end of the text"))
    return [
        ParsedPair(prompt=prompt, answer=answer, is_statement=not QUESTION_END.search(prompt))
        for prompt, answer in (("\n\n".join(prompt), "\n\n".join(answer)) for prompt, answer in pairs)
    ]


def _close(pair, where):
    """
    Check that `pair` has a prompt and an answer. A prompt of several paragraphs that none
    marks as the answer gives its answer the paragraphs after its first: an answer that lost its label.
    """
    prompt, answer = pair
    if not prompt:
        raise ImportRefused(
            gettext(
                "A prompt is marked (with a label, a number or a dash) but has no words. Write the prompt "
                "after its mark, or remove the mark."
            )
        )
    if not answer and len(prompt) > 1:
        answer.extend(prompt[1:])
        del prompt[1:]
    if not answer:
        shown = prompt[0] if len(prompt[0]) <= 80 else prompt[0][:79].rstrip() + "…"
        raise ImportRefused(
            gettext("The prompt “%(prompt)s” has no answer %(where)s. Add its answer or remove the prompt.")
            % {"prompt": shown, "where": where}
        )
