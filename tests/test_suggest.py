"""
The fact suggester on the words editors found it getting wrong (issue 16): whole dates, relative
durations, clean statements, figures in prompts, and Korean figures and dates (issue 17).
"""

from datetime import date
from decimal import Decimal

import pytest

from articles.importer import suggest_facts
from articles.importer.mentions import DATE, DURATION, find_mentions

REFERENCE_DATE = date(2024, 10, 1)


def suggestions(answer, prompt="", reference_date=REFERENCE_DATE):
    return suggest_facts("", [(1, prompt, answer)], reference_date)


def only(answer, reference_date=REFERENCE_DATE):
    found = suggestions(answer, reference_date=reference_date)
    assert len(found) == 1, found
    return found[0]


def mention(text):
    (found,) = find_mentions(text, REFERENCE_DATE)
    return text[found.start : found.end], found


# Whole dates


@pytest.mark.parametrize(
    "text, words, day",
    [
        ("The agreement was signed on Sept. 16, 2016, in Seoul.", "Sept. 16, 2016", date(2016, 9, 16)),
        ("The agreement was signed on September 16, 2016, in Seoul.", "September 16, 2016", date(2016, 9, 16)),
        ("El acuerdo se firmó el 16 de septiembre de 2016 en Seúl.", "16 de septiembre de 2016", date(2016, 9, 16)),
        ("협정은 2016년 9월 16일 서울에서 체결됐다.", "2016년 9월 16일", date(2016, 9, 16)),
        ("The plant opened on 30 Aug. 2024 in Monterrey.", "30 Aug. 2024", date(2024, 8, 30)),
        ("La planta abrió el 30 ago. 2024 en Monterrey.", "30 ago. 2024", date(2024, 8, 30)),
        ("The office opened on Aug. 3rd, 2021 in Querétaro.", "Aug. 3rd, 2021", date(2021, 8, 3)),
    ],
)
def test_a_full_date_is_one_mention_with_day_precision(text, words, day):
    """Regression: "Sept. 16, 2016" was quoted as "16, 2016" with year precision."""
    assert mention(text)[0] == words
    suggestion = only(text)
    assert (suggestion.date, suggestion.date_precision) == (day, "day")
    assert words in suggestion.quote


@pytest.mark.parametrize(
    "text, day, precision",
    [
        ("The ministers met in Sept. 2016 in Seoul.", date(2016, 9, 1), "month"),
        ("Los ministros se reunieron en sept. de 2016 en Seúl.", date(2016, 9, 1), "month"),
        ("Los ministros se reunieron en ago. de 2023.", date(2023, 8, 1), "month"),
        ("The ministers met last Aug. in Seoul.", date(2024, 8, 1), "month"),
        ("The minister arrived on Sept. 16 for the inauguration.", date(2024, 9, 16), "day"),
        ("El ministro llegó el 16 de septiembre para la toma de posesión.", date(2024, 9, 16), "day"),
        ("장관은 9월 16일 취임식에 참석했다.", date(2024, 9, 16), "day"),
    ],
)
def test_abbreviated_months_and_days_without_a_year_are_read(text, day, precision):
    suggestion = only(text)
    assert (suggestion.date, suggestion.date_precision) == (day, precision)


def test_a_day_without_a_year_is_the_nearest_such_day_and_is_relative():
    assert only("The summit is on Jan. 12 in Mexico City.").date == date(2025, 1, 12)
    assert only("The summit is on Jan. 12 in Mexico City.").relative == "Jan. 12"


def test_a_sentence_does_not_end_inside_a_date():
    """Regression: the full stop of "Sept." ended the sentence, leaving "16, 2016" as a fragment."""
    suggestion = only("Korea and Mexico signed it on Sept. 16, 2016, after long talks.")
    assert suggestion.statement == "Korea and Mexico signed it on Sept. 16, 2016, after long talks."


# Relative durations


@pytest.mark.parametrize(
    "text, words, day, precision",
    [
        ("The plant opened ten years ago in Nuevo León.", "ten years ago", date(2014, 1, 1), "year"),
        ("The plant opened 10 years ago in Nuevo León.", "10 years ago", date(2014, 1, 1), "year"),
        ("The talks stalled a decade ago over cars.", "a decade ago", date(2014, 1, 1), "year"),
        ("The office opened six months ago in Tijuana.", "six months ago", date(2024, 4, 1), "month"),
        ("La planta abrió hace diez años en Nuevo León.", "hace diez años", date(2014, 1, 1), "year"),
        ("La oficina abrió hace unos 20 años.", "hace unos 20 años", date(2004, 1, 1), "year"),
        ("공장은 10년 전 누에보레온에 문을 열었다.", "10년 전", date(2014, 1, 1), "year"),
        ("사무소는 6개월 전 티후아나에 문을 열었다.", "6개월 전", date(2024, 4, 1), "month"),
    ],
)
def test_a_time_ago_is_a_date_before_the_reference_date_never_a_count(text, words, day, precision):
    """Regression: "ten years ago" was proposed as a count of 10 years."""
    suggestion = only(text)
    assert (suggestion.category, suggestion.value, suggestion.unit) == (DATE, None, "")
    assert (suggestion.date, suggestion.date_precision, suggestion.relative) == (day, precision, words)


@pytest.mark.parametrize(
    "text",
    [
        "The talks began more than ten years ago.",
        "La oficina abrió hace más de 20 años.",
        "협상은 10여 년 전 시작됐다.",
    ],
)
def test_a_vague_time_ago_gives_no_figure(text):
    assert suggestions(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Guadalupe Kim tiene 67 años y preside la asociación.",
        "Llegó a los 22 años a una hacienda.",
        "Su bisabuelo tenía menos de 20 años.",
        "The chef, who is 38 years old, opened a taco shop.",
        "Park Min-jae, a 46-year-old engineer, runs the project.",
    ],
)
def test_an_age_is_not_a_duration(text):
    assert suggestions(text) == []


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Data has been open for more than 10 years.", Decimal(10), "years"),
        ("We signed a 15-year contract for solar power.", Decimal(15), "years"),
        ("The trip by ship takes 28 days.", Decimal(28), "days"),
        ("El viaje de 28 días por barco exige cortar el fruto antes.", Decimal(28), "days"),
        ("It gives us up to six weeks to adapt a series.", Decimal(6), "weeks"),
        ("La comunidad cumplirá 120 años en 2025.", Decimal(120), "years"),
        ("관세를 최장 15년에 걸쳐 낮춘다.", Decimal(15), "years"),
        ("The programme ran for two decades.", Decimal(20), "years"),
        ("Los datos están abiertos desde hace tiempo, durante más de 10 años.", Decimal(10), "years"),
        ("The pilot lasted six months in Jalisco.", Decimal(6), "months"),
        ("데이터는 10년 이상 민간에 개방됐다.", Decimal(10), "years"),
        ("협상은 30여 년간 이어졌다.", Decimal(30), "years"),
    ],
)
def test_a_length_of_time_is_a_duration_not_a_count(text, value, unit):
    suggestion = only(text)
    assert (suggestion.category, suggestion.value, suggestion.unit) == (DURATION, value, unit)


# Statements


def test_the_statement_is_the_sentence_on_one_line_with_a_capital_and_a_full_stop():
    """Regression: the statement kept the white space of the text, and a clause started lower-case."""
    (suggestion,) = suggestions("—and trade \t reached  $19.8 billion in 2023 \n")
    assert suggestion.statement == "And trade reached $19.8 billion in 2023."


def test_a_sentence_that_is_a_question_becomes_a_statement_from_its_quote():
    (suggestion,) = suggestions("Yes.", prompt="¿Por qué cayeron las exportaciones un 5% en 2023?")
    assert suggestion.statement.endswith(".")
    assert "?" not in suggestion.statement and "¿" not in suggestion.statement
    assert suggestion.statement[0].isupper()


def test_a_sentence_too_long_for_a_statement_gives_its_quote_as_one():
    sentence = "Korean firms, " + "which build cars and parts and ships, " * 10 + "created 1,500 jobs in 2023."
    (suggestion,) = suggestions(sentence)
    assert len(suggestion.statement) <= 300
    assert suggestion.statement == "Created 1,500 jobs in 2023."


def test_every_statement_fits_the_field_and_reads_as_a_sentence():
    text = (
        "In 2023, trade reached $19.8 billion! And 1,500 jobs were created last June; "
        "investment: $9.3 billion\n\n“About 16,000 Koreans live in Mexico,” he said"
    )
    for suggestion in suggestions(text, prompt="Exports grew 5% in 2023. Why?"):
        assert suggestion.statement == suggestion.statement.strip()
        assert "\n" not in suggestion.statement
        assert len(suggestion.statement) <= 300
        assert suggestion.statement.rstrip("”’\"'»)").endswith(".")
        first = next(character for character in suggestion.statement if character.isalnum())
        assert not first.islower()


def test_a_date_or_a_duration_alone_in_a_question_is_not_suggested_but_a_figure_is():
    assert suggestions("Yes.", prompt="¿Habrá tratado antes de 2026?") == []
    assert suggestions("Yes.", prompt="Where do you see the company in five years?") == []
    (figure,) = suggestions("Yes.", prompt="Why did exports fall 5% in 2023?")
    assert (figure.category, figure.value, figure.date) == ("percent", Decimal(5), date(2023, 1, 1))


# Counts


@pytest.mark.parametrize(
    "prompt, answer, value, unit",
    [
        ("¿Cuántas empresas coreanas fabrican componentes?", "Unas 35, casi todas en Nuevo León.", 35, "empresas"),
        ("How many Korean series have you dubbed?", "More than 120 since 2019, when it began.", 120, "series"),
        ("How many jobs will it create?", "About 3,000 during construction.", 3000, "jobs"),
    ],
)
def test_a_number_answering_how_many_counts_what_was_asked(prompt, answer, value, unit):
    counts = [s for s in suggestions(answer, prompt=prompt) if s.category == "count"]
    assert [(s.value, s.unit) for s in counts] == [(Decimal(value), unit)]


def test_a_number_after_a_count_in_its_sentence_counts_the_same_thing():
    found = suggestions("About 4,000 direct employees, and more than 11,000 at our suppliers in Coahuila.")
    assert [(s.value, s.unit) for s in found] == [(Decimal(4000), "jobs"), (Decimal(11_000), "jobs")]
    found = suggestions("Un equipo de 28 ingenieros: 16 del Centro de Ensenada y 12 del Instituto Coreano.")
    assert [(s.value, s.unit) for s in found] == [(Decimal(n), "ingenieros") for n in (28, 16, 12)]
    assert [s.value for s in suggestions("We have 1,500 jobs in 3 of our plants.")] == [Decimal(1500)]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("They employ roughly 150,000 people in Mexico.", 150_000, "jobs"),
        ("We have 1,350 employees in Altamira.", 1350, "jobs"),
        ("La empresa tiene 300 empleados en Puebla.", 300, "jobs"),
        ("The plant ships 1.2 million tons of steel.", 1_200_000, "tons"),
        ("Envió 1.800 toneladas de aguacate a Corea.", 1800, "tons"),
        ("직원 42명을 두고 있다.", 42, "jobs"),
        ("한 달에 약 2톤을 들여온다.", 2, "tons"),
        ("15만 개가 넘는 일자리를 만들고 있다.", 150_000, "jobs"),
        ("서울에서 매장 5곳을 운영한다.", 5, "매장"),
        ("중소기업 100곳의 멕시코 진출을 돕는다.", 100, "companies"),
    ],
)
def test_counts_are_stored_under_the_units_the_site_writes(text, value, unit):
    suggestion = only(text)
    assert (suggestion.value, suggestion.unit) == (Decimal(value), unit)


# Prompts


def test_figures_in_a_prompt_are_suggested_from_the_prompt():
    """Regression: figures stated by the interviewer were never suggested."""
    found = suggest_facts(
        "",
        [(1, "Trade reached $19.8 billion in 2023. What do you expect now?", "More growth.")],
        REFERENCE_DATE,
    )
    assert [(s.in_prompt, s.value, s.date, s.quote) for s in found] == [
        (True, Decimal(19_800_000_000), date(2023, 1, 1), "Trade reached $19.8 billion in 2023")
    ]
    assert found[0].statement == "Trade reached $19.8 billion in 2023."


def test_a_prompts_suggestions_come_before_its_answers():
    found = suggest_facts(
        "", [(2, "Trade fell in 2020. Why?", "No, in 2021."), (1, "Trade grew in 2018. Why?", "Yes.")], REFERENCE_DATE
    )
    order = [(s.pair_position, s.in_prompt, s.date.year) for s in found]
    assert order == [(1, True, 2018), (2, True, 2020), (2, False, 2021)]


# Korean figures and dates


@pytest.mark.parametrize(
    "text, category, value, unit",
    [
        ("2023년 교역액은 198억 달러에 달했다.", "money", Decimal(19_800_000_000), "USD"),
        ("누적 투자액은 93억 달러다.", "money", Decimal(9_300_000_000), "USD"),
        ("정부는 1조 2000억 원을 투입했다.", "money", Decimal(1_200_000_000_000), "KRW"),
        ("기업들은 일자리 약 15만 개를 창출한다.", "count", Decimal(150_000), "jobs"),
        ("15만 개의 일자리가 생겼다.", "count", Decimal(150_000), "jobs"),
        ("현재 430개 기업이 진출해 있다.", "count", Decimal(430), "companies"),
        ("약 1만6천 명의 한인이 살고 있다.", "count", Decimal(16_000), "people"),
        ("1,600만 명 이상이 이 서비스를 이용한다.", "count", Decimal(16_000_000), "people"),
        ("한국은 4회 연속 1위를 차지했다.", "count", Decimal(4), "times"),
        ("이민 120주년을 맞는다.", "count", Decimal(120), "years"),
        ("수출이 30% 늘었다.", "percent", Decimal(30), "%"),
        ("수출이 30퍼센트 늘었다.", "percent", Decimal(30), "%"),
        ("국민의 약 3분의 1이 이용한다.", "percent", Decimal("33.3"), "%"),
        ("멕시코에 진출한 한국 기업은 약 430개다.", "count", Decimal(430), "companies"),
        ("현지 직원은 올해 말까지 800명을 뽑는다.", "count", Decimal(800), "jobs"),
        ("관광객은 올해 800명이 찾았다.", "count", Decimal(800), "people"),
    ],
)
def test_korean_figures_are_read_with_their_units(text, category, value, unit):
    suggestion = only(text)
    assert (suggestion.category, suggestion.value, suggestion.unit) == (category, value, unit)


@pytest.mark.parametrize(
    "text, day, precision, relative",
    [
        ("우주항공청은 2024년 5월 출범했다.", date(2024, 5, 1), "month", ""),
        ("2025년에는 모바일 신분증을 발급한다.", date(2025, 1, 1), "year", ""),
        ("2000년대 초 구축된 시스템이다.", date(2000, 1, 1), "decade", ""),
        ("작년 교역이 줄었다.", date(2023, 1, 1), "year", "작년"),
        ("지난해 교역이 줄었다.", date(2023, 1, 1), "year", "지난해"),
        ("올해 교역이 늘었다.", date(2024, 1, 1), "year", "올해"),
        ("내년 협상이 재개된다.", date(2025, 1, 1), "year", "내년"),
        ("우주항공청은 올해 5월 출범했다.", date(2024, 5, 1), "month", "올해 5월"),
        ("지난 6월 양해각서를 체결했다.", date(2024, 6, 1), "month", "지난 6월"),
        ("지난달 200만 대째 차량을 생산했다.", date(2024, 9, 1), "month", "지난달"),
    ],
)
def test_korean_dates_are_read_at_their_precision(text, day, precision, relative):
    suggestion = only(text)
    assert (suggestion.date, suggestion.date_precision, suggestion.relative) == (day, precision, relative)


@pytest.mark.parametrize(
    "text",
    [
        "5개년 계획과 5년 전략을 발표했다.",  # "전략" (strategy) is not "전" (ago)
        "신제품 개발에 힘쓴다.",
        "두 나라는 협력한다.",
    ],
)
def test_korean_words_that_only_look_like_figures_are_not_suggested(text):
    assert suggestions(text) == []


def test_a_korean_figure_and_its_year_make_one_suggestion():
    suggestion = only("2023년 교역액은 198억 달러에 달했다.")
    assert (suggestion.value, suggestion.date, suggestion.quote) == (
        Decimal(19_800_000_000),
        date(2023, 1, 1),
        "2023년 교역액은 198억 달러에 달했다",
    )


# Relative dates are marked


@pytest.mark.parametrize(
    "text, words",
    [
        ("Last April the agencies met.", "Last April"),
        ("El comercio creció este año.", "este año"),
        ("The office opened in May of this year.", "May of this year"),
        ("Yes, we reached it last month.", "last month"),
        ("Lo alcanzamos el mes pasado.", "el mes pasado"),
    ],
)
def test_a_relative_date_says_which_words_it_was_read_from(text, words):
    assert only(text).relative == words


def test_an_absolute_date_is_not_relative():
    assert only("The office opened in May 2024.").relative == ""


# Amounts and dates as each language writes them (issue 17, item 5)


@pytest.mark.parametrize(
    "text, words, category, value, unit",
    [
        ("교역액은 198억 달러에 달했다.", "198억 달러", "money", Decimal(19_800_000_000), "USD"),
        ("한인 3만 명이 산다.", "한인 3만 명", "count", Decimal(30_000), "people"),
        ("정부는 1조 2천억 원을 투입했다.", "1조 2천억 원", "money", Decimal(1_200_000_000_000), "KRW"),
        (
            "El comercio sumó 19.800 millones de dólares.",
            "19.800 millones de dólares",
            "money",
            Decimal(19_800_000_000),
            "USD",
        ),
        (
            "El comercio sumó 19,8 mil millones de dólares.",
            "19,8 mil millones de dólares",
            "money",
            Decimal(19_800_000_000),
            "USD",
        ),
        ("Invertirán mil millones de dólares en la planta.", "mil millones de dólares", "money", Decimal(10**9), "USD"),
        ("La inversión llegará a 3.5 mmdd en la planta.", "3.5 mmdd", "money", Decimal(3_500_000_000), "USD"),
        ("La planta costó 120 mdd al grupo.", "120 mdd", "money", Decimal(120_000_000), "USD"),
        ("La feria recibió a un millón de personas.", "un millón de personas", "count", Decimal(10**6), "personas"),
        ("La planta creará más de mil empleos directos.", "mil empleos", "count", Decimal(1000), "empleos"),
        ("They will invest a billion dollars in the plant.", "a billion dollars", "money", Decimal(10**9), "USD"),
        ("The plan could create one million jobs.", "one million jobs", "count", Decimal(10**6), "jobs"),
    ],
)
def test_amounts_are_read_as_their_language_writes_them(text, words, category, value, unit):
    assert mention(text)[0] == words
    suggestion = only(text)
    assert (suggestion.category, suggestion.value, suggestion.unit) == (category, value, unit)


@pytest.mark.parametrize(
    "text",
    ["Millions of people watch Korean dramas.", "Es una de las mil maravillas del país.", "No fue un mil por ciento."],
)
def test_a_scale_word_without_an_amount_is_not_a_figure(text):
    assert [s for s in suggestions(text) if s.category != DATE] == []


@pytest.mark.parametrize(
    "text, words, day, precision, relative",
    [
        ("양국은 2024년 10월 5일 협정에 서명했다.", "2024년 10월 5일", date(2024, 10, 5), "day", False),
        ("양국은 2024년 10월 협정에 서명했다.", "2024년 10월", date(2024, 10, 1), "month", False),
        ("장관은 오는 12월 멕시코를 방문한다.", "오는 12월", date(2024, 12, 1), "month", True),
        ("장관은 오는 3월 멕시코를 방문한다.", "오는 3월", date(2025, 3, 1), "month", True),
        (
            "El acuerdo se firmó el 30 de agosto de 2024 en Seúl.",
            "30 de agosto de 2024",
            date(2024, 8, 30),
            "day",
            False,
        ),
        (
            "La ministra viajará el próximo mes de octubre a Seúl.",
            "el próximo mes de octubre",
            date(2025, 10, 1),
            "month",
            True,
        ),
        ("The minister will visit Seoul next June.", "next June", date(2025, 6, 1), "month", True),
    ],
)
def test_dates_are_read_as_their_language_writes_them_and_relative_ones_are_marked(
    text, words, day, precision, relative
):
    assert mention(text)[0] == words
    suggestion = only(text)
    assert (suggestion.date, suggestion.date_precision) == (day, precision)
    assert suggestion.relative == (words if relative else "")
