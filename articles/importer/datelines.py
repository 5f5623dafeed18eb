"""
Read the datelines of a newspaper article: the line that says when it was published.

A dateline is a line of its own holding full dates (day, month and year), each with an optional
label ("Published:", "Posted :", "Publicado el", "Actualizado:", "입력", "수정", "기사입력") and
time ("18:30", "9:15 AM", "06:00 CST", "21:10 hrs"), and besides them nothing but separators, a
place ("Ciudad de México, 14 de abril de 2024") or a byline ("Por Daniela Rivas Publicado el…").
Dates are read as "30 Aug. 2024", "Aug. 30, 2024", "30 de agosto de 2024", "12 mar 2024",
"2024-05-21", "2024.08.30", "2025.03.12.", "2024년 8월 30일", "21/07/2024" and "21/07/24" (day
first, except in English when both readings are possible), after the day of the week if it is
written.
"""

import datetime
import re
from dataclasses import dataclass, field

MONTH_NAMES = {
    **dict.fromkeys(["january", "jan", "enero", "ene"], 1),
    **dict.fromkeys(["february", "feb", "febrero"], 2),
    **dict.fromkeys(["march", "mar", "marzo"], 3),
    **dict.fromkeys(["april", "apr", "abril", "abr"], 4),
    **dict.fromkeys(["may", "mayo"], 5),
    **dict.fromkeys(["june", "jun", "junio"], 6),
    **dict.fromkeys(["july", "jul", "julio"], 7),
    **dict.fromkeys(["august", "aug", "agosto", "ago"], 8),
    **dict.fromkeys(["september", "sep", "sept", "septiembre", "setiembre", "set"], 9),
    **dict.fromkeys(["october", "oct", "octubre"], 10),
    **dict.fromkeys(["november", "nov", "noviembre"], 11),
    **dict.fromkeys(["december", "dec", "diciembre", "dic"], 12),
}
MONTH = r"(?P<{}>" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\.?"
DAY, YEAR = r"(?P<{}>[0-3]?\d)", r"(?P<{}>(?:19|20)\d\d)"
DATES = [
    # 2024-05-21, 2024.08.30, 2024/08/30, 2025.03.12. (a full stop after the day, as Korean sites write it)
    rf"{YEAR.format('y1')}[-./](?P<m1>[01]?\d)[-./]{DAY.format('d1')}\b\.?",
    rf"{YEAR.format('y2')}년\s*(?P<m2>[01]?\d)월\s*{DAY.format('d2')}일",
    # 21/07/2024, 30.08.2024, 12/03/25 (a year of two digits after a slash only)
    rf"(?P<a3>[0-3]?\d)[/.](?P<b3>[01]?\d)(?:[/.]{YEAR.format('y3')}|/(?P<yy3>\d\d))\b",
    # 30 Aug. 2024, 30 de agosto de 2024, 12 mar 2024, 5 de junio del 2024
    rf"{DAY.format('d4')}(?:\s+de)?\s+{MONTH.format('m4')}(?:\s+del?)?,?\s+{YEAR.format('y4')}\b",
    # Aug. 30, 2024, September 16, 2024
    rf"{MONTH.format('m5')}\s+{DAY.format('d5')}(?:st|nd|rd|th)?,?\s+{YEAR.format('y5')}\b",
]
UPDATE_LABEL = r"(?P<update>updated|last updated|modified|actualizado|última actualización|수정|업데이트)"
LABEL = rf"(?:{UPDATE_LABEL}|published|posted|publicado|fecha|입력|기사입력|등록|발행|작성)"
TIME = r"\d{1,2}[:.h]\d\d(?::\d\d)?(?:\s*[ap]\.?\s?m\.?)?(?:\s*(?:hrs?\.?|horas|h)\b)?(?:\s*\(?[A-Z]{2,4}\)?(?![\w]))?"
# The day of the week before a date: "miércoles 12 marzo 2025", "Wednesday, March 12, 2025".
WEEKDAY = (
    r"(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday)\s*,?\s*"
)
DATELINE = re.compile(
    rf"(?:{LABEL}\s*:?\s*(?:el\s+|on\s+)?)?(?:{WEEKDAY})?(?:{'|'.join(f'(?:{date})' for date in DATES)})"
    rf"(?:\s*(?:,|at|a las|-|–|—|\|)?\s*{TIME})?",
    re.IGNORECASE,
)
SEPARATORS = " \t,;|/·-–—:"
# A day and month without the year, as agencies date the day's stories: "5 mar", "12 de marzo", "March 12".
DAY_MONTH = re.compile(
    rf"{DAY.format('d1')}(?:\s+de)?\s+{MONTH.format('m1')}|{MONTH.format('m2')}\s+{DAY.format('d2')}", re.I
)
AGENCIES = r"EFE|AFP|AP|Reuters|Notimex|NTX|Yonhap|Europa Press|Xinhua|Bloomberg|ANSA|dpa|Prensa Latina|Sputnik"
# The place, date and agency opening a news story's first paragraph, before a dash: "Ciudad de
# México, 12 de marzo de 2025.- El embajador…", "MADRID, 5 mar (EFE).- …", "SEOUL, March 12 (Yonhap) -- …".
LEDE = re.compile(
    rf"(?P<place>[^,()\n]{{2,40}}?)(?:,\s*(?P<date>[^,()\n]{{3,40}}?))?\s*(?:\((?P<agency>{AGENCIES})\))?"
    r"\s*\.?\s*(?:--?|–|—)\s*(?=\S)"
)
# What a place may hold: capitalised words and the particles between them.
PLACE_WORD = re.compile(r"[A-ZÁÉÍÓÚÑÜ][\w'’.-]*|[가-힣]+|de|del|la|las|los|el|y|of|the")
MAX_DATELINE = 150


@dataclass
class Dateline:
    """The dates a line gives, in order, each with whether it is an update, and the rest of the line."""

    dates: list[tuple[datetime.date, bool]] = field(default_factory=list)
    rest: str = ""

    @property
    def published(self):
        """The date of first publication: the first date not labelled as an update, else the first one."""
        return next((day for day, update in self.dates if not update), self.dates[0][0])


def read_dateline(line, language):
    """
    Return the dates of `line` as a Dateline, or None when it holds none or a date that is not
    one of the calendar. `rest` is what the line holds besides dates, labels, times and
    separators: the line is a dateline when that is a place (see is_place) or a byline.
    """
    if "\n" in line or len(line) > MAX_DATELINE:
        return None
    dateline = Dateline()
    for match in DATELINE.finditer(line):
        day = _date(match, language)
        if day is None:
            return None
        dateline.dates.append((day, bool(match["update"])))
    if not dateline.dates:
        return None
    dateline.rest = " ".join(DATELINE.sub(" ", line).strip(SEPARATORS + ".").split())
    return dateline


@dataclass
class Lede:
    """Where a story's opening place, date and agency end, the date (None without a year) and the agency."""

    end: int
    date: datetime.date | None
    agency: str


def read_lede(paragraph, language):
    """
    Return the place, date and agency `paragraph` opens with (LEDE) as a Lede, or None when it
    opens with no place, or with a place followed by neither a date nor an agency.
    """
    match = LEDE.match(paragraph)
    if not match or not is_place(match["place"]) or not (match["date"] or match["agency"]):
        return None
    date = None
    if match["date"]:
        dateline = read_dateline(match["date"], language)
        if dateline and not dateline.rest:
            date = dateline.published
        elif not DAY_MONTH.fullmatch(match["date"].strip(" .")):
            return None
    return Lede(match.end(), date, match["agency"] or "")


def _date(match, language):
    """Return the date `match` found, or None when it names no day of the calendar."""
    groups = {name: value for name, value in match.groupdict().items() if value and name != "update"}
    if "a3" in groups:
        first, second = int(groups["a3"]), int(groups["b3"])
        # English (American) writes the month first, Spanish and Korean the day; unless the numbers forbid it.
        month_first = first <= 12 if language == "en" else second > 12
        day, month = (second, first) if month_first else (first, second)
        year = int(groups["y3"]) if "y3" in groups else 2000 + int(groups["yy3"])
    else:
        number = next(key[-1] for key in groups if key.startswith("y"))
        month = groups[f"m{number}"]
        month = int(month) if month.isdigit() else MONTH_NAMES[month.lower()]
        day, year = int(groups[f"d{number}"]), int(groups[f"y{number}"])
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def is_place(text):
    """Tell whether `text` is nothing or could be a place name: "Ciudad de México", "SEÚL", "서울"."""
    words = text.split()
    return len(words) <= 5 and all(PLACE_WORD.fullmatch(word.strip(",.")) for word in words)
