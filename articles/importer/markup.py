"""Read HTML pasted or uploaded as an interview: its text, as a reader sees it, in paragraphs."""

import re
from html.parser import HTMLParser

from .turns import QUESTION_END, STATEMENT_MARKER, label

# A text is read as HTML when it holds one of these tags: what a copied article page holds.
HTML_TAG = re.compile(
    r"<(?:p|br|div|h[1-6]|span|strong|b|em|i|a|article|section|figure|blockquote|ul|ol|li|time|table)\b[^<>]*>",
    re.IGNORECASE,
)
# Elements after which a paragraph ends.
BLOCKS = {
    *("address", "article", "blockquote", "dd", "div", "dl", "dt", "footer", "h1", "h2", "h3", "h4", "h5"),
    *("h6", "header", "hr", "li", "main", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"),
}
# Elements whose content is not the article's text: code, page furniture, and figures, whose
# captions and credits describe a picture.
SKIPPED = {
    *("aside", "button", "figure", "form", "head", "iframe", "nav", "noscript", "object", "script"),
    *("select", "style", "svg", "template", "video", "audio"),
}
# Elements that have no end tag: they never open a skipped region.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")
BOLD = {"b", "strong"}
# A page that sets at least this many prompts in bold at the start of their paragraphs marks them so.
MIN_BOLD_PROMPTS = 2
MAX_BOLD_PROMPT = 300


def looks_like_html(text):
    """Tell whether `text` is HTML markup rather than plain text."""
    return bool(HTML_TAG.search(text))


def html_to_text(markup):
    """
    Return the text of `markup` as a browser shows it: tags removed, entities decoded, white
    space collapsed, a blank line between paragraphs (block elements, and lines that two <br>
    leave a blank line between) and a line break for each other <br>; scripts, styles, figures
    and page furniture (navigation, asides, forms) left out.

    A page may mark its prompts only in bold, at the start of a paragraph: "<p><b>Why
    Oaxaca?</b> I came for a week…</p>", or "<p><strong>교민 수는 얼마나 되나</strong></p>". When
    two paragraphs or more start with a bold question or are bold throughout, those are its
    prompts (a bold label such as "Q:" aside). They are written in bold as Markdown writes it
    ("**Why Oaxaca?**"), on a paragraph of their own; what follows one in its paragraph starts the
    answer.
    """
    reader = _TextReader()
    reader.feed(markup)
    reader.close()
    return reader.text()


class _TextReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = [[]]
        # Where the bold run a paragraph starts with ends, in its parts (None: it starts with none).
        self.bold_ends = [None]
        self.in_leading_bold = False
        self.skipping = []

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            if tag not in VOID:
                self.skipping.append(tag)
        elif tag in SKIPPED:
            self.skipping.append(tag)
        elif tag == "br":
            self.paragraphs[-1].append("\n")
        elif tag in BLOCKS:
            self._end_paragraph()
        elif tag in BOLD and not "".join(self.paragraphs[-1]).strip() and self.bold_ends[-1] is None:
            self.in_leading_bold = True

    def handle_endtag(self, tag):
        if self.skipping:
            # Close the innermost open element of that name; a stray end tag closes nothing.
            if tag in self.skipping:
                while self.skipping.pop() != tag:
                    pass
        elif tag in BLOCKS:
            self._end_paragraph()
        elif tag in BOLD and self.in_leading_bold:
            self.bold_ends[-1] = len(self.paragraphs[-1])
            self.in_leading_bold = False

    def handle_data(self, data):
        if not self.skipping:
            self.paragraphs[-1].append(SPACE.sub(" ", data))

    def _end_paragraph(self):
        self.in_leading_bold = False
        if self.paragraphs[-1]:
            self.paragraphs.append([])
            self.bold_ends.append(None)

    def bold_prompts(self):
        """Return {paragraph index: (its bold prompt, the rest)} for the prompts the page sets in bold."""
        candidates = {}
        for index, (parts, end) in enumerate(zip(self.paragraphs, self.bold_ends, strict=True)):
            if not end:
                continue
            bold, rest = " ".join("".join(parts[:end]).split()), "".join(parts[end:]).strip()
            readable = "*" not in bold and not label(bold) and not STATEMENT_MARKER.match(bold)
            if bold and len(bold) <= MAX_BOLD_PROMPT and readable:
                candidates[index] = (bold, rest)
        prompts = {index: pair for index, pair in candidates.items() if QUESTION_END.search(pair[0]) or not pair[1]}
        return prompts if len(prompts) >= MIN_BOLD_PROMPTS else {}

    def text(self):
        paragraphs = []
        prompts = self.bold_prompts()
        for index, parts in enumerate(self.paragraphs):
            if index in prompts:
                prompt, rest = prompts[index]
                paragraphs.append(f"**{prompt}**")
                parts = [rest]
            # Lines a blank one separates ("<br><br>", as many Korean pages lay out) are paragraphs.
            lines = [*(line.strip() for line in "".join(parts).split("\n")), ""]
            paragraph = []
            for line in lines:
                if line:
                    paragraph.append(line)
                elif paragraph:
                    paragraphs.append("\n".join(paragraph))
                    paragraph = []
        return "\n\n".join(paragraphs)
