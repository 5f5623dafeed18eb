"""
A fact's value as editors type it: in the admin's language, with the separators Kormex prints
figures with there (formatting.SEPARATORS): 12.000,5 in Spanish, 12,000.5 in English and Korean.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from ..formatting import SEPARATORS, active_language, grouped

# Spaces editors and pasted text put between digit groups ("150 000"): plain, no-break, thin.
SPACES = re.compile(r"[\s\u00a0\u2009\u202f]")
EXAMPLE = Decimal("12000.5")


def plain_number(text, language):
    """
    Return `text`, a number written with `language`'s separators, in plain digits with a point
    ("12.000,5" in Spanish: "12000.5"), or None if it is not one. A thousands separator counts
    only between groups of three digits: "12.5" is no Spanish number, rather than 125 or 12.5.
    """
    point, thousands = (re.escape(mark) for mark in SEPARATORS[language])
    text = SPACES.sub("", text)
    match = re.fullmatch(rf"([+-]?)(\d{{1,3}}(?:{thousands}\d{{3}})+|\d*)(?:{point}(\d+))?", text)
    if match is None or not (match[2] or match[3]):
        return None
    sign, whole, fraction = match.groups()
    whole = re.sub(thousands, "", whole) or "0"
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


class FigureField(forms.DecimalField):
    """A decimal typed and shown in the admin's language (a text input: a number input would drop "12.000,5")."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        # Not the number input's min, max and step; a keyboard of digits on phones.
        return {"inputmode": "decimal"}

    def prepare_value(self, value):
        return grouped(value, active_language()) if isinstance(value, Decimal) else value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        language = active_language()
        number = plain_number(str(value), language)
        if number is None:
            raise ValidationError(
                gettext("Write the number like %(example)s.") % {"example": grouped(EXAMPLE, language)},
                code="invalid",
            )
        return super().to_python(number)
