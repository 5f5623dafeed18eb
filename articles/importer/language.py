"""Tell which of Kormex's languages (English, Spanish, Korean) an imported text is written in."""

import re

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


def detect_language(text):
    """
    Return "ko", "es" or "en": Korean when at least a fifth of the letters of `text` are
    Hangul (Korean articles quote Latin names and acronyms freely), else Spanish or English by
    which language's common words (and ¿, ¡, ñ) occur more often; English on a tie.
    """
    letters = len(LETTER.findall(text))
    if letters and len(HANGUL.findall(text)) * 5 >= letters:
        return "ko"
    english = spanish = 0
    for word in WORD.findall(text.lower()):
        english += word in ENGLISH_WORDS
        spanish += word in SPANISH_WORDS
    spanish += len(SPANISH_MARKS.findall(text))
    return "es" if spanish > english else "en"
