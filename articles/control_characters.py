"""
Control characters in editor text. Word processors paste a vertical tab or a form feed for a
manual line break, and other tools leave ESC, NUL or C1 codes behind: XML 1.0 cannot hold most
of them (a feed holding one cannot be written) and PostgreSQL refuses NUL.

Every text field of the app's models holds text as clean_text() leaves it, whatever writes it:
the admin's forms (admin.common.CleanTextField), the importer (importer.read_text) and every
save, raw ones included (loaddata, django-reversion's restores), through the pre_save receiver
the app connects. XML output passes what it writes through clean_text() as well, for text
stored otherwise (queryset.update(), or before these rules).
"""

import re

from django.db import models

# What ends a line, besides LF and CR: VT and FF (what word processors paste for a manual line
# break), NEL, and Unicode's line and paragraph separators.
LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
# Not characters at all; XML refuses them too.
NONCHARACTERS = "\ufffe\uffff"
# The C0 and C1 controls and DEL.
CONTROLS = "".join(chr(code) for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)])


def translation(multiline):
    """Return the str.translate() table of clean_text() for `multiline` or single-line text."""
    table = dict.fromkeys(map(ord, CONTROLS + NONCHARACTERS))
    table.update(dict.fromkeys(map(ord, LINE_BREAKS), "\n" if multiline else " "))
    table[ord("\t")] = "\t" if multiline else " "
    return table


TABLES = {multiline: translation(multiline) for multiline in (False, True)}
# The characters each table changes: text without any of them is left as it is, at the cost of a search.
UNCLEAN = {
    multiline: re.compile(f"[{re.escape(''.join(chr(code) for code, value in table.items() if value != chr(code)))}]")
    for multiline, table in TABLES.items()
}


def clean_text(text, multiline=False):
    """
    Return `text` without control characters. Each line break (LF, CR or CRLF, VT, FF, NEL,
    U+2028, U+2029) becomes a newline in `multiline` text and a space in single-line text; a tab
    stays in `multiline` text and becomes a space in single-line text; every other C0 or C1
    control, NUL and DEL included, and the noncharacters U+FFFE and U+FFFF are removed.

    A character is replaced alike wherever it is, so a quote and the text it quotes, both cleaned
    as multi-line text, keep the one inside the other.
    """
    if not UNCLEAN[multiline].search(text):
        return text
    return text.replace("\r\n", "\n").translate(TABLES[multiline])


def clean_text_fields(instance):
    """
    Clean the text of every CharField (slugs and addresses included) and TextField of model
    `instance`, TextFields as multi-line text.
    """
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(field, models.CharField | models.TextField) and isinstance(value, str):
            setattr(instance, field.attname, clean_text(value, multiline=isinstance(field, models.TextField)))


def clean_before_saving(sender, instance, **kwargs):
    """Receive pre_save, raw saves included: clean the text fields of the object about to be saved."""
    clean_text_fields(instance)
