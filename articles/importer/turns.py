"""
Tell whose turn each paragraph of an interview is: a prompt (the interviewer's), an answer (the
interviewee's), or plain text that continues the turn before it.

A paragraph is a prompt when it:

- starts with "## " (a prompt an editor marks by hand), or is in bold ("**Why?**", as Markdown
  writes it and as an HTML page's bold prompts are read, see markup.py);
- starts with a question label: "Q:", "Q.", "Question:", "Pregunta:", "Pregunta.", "P:", "P."
  (any case), "질문:", "문:", and Korean papers' "▶"; an answer label ("A:", "A.", "Answer:",
  "Respuesta:", "Respuesta.", "R:", "R.", "답변:", "답:", and Yonhap's "▲") starts an answer; a
  label's colon may be full-width ("질문：");
- starts with the interviewer's name as a label ("EL ECONOMISTA: …", "ORTIZ: …", "Laura
  Méndez: …", "기자: …"; a name of one capitalised word, "Lee: …", when it labels two
  paragraphs or more): in a text whose turns are labelled with names (in capitals, two to four
  capitalised words, or Korean), the first name that labels two turns or more is the
  interviewer's, every other name an interviewee's; a name followed by initials ("ANA TORRES
  (AT): …") is the speaker the later turns label with those initials ("AT: …");
- is numbered ("1.- ", "2. ", "3) ") and ends with "?", or continues the numbering of the
  prompts before and after it (a numbered statement);
- starts with a dash (—, –, ―, Yonhap's "--", or a hyphen typed for one): when two dash paragraphs follow
  each other somewhere, the text gives both sides a dash (the Spanish raya) and dash turns
  alternate, the interviewer's first; otherwise only the interviewer's turns have one (as in
  the Korean press), statements included. A single dash paragraph is a prompt when it ends
  with "?" and follows no prompt;
- is a question line: one line of at most 300 characters whose first and last sentences are
  questions ("Minister, what…? And when…?", "Señor ministro, ¿cómo…?"), or that starts with
  "¿", unless what follows its question answers it ("¿Por qué? Porque…"). Question lines are
  only looked for when the text marks none of its prompts (labels, names, numbers or dashes), so
  a short question inside a marked answer does not split it.

An answer set in quotation marks after its prompt, as Korean papers set them, loses them.
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from .text import sentences

MAX_QUESTION_LINE = 300
# Words that open the answer to a question: after "¿…?" they make it a question its speaker asks
# and answers ("¿Por qué híbridos? Porque…").
ANSWERING = {"porque", "pues", "sí", "no", "claro", "bueno", "mire", "mira", "simple", "sencillo"}

QUESTION_LINES = gettext_lazy("question lines")
SPANISH_QUESTIONS = gettext_lazy("Spanish questions (¿…?)")
NUMBERED_QUESTIONS = gettext_lazy("numbered questions")
DASH_PROMPTS = gettext_lazy("prompts introduced by a dash")
STATEMENT_PROMPTS = gettext_lazy("statement prompts marked with ##")
BOLD_PROMPTS = gettext_lazy("prompts in bold")
NAME_LABELS = gettext_lazy("names as labels")

PROMPT, ANSWER, TEXT = "prompt", "answer", "text"

# (label, role, the format it belongs to); matched case-insensitively at a paragraph's start, its
# colon typed as such or full-width (：), as East Asian keyboards type it.
LABELS = [
    (re.compile(pattern + r"\s*", re.IGNORECASE), role, name)
    for pattern, role, name in [
        (r"q\s*[:：]", PROMPT, gettext_lazy("Q: and A: labels")),
        (r"a\s*[:：]", ANSWER, gettext_lazy("Q: and A: labels")),
        (r"q\.(?=\s)", PROMPT, gettext_lazy("Q. and A. labels")),
        (r"a\.(?=\s)", ANSWER, gettext_lazy("Q. and A. labels")),
        (r"question\s*[:：]", PROMPT, gettext_lazy("Question: and Answer: labels")),
        (r"answer\s*[:：]", ANSWER, gettext_lazy("Question: and Answer: labels")),
        (r"pregunta\s*[:：]", PROMPT, gettext_lazy("Pregunta: and Respuesta: labels")),
        (r"respuesta\s*[:：]", ANSWER, gettext_lazy("Pregunta: and Respuesta: labels")),
        (r"pregunta\.(?=\s)", PROMPT, gettext_lazy("Pregunta. and Respuesta. labels")),
        (r"respuesta\.(?=\s)", ANSWER, gettext_lazy("Pregunta. and Respuesta. labels")),
        (r"p\s*[:：]", PROMPT, gettext_lazy("P: and R: labels")),
        (r"r\s*[:：]", ANSWER, gettext_lazy("P: and R: labels")),
        (r"p\.(?=\s)", PROMPT, gettext_lazy("P. and R. labels")),
        (r"r\.(?=\s)", ANSWER, gettext_lazy("P. and R. labels")),
        (r"질문\s*[:：]", PROMPT, gettext_lazy("질문: and 답변: labels")),
        (r"답변\s*[:：]", ANSWER, gettext_lazy("질문: and 답변: labels")),
        (r"문\s*[:：]", PROMPT, gettext_lazy("문: and 답: labels")),
        (r"답\s*[:：]", ANSWER, gettext_lazy("문: and 답: labels")),
        # Yonhap's answers after its "--" prompts.
        (r"▲", ANSWER, gettext_lazy("▲ answers")),
        # Korean papers' prompts, their answers unmarked or in quotes: "▶ 공장 증설 계획은.".
        (r"[▶►]", PROMPT, gettext_lazy("▶ prompts")),
    ]
]
# Quotation marks an answer may stand between, opening and closing.
QUOTES = [('"', '"'), ("“", "”")]
STATEMENT_MARKER = re.compile(r"##[ \t]+")
# A paragraph in bold, as markup.py writes a page's bold prompts and Markdown writes bold: "**Why?**".
BOLD_PROMPT = re.compile(r"\*\*(?P<prompt>[^*\n]+)\*\*")
NUMBER = re.compile(r"(?P<number>\d{1,2})[ \t]*(?:\.-|\.\)|\.|\)|-)[ \t]+")
# A dash, or a hyphen typed for one ("-¿Qué…?", "-멕시코 진출 배경은."), though not a list's "- item" or "-5%".
# Yonhap's double hyphen ("-- 교역 규모는.") is one dash.
DASH = re.compile(r"[—–―][ \t]*|--[ \t]*|-(?=[^\s\d-])")
QUESTION_END = re.compile(r"\?[”’\"'»)\]]*$")
# A name as a label: in capitals ("ORTIZ:", "SEUNG-HOON LEE:"), two to four capitalised words
# ("Laura Méndez:", "Ana de la Torre:"), or Korean ("기자:", "김민수:", "이상민 장관:").
CAPITALISED = r"[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü'’.-]+"
SPEAKER = re.compile(
    r"(?P<name>[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ'’.\- ]{0,38}[A-ZÁÉÍÓÚÑÜ.]"
    rf"|{CAPITALISED}(?:[ \t]+(?:(?:de|del|la|las|los|y)[ \t]+)*{CAPITALISED}){{0,3}}"
    r"|[가-힣]{2,5}(?:[ \t][가-힣]{1,5})?)"
    # Initials the later turns are labelled with ("ANA TORRES (AT): …", then "AT: …").
    r"(?:[ \t]*\((?P<initials>[A-ZÁÉÍÓÚÑÜ]{1,5})\))?[ \t]*[:：][ \t]+"
)
HANGUL_NAME = re.compile(r"[가-힣 \t]+")
# Labels that name no speaker.
NOT_SPEAKERS = {
    *("BY", "CREDIT", "FOTO", "FUENTE", "NOTA", "NOTE", "PHOTO", "POR", "POSTED", "PUBLICADO", "PUBLISHED"),
    *("SOURCE", "UPDATED", "ACTUALIZADO", "EDITOR'S NOTE", "NOTA DEL EDITOR"),
    *("사진", "자료", "출처", "참고", "편집자주", "편집자 주"),
}


@dataclass
class Turn:
    """A paragraph as the parser reads it: its text without label, number or dash, and whose it is."""

    text: str
    role: str
    format: str = ""


def label(paragraph):
    """Return the (match, role, format) of the Q/A label `paragraph` starts with, or None."""
    for regex, role, name in LABELS:
        if match := regex.match(paragraph):
            return match, role, name
    return None


def read_turns(paragraphs):
    """
    Return the Turn of each of `paragraphs` (the text after the title, without the page's
    furniture), following the rules of this module's docstring.
    """
    speakers = _speakers(paragraphs)
    interviewer = _interviewer_label(paragraphs, speakers)
    numbered = _numbered_prompts(paragraphs)
    dashes = [index for index, paragraph in enumerate(paragraphs) if DASH.match(paragraph)]
    alternating = any(later == earlier + 1 for earlier, later in zip(dashes, dashes[1:], strict=False))
    marked = (
        interviewer is not None
        or bool(numbered)
        or len(dashes) > 1
        or any(
            _single_dash_prompt(p)
            or p.startswith("--")
            or BOLD_PROMPT.fullmatch(p)
            or ((found := label(p)) and found[1] == PROMPT)
            for p in paragraphs
        )
    )

    turns, dash_role, after_prompt, quoted = [], PROMPT, False, False
    for index, paragraph in enumerate(paragraphs):
        turn = Turn(paragraph, TEXT)
        if marker := STATEMENT_MARKER.match(paragraph):
            turn = Turn(paragraph[marker.end() :].strip(), PROMPT, STATEMENT_PROMPTS)
        elif bold := BOLD_PROMPT.fullmatch(paragraph):
            turn = Turn(bold["prompt"].strip(), PROMPT, BOLD_PROMPTS)
        elif found := label(paragraph):
            match, role, name = found
            turn = Turn(paragraph[match.end() :].strip(), role, name)
        elif interviewer and (speaker := _speaker(paragraph, speakers)):
            role = PROMPT if _who(speaker) == interviewer else ANSWER
            turn = Turn(paragraph[speaker.end() :].strip(), role, NAME_LABELS)
        elif index in numbered:
            turn = Turn(paragraph[NUMBER.match(paragraph).end() :].strip(), PROMPT, NUMBERED_QUESTIONS)
        elif dash := DASH.match(paragraph):
            if paragraph.startswith("--"):
                role = PROMPT  # Yonhap's "--" marks its questions only.
            elif alternating:
                role, dash_role = dash_role, ANSWER if dash_role == PROMPT else PROMPT
            elif len(dashes) > 1:
                role = PROMPT
            else:
                role = PROMPT if _single_dash_prompt(paragraph) and not after_prompt else ANSWER
            turn = Turn(paragraph[dash.end() :].strip(), role, DASH_PROMPTS)
        elif not marked and _is_question_line(paragraph):
            turn = Turn(paragraph, PROMPT, SPANISH_QUESTIONS if "¿" in paragraph else QUESTION_LINES)
        # An answer set in quotes after its prompt, as Korean papers set them, loses them, and so do the
        # paragraphs that continue it in quotes; a quotation inside a labelled answer keeps them.
        if turn.role == TEXT and (after_prompt or quoted) and (unquoted := _unquoted(turn.text)) != turn.text:
            turn.text, quoted = unquoted, True
        else:
            quoted = False
        turns.append(turn)
        after_prompt = turn.role == PROMPT
    return turns


def _unquoted(text):
    """Return `text` without the quotation marks around it, as Korean papers set each answer: "현재 800명이다."."""
    for opening, closing in QUOTES:
        if len(text) > 2 and text[0] == opening and text[-1] == closing and opening not in text[1:-1]:
            return text[1:-1].strip()
    return text


def _speakers(paragraphs):
    """Return how many paragraphs each name labels (its initials when it gives them), Q/A labels aside."""
    return Counter(
        _who(speaker)
        for paragraph in paragraphs
        if not label(paragraph) and (speaker := SPEAKER.match(paragraph)) and speaker["name"] not in NOT_SPEAKERS
    )


def _speaker(paragraph, speakers):
    """
    Return the match of the name `paragraph` starts with as a label, or None: a name of one
    capitalised word ("Lee: …") only when it labels two paragraphs or more, so that "Objetivo: …"
    said once in an answer is no speaker.
    """
    speaker = SPEAKER.match(paragraph)
    if not speaker or speaker["name"] in NOT_SPEAKERS:
        return None
    one_word = (
        " " not in speaker["name"] and not speaker["name"].isupper() and not HANGUL_NAME.fullmatch(speaker["name"])
    )
    return None if one_word and speakers[_who(speaker)] < 2 else speaker


def _who(speaker):
    """Return whom a name label names: its initials when it gives them, as the later turns' labels do."""
    return speaker["initials"] or speaker["name"]


def _interviewer_label(paragraphs, speakers):
    """Return the interviewer's name label when the text labels its turns with names, else None."""
    names = [
        _who(speaker) for paragraph in paragraphs if not label(paragraph) and (speaker := _speaker(paragraph, speakers))
    ]
    counts = Counter(names)
    if len(counts) < 2:
        return None
    return next((name for name in names if counts[name] > 1), None)


def _numbered_prompts(paragraphs):
    """
    Return the indexes of the numbered prompts: numbered paragraphs ending with "?", and those
    that continue the numbering of such prompts (the one before, if any, and the next numbered question).
    """
    numbered = [
        (index, int(number["number"]), bool(QUESTION_END.search(paragraph)))
        for index, paragraph in enumerate(paragraphs)
        if (number := NUMBER.match(paragraph))
    ]
    if not any(question for _, _, question in numbered):
        return set()
    prompts, last = set(), 0
    for position, (index, number, question) in enumerate(numbered):
        following = next((n for _, n, q in numbered[position + 1 :] if q), None)
        continues = number == last + 1 and (following == number + 1 or (following is None and last))
        if question or continues:
            prompts.add(index)
            last = number
    return prompts


def _single_dash_prompt(paragraph):
    return bool(DASH.match(paragraph) and QUESTION_END.search(paragraph))


def _is_question_line(paragraph):
    """Tell whether an unlabelled paragraph reads as a question: see the module docstring."""
    if "\n" in paragraph or len(paragraph) > MAX_QUESTION_LINE:
        return False
    parts = sentences(paragraph)
    if paragraph.startswith("¿"):
        # "¿Por qué híbridos? Porque…": a question its speaker answers at once is part of an answer.
        return len(parts) == 1 or parts[1].split()[0].lower().strip(",.") not in ANSWERING
    return bool(QUESTION_END.search(parts[0]) and QUESTION_END.search(parts[-1]))
