"""Path converters (registered in articles/urls.py)."""

from .filters import SLUG_PATTERN


class UnicodeSlugConverter:
    """Match the Unicode slugs of themes and articles (letters of any script, digits, - and _)."""

    regex = SLUG_PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
