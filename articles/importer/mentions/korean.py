"""
Figures and dates as Korean writes them: numbers grouped by 만, 억 and 조 ("198억 달러",
"1만6천 명"), a counter after the number and the counted noun before or after it ("일자리 약 15만
개", "430개 기업"), "30%" or "30퍼센트", "3분의 1"; dates "2016년 9월 16일", "2024년 10월",
"2000년대", and relative ones resolved against a reference date: "작년", "올해 5월", "지난 6월", "오는 12월",
"10년 전".
"""

import datetime
import re
from decimal import Decimal

from .common import (
    COUNT,
    DATE,
    DAYS,
    DURATION,
    HOURS,
    MONEY,
    MONTHS,
    NOT_AFTER,
    NUMBER,
    PERCENT,
    SPACE,
    WEEKS,
    YEAR,
    YEARS,
    Mention,
    earliest_after,
    is_year,
    latest_before,
    months_ago,
    nearest_day,
    read_number,
    whole_if_exact,
    years_ago,
)

GROUPS = {"십": 10, "백": 100, "천": 1000, "만": 10**4, "억": 10**8, "조": 10**12}
# "천만" is a thousand times 만; "1만6천" and "1조 2000억" add their groups up.
GROUP = r"[십백천]?[만억조]|[십백천]"
KOREAN_NUMBER = (
    rf"(?:{NUMBER})(?:{SPACE}?(?:{GROUP})(?:{SPACE}?(?:{NUMBER}){SPACE}?(?:{GROUP}))*(?:{SPACE}?(?:{NUMBER}))?)?"
)
GROUP_PARTS = re.compile(rf"({NUMBER}){SPACE}?({GROUP})?")
# What may follow a counter or a time unit: a particle or anything but Hangul, so that "개발"
# (development) or "전략" (strategy) is not read as "개" or "전".
ENDS = r"(?=$|[^가-힣]|[의이가은는을를에와과도로씩만]|이상|가량|정도|다(?![가-힣]))"
# What may follow a whole phrase: a particle or anything but Hangul.
PARTICLE_OR_END = r"(?=$|[^가-힣]|[의이가은는을를에와과도로])"

CURRENCIES = {"달러": "USD", "원": "KRW", "페소": "MXN", "유로": "EUR", "파운드": "GBP"}
MONEY_PATTERN = re.compile(
    rf"{NOT_AFTER}(?:(?:US|미화){SPACE}?)?(?P<number>{KOREAN_NUMBER}){SPACE}?(?P<currency>달러|원(?![칙자])|페소|유로|파운드)"
)
PERCENT_PATTERN = re.compile(rf"{NOT_AFTER}(?P<number>{NUMBER}){SPACE}?퍼센트")
FRACTION_PATTERN = re.compile(rf"{NOT_AFTER}(?P<whole>\d{{1,2}}){SPACE}?분의{SPACE}?(?P<part>\d{{1,2}})(?!\d)")

# Counters whose thing counted is known from the counter alone, and nouns counted with the others.
COUNTER_UNITS = {
    "명": "people",
    "회": "times",
    "번": "times",
    "차례": "times",
    "개국": "countries",
    "개사": "companies",
    "대": "units",
}
COUNTER = r"개국|개사|개|곳|명|건|회|번|차례|가지|대"
# "대" counts vehicles and machines from a thousand on ("50만대"); below, it is an age ("20대") or "major" ("3대 과제").
MIN_UNITS = 1000
NOUNS = {
    **dict.fromkeys(["기업", "업체", "회사"], "companies"),
    **dict.fromkeys(["일자리", "고용", "직원"], "jobs"),
    **dict.fromkeys(["사람", "한인", "교민", "동포", "인구"], "people"),
    **dict.fromkeys(["국가", "나라"], "countries"),
    "서비스": "services",
}
# Words that may stand between a noun and its number ("일자리 약 15만 개"), or between a
# count and its noun ("15만 개가 넘는 일자리").
APPROXIMATELY = {"약", "총", "무려", "모두", "최소", "최대", "현재"}
BETWEEN = {"넘는", "이상의", "가량의", "정도의", "가까운"}
# Words after a count that make it a comparison, no figure: "축구장 20개 크기의 부지" (a site the
# size of 20 football pitches).
COMPARISONS = {"크기", "면적", "넓이", "만큼", "분량"}
# Endings of verbs and adverbs: a word ending so before a count is not the noun it counts.
NOT_NOUN_ENDINGS = ("해", "고", "며", "서", "게", "지", "만", "는", "한", "된")
PARTICLES = "의이가은는을를에도와과로"
COUNT_PATTERN = re.compile(rf"{NOT_AFTER}(?P<number>{KOREAN_NUMBER}){SPACE}?(?P<counter>{COUNTER})(?!째){ENDS}")
# The subject or topic of a clause: a word and its particle ("직원은 올해 말까지 800명을 뽑는다").
SUBJECT = re.compile(rf"(?P<word>[가-힣]+?)[은는이가]{SPACE}")
WORD_BEFORE = re.compile(rf"(?P<word>[가-힣]+){SPACE}+$")
WORD_AFTER = re.compile(rf"[{PARTICLES}]?{SPACE}+(?P<word>[가-힣]+)")
NEXT_WORD = re.compile(rf"{SPACE}+(?P<word>[가-힣]+)")
ANNIVERSARY_PATTERN = re.compile(rf"{NOT_AFTER}(?P<number>\d{{1,3}}){SPACE}?주년")

TIME_UNITS = {"년": YEARS, "개월": MONTHS, "달": MONTHS, "주": WEEKS, "일": DAYS, "시간": HOURS}
DURATION_PATTERN = re.compile(
    rf"{NOT_AFTER}(?P<number>{NUMBER})(?:{SPACE}?여)?{SPACE}?(?P<unit>년|개월|달|주|일|시간)"
    rf"{SPACE}?(?:간|동안|이상|넘게|가까이|째|만에|에{SPACE}?걸쳐){PARTICLE_OR_END}"
)
# "10여 년 전" (some ten years ago) names no year: only an exact number of years or months is read.
AGO_PATTERN = re.compile(
    rf"{NOT_AFTER}(?P<number>{NUMBER}){SPACE}?(?P<unit>년|개월|달){SPACE}?전(?=$|[^가-힣]|[에의만]|부터|까지)"
)
MEASURES = {"톤": "tons", "리터": "liters"}
MEASURE_PATTERN = re.compile(rf"{NOT_AFTER}(?P<number>{KOREAN_NUMBER}){SPACE}?(?P<unit>톤|리터){PARTICLE_OR_END}")

MONTH = r"(?P<month>1[0-2]|0?[1-9])"
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])"
YEAR_WORDS = {"재작년": -2, "작년": -1, "지난해": -1, "올해": 0, "금년": 0, "내년": 1}
YEAR_WORD = rf"(?<![가-힣])(?P<which>{'|'.join(YEAR_WORDS)})"
MONTH_WORDS = {"지난달": -1, "이번 달": 0, "이달": 0, "다음 달": 1}
MONTH_WORD = rf"(?<![가-힣])(?P<which>{'|'.join(MONTH_WORDS)})"


def _absolute(match, reference):
    month = int(match["month"]) if "month" in match.re.groupindex else 1
    day = int(match["day"]) if "day" in match.re.groupindex else 1
    return datetime.date(int(match["year"]), month, day)


def _named_year(match, reference):
    month = int(match["month"]) if "month" in match.re.groupindex else 1
    return datetime.date(reference.year + YEAR_WORDS[match["which"]], month, 1)


def _last_month(match, reference):
    return latest_before(int(match["month"]), reference)


def _next_month(match, reference):
    return earliest_after(int(match["month"]), reference)


def _day_without_year(match, reference):
    return nearest_day(int(match["month"]), int(match["day"]), reference)


def _named_month(match, reference):
    return months_ago(-MONTH_WORDS[match["which"]], reference)


# (pattern, how to read it, precision, whether it is relative), the more specific first.
DATE_PATTERNS = [
    (re.compile(pattern), read, precision, relative)
    for pattern, read, precision, relative in [
        (
            rf"(?<!\d)(?P<year>{YEAR}){SPACE}?년{SPACE}?{MONTH}{SPACE}?월{SPACE}?{DAY}{SPACE}?일",
            _absolute,
            "day",
            False,
        ),
        (rf"(?<!\d)(?P<year>{YEAR}){SPACE}?년{SPACE}?{MONTH}{SPACE}?월", _absolute, "month", False),
        (rf"(?<!\d)(?P<year>(?:19|20)\d0){SPACE}?년대", _absolute, "decade", False),
        (rf"(?<!\d)(?P<year>{YEAR}){SPACE}?년(?!{SPACE}?(?:간|동안))", _absolute, "year", False),
        (rf"{YEAR_WORD}{SPACE}?{MONTH}{SPACE}?월", _named_year, "month", True),
        (rf"(?<![가-힣])지난{SPACE}?{MONTH}{SPACE}?월", _last_month, "month", True),
        (rf"(?<![가-힣])오는{SPACE}?{MONTH}{SPACE}?월", _next_month, "month", True),
        (rf"(?<!\d){MONTH}{SPACE}?월{SPACE}?{DAY}{SPACE}?일", _day_without_year, "day", True),
        (MONTH_WORD, _named_month, "month", True),
        (YEAR_WORD, _named_year, "year", True),
    ]
]


def amount(number):
    """Return the value of a number grouped by 만, 억 and 조: "198억" is 19,800,000,000."""
    total = Decimal(0)
    for digits, group in GROUP_PARTS.findall(number):
        scale = 1
        for character in group:
            scale *= GROUPS[character]
        total += read_number(digits) * scale
    return whole_if_exact(total)


def money(text):
    for match in MONEY_PATTERN.finditer(text):
        value = amount(match["number"])
        yield Mention(match.start(), match.end(), MONEY, value=value, unit=CURRENCIES[match["currency"]])


def percents(text):
    for match in PERCENT_PATTERN.finditer(text):
        yield Mention(match.start(), match.end(), PERCENT, value=read_number(match["number"]), unit="%")
    for match in FRACTION_PATTERN.finditer(text):
        whole, part = int(match["whole"]), int(match["part"])
        if 0 < part < whole:
            value = (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))
            yield Mention(match.start(), match.end(), PERCENT, value=whole_if_exact(value), unit="%")


def counts(text):
    """Yield the counts ("430개 기업") and durations ("10년 이상") of `text`."""
    for match in ANNIVERSARY_PATTERN.finditer(text):
        yield Mention(match.start(), match.end(), COUNT, value=Decimal(match["number"]), unit=YEARS)
    for match in DURATION_PATTERN.finditer(text):
        if not is_year(match["number"]):
            value = read_number(match["number"])
            yield Mention(match.start(), match.end(), DURATION, value=value, unit=TIME_UNITS[match["unit"]])
    for match in MEASURE_PATTERN.finditer(text):
        yield Mention(match.start(), match.end(), COUNT, value=amount(match["number"]), unit=MEASURES[match["unit"]])
    for match in COUNT_PATTERN.finditer(text):
        counted = _counted(text, match)
        if counted:
            start, end, unit = counted
            yield Mention(start, end, COUNT, value=amount(match["number"]), unit=unit)


def _counted(text, match):
    """
    Return where the count of `match` starts and ends with its noun, and its unit, or None. A
    known noun is looked for before the number ("직원 42명", "일자리 약 15만 개") and after a
    counter that the noun follows ("430개 기업", "430개의 한국 기업", "15만 개가 넘는 일자리");
    else the counter says it ("1033명" are people); else the noun is the word after such a
    counter ("12개 프로젝트"), or the word before one that takes a particle ("매장 5곳을"). A head
    count whose clause is about a company's staff counts jobs. A comparison ("축구장 20개 크기") is no count.
    """
    counter = match["counter"]
    if counter == "대" and amount(match["number"]) < MIN_UNITS:
        return None
    before = _word_before(text, match.start())
    after = _words_after(text, match.end())
    if before and _known(before[1]):
        return before[0], match.end(), _known(before[1])
    if after and after[0][1].rstrip(PARTICLES) in COMPARISONS:
        return None
    for end, word in after:
        if _known(word):
            return match.start(), end, _known(word)
    if counter in COUNTER_UNITS:
        unit = COUNTER_UNITS[counter]
        return match.start(), match.end(), "jobs" if unit == "people" and _staff_subject(text, match.start()) else unit
    if after:
        return match.start(), after[0][0], _unit(after[0][1])
    has_particle = match.end() < len(text) and text[match.end()] in PARTICLES
    if has_particle and before and not before[1].endswith(NOT_NOUN_ENDINGS):
        return before[0], match.end(), _unit(before[1])
    return None


def _staff_subject(text, position):
    """Tell whether the clause that a head count at `position` ends is about a company's staff ("직원은 … 800명")."""
    clause = re.split(r"[.,?!]", text[max(position - 30, 0) : position])[-1]
    return any(_known(found["word"]) == "jobs" for found in SUBJECT.finditer(clause))


def _words_after(text, position):
    """
    Return (end, word) of the words after a counter that its noun may be: up to two after "의"
    or no particle ("430개의 한국 기업"), the one after a word such as "넘는" ("15만 개가 넘는
    일자리"); none after another particle ("5곳을 운영하며" is a verb).
    """
    found = WORD_AFTER.match(text, position)
    if found and found["word"] in BETWEEN:
        found = NEXT_WORD.match(text, found.end())
        return [(found.end(), found["word"])] if found else []
    if not found or text[position] in PARTICLES and text[position] != "의":
        return []
    second = NEXT_WORD.match(text, found.end())
    return [(found.end(), found["word"])] + ([(second.end(), second["word"])] if second else [])


def _word_before(text, position):
    """Return (start, word) of the Hangul word before `position`, past words such as "약", or None."""
    for _ in range(2):
        found = WORD_BEFORE.search(text, max(position - 40, 0), position)
        if not found:
            return None
        if found["word"] not in APPROXIMATELY:
            return found.start(), found["word"]
        position = found.start()
    return None


def _known(word):
    """Return the unit of a known noun `word` holds ("중소기업이" holds "기업"), or None."""
    return next((unit for noun, unit in NOUNS.items() if noun in word), None)


def _unit(word):
    """Return the unit a counted noun is stored as: English for a known noun, else the noun without its particle."""
    known = _known(word)
    if known:
        return known
    return word[:-1] if len(word) > 2 and word[-1] in PARTICLES else word


def dates(text, reference_date):
    for pattern, read, precision, relative in DATE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                date = read(match, reference_date)
            except ValueError:
                continue  # "2024년 2월 30일"
            yield Mention(match.start(), match.end(), DATE, date=date, precision=precision, relative=relative)


def ago(text, reference_date):
    """Yield the dates a duration before the reference date names: "10년 전", "6개월 전"."""
    for match in AGO_PATTERN.finditer(text):
        count = read_number(match["number"])
        if count != int(count) or is_year(match["number"]):
            continue
        if TIME_UNITS[match["unit"]] == MONTHS:
            date, precision = months_ago(int(count), reference_date), "month"
        else:
            date, precision = years_ago(int(count), reference_date), "year"
        yield Mention(match.start(), match.end(), DATE, date=date, precision=precision, relative=True)
