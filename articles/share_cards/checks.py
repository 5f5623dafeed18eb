"""The system check that the share cards' font is installed: never a font the host happens to have."""

from django.conf import settings
from django.core.checks import Error

from .draw import load_font

FONT_CHECK_ID = "articles.E010"


def card_fonts(app_configs, **kwargs):
    """Report each font of settings.SHARE_CARD_FONTS that cannot be read at SHARE_CARD_FONT_INDEX."""
    errors = []
    for weight, path in settings.SHARE_CARD_FONTS.items():
        try:
            load_font(path, settings.SHARE_CARD_FONT_INDEX, 12)
        except OSError as error:
            errors.append(
                Error(
                    f"The share cards' {weight} font {path} (face {settings.SHARE_CARD_FONT_INDEX}) "
                    f"cannot be read: {error}.",
                    hint="Install Debian's fonts-noto-cjk (`make install` does), or set KORMEX_CARD_FONT, "
                    "KORMEX_CARD_BOLD_FONT and KORMEX_CARD_FONT_INDEX to a font with Korean glyphs (docs/cards.md).",
                    id=FONT_CHECK_ID,
                )
            )
    return errors
