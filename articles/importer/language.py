"""Tell which of Kormex's languages (English, Spanish, Korean) an imported text is written in."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]+")
# The commonest short words of each language that the other rarely uses.
ENGLISH_WORDS = {
    *("and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he", "i", "in", "is"),
    *("it", "its", "of", "on", "our", "that", "the", "their", "this", "to", "was", "we", "were", "what"),
    *("which", "will", "with", "you"),
}
SPANISH_WORDS = {
    *("al", "como", "con", "de", "del", "el", "en", "es", "está", "la", "las", "lo", "los", "más", "nos"),
    *("para", "pero", "por", "que", "qué", "se", "su", "sus", "un", "una", "y", "ya"),
}
SPANISH_MARKS = re.compile(r"[¿¡ñÑ]")


@dataclass(frozen=True)
class Detection:
    """
    The language of a text ("ko", "es" or "en") and what it was told by: the share of its
    letters that are Hangul, and how many common Spanish words (and ¿, ¡, ñ) and common
    English words it has.
    """

    language: str
    hangul_percent: int
    spanish: int
    english: int

    @property
    def evidence(self):
        """Say, for the editor, what the detection went by."""
        if self.language == "ko":
            return gettext("%(percent)s%% of the letters are Hangul.") % {"percent": self.hangul_percent}
        spanish = ngettext(
            "%(count)d common Spanish word or mark", "%(count)d common Spanish words or marks", self.spanish
        ) % {"count": self.spanish}
        english = ngettext("%(count)d common English word", "%(count)d common English words", self.english) % {
            "count": self.english
        }
        return gettext("%(spanish)s against %(english)s; %(percent)s%% of the letters are Hangul.") % {
            "spanish": spanish,
            "english": english,
            "percent": self.hangul_percent,
        }


def detect(text):
    """
    Return the Detection of `text`: Korean when at least a fifth of its letters are Hangul
    (Korean articles quote Latin names and acronyms freely), else Spanish or English by which
    language's common words (and ¿, ¡, ñ) occur more often; English on a tie.
    """
    letters = len(LETTER.findall(text))
    hangul = len(HANGUL.findall(text))
    english = spanish = 0
    for word in WORD.findall(text.lower()):
        english += word in ENGLISH_WORDS
        spanish += word in SPANISH_WORDS
    spanish += len(SPANISH_MARKS.findall(text))
    language = "ko" if letters and hangul * 5 >= letters else "es" if spanish > english else "en"
    return Detection(language, round(100 * hangul / letters) if letters else 0, spanish, english)


def detect_language(text):
    """Return the language of `text`, "ko", "es" or "en", as detect() tells it."""
    return detect(text).language
