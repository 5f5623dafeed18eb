"""
Read an uploaded or pasted interview as text: its encoding, its size, HTML read as the text a
browser shows, and the characters pages leave behind made plain.
"""

import codecs
import math
import re
from contextlib import suppress

from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy

from ..control_characters import clean_text
from .markup import html_to_text, looks_like_html

MAX_IMPORT_BYTES = 200_000
# The encoding an HTML page declares: <meta charset="…">, or its http-equiv's content.
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# What decode() tries when a file is not UTF-8, in order, with the name the review page gives it.
LEGACY_ENCODINGS = [
    ("cp949", gettext_lazy("Korean Windows text (CP949)")),
    ("cp1252", gettext_lazy("Western Windows text (Windows-1252)")),
]

# The spaces of typesetting (no-break, thin, ideographic) read as spaces, so that a quote typed
# with plain spaces matches the text.
SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Characters that show nothing and that pages leave behind: a byte order mark, the zero-width
# space and word joiner, and the bidirectional embeddings, overrides and isolates, which Korean,
# Spanish and English text never need and which would reorder what editors and readers see. A
# quote typed over them would not match the text.
INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


class ImportRefused(ValueError):
    """Refuse an upload; the message tells the editor what to change."""


def check_size(size, max_bytes=MAX_IMPORT_BYTES):
    """Raise ImportRefused when a text (pasted or in a file) of `size` bytes is larger than the importer takes."""
    if size > max_bytes:
        raise ImportRefused(
            gettext("The text is %(size)s KB; the importer takes up to %(limit)s KB.")
            % {"size": number_format(math.ceil(size / 1000), force_grouping=True), "limit": f"{max_bytes / 1000:g}"}
        )


def common_hangul(character):
    """Tell whether `character` is one of the 2,350 Hangul syllables of KS X 1001, the ones Korean text uses."""
    if not "\uac00" <= character <= "\ud7a3":
        return False
    lead, trail = character.encode("cp949")
    return 0xB0 <= lead <= 0xC8 and trail >= 0xA1


def declared_encoding(data):
    """Return the encoding an HTML page declares (<meta charset>) as written, or "" if none Python knows."""
    if found := CHARSET.search(data[:4096]):
        with suppress(LookupError):
            codecs.lookup(label := found[1].decode())
            return label
    return ""


def decode(data):
    """
    Return the text `data` holds and the name of its encoding when it is not UTF-8 (else ""):
    UTF-16 with its byte order mark (Notepad's and Word's "Unicode" text), the encoding an HTML
    page declares, or, failing UTF-8, the Windows encodings editors' tools still save in: Korean
    (CP949), read only when common Hangul syllables are most of what is not ASCII, then Western
    (Windows-1252). Raise ImportRefused for anything else.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        with suppress(UnicodeDecodeError):
            return data.decode("utf-16"), "UTF-16"
    declared = declared_encoding(data)
    if declared and codecs.lookup(declared).name != "utf-8" and b"\x00" not in data:
        with suppress(UnicodeDecodeError):
            return data.decode(declared), declared
    # Text in the other encodings never contains a NUL byte; Word documents and PDFs do.
    if b"\x00" in data:
        raise ImportRefused(
            gettext(
                "This is not a plain text file. Save the interview as plain text (.txt, UTF-8) and upload it again."
            )
        )
    with suppress(UnicodeDecodeError):
        return data.decode("utf-8-sig"), ""
    for codec, name in LEGACY_ENCODINGS:
        with suppress(UnicodeDecodeError):
            text = data.decode(codec)
            foreign = [character for character in text if not character.isascii()]
            if codec != "cp949" or sum(map(common_hangul, foreign)) > len(foreign) / 2:
                return text, str(name)
    raise ImportRefused(
        gettext("The file is not UTF-8 text. Save it as plain text with the UTF-8 encoding and upload it again.")
    )


def read_text(data, max_bytes=MAX_IMPORT_BYTES):
    """
    Return the text of an uploaded or pasted file as a text field stores it (control characters
    cleaned by control_characters.clean_text(), a paragraph separator read as a blank line), with
    HTML read as text (see markup.py), typesetting spaces made plain and invisible characters
    removed (INVISIBLE), and the name of the encoding it was read from when that is not UTF-8
    (decode()). Raise ImportRefused when the file is empty, larger than `max_bytes`, or not text.
    """
    check_size(len(data), max_bytes)
    text, encoding = decode(data)
    text = INVISIBLE.sub("", SPACES.sub(" ", clean_text(text.replace("\u2029", "\n\n"), multiline=True)))
    if looks_like_html(text):
        text = html_to_text(text)
    if not text.strip():
        raise ImportRefused(gettext("The file is empty."))
    return text, encoding
