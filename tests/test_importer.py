"""The interview importer: reading uploads and recognising prompt/answer formats."""

import codecs

import pytest
from django.utils import translation

from articles.importer import ImportRefused, ParsedPair, check_size, parse_interview, read_text

from .support.importing import SEED_ARTICLE, SEED_TEXT, marked_seed_text, prompts_and_answers

# read_text


def test_read_text_decodes_utf8_and_normalises_newlines():
    assert read_text("Título\r\n\r\n¿Qué?\rSí.".encode()) == ("Título\n\n¿Qué?\nSí.", "")


def test_read_text_drops_a_byte_order_mark():
    assert read_text("\ufeffKorea and Mexico".encode()) == ("Korea and Mexico", "")


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  "])
def test_read_text_refuses_an_empty_file(data):
    with pytest.raises(ImportRefused, match="The file is empty."):
        read_text(data)


def test_read_text_refuses_a_file_over_the_limit_giving_both_sizes():
    with pytest.raises(ImportRefused) as refused:
        read_text(b"x" * 312_000)
    assert str(refused.value) == "The text is 312 KB; the importer takes up to 200 KB."


def test_a_size_over_the_limit_is_written_with_the_languages_digit_grouping():
    """Regression: a pasted text was called a file, and 2,785 KB written 2785 KB."""
    with pytest.raises(ImportRefused, match=r"^The text is 2,785 KB; the importer takes up to 200 KB\.$"):
        check_size(2_785_000)
    with translation.override("es"), pytest.raises(ImportRefused, match="^El texto ocupa 2\xa0785 KB"):
        check_size(2_785_000)


def test_read_text_refuses_binary_data():
    with pytest.raises(ImportRefused, match="not a plain text file"):
        read_text(b"%PDF-1.7\x00\x01\x02")


def test_read_text_reads_utf16_by_its_byte_order_mark():
    text = "Entrevista con el señor ministro\n\n한국"
    for data in [text.encode("utf-16"), codecs.BOM_UTF16_BE + text.encode("utf-16-be")]:
        assert read_text(data) == (text, "UTF-16")


def test_read_text_reads_the_windows_encodings_of_korean_and_western_text():
    korean, spanish = (
        "한국과 멕시코의 자유무역협정\n\n“협력”",
        "Entrevista con el señor ministro.\n\n¿Qué sigue? Él respondió.",
    )
    assert read_text(korean.encode("cp949")) == (korean, "Korean Windows text (CP949)")
    assert read_text(spanish.encode("cp1252")) == (spanish, "Western Windows text (Windows-1252)")


def test_western_text_whose_few_accents_cp949_reads_as_rare_hangul_is_read_as_western():
    """Regression: "¿Q" alone beyond ASCII made a Hangul syllable, and the text was read as Korean."""
    assert read_text("P: ¿Qué tal?\n\nR: ¿Quién?".encode("cp1252"))[0] == "P: ¿Qué tal?\n\nR: ¿Quién?"
    assert read_text(b"P: \xbfQue tal?\n\nR: \xbfQuien?")[0] == "P: ¿Que tal?\n\nR: ¿Quien?"


def test_an_html_page_is_read_in_the_encoding_it_declares():
    page = "<html><head><meta charset='iso-8859-1'></head><body><p>P: ¿Qu&eacute; tal?</p><p>R: Bien.</p>"
    assert read_text(page.encode("latin-1")) == ("P: ¿Qué tal?\n\nR: Bien.", "iso-8859-1")
    declared = '<meta http-equiv="Content-Type" content="text/html; charset=EUC-KR"><p>질문: 무엇인가요?</p>'
    assert read_text(declared.encode("euc-kr")) == ("질문: 무엇인가요?", "EUC-KR")
    assert read_text("<meta charset=utf-8><p>¿Qué?</p>".encode()) == ("¿Qué?", "")


def test_read_text_refuses_bytes_no_encoding_it_knows_reads():
    with pytest.raises(ImportRefused, match="not UTF-8 text"):
        read_text(b"Title \x81 \x8d")


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


def test_labels_with_a_full_width_colon_are_labels():
    """Korean keyboards type a full-width colon: such a text was refused as having no Q&A pair."""
    parsed = parse_interview(
        "대사 인터뷰\n\n교역이 늘고 있다.\n\n질문：교역 규모는?\n\n답변：198억 달러입니다.\n\n"
        "Q：And next year?\n\nA： More."
    )
    assert prompts_and_answers(parsed) == [("교역 규모는?", "198억 달러입니다."), ("And next year?", "More.")]


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


@pytest.mark.parametrize(
    "prompt_label, answer_label, name",
    [("질문:", "답변:", "질문: and 답변: labels"), ("문 :", "답 :", "문: and 답: labels")],
)
def test_korean_labels_are_removed(prompt_label, answer_label, name):
    """Regression: Korean interviews labelled 질문:/답변: or 문:/답: kept the labels in their pairs' text."""
    parsed = parse_interview(
        "한국 기업, 멕시코 투자 확대\n\n"
        "주멕시코 대사가 양국 교역 전망을 밝혔다.\n\n"
        f"{prompt_label} 한국 기업의 멕시코 투자는 어떻게 늘고 있습니까?\n\n"
        f"{answer_label} 누적 투자액은 93억 달러에 달합니다.\n\n"
        f"{prompt_label} 자유무역협정 협상은 언제 재개됩니까?\n\n"
        f"{answer_label} 올해 안에 재개되기를 기대합니다."
    )
    assert prompts_and_answers(parsed) == [
        ("한국 기업의 멕시코 투자는 어떻게 늘고 있습니까?", "누적 투자액은 93억 달러에 달합니다."),
        ("자유무역협정 협상은 언제 재개됩니까?", "올해 안에 재개되기를 기대합니다."),
    ]
    assert parsed.formats == [name]


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


@pytest.mark.parametrize(
    "text",
    [
        "Q: How much did companies invest?\nA: They invested 9 billion dollars.\nQ: When?\nA: In 2026.",
        "P: ¿Cuánto invirtieron?\n\nR: Invirtieron 9.000 millones.\n\nP: ¿Cuándo?\n\nR: En 2026.",
        "질문: 얼마를 투자했나요?\n\n답변: 90억 달러를 투자했습니다.\n\n질문: 언제요?\n\n답변: 2026년에요.",
    ],
)
def test_a_text_that_opens_with_its_first_question_keeps_it_as_a_pair_and_has_no_title(text):
    """Regression: the first question became the title and its answer the standfirst."""
    parsed = parse_interview(text)
    assert (parsed.title, parsed.standfirst, len(parsed.pairs)) == ("", "", 2)
    assert not parsed.pairs[0].prompt.startswith(("Q:", "P:", "질문:"))
    assert parsed.pairs[0].answer.split()[-1] in {"dollars.", "millones.", "투자했습니다."}
