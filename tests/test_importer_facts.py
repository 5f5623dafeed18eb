"""The interview importer proposing facts: figures, counts and dates with their quotes."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.importer import parse_interview, suggest_facts
from articles.importer.mentions import COUNT, DATE, Mention, read_number
from articles.importer.suggest import _distance, _pair_dates
from articles.importer.text import word_before

from .support.importing import marked_seed_text

REFERENCE_DATE = date(2024, 10, 1)


# suggest_facts: the seed

# (pair position, words of the quote, value, unit, date, precision)
SEED_FIGURES = [
    (2, "strategic partnership", None, "", date(2005, 1, 1), "year"),
    (2, "about 430 Korean companies", Decimal(430), "companies", None, ""),
    (2, "about 150,000 jobs", Decimal(150_000), "jobs", None, ""),
    (2, "about 16,000 Koreans", Decimal(16_000), "people", None, ""),
    (2, "120th anniversary", Decimal(120), "years", date(2025, 1, 1), "year"),
    (3, "presidency of Digital Nations", None, "", date(2025, 1, 1), "year"),
    (3, "mobile identity cards", None, "", date(2025, 1, 1), "year"),
    (4, "a trade volume of $19.8 billion in 2023", Decimal(19_800_000_000), "USD", date(2023, 1, 1), "year"),
    (4, "accumulated Korean investment", Decimal(9_300_000_000), "USD", None, ""),
    (4, "resumption of FTA negotiations", None, "", date(2022, 1, 1), "year"),
    (5, "more than 16 million people", Decimal(16_000_000), "people", None, ""),
    (5, "one-third", Decimal("33.3"), "%", None, ""),
    (5, "early 2000s", None, "", date(2000, 1, 1), "decade"),
    (6, "Public Data Act", None, "", date(2013, 1, 1), "year"),
    (6, "more than 10 years", Decimal(10), "years", None, ""),
    (6, "more than 2,000 new private services", Decimal(2000), "services", None, ""),
    (6, "four consecutive times", Decimal(4), "times", None, ""),
    (7, "satellite by 2027", None, "", date(2027, 1, 1), "year"),
    (7, "(KASA) in May of this year", None, "", date(2024, 5, 1), "month"),
    (7, "moon landing by 2032", None, "", date(2032, 1, 1), "year"),
    (7, "Last June", None, "", date(2024, 6, 1), "month"),
]


@pytest.fixture(scope="module")
def seed_pairs():
    parsed = parse_interview(marked_seed_text())
    return parsed.intro, [(position, pair.prompt, pair.answer) for position, pair in enumerate(parsed.pairs, 1)]


@pytest.fixture(scope="module")
def seed_suggestions(seed_pairs):
    intro, pairs = seed_pairs
    return suggest_facts(intro, pairs, REFERENCE_DATE)


@pytest.mark.parametrize("position, words, value, unit, day, precision", SEED_FIGURES)
def test_seed_figure_is_proposed_with_its_pair(seed_suggestions, position, words, value, unit, day, precision):
    proposed = [
        (s.value, s.unit, s.date, s.date_precision)
        for s in seed_suggestions
        if s.pair_position == position and words in s.quote
    ]
    assert (value, unit, day, precision) in proposed


def test_seed_quotes_are_verbatim_single_paragraph_words_of_their_answer(seed_pairs, seed_suggestions):
    intro, pairs = seed_pairs
    texts = {None: intro, **{position: answer for position, _, answer in pairs}}
    for suggestion in seed_suggestions:
        assert "\n" not in suggestion.quote
        assert not suggestion.in_prompt
        assert any(suggestion.quote in paragraph for paragraph in texts[suggestion.pair_position].split("\n\n"))
        assert suggestion.quote in suggestion.statement or len(suggestion.statement) <= 300


def test_seed_suggestions_are_ordered_by_pair_then_place_in_the_answer(seed_pairs, seed_suggestions):
    intro, pairs = seed_pairs
    texts = {position: answer for position, _, answer in pairs}
    order = [(s.pair_position, texts[s.pair_position].index(s.quote)) for s in seed_suggestions]
    assert order == sorted(order)
    assert suggest_facts(intro, list(reversed(pairs)), REFERENCE_DATE) == seed_suggestions


def test_text_without_figures_proposes_nothing(seed_pairs):
    intro, pairs = seed_pairs
    assert suggest_facts(intro, [pairs[0]], REFERENCE_DATE) == []
    assert (
        suggest_facts(
            "", [(1, "", "Korea and Mexico share values, and the two countries trust each other.")], REFERENCE_DATE
        )
        == []
    )


# suggest_facts: patterns


def only_suggestion(text, reference_date=REFERENCE_DATE):
    suggestions = suggest_facts("", [(1, "", text)], reference_date)
    assert len(suggestions) == 1, suggestions
    return suggestions[0]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Trade reached $19.8 billion.", Decimal(19_800_000_000), "USD"),
        ("Accumulated investment is US$9.3 billion.", Decimal(9_300_000_000), "USD"),
        ("The fund holds USD 5 million for start-ups.", Decimal(5_000_000), "USD"),
        ("Corea invirtió 19,8 mil millones de dólares.", Decimal(19_800_000_000), "USD"),
        ("Se anunciaron 130 millones de dólares para la planta.", Decimal(130_000_000), "USD"),
        ("The EU pledged €2 billion to the corridor.", Decimal(2_000_000_000), "EUR"),
        ("El programa cuesta MXN 500 millones al año.", Decimal(500_000_000), "MXN"),
        ("El estado aportó $500 millones de pesos.", Decimal(500_000_000), "MXN"),
        ("La planta costó 200 mdd.", Decimal(200_000_000), "USD"),
    ],
)
def test_sums_of_money_are_proposed_with_their_currency(text, value, unit):
    suggestion = only_suggestion(text)
    assert (suggestion.category, suggestion.value, suggestion.unit) == ("money", value, unit)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Currently, about 430 Korean companies operate in Mexico.", Decimal(430), "companies"),
        ("They create about 150,000 jobs.", Decimal(150_000), "jobs"),
        ("About 16,000 Koreans live in Mexico.", Decimal(16_000), "people"),
        ("More than 16 million people use the service.", Decimal(16_000_000), "people"),
        ("It created more than 2,000 new private services.", Decimal(2000), "services"),
        ("Se crearon 2.000 nuevos servicios privados.", Decimal(2000), "servicios"),
        ("Las empresas generan 130.000 empleos.", Decimal(130_000), "empleos"),
        ("Unos 16.000 coreanos viven en México.", Decimal(16_000), "personas"),
        ("Korea ranked first four consecutive times.", Decimal(4), "times"),
        ("The community marks its 120th anniversary.", Decimal(120), "years"),
        ("La comunidad celebra el 120 aniversario de su llegada.", Decimal(120), "años"),
    ],
)
def test_counts_are_proposed_with_their_noun_as_unit(text, value, unit):
    suggestion = only_suggestion(text)
    assert (suggestion.category, suggestion.value, suggestion.unit) == ("count", value, unit)


@pytest.mark.parametrize(
    "text, value",
    [
        ("Around one-third of Koreans use it.", Decimal("33.3")),
        ("Two-thirds of the firms export.", Decimal("66.7")),
        ("Exports grew 25% in the first half.", Decimal(25)),
        ("Lo usa un tercio de la población.", Decimal("33.3")),
        ("Las exportaciones crecieron 40 por ciento.", Decimal(40)),
        ("Costs fell 2.5 percent.", Decimal("2.5")),
    ],
)
def test_fractions_and_percentages_are_proposed_as_percent(text, value):
    suggestion = only_suggestion(text)
    assert (suggestion.category, suggestion.value, suggestion.unit) == ("percent", value, "%")


@pytest.mark.parametrize(
    "text, day, precision",
    [
        ("Korea established the partnership in 2005.", date(2005, 1, 1), "year"),
        ("Mexico will launch a satellite by 2027.", date(2027, 1, 1), "year"),
        ("Data has been open since 2013.", date(2013, 1, 1), "year"),
        ("The system dates from the early 2000s.", date(2000, 1, 1), "decade"),
        ("El sistema nació a principios de los años 2000.", date(2000, 1, 1), "decade"),
        ("The agency was created in May 2024.", date(2024, 5, 1), "month"),
        ("La agencia se creó en mayo de 2024.", date(2024, 5, 1), "month"),
        ("The office opened in June of 2024.", date(2024, 6, 1), "month"),
        ("The plan was signed on 7 June 2024.", date(2024, 6, 7), "day"),
        ("El acuerdo se firmó el 7 de junio de 2024.", date(2024, 6, 7), "day"),
        ("KASA was created in May of this year.", date(2024, 5, 1), "month"),
        ("Last June, the agencies signed a memorandum.", date(2024, 6, 1), "month"),
        ("El memorando se firmó el pasado junio.", date(2024, 6, 1), "month"),
        ("El memorando se firmó en junio pasado.", date(2024, 6, 1), "month"),
        ("Trade recovered this year.", date(2024, 1, 1), "year"),
        ("Trade fell last year.", date(2023, 1, 1), "year"),
        ("El comercio cayó el año pasado.", date(2023, 1, 1), "year"),
    ],
)
def test_dates_are_proposed_at_their_precision(text, day, precision):
    suggestion = only_suggestion(text)
    assert (suggestion.category, suggestion.date, suggestion.date_precision) == ("date", day, precision)


@pytest.mark.parametrize(
    "reference_date, expected",
    [
        (date(2024, 10, 1), date(2024, 6, 1)),
        (date(2024, 6, 15), date(2023, 6, 1)),
        (date(2024, 3, 1), date(2023, 6, 1)),
    ],
)
def test_last_june_is_the_latest_june_strictly_before_the_reference_month(reference_date, expected):
    assert only_suggestion("Last June, the agencies signed a memorandum.", reference_date).date == expected


def test_may_the_modal_verb_is_not_a_month():
    text = "Of all the negotiating rounds, the last may be the hardest."
    assert suggest_facts("", [(1, "", text)], REFERENCE_DATE) == []


def test_figure_and_year_in_one_quote_make_one_suggestion():
    suggestion = only_suggestion("In 2023, trade between the two countries reached $19.8 billion.")
    assert (suggestion.value, suggestion.unit, suggestion.date) == (Decimal(19_800_000_000), "USD", date(2023, 1, 1))
    assert suggestion.quote == "In 2023, trade between the two countries reached $19.8 billion"


def test_figures_joined_by_and_get_their_own_quotes():
    first, second = suggest_facts(
        "",
        [(1, "", "Trade reached a volume of $19.8 billion in 2023 and investment in Mexico reached $9.3 billion.")],
        REFERENCE_DATE,
    )
    assert (first.quote, first.date) == ("Trade reached a volume of $19.8 billion in 2023", date(2023, 1, 1))
    assert (second.quote, second.date) == ("investment in Mexico reached $9.3 billion", None)


def test_quote_is_the_clause_and_the_statement_its_sentence():
    suggestion = only_suggestion(
        "Mexico was the first Latin American country to which Koreans emigrated, and the 120th anniversary "
        "of Korean immigration to Mexico will be celebrated in 2025."
    )
    assert suggestion.quote == "the 120th anniversary of Korean immigration to Mexico will be celebrated in 2025"
    assert suggestion.statement.startswith("Mexico was the first Latin American country")


def test_figures_from_the_intro_have_no_pair():
    (suggestion,) = suggest_facts("The minister visited Mexico in May 2024.", [], REFERENCE_DATE)
    assert suggestion.pair_position is None


def test_a_repeated_paragraph_is_proposed_once():
    paragraph = "Trade reached $19.8 billion in 2023."
    assert len(suggest_facts("", [(1, "", f"{paragraph}\n\n{paragraph}")], REFERENCE_DATE)) == 1


def test_numbers_inside_words_and_referring_number_words_are_not_counts():
    text = "The two countries agreed. The 5G network, the G20 summit and COVID-19 cases were discussed."
    assert suggest_facts("", [(1, "", text)], REFERENCE_DATE) == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("2,000", Decimal(2000)),
        ("2.000", Decimal(2000)),
        ("19.8", Decimal("19.8")),
        ("19,8", Decimal("19.8")),
        ("1,234,567", Decimal(1_234_567)),
        ("1.234.567", Decimal(1_234_567)),
        ("1,234.5", Decimal("1234.5")),
        ("1.234,5", Decimal("1234.5")),
        ("2.50", Decimal("2.50")),
        ("430", Decimal(430)),
    ],
)
def test_numbers_read_in_english_and_spanish_formats(text, value):
    assert read_number(text) == value


# The suggester's rules written the direct way, without the indexes that keep long texts fast
# (articles/importer): each fast path must agree with them on any input.
def last_word_by_splitting(text, end):
    words = text[:end].split()
    return words[-1] if words else ""


def dates_paired_by_scanning(mentions):
    figures = [mention for mention in mentions if mention.category != DATE]
    dated, loose = {}, []
    for when in (mention for mention in mentions if mention.category == DATE):
        free = [index for index, figure in enumerate(figures) if index not in dated]
        if free:
            dated[min(free, key=lambda index: _distance(figures[index], when))] = when
        else:
            loose.append((None, when))
    pairs = [(figure, dated.get(index)) for index, figure in enumerate(figures)] + loose
    return sorted(pairs, key=lambda pair: min(mention.start for mention in pair if mention))


@given(st.text(alphabet=" \t\n.(“aAb", max_size=40), st.data())
def test_the_word_before_a_place_is_the_last_word_split_from_the_text_before_it(text, data):
    end = data.draw(st.integers(min_value=0, max_value=len(text)))
    assert word_before(text, end) == last_word_by_splitting(text, end)


# Widths and gaps of mentions in reading order, each a figure or a date.
mention_layouts = st.lists(
    st.tuples(st.integers(min_value=1, max_value=4), st.integers(min_value=0, max_value=4), st.booleans()),
    max_size=12,
)


@given(mention_layouts)
def test_each_date_goes_to_the_nearest_figure_still_free_the_earlier_one_on_a_tie(layout):
    mentions, start = [], 0
    for width, gap, is_date in layout:
        mentions.append(Mention(start, start + width, DATE if is_date else COUNT))
        start += width + gap + 1
    assert _pair_dates(mentions) == dates_paired_by_scanning(mentions)


def test_long_answers_keep_their_suggestions():
    """Answers long enough to have made the suggester quadratic still get every suggestion once."""
    sentence = "Trade reached $19.8 billion in 2023, up 12% from 2022, and 1,500 jobs were created last June. "
    suggestions = suggest_facts("", [(1, "", sentence * 500)], date(2024, 1, 1))
    assert [(s.value, s.unit, s.date) for s in suggestions] == [
        (Decimal("19800000000"), "USD", date(2023, 1, 1)),
        (Decimal("12"), "%", date(2022, 1, 1)),
        (Decimal("1500"), "jobs", date(2023, 6, 1)),
    ]
