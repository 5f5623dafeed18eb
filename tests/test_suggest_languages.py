"""
The fact suggester on Korean figures and dates, relative dates, and amounts and dates as each
language writes them (issue 17).
"""

from datetime import date
from decimal import Decimal

import pytest

from articles.importer import suggest_facts
from articles.importer.mentions import DATE

from .support.suggest import mention, only, suggestions

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
        # Regression: vehicles and machines counted with "대" were not read.
        ("연간 50만대를 생산한다.", "count", Decimal(500_000), "units"),
        ("공장은 1,200 대를 만든다.", "count", Decimal(1200), "units"),
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
        "20대 직원이 많다.",
        "3대 과제를 정했다.",
        # Regression: a site "the size of 20 football pitches" was suggested as 20 of the unit "크기" (size).
        "축구장 20개 크기의 부지를 매입했다.",
        "축구장 3개 면적에 공장을 짓는다.",
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
        # Regression: the Mexican press's thousands in words lost them ("21 mil 300 millones" read as 300 millones).
        (
            "El comercio sumó 21 mil 300 millones de dólares.",
            "21 mil 300 millones de dólares",
            "money",
            Decimal(21_300_000_000),
            "USD",
        ),
        (
            "Invirtió mil 400 millones de dólares.",
            "mil 400 millones de dólares",
            "money",
            Decimal(1_400_000_000),
            "USD",
        ),
        ("Somos 3 mil 200 trabajadores en Coahuila.", "3 mil 200 trabajadores", "count", Decimal(3200), "trabajadores"),
        ("El bono es de 4 mil 500 pesos al mes.", "4 mil 500 pesos", "money", Decimal(4500), "MXN"),
        # Regression: "$1B" was read as one dollar.
        ("Kia will invest $1B in the plant.", "$1B", "money", Decimal(10**9), "USD"),
        ("It is a $1.4B plant.", "$1.4B", "money", Decimal(1_400_000_000), "USD"),
        ("The fund holds $250M now.", "$250M", "money", Decimal(250_000_000), "USD"),
        ("The plan could create one million jobs.", "one million jobs", "count", Decimal(10**6), "jobs"),
        # Regression: "half a million" was read as a million ("a million"), and "medio millón" not at all.
        ("We build half a million cars a year.", "half a million cars", "count", Decimal(500_000), "cars"),
        ("It spent half a billion dollars on parts.", "half a billion dollars", "money", Decimal(500_000_000), "USD"),
        ("Fabrican medio millón de autos al año.", "medio millón de autos", "count", Decimal(500_000), "autos"),
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


@pytest.mark.parametrize(
    ("prompt", "answer"),
    [("¿Cuántos modelos fabrican?", "El Ioniq 5."), ("¿Cuántas líneas usan?", "Usamos la Línea 3 del Metro.")],
)
def test_a_number_in_a_name_is_no_count(prompt, answer):
    """Regression: "El Ioniq 5" answering how many models was suggested as 5 models, "la Línea 3" as 3."""
    assert suggest_facts("", [(1, prompt, answer)], date(2025, 3, 1)) == []
