"""
The citation of an article or a fact, in the page's language, and the four formats readers
download it in: plain text, BibTeX, RIS and CSL-JSON. One record (Citation) holds what every
format says; each format only spells it.
"""

import json
import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from .formatting import format_date

# BibTeX's special characters, as LaTeX writes them in text; anything else (non-ASCII included)
# is kept as it is, for a UTF-8 bibliography (biber, or bibtex with inputenc).
BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
BIBTEX_SPECIAL = re.compile("|".join(re.escape(character) for character in BIBTEX_ESCAPES))
LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
# The shape of the keys built from ids ("kormex-fact-198"), which no slug-based key may take.
ID_KEY = re.compile(r"(article|fact)-\d+")


@dataclass(frozen=True)
class Citation:
    """
    What a citation of a Kormex page says, in one language: its key (a file name and a BibTeX
    key, ASCII), its title, who said it (`author`, a name or ""), its credit ("Sang Min Lee,
    interview in El Economista, October 2024"), the quote of a fact, the page's address and
    language, when Kormex published it, the source the interview first appeared in, and the day
    it is accessed.
    """

    key: str
    kind: str
    title: str
    author: str
    credit: str
    quote: str
    url: str
    language: str
    issued: date | None
    source: str
    accessed: date

    @property
    def accessed_label(self):
        return gettext("accessed %(accessed)s") % {"accessed": format_date(self.accessed, "day")}


def article_key(article):
    """
    Return the citation key of `article`: "kormex-<slug>" when the slug is ASCII, else
    "kormex-article-<id>". Classic BibTeX takes ASCII keys only, so an article whose slug has
    other letters ("josé-…", "한국-…") is keyed by its id, as a fact is ("kormex-fact-198").
    Keys stay unique because slugs are, and an ASCII slug shaped like an id key ("fact-3") is
    keyed by its id too. A key changes only when the slug does.
    """
    if article.slug.isascii() and not ID_KEY.fullmatch(article.slug):
        return f"kormex-{article.slug}"
    return f"kormex-article-{article.pk}"


def article_citation(article, url):
    """Return the citation of `article` (the version in the page's language) at the absolute address `url`."""
    return Citation(
        key=article_key(article),
        kind="article",
        title=article.title,
        author=article.interviewee.local_name if article.interviewee else "",
        credit=article.credit,
        quote="",
        url=url,
        language=article.language,
        issued=timezone.localdate(article.published_at) if article.published_at else None,
        source=article.source.name if article.source else "",
        accessed=timezone.localdate(),
    )


def fact_citation(fact, url):
    """Return the citation of `fact`, in the wording the page shows, at the absolute address `url`."""
    wording = fact.wording
    article = fact.article
    who = fact.person or fact.speaker
    return Citation(
        key=f"kormex-fact-{fact.pk}",
        kind="fact",
        title=wording.statement,
        author=who.local_name if who else "",
        credit=fact.credit,
        quote=wording.quote,
        url=url,
        language=wording.language,
        issued=timezone.localdate(article.published_at) if article.published_at else None,
        source=article.source.name if article.source else "",
        accessed=timezone.localdate(),
    )


def one_line(text):
    """Return `text` on one line: a line break inside a value would end an RIS line or a BibTeX field's look."""
    return LINE_BREAKS.sub(" ", text).strip()


def as_text(citation):
    """The citation as the pages show it: "Credit: “quote”. Title. Kormex, URL (accessed 6 December 2026)."."""
    opening = f"{citation.credit}: “{citation.quote}”" if citation.quote else citation.credit
    title = citation.title if citation.title.endswith((".", "?", "!", "。")) else f"{citation.title}."
    return f"{opening}. {title} {settings.SITE_NAME}, {citation.url} ({citation.accessed_label}).\n"


def bibtex_escape(text):
    return BIBTEX_SPECIAL.sub(lambda match: BIBTEX_ESCAPES[match.group()], one_line(text))


def as_bibtex(citation):
    """
    The citation as a BibTeX @misc entry, which every style knows. The author's name is braced
    whole, so that BibTeX does not reorder a Korean or Spanish name; the address is verbatim.
    """
    fields = [
        ("title", bibtex_escape(citation.title)),
        ("author", "{" + bibtex_escape(citation.author) + "}" if citation.author else ""),
        ("howpublished", bibtex_escape(settings.SITE_NAME)),
        ("year", str(citation.issued.year) if citation.issued else ""),
        ("month", str(citation.issued.month) if citation.issued else ""),
        ("url", citation.url),
        ("urldate", citation.accessed.isoformat()),
        ("language", citation.language),
        ("note", bibtex_escape(f"{citation.credit}; {citation.accessed_label}")),
    ]
    if citation.quote:
        fields.append(("abstract", bibtex_escape(citation.quote)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{citation.key},\n{body}\n}}\n"


def as_ris(citation):
    """The citation as an RIS record: "TAG  - value" lines, CRLF-ended, from TY (an electronic source) to ER."""
    lines = [
        ("TY", "ELEC"),
        ("ID", citation.key),
        ("TI", one_line(citation.title)),
        ("AU", citation.author),
        ("PY", str(citation.issued.year) if citation.issued else ""),
        ("DA", citation.issued.strftime("%Y/%m/%d/") if citation.issued else ""),
        ("PB", settings.SITE_NAME),
        ("T2", citation.source),
        ("UR", citation.url),
        ("Y2", citation.accessed.strftime("%Y/%m/%d/")),
        ("LA", citation.language),
        ("AB", one_line(citation.quote)),
        ("N1", one_line(f"{citation.credit}; {citation.accessed_label}")),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value) + "ER  - \r\n"


def date_parts(day):
    return {"date-parts": [[day.year, day.month, day.day]]}


def as_csl_json(citation):
    """The citation as CSL-JSON: a list of one item, as citation managers import it."""
    item = {
        "id": citation.key,
        "type": "interview" if citation.kind == "article" else "webpage",
        "title": citation.title,
        "author": [{"literal": citation.author}] if citation.author else [],
        "container-title": settings.SITE_NAME,
        "publisher": settings.SITE_NAME,
        "original-publisher": citation.source,
        "URL": citation.url,
        "language": citation.language,
        "issued": date_parts(citation.issued) if citation.issued else None,
        "accessed": date_parts(citation.accessed),
        "abstract": citation.quote,
        "note": citation.credit,
    }
    return json.dumps([{name: value for name, value in item.items() if value}], ensure_ascii=False, indent=2) + "\n"


# Each format by its file extension: its media type and the function that writes it.
FORMATS = {
    "txt": ("text/plain; charset=utf-8", as_text),
    "bib": ("application/x-bibtex; charset=utf-8", as_bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", as_ris),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", as_csl_json),
}
