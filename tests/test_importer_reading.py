"""The importer's reading of newspaper pages: HTML, language, turns by dash, name or number, and page furniture."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.importer import ImportRefused, parse_interview, read_text
from articles.importer.datelines import is_place, read_dateline
from articles.importer.furniture import read_byline
from articles.importer.language import detect, detect_language
from articles.importer.markup import html_to_text

from .support.importing import prompts_and_answers

# Pasted HTML and odd characters


def test_html_is_read_as_the_text_a_browser_shows():
    text, _ = read_text(
        b"<h1>Corea &amp; M&eacute;xico</h1>\n<p class='x'>Una  entrevista\n con el&nbsp;embajador.</p>"
        b"<script>var a = '<p>no</p>';</script><style>p {}</style>"
        b"<p><strong>Q:</strong> Why&#8217;s that?<br>Line two.</p><figure><img src=x>"
        b"<figcaption>Photo: gone</figcaption></figure><p>A: Because.</p>"
    )
    assert text == "Corea & México\n\nUna entrevista con el embajador.\n\nQ: Why’s that?\nLine two.\n\nA: Because."


def test_lines_that_two_line_breaks_separate_are_paragraphs():
    """Regression: a body laid out with <br><br> (many Korean pages) was one paragraph, and refused."""
    markup = (
        "<h1>한류 인기 비결</h1><div id='article_body'>김지현 원장을 만났다.<br><br>\n"
        "-멕시코에서 한류가 인기 있는 이유는.<br> <br>“멕시코 사람들은 정을 중시한다.<br>가족도 그렇다.”<br><br>"
        "-K푸드 수출은 어떤가.<br><br>“해마다 늘고 있다.”</div>"
    )
    assert html_to_text(markup) == (
        "한류 인기 비결\n\n김지현 원장을 만났다.\n\n-멕시코에서 한류가 인기 있는 이유는.\n\n"
        "“멕시코 사람들은 정을 중시한다.\n가족도 그렇다.”\n\n-K푸드 수출은 어떤가.\n\n“해마다 늘고 있다.”"
    )
    assert prompts_and_answers(parse_interview(html_to_text(markup))) == [
        ("멕시코에서 한류가 인기 있는 이유는.", "멕시코 사람들은 정을 중시한다.\n가족도 그렇다."),
        ("K푸드 수출은 어떤가.", "해마다 늘고 있다."),
    ]


def test_prompts_a_page_sets_in_bold_are_prompts():
    """Regression: pages that mark their questions only in bold were refused: no pairs recognised."""
    english = (
        "<h1>A chef in Oaxaca</h1><p>He came for a week.</p><p><strong>Why Oaxaca?</strong> I came for a week and"
        " stayed ten years.</p><p>The <b>markets</b> won me.</p><p><b>Tell us about the menu.</b></p><p>We ferment.</p>"
        "<p><strong>What’s next?</strong><br>A third restaurant.</p>"
    )
    assert prompts_and_answers(parse_interview(html_to_text(english))) == [
        ("Why Oaxaca?", "I came for a week and stayed ten years.\n\nThe markets won me."),
        ("Tell us about the menu.", "We ferment."),
        ("What’s next?", "A third restaurant."),
    ]
    assert parse_interview(html_to_text(english)).formats == ["prompts in bold"]
    korean = (
        "<h1>멕시코 교민 사회</h1><p>회장을 만났다.</p><p><strong>교민 수는 얼마나 되나</strong></p>"
        "<p>1만 2천 명 정도다.</p><p><b>가장 큰 과제는</b></p><p>교육이다.</p>"
    )
    assert prompts_and_answers(parse_interview(html_to_text(korean))) == [
        ("교민 수는 얼마나 되나", "1만 2천 명 정도다."),
        ("가장 큰 과제는", "교육이다."),
    ]


def test_one_bold_phrase_or_bold_labels_are_no_prompts_of_their_own():
    markup = "<h1>T</h1><p><b>Q:</b> Why?</p><p><b>A:</b> Because.</p><p><b>Note:</b> edited.</p>"
    assert html_to_text(markup) == "T\n\nQ: Why?\n\nA: Because.\n\nNote: edited."


def test_text_that_merely_mentions_angle_brackets_is_not_read_as_html():
    text = "Title\n\n<저작권자 © 연합뉴스> and 3 < 4 &amp; more"
    assert read_text(text.encode()) == (text, "")


def test_html_without_markup_left_is_empty():
    with pytest.raises(ImportRefused, match="The file is empty."):
        read_text(b"<p> </p><script>only code</script>")


def test_pasted_line_breaks_controls_and_typesetting_spaces_are_made_plain():
    text, _ = read_text("Title\x0bSub\u2028title\x1b\x07\n\n1\u00a0000\u202fwon\u3000x\u2029Next".encode())
    assert text == "Title\nSub\ntitle\n\n1 000 won x\n\nNext"


def test_invisible_characters_pages_leave_behind_are_removed():
    """A right-to-left override reordered the title editors and readers saw; a zero-width space broke quotes."""
    text, _ = read_text("so\u202ecio\u202c\u200b natural\u2066 y\u2069 \u2060fiel\ufeff".encode())
    assert text == "socio natural y fiel"


def test_nested_skipped_elements_end_where_they_close():
    assert html_to_text("<aside><div><p>Read more</p></div></aside><p>Text</p><nav>x</nav>") == "Text"


# Language


@pytest.mark.parametrize(
    "text, language",
    [
        ("What did the minister say about the trade agreement with Korea?", "en"),
        ("¿Qué dijo el ministro sobre el tratado con Corea?", "es"),
        ("La relación con Corea es la más madura que tenemos en la región.", "es"),
        ("양국 관계를 어떻게 평가하나. USMCA와 FTA, KOTRA, POSCO 같은 이름이 많다.", "ko"),
        ("Samsung, LG, Kia, POSCO y Hyundai invierten en México.", "es"),
    ],
)
def test_the_language_is_detected_from_the_text(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(
    "text, language, evidence",
    [
        ("양국 관계를 어떻게 평가하나. USMCA와 FTA.", "ko", "% of the letters are Hangul."),
        ("¿Qué dijo el ministro sobre el tratado con Corea?", "es", "5 common Spanish words or marks against 0"),
        ("What did the minister say about the trade agreement?", "en", "against 3 common English words"),
    ],
)
def test_the_detection_says_what_it_went_by(text, language, evidence):
    detection = detect(text)
    assert detection.language == language
    assert evidence in detection.evidence


def test_the_parsed_interview_carries_its_language():
    parsed = parse_interview("한국과 멕시코\n\n질문 있습니까?\n\n네, 있습니다.")
    assert parsed.language == "ko"


# Dashes


def test_raya_turns_alternate_and_a_statement_turn_is_a_prompt_not_intro():
    """Regression: a statement turn of the interviewer, and its answer, were read as intro."""
    parsed = parse_interview(
        "La relación con Corea\n\n"
        "El embajador habló con este diario.\n\n"
        "Lo recibimos en la residencia.\n\n"
        "—Muchas empresas llegaron hace una década.\n\n"
        "—Así es. Samsung abrió su planta en 1988.\n\n"
        "—¿Y ahora?\n\n"
        "—Ahora crecen más.\n\n"
        "Sobre todo en Nuevo León."
    )
    assert parsed.intro == "Lo recibimos en la residencia."
    assert prompts_and_answers(parsed) == [
        ("Muchas empresas llegaron hace una década.", "Así es. Samsung abrió su planta en 1988."),
        ("¿Y ahora?", "Ahora crecen más.\n\nSobre todo en Nuevo León."),
    ]
    assert [pair.is_statement for pair in parsed.pairs] == [True, False]


def test_a_raya_turn_of_several_paragraphs_stays_the_interviewers():
    parsed = parse_interview(
        "Título\n\nEntradilla.\n\n"
        "—El año que viene se cumplen 120 años.\n\nEl gobierno prepara una fiesta. ¿Qué espera?\n\n"
        "—Que no sea solo una fiesta.\n\n—¿Algo más?\n\n—Nada más."
    )
    assert prompts_and_answers(parsed) == [
        (
            "El año que viene se cumplen 120 años.\n\nEl gobierno prepara una fiesta. ¿Qué espera?",
            "Que no sea solo una fiesta.",
        ),
        ("¿Algo más?", "Nada más."),
    ]


def test_when_only_prompts_have_a_dash_each_dash_paragraph_is_a_prompt_statements_included():
    parsed = parse_interview(
        "제목\n\n부제\n\n―양국 관계를 어떻게 평가하나.\n\n성숙한 관계다.\n\n더 말하자면 그렇다.\n\n"
        "―기념행사 계획은.\n\n축제를 연다."
    )
    assert prompts_and_answers(parsed) == [
        ("양국 관계를 어떻게 평가하나.", "성숙한 관계다.\n\n더 말하자면 그렇다."),
        ("기념행사 계획은.", "축제를 연다."),
    ]


# Names and numbers


def test_names_as_labels_the_first_recurring_name_is_the_interviewers():
    parsed = parse_interview(
        "Title\n\nStandfirst.\n\n"
        "ORTIZ: How many people work here?\n\nSEUNG-HOON LEE: About 4,000.\n\nMore at suppliers.\n\n"
        "ORTIZ: You reached two million cars.\n\nLEE: Yes, last month.\n\n"
        "ORTIZ: Why Nuevo León?\n\nLEE: Because of the people."
    )
    assert prompts_and_answers(parsed) == [
        ("How many people work here?", "About 4,000.\n\nMore at suppliers."),
        ("You reached two million cars.", "Yes, last month."),
        ("Why Nuevo León?", "Because of the people."),
    ]
    assert parsed.formats == ["names as labels"]


def test_an_upper_case_word_with_a_colon_once_is_no_name_label():
    parsed = parse_interview("Title\n\nStandfirst.\n\nWhy now?\n\nUSMCA: the rules reward local production.")
    assert prompts_and_answers(parsed) == [("Why now?", "USMCA: the rules reward local production.")]


def test_a_numbered_statement_continuing_the_numbering_is_a_prompt_but_a_list_in_an_answer_is_not():
    parsed = parse_interview(
        "Title\n\nStandfirst.\n\n1. What will it do?\n\nMeasure the ocean.\n\n"
        "2. Korea created its space agency last May.\n\nThat helped. Our priorities:\n\n1. Data.\n\n2. Training.\n\n"
        "3. When will it launch?\n\nNext year."
    )
    assert prompts_and_answers(parsed) == [
        ("What will it do?", "Measure the ocean."),
        ("Korea created its space agency last May.", "That helped. Our priorities:\n\n1. Data.\n\n2. Training."),
        ("When will it launch?", "Next year."),
    ]


def test_prompt_paragraphs_without_a_labelled_answer_give_it_their_paragraphs():
    parsed = parse_interview(
        "Title\n\nStandfirst.\n\nQ: Why?\n\nA: Because.\n\nQ: And then?\n\nWe grew.\n\nQ: Finally?\n\nA: Done."
    )
    assert prompts_and_answers(parsed) == [("Why?", "Because."), ("And then?", "We grew."), ("Finally?", "Done.")]


def test_el_pais_pregunta_and_respuesta_labels_with_a_full_stop():
    parsed = parse_interview("Título\n\nEntradilla.\n\nPregunta. ¿Cuántos alumnos?\n\nRespuesta. Unos 3.400.")
    assert prompts_and_answers(parsed) == [("¿Cuántos alumnos?", "Unos 3.400.")]
    assert parsed.formats == ["Pregunta. and Respuesta. labels"]


# Furniture


@pytest.mark.parametrize(
    "line, language, day",
    [
        ("Published: 30 Aug. 2024, 18:30", "en", date(2024, 8, 30)),
        ("Published : Aug. 30, 2024 - 18:30", "en", date(2024, 8, 30)),
        ("Updated: Sept. 16, 2024, 5:02 p.m. ET", "en", date(2024, 9, 16)),
        ("Published November 4, 2024 at 9:15 AM", "en", date(2024, 11, 4)),
        ("Posted : 2024-05-21 17:12 Updated : 2024-05-22 18:40", "en", date(2024, 5, 21)),
        ("07/02/2024", "en", date(2024, 7, 2)),
        ("Publicado el 30 de agosto de 2024", "es", date(2024, 8, 30)),
        ("Ciudad de México - 12 mar 2024 - 06:00 CST", "es", date(2024, 3, 12)),
        ("Ciudad de México, 14 de abril de 2024", "es", date(2024, 4, 14)),
        ("Publicado: 07/02/2024 21:10 hrs", "es", date(2024, 2, 7)),
        ("입력 2024.08.30 18:30", "ko", date(2024, 8, 30)),
        ("기사입력 2024-03-05 06:00", "ko", date(2024, 3, 5)),
        ("2024년 8월 30일", "ko", date(2024, 8, 30)),
        # Regression: a full stop after the day left the time unread, and a weekday the line unread.
        ("입력 2025.03.12. 03:00", "ko", date(2025, 3, 12)),
        ("업데이트 2025.03.12. 08:11", "ko", date(2025, 3, 12)),
        ("miércoles 12 marzo 2025 12:00 PM", "es", date(2025, 3, 12)),
        ("Wednesday, March 12, 2025", "en", date(2025, 3, 12)),
        # Regression: a year of two digits left the date unread.
        ("12/03/25 | 05:00 AM", "es", date(2025, 3, 12)),
    ],
)
def test_datelines_give_the_date_of_first_publication(line, language, day):
    dateline = read_dateline(line, language)
    assert dateline.published == day
    assert is_place(dateline.rest)


@pytest.mark.parametrize(
    "line", ["Kia opened its plant on Sept. 16, 2016.", "Trade grew in 2023.", "31/02/2024", "1.2.25", "31/02/25"]
)
def test_sentences_and_impossible_dates_are_no_datelines(line):
    dateline = read_dateline(line, "en")
    assert dateline is None or not is_place(dateline.rest)


@pytest.mark.parametrize(
    "line, name",
    [
        ("By Lee Jung-joo", "Lee Jung-joo"),
        ("By Sofia Ramírez, Staff Reporter", "Sofia Ramírez"),
        ("Por: Roberto Morales Vega", "Roberto Morales Vega"),
        ("Por Andrea Navarro, corresponsal", "Andrea Navarro"),
        ("김민지 기자 minji@hankyung.com", "김민지"),
        ("글=박서연 기자", "박서연"),
        ("By Kim Se-jin and Lee Hyo-jin", "Kim Se-jin"),
        # Regression: two journalists joined by "y" were one person.
        ("Por Roberto González y Dora Villanueva", "Roberto González"),
        ("Por José Ortega y Gasset", "José Ortega y Gasset"),
        ("Redacción Milenio", ""),
        ("POR MARIANA LÓPEZ", "Mariana López"),
        ("BY ESTHER CHUNG [chung.juhee@joongang.co.kr]", "Esther Chung"),
        ("Mariana López | El Universal", "Mariana López"),
        ("Corea | México", None),
        ("Por Redacción", ""),
        ("Por eso pedimos más.", None),
        ("By then, trade had grown.", None),
        ("Por México, el gobierno hará más.", None),
    ],
)
def test_bylines_name_the_journalist(line, name):
    assert read_byline(line) == name


def test_the_front_matter_gives_date_and_interviewer_and_the_furniture_is_left_out():
    """Regression: a dateline became the standfirst; captions and pull quotes stayed in the text."""
    parsed = parse_interview(
        "INTERVIEW\n\n[Herald Interview] Mexico's envoy\n\nBy Lee Jung-joo\n\nPublished: 30 Aug. 2024, 18:30\n\n"
        "The ambassador on trade.\n\nPhoto: The ambassador in Seoul.\n\nHe spoke at the embassy.\n\n"
        "Q: What comes next?\n\nA: Trade will double by 2030, I am sure.\n\n"
        "“Trade will double by 2030”\n\nWe want more firms.\n\n"
        "Q: Any quote you like?\n\nA: Yes.\n\n“Leaders never stop learning.”\n\n"
        "Source: The Korea Herald"
    )
    assert (parsed.title, parsed.standfirst, parsed.intro) == (
        "Mexico's envoy",
        "The ambassador on trade.",
        "He spoke at the embassy.",
    )
    assert (parsed.original_date, parsed.interviewer_name, parsed.source_name) == (
        date(2024, 8, 30),
        "Lee Jung-joo",
        "The Korea Herald",
    )
    assert prompts_and_answers(parsed) == [
        ("What comes next?", "Trade will double by 2030, I am sure.\n\nWe want more firms."),
        ("Any quote you like?", "Yes.\n\n“Leaders never stop learning.”"),
    ]
    assert parsed.left_out == [
        ("section label", "INTERVIEW"),
        ("byline", "By Lee Jung-joo"),
        ("dateline", "Published: 30 Aug. 2024, 18:30"),
        ("photo caption", "Photo: The ambassador in Seoul."),
        ("pull quote", "“Trade will double by 2030”"),
        ("source line", "Source: The Korea Herald"),
    ]


def test_a_dateline_naming_an_update_first_gives_the_publication_after_it():
    parsed = parse_interview(
        "Title\n\nActualizado: 22/07/2024 08:45\n\nPublicado: 21/07/2024 21:10\n\nEntradilla.\n\n¿Qué?\n\nEso."
    )
    assert (parsed.original_date, parsed.standfirst) == (date(2024, 7, 21), "Entradilla.")


@pytest.mark.parametrize(
    ("front", "day", "name"),
    [
        ("입력 2024.08.30 18:30\n김철수 기자", date(2024, 8, 30), "김철수"),
        ("Por Ana López \nPublicado el 30 de agosto de 2024", date(2024, 8, 30), "Ana López"),
    ],
)
def test_a_dateline_and_a_byline_on_consecutive_lines_are_both_read(front, day, name):
    """Pasted news pages put them on consecutive lines: they became the intro or the standfirst."""
    parsed = parse_interview(f"Título\n\nLa entradilla.\n\n{front}\n\nP: ¿Qué?\n\nR: Eso.")
    assert (parsed.original_date, parsed.interviewer_name, parsed.standfirst, parsed.intro) == (
        day,
        name,
        "La entradilla.",
        "",
    )
    assert [paragraph for _, paragraph in parsed.left_out] == [line.strip() for line in front.split("\n")]


def test_a_dateline_line_followed_by_a_sentence_is_not_left_out():
    parsed = parse_interview(
        "Título\n\nPublicado el 30 de agosto de 2024\nLa empresa amplía su planta.\n\nP: ¿Qué?\n\nR: Eso."
    )
    assert parsed.standfirst == "Publicado el 30 de agosto de 2024\nLa empresa amplía su planta."
    assert parsed.left_out == []


@pytest.mark.parametrize("separator", ["\n", "\x0b", "\x0c", "\u2028"])
def test_a_title_over_several_lines_is_one_line(separator):
    """A title field is one line: browsers drop its line breaks, gluing the words ("socionatural")."""
    parsed = parse_interview(f"«México es nuestro socio{separator}natural»\n\nP: ¿Qué?\n\nR: Eso.")
    assert parsed.title == "«México es nuestro socio natural»"


def test_a_hyphen_typed_for_a_dash_marks_prompts_but_a_list_item_does_not():
    parsed = parse_interview(
        "제목\n\n-멕시코 진출 배경은.\n\n시장이 크다.\n\n- 첫째, 인력.\n\n-앞으로 계획은?\n\n공장을 더 짓는다."
    )
    assert prompts_and_answers(parsed) == [
        ("멕시코 진출 배경은.", "시장이 크다.\n\n- 첫째, 인력."),
        ("앞으로 계획은?", "공장을 더 짓는다."),
    ]


def test_a_newsroom_byline_and_an_agency_credit_are_left_out_naming_no_one():
    parsed = parse_interview(
        "Samsung apuesta por Tijuana\n\nPOR REDACCIÓN\n\nLa empresa amplía su planta.\n\n"
        "P: ¿Cuánto invertirán?\n\nR: Unos 200 millones de dólares.\n\nCon información de EFE"
    )
    assert (parsed.standfirst, parsed.interviewer_name, parsed.source_name) == (
        "La empresa amplía su planta.",
        "",
        "EFE",
    )
    assert parsed.pairs[-1].answer == "Unos 200 millones de dólares."


def test_a_copyright_line_names_the_source():
    parsed = parse_interview("제목\n\n질문인가요?\n\n답이다.\n\n<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>")
    assert parsed.source_name == "연합뉴스"
    assert parsed.pairs[-1].answer == "답이다."


@pytest.mark.parametrize(
    "line, source",
    [
        ("© 2025 Todos los Derechos Reservados. El Universal", "El Universal"),
        ("Copyright © 2024 All rights reserved. The Korea Herald", "The Korea Herald"),
    ],
)
def test_a_copyright_line_names_the_source_after_its_reserved_rights(line, source):
    """Regression: "© 2025 Todos los Derechos Reservados. El Universal" named "Todos los Derechos Reservados"."""
    assert parse_interview(f"Título\n\n¿Pregunta?\n\nRespuesta.\n\n{line}").source_name == source


@pytest.mark.parametrize(
    "caption",
    [
        "El embajador durante la entrevista. Foto: Especial",
        "El embajador en su oficina | Foto: Cuartoscuro",
        "호세 루이스 가르시아 위원장이 인터뷰하고 있다. 정혜진 기자",
        "Ambassador Kim speaks at his office on March 10. [PARK SANG-MOON]",
        # Regression: these credits were not read, and their captions stayed in the text.
        "Ambassador Carlos Pena poses during an interview in Seoul on Monday. (Im Se-jun/The Korea Herald)",
        "The envoy speaks at the embassy in Seoul. Korea Times photo by Shim Hyun-chul",
        "멕시코 과달라하라 CJ제일제당 공장 전경. /CJ제일제당 제공",
        "Cuartoscuro",
    ],
)
def test_a_caption_ending_with_its_credit_is_left_out(caption):
    """Regression: a caption ending with a credit alone became the standfirst."""
    parsed = parse_interview(f"Title\n\n{caption}\n\nStandfirst.\n\nQ: Why?\n\nA: Because.")
    assert parsed.standfirst == "Standfirst."
    assert parsed.left_out == [("photo caption", caption)]


@pytest.mark.parametrize(
    "answer", ["Yes (2019/2020).", "Nos tomamos una foto de grupo", "Lo dijo en Seúl. (Fuente/Cifra)."]
)
def test_answers_that_merely_look_like_credits_stay(answer):
    assert prompts_and_answers(parse_interview(f"Title\n\nQ: Why?\n\nA: Because.\n\n{answer}")) == [
        ("Why?", f"Because.\n\n{answer}")
    ]


@pytest.mark.parametrize("section", ["Entrevista", "Empresas"])
def test_a_section_word_above_the_title_is_no_title(section):
    """Regression: "Entrevista" in title case above the headline became the title."""
    parsed = parse_interview(
        f"{section}\n\nLG alista gigafábrica en Coahuila\n\nEntradilla.\n\nP: ¿Cuándo?\n\nR: Pronto."
    )
    assert (parsed.title, parsed.standfirst) == ("LG alista gigafábrica en Coahuila", "Entradilla.")


def test_blank_text_has_no_pairs():
    with pytest.raises(ImportRefused, match="No question/answer pairs were recognised"):
        parse_interview(" \n\n ")


def test_labels_alone_on_their_line_label_the_paragraph_after_them():
    parsed = parse_interview("Title\n\nStandfirst.\n\nQ:\n\nWhat now?\n\nA:\n\nWe wait.\n\nQ: And then?\n\nA: We see.")
    assert prompts_and_answers(parsed) == [("What now?", "We wait."), ("And then?", "We see.")]


def test_a_prompt_mark_without_words_is_refused_with_advice():
    with pytest.raises(ImportRefused, match="A prompt is marked .* but has no words"):
        parse_interview("Title\n\nQ:\n\nA: An answer to nothing.")


PIECES = [
    *(
        "Q: ",
        "A: ",
        "—",
        "– ",
        "―",
        "1.- ",
        "2. ",
        "¿Qué?",
        "What?",
        "Photo: x",
        "사진=z",
        "“said words”",
        "said words",
    ),
    *("By Lee Jung-joo", "김민지 기자", "Published: 30 Aug. 2024", "Source: X", "ENTREVISTA", "[Interview] ", "LEE: "),
    *("ORTIZ: ", "## ", "\n", "\n\n", " ", "text.", "<p>", "</p>", "<br>", "&amp;", "\x0b", "31/02/2024"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_any_text_is_read_into_whole_pairs_or_refused_with_a_reason(parts):
    try:
        parsed = parse_interview(read_text("".join(parts).encode())[0])
    except ImportRefused:
        return
    assert parsed.pairs
    assert all(pair.prompt.strip() and pair.answer.strip() for pair in parsed.pairs)
