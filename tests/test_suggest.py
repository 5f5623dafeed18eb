"""
The fact suggester on the words editors found it getting wrong (issue 16): whole dates, relative
durations, clean statements, counts and figures in prompts.
"""

from datetime import date
from decimal import Decimal

import pytest

from articles.importer import suggest_facts
from articles.importer.mentions import DATE, DURATION

from .support.suggest import REFERENCE_DATE, mention, only, suggestions

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
