"""The interview importer: reading uploads, recognising prompt/answer formats, proposing facts."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.importer import ImportRefused, ParsedPair, parse_interview, read_text, suggest_facts
from articles.importer.mentions import COUNT, DATE, Mention, read_number
from articles.importer.suggest import _distance, _pair_dates
from articles.importer.text import word_before

SEED = Path(__file__).resolve().parents[1] / "articles" / "seed"
SEED_TEXT = (SEED / "el-economista-2024-10.txt").read_text(encoding="utf-8")
SEED_ARTICLE = json.loads((SEED / "seed.json").read_text(encoding="utf-8"))["articles"][0]
STATEMENT_PROMPTS = [
    "The Government of Claudia Sheinbaum desires progress in digitalization. "
    "Korea has made significant strides in this area.",
    "Among other topics on the bilateral agenda is space.",
]
REFERENCE_DATE = date(2024, 10, 1)


def marked_seed_text():
    """The seed text with its two statement prompts marked as an editor would mark them."""
    text = SEED_TEXT
    for prompt in STATEMENT_PROMPTS:
        text = text.replace(f"\n{prompt}\n", f"\n## {prompt}\n")
    return text


def prompts_and_answers(parsed):
    return [(pair.prompt, pair.answer) for pair in parsed.pairs]


# read_text


def test_read_text_decodes_utf8_and_normalises_newlines():
    assert read_text("Título\r\n\r\n¿Qué?\rSí.".encode()) == "Título\n\n¿Qué?\nSí."


def test_read_text_drops_a_byte_order_mark():
    assert read_text("\ufeffKorea and Mexico".encode()) == "Korea and Mexico"


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  "])
def test_read_text_refuses_an_empty_file(data):
    with pytest.raises(ImportRefused, match="The file is empty."):
        read_text(data)


def test_read_text_refuses_a_file_over_the_limit_giving_both_sizes():
    with pytest.raises(ImportRefused) as refused:
        read_text(b"x" * 312_000)
    assert str(refused.value) == "The file is 312 KB; the importer takes up to 200 KB."


def test_read_text_refuses_binary_data():
    with pytest.raises(ImportRefused, match="not a plain text file"):
        read_text(b"%PDF-1.7\x00\x01\x02")


def test_read_text_refuses_text_that_is_not_utf8():
    with pytest.raises(ImportRefused, match="not UTF-8 text"):
        read_text("Entrevista con el señor ministro".encode("latin-1"))


def test_import_refused_is_a_value_error():
    assert issubclass(ImportRefused, ValueError)


# parse_interview: the seed


def test_seed_with_marked_statements_gives_the_curated_article():
    parsed = parse_interview(marked_seed_text())
    assert parsed.title == SEED_ARTICLE["title"]
    assert parsed.standfirst == SEED_ARTICLE["standfirst"]
    assert parsed.intro == SEED_ARTICLE["intro"]
    assert prompts_and_answers(parsed) == [(pair["prompt"], pair["answer"]) for pair in SEED_ARTICLE["pairs"]]
    assert [pair.is_statement for pair in parsed.pairs] == [False, False, False, False, True, False, True]
    assert parsed.source_name == "El Economista"
    assert parsed.formats == ["question lines", "statement prompts marked with ##"]


def test_seed_without_marks_keeps_statement_paragraphs_in_the_previous_answers():
    parsed = parse_interview(SEED_TEXT)
    curated = {pair["position"]: pair for pair in SEED_ARTICLE["pairs"]}
    assert [pair.prompt for pair in parsed.pairs] == [curated[position]["prompt"] for position in [1, 2, 3, 4, 6]]
    fourth, last = parsed.pairs[3], parsed.pairs[4]
    assert fourth.answer == "\n\n".join([curated[4]["answer"], curated[5]["prompt"], curated[5]["answer"]])
    assert last.answer == "\n\n".join([curated[6]["answer"], curated[7]["prompt"], curated[7]["answer"]])
    assert parsed.formats == ["question lines"]


# parse_interview: the formats


def test_long_answer_ending_with_a_rhetorical_question_is_not_a_prompt():
    parsed = parse_interview(
        "Nearshoring, seen from Seoul\n\n"
        "A trade official explains what Korean manufacturers expect from Mexico.\n\n"
        "What does nearshoring mean for Korean firms?\n\n"
        "It means building closer to the customer. Korean manufacturers have invested in Nuevo León, "
        "Querétaro and Baja California for two decades, and the new rules of origin in the USMCA reward "
        "that bet. Suppliers follow the carmakers, and the carmakers follow the market, so why would "
        "anyone build a plant for North America anywhere else?\n\n"
        "We did a lot. But is it enough?\n\n"
        "Is there room for small companies?\n\n"
        "Yes, through the supplier programmes run by KOTRA."
    )
    assert [pair.prompt for pair in parsed.pairs] == [
        "What does nearshoring mean for Korean firms?",
        "Is there room for small companies?",
    ]
    assert parsed.pairs[0].answer.endswith("We did a lot. But is it enough?")


def test_q_and_a_labels_are_removed_and_answers_continue_without_a_label():
    parsed = parse_interview(
        "Hyundai bets on Nuevo León\n\n"
        "The carmaker's regional director explains the expansion of its plant near Monterrey.\n\n"
        "We spoke with him at the company's offices in San Pedro Garza García.\n\n"
        "Q: Why expand now?\n\n"
        "A: Demand in North America keeps growing, and the USMCA rules of origin reward local production.\n\n"
        "We also see a mature supplier network in Nuevo León.\n\n"
        "q: What about water? Is the plant at risk?\n\n"
        "a: We recycle most of the water we use.\n\n"
        "Source: Reuters"
    )
    assert parsed.intro == "We spoke with him at the company's offices in San Pedro Garza García."
    assert prompts_and_answers(parsed) == [
        (
            "Why expand now?",
            "Demand in North America keeps growing, and the USMCA rules of origin reward local production.\n\n"
            "We also see a mature supplier network in Nuevo León.",
        ),
        ("What about water? Is the plant at risk?", "We recycle most of the water we use."),
    ]
    assert parsed.source_name == "Reuters"
    assert parsed.formats == ["Q: and A: labels"]


def test_labelled_turns_on_consecutive_lines_are_separate_paragraphs():
    parsed = parse_interview(
        "Korea and Mexico look to the stars\n\n"
        "The two space agencies signed an agreement.\n\n"
        "Q: What did the agencies sign?\n"
        "A: A memorandum on a launch base.\n"
        "Q: When?\n"
        "A: Last June."
    )
    assert prompts_and_answers(parsed) == [
        ("What did the agencies sign?", "A memorandum on a launch base."),
        ("When?", "Last June."),
    ]


def test_q_dot_and_a_dot_labels_are_removed():
    parsed = parse_interview(
        "Samsung sees Querétaro as its logistics hub\n\n"
        "The company's vice-president for Latin America talks about nearshoring.\n\n"
        "Q. How many people does Samsung employ in Mexico?\n\n"
        "A. Around 13,000, most of them in Querétaro and Tijuana.\n\n"
        "Q. Will that number grow?\n\n"
        "A. Yes. We plan to hire 1,200 more people by 2026."
    )
    assert prompts_and_answers(parsed) == [
        ("How many people does Samsung employ in Mexico?", "Around 13,000, most of them in Querétaro and Tijuana."),
        ("Will that number grow?", "Yes. We plan to hire 1,200 more people by 2026."),
    ]
    assert parsed.formats == ["Q. and A. labels"]


def test_question_and_answer_labels_are_removed():
    parsed = parse_interview(
        "POSCO's chief in Mexico: steel needs clean energy\n\n"
        "The head of the Korean steelmaker's Mexican arm on tariffs and power supply.\n\n"
        "Question: How do the new steel tariffs affect you?\n\n"
        "Answer: We import less slab from Asia and buy more in the region."
    )
    assert prompts_and_answers(parsed) == [
        ("How do the new steel tariffs affect you?", "We import less slab from Asia and buy more in the region.")
    ]
    assert parsed.formats == ["Question: and Answer: labels"]


def test_spanish_pregunta_and_respuesta_labels_are_removed_and_fuente_names_the_source():
    parsed = parse_interview(
        "La embajada prevé más turismo coreano\n\n"
        "El embajador habló con este diario sobre la conectividad aérea.\n\n"
        "Pregunta: ¿Cuántos turistas coreanos llegaron a México el año pasado?\n\n"
        "Respuesta: Unos 100.000, y esperamos superar esa cifra este año.\n\n"
        "PREGUNTA: ¿Habrá un vuelo directo a Seúl?\n\n"
        "RESPUESTA: Aeroméxico ya opera la ruta tres veces por semana.\n\n"
        "Fuente: La Jornada"
    )
    assert prompts_and_answers(parsed) == [
        (
            "¿Cuántos turistas coreanos llegaron a México el año pasado?",
            "Unos 100.000, y esperamos superar esa cifra este año.",
        ),
        ("¿Habrá un vuelo directo a Seúl?", "Aeroméxico ya opera la ruta tres veces por semana."),
    ]
    assert parsed.source_name == "La Jornada"
    assert parsed.formats == ["Pregunta: and Respuesta: labels"]


@pytest.mark.parametrize("numbers", [("1.-", "2.-", "3.-"), ("1.", "2.", "3."), ("1)", "2)", "3)")])
def test_numbered_questions_lose_their_number(numbers):
    first, second, third = numbers
    parsed = parse_interview(
        "Tres preguntas sobre el tratado con Corea\n\n"
        "La negociación se retomó en 2022, pero sigue sin fecha de cierre.\n\n"
        f"{first} ¿Por qué se detuvo la negociación en 2008?\n\n"
        "Por la oposición del sector automotriz mexicano.\n\n"
        f"{second} What changed since then?\n\n"
        "The USMCA and nearshoring changed the incentives on both sides.\n\n"
        "Is that enough?\n\n"
        f"{third} ¿Cuándo podría firmarse?\n\n"
        "No antes de 2026, según la Secretaría de Economía."
    )
    assert prompts_and_answers(parsed) == [
        ("¿Por qué se detuvo la negociación en 2008?", "Por la oposición del sector automotriz mexicano."),
        (
            "What changed since then?",
            "The USMCA and nearshoring changed the incentives on both sides.\n\nIs that enough?",
        ),
        ("¿Cuándo podría firmarse?", "No antes de 2026, según la Secretaría de Economía."),
    ]
    assert parsed.formats == ["numbered questions"]


def test_dash_prompts_and_dash_answers_lose_their_dash():
    parsed = parse_interview(
        "«México es nuestro socio natural en América Latina»\n\n"
        "El ministro coreano del Interior visitó el país para la toma de posesión de Claudia Sheinbaum.\n\n"
        "Sang Min Lee recibió a este diario en la embajada de Corea, en Lomas de Chapultepec.\n\n"
        "—¿Qué mensaje trae del presidente Yoon Suk Yeol?\n\n"
        "—El deseo de ampliar la cooperación en comercio, infraestructura y gobierno digital.\n\n"
        "También queremos retomar las negociaciones del tratado de libre comercio.\n\n"
        "– ¿Y en materia espacial?\n\n"
        "– El KARI y la Agencia Espacial Mexicana firmaron un memorando el pasado junio. ¿Por qué no ir más lejos?"
    )
    assert prompts_and_answers(parsed) == [
        (
            "¿Qué mensaje trae del presidente Yoon Suk Yeol?",
            "El deseo de ampliar la cooperación en comercio, infraestructura y gobierno digital.\n\n"
            "También queremos retomar las negociaciones del tratado de libre comercio.",
        ),
        (
            "¿Y en materia espacial?",
            "El KARI y la Agencia Espacial Mexicana firmaron un memorando el pasado junio. ¿Por qué no ir más lejos?",
        ),
    ]
    assert parsed.formats == ["prompts introduced by a dash"]


def test_spanish_questions_are_prompts_including_an_address_before_the_question_mark():
    parsed = parse_interview(
        "Corea apuesta por los semiconductores en Jalisco\n\n"
        "El viceministro de Industria visitó Guadalajara con una delegación de 40 empresas.\n\n"
        "Señor ministro, ¿cómo evalúa la relación estratégica?\n\n"
        "México es nuestro principal socio comercial en América Latina.\n\n"
        "¿Qué espera del nuevo gobierno? Hay quien habla de un tratado.\n\n"
        "Esperamos retomar las negociaciones cuanto antes. ¿Por qué esperar más?"
    )
    assert prompts_and_answers(parsed) == [
        (
            "Señor ministro, ¿cómo evalúa la relación estratégica?",
            "México es nuestro principal socio comercial en América Latina.",
        ),
        (
            "¿Qué espera del nuevo gobierno? Hay quien habla de un tratado.",
            "Esperamos retomar las negociaciones cuanto antes. ¿Por qué esperar más?",
        ),
    ]
    assert parsed.formats == ["Spanish questions (¿…?)"]


def test_hash_marker_makes_a_statement_prompt():
    parsed = parse_interview(
        "Korea's space agency turns to Mexico\n\n"
        "KASA's administrator on launch sites and lunar plans.\n\n"
        "##   Among other topics on the bilateral agenda is space.\n\n"
        "The Mexican government has set the goal of launching its own satellite by 2027."
    )
    assert parsed.pairs == [
        ParsedPair(
            prompt="Among other topics on the bilateral agenda is space.",
            answer="The Mexican government has set the goal of launching its own satellite by 2027.",
            is_statement=True,
        )
    ]


def test_text_without_blank_lines_is_read_line_by_line():
    parsed = parse_interview(
        "Kia's plant in Pesquería turns ten\n"
        "The plant has built more than two million cars since 2016.\n"
        "How many people work there?\n"
        "About 4,000 direct employees.\n"
        "Source: Milenio"
    )
    assert parsed.standfirst == "The plant has built more than two million cars since 2016."
    assert prompts_and_answers(parsed) == [("How many people work there?", "About 4,000 direct employees.")]
    assert parsed.source_name == "Milenio"


def test_second_paragraph_that_is_a_prompt_leaves_the_standfirst_empty():
    parsed = parse_interview(
        "Five minutes with the ambassador\n\nQ: How long have you lived in Mexico?\n\nA: Three years."
    )
    assert (parsed.standfirst, parsed.intro) == ("", "")
    assert prompts_and_answers(parsed) == [("How long have you lived in Mexico?", "Three years.")]


def test_answer_and_intro_paragraphs_are_stripped_but_otherwise_verbatim():
    parsed = parse_interview(
        "Title\n\nStandfirst.\n\n  Intro  one. \n\n\n\nIntro two.\n\nQ: Why?\n\n  Because.  \n\n   So."
    )
    assert parsed.intro == "Intro  one.\n\nIntro two."
    assert parsed.pairs[0].answer == "Because.\n\nSo."


def test_text_without_pairs_is_refused_with_advice():
    with pytest.raises(ImportRefused) as refused:
        parse_interview("Korea and Mexico\n\nTrade grew again this year.\n\nBoth governments welcomed the figures.")
    assert str(refused.value) == (
        "No question/answer pairs were recognised. Mark prompts with “Q:”, end them with “?”, "
        "or start a statement prompt with “## ”."
    )


def test_prompt_without_answer_before_the_next_prompt_is_refused_by_name():
    with pytest.raises(ImportRefused, match="“What did the agencies sign\\?” has no answer before the next prompt"):
        parse_interview("Title\n\nStandfirst.\n\nQ: What did the agencies sign?\n\nQ: When?\n\nA: Last June.")


def test_prompt_without_answer_at_the_end_is_refused_by_name():
    with pytest.raises(ImportRefused, match="“When\\?” has no answer before the end of the text"):
        parse_interview(
            "Title\n\nStandfirst.\n\nQ: What did they sign?\n\nA: A memorandum.\n\nQ: When?\n\nSource: Milenio"
        )


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
