"""
Drawing a share card with Pillow: a 1200×630 PNG of a Card's words (content.py), wrapped to the
card's width and cut with an ellipsis where they do not fit, in the font settings.SHARE_CARD_FONTS
names. Korean text wraps between any two characters, other languages between words.
"""

import os
import re
from functools import lru_cache
from io import BytesIO

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont, ImageOps

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
# The lead image, when an article has one, fills the card's right side.
IMAGE_WIDTH = 420
BACKGROUND = "#ffffff"
TEXT = "#1c1c1c"
MUTED = "#4a4a4a"
ACCENT = "#9b1c31"
ELLIPSIS = "…"
# (weight, size in pixels, line height, colour) of each part of a card.
EYEBROW = ("bold", 28, 40, ACCENT)
HEADLINE = ("bold", 58, 74, TEXT)
FIGURE = ("bold", 104, 124, ACCENT)
BODY = ("regular", 36, 50, TEXT)
FOOTER = ("regular", 28, 40, MUTED)
GAP = 24
# Languages whose text may wrap between any two characters.
PER_CHARACTER = {"ko"}


@lru_cache(maxsize=32)
def load_font(path, index, size):
    """
    Return face `index` of the font file at `path` at `size` pixels. Only that file: Pillow
    looks for a font it cannot open in the host's font directories, which must not happen.
    """
    if not (os.path.isabs(path) and os.path.isfile(path)):
        raise OSError(f"no font file at {path}")
    return ImageFont.truetype(path, size, index=index)


def font(weight, size):
    """Return the card font of `weight` ("regular" or "bold") at `size` pixels."""
    return load_font(settings.SHARE_CARD_FONTS[weight], settings.SHARE_CARD_FONT_INDEX, size)


def tokens(text, per_character):
    """Split `text` into what a line may break after: characters, or words with their spaces."""
    return list(text) if per_character else re.findall(r"\S+\s*", text)


def fits(line, face, width):
    return face.getlength(line.rstrip()) <= width


def ellipsized(line, face, width):
    """Return `line` cut so that it and an ellipsis fit `width`, with the ellipsis."""
    while line and not fits(line.rstrip() + ELLIPSIS, face, width):
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def wrap(text, face, width, max_lines, per_character=False):
    """
    Return `text` in lines at most `width` pixels wide in `face`, at most `max_lines` of them;
    the last line kept ends with an ellipsis when some text is left out. A word wider than a
    line is broken between its characters.
    """
    lines, line = [], ""
    for token in tokens(" ".join(text.split()), per_character):
        if fits(line + token, face, width):
            line += token
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = ""
        for char in token.lstrip():
            if line and not fits(line + char, face, width):
                lines.append(line.rstrip())
                line = ""
            line += char
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = ellipsized(lines[-1], face, width)
    return lines


class Canvas:
    """A card being drawn: the image, the text's left and right edges, and where the next text goes."""

    def __init__(self, image, right, per_character):
        self.image = image
        self.draw = ImageDraw.Draw(image)
        self.right = right
        self.per_character = per_character
        self.top = MARGIN

    def lines(self, text, style, max_lines):
        weight, size, _, _ = style
        return wrap(text, font(weight, size), self.right - MARGIN, max_lines, self.per_character)

    def write(self, lines, style, top):
        weight, size, line_height, colour = style
        for number, line in enumerate(lines):
            self.draw.text((MARGIN, top + number * line_height), line, font=font(weight, size), fill=colour)
        return top + len(lines) * line_height

    def add(self, text, style, bottom, max_lines):
        """Write `text` below what is written, in as many of `max_lines` as fit above `bottom`."""
        room = (bottom - self.top) // style[2]
        if not text or room < 1:
            return
        self.top = self.write(self.lines(text, style, min(max_lines, room)), style, self.top) + GAP


def draw_card(card, image=None):
    """
    Return `card` drawn as PNG bytes. `image` (a Pillow image, an article's lead image) fills the
    right side of the card when given.
    """
    canvas = Canvas(Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND), WIDTH - MARGIN, card.language in PER_CHARACTER)
    if image is not None:
        canvas.image.paste(ImageOps.fit(image.convert("RGB"), (IMAGE_WIDTH, HEIGHT)), (WIDTH - IMAGE_WIDTH, 0))
        canvas.right = WIDTH - IMAGE_WIDTH
    canvas.draw.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)
    footer = canvas.lines(card.footer, FOOTER, 2) if card.footer else []
    bottom = HEIGHT - MARGIN - len(footer) * FOOTER[2]
    canvas.write(footer, FOOTER, bottom)
    canvas.add(card.eyebrow, EYEBROW, bottom, 1)
    canvas.add(card.headline, FIGURE if card.figure else HEADLINE, bottom, 2 if card.figure else 3)
    canvas.add(card.body, BODY, bottom, 4)
    buffer = BytesIO()
    canvas.image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
