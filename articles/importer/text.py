"""Sentence boundaries, shared by the interview parser and the fact suggester."""

import re

# A full stop after these words does not end a sentence ("Mr. Lee", "Sra. Pérez", "U.S. trade").
ABBREVIATIONS = {
    "approx",
    "dr",
    "e.g",
    "ee.uu",
    "etc",
    "gen",
    "i.e",
    "ing",
    "lic",
    "mr",
    "mrs",
    "ms",
    "no",
    "núm",
    "prof",
    "sr",
    "sra",
    "srta",
    "st",
    "u.s",
    "vs",
}

# Sentence-ending punctuation (with any closing quotes or brackets) and the space after it,
# or a line break, which always ends a sentence so that no quote spans two lines.
BOUNDARY = re.compile(r"[.!?…][”’\"'»)\]]*(?P<space>[ \t]+)(?=\S)|[ \t]*\n\s*")


def sentence_spans(text):
    """Return the (start, end) offsets of the sentences of `text`, in order, without outer space."""
    spans, start = [], 0
    for match in BOUNDARY.finditer(text):
        if match["space"] is not None and not _ends_sentence(text, match):
            continue
        end = match.start("space") if match["space"] is not None else match.start()
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text.rstrip())))
    return [(start, end) for start, end in spans if end > start]


def sentences(text):
    """Return the sentences of `text`."""
    return [text[start:end] for start, end in sentence_spans(text)]


def _ends_sentence(text, match):
    """Tell a full stop that ends a sentence from one after an abbreviation or an initial."""
    if text[match.end()].islower():
        return False
    if text[match.start()] != ".":
        return True
    word = word_before(text, match.start()).lstrip("(“\"'«")
    return not (word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper()))


def word_before(text, end):
    """Return the last word of text[:end], read back from `end`: splitting all of it made long texts slow."""
    while end and text[end - 1].isspace():
        end -= 1
    start = end
    while start and not text[start - 1].isspace():
        start -= 1
    return text[start:end]
