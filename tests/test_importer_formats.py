"""Interview formats of the Spanish and Korean press the importer reads: labels, names, agency lines."""

from datetime import date

import pytest

from articles.importer import parse_interview

from .support.importing import prompts_and_answers


def test_el_pais_p_and_r_labels_with_a_full_stop_are_labels():
    """Regression: "P. ¿…?" / "R. …" kept their labels in the prompt and the answer."""
    parsed = parse_interview(
        "Título\n\nEntradilla.\n\nP. ¿Cómo ve el 2025?\n\nR. Con optimismo.\n\nP. ¿Y la inversión?\n\nR. Crecerá."
    )
    assert prompts_and_answers(parsed) == [("¿Cómo ve el 2025?", "Con optimismo."), ("¿Y la inversión?", "Crecerá.")]
    assert parsed.formats == ["P. and R. labels"]


@pytest.mark.parametrize(
    ("interviewer", "interviewee"),
    # Regression: names of one word ("Lee:", "Notimex:") stayed in the prompts and answers.
    [
        ("Laura Méndez", "Ana de la Torre"),
        ("기자", "김민수"),
        ("기자", "이상민 장관"),
        ("MND", "Lee"),
        ("Notimex", "Lee Jae-won"),
    ],
)
def test_names_written_as_people_write_them_are_labels(interviewer, interviewee):
    """Regression: names in mixed case, or Korean, stayed in the prompts and answers as text."""
    parsed = parse_interview(
        f"Título\n\nEntradilla.\n\n{interviewer}: ¿Cuántos empleos?\n\n{interviewee}: Unos 4.000.\n\n"
        f"Más en proveedores.\n\n{interviewer}: ¿Y en 2026?\n\n{interviewee}: El doble."
    )
    assert prompts_and_answers(parsed) == [
        ("¿Cuántos empleos?", "Unos 4.000.\n\nMás en proveedores."),
        ("¿Y en 2026?", "El doble."),
    ]
    assert parsed.formats == ["names as labels"]


@pytest.mark.parametrize(
    ("interviewer", "initials", "interviewee", "theirs"),
    [
        ("ANA TORRES", "AT", "KIM MIN-JUN", "KMJ"),
        ("Laura Méndez", "LM", "Ana de la Torre", "AT"),
        ("EL ECONOMISTA", "EE", "MARCELO EBRARD", "ME"),
    ],
)
def test_names_with_initials_then_the_initials_are_labels(interviewer, initials, interviewee, theirs):
    """Regression: "ANA TORRES (AT): …" was read as text, so the first question was lost in the intro."""
    parsed = parse_interview(
        f"Título\n\nEntradilla.\n\n{interviewer} ({initials}): ¿Cuántos empleos?\n\n"
        f"{interviewee} ({theirs}): Unos 4.000.\n\n{initials}: ¿Y en 2026?\n\n{theirs}: El doble."
    )
    assert prompts_and_answers(parsed) == [("¿Cuántos empleos?", "Unos 4.000."), ("¿Y en 2026?", "El doble.")]
    assert parsed.formats == ["names as labels"]


@pytest.mark.parametrize(
    "link",
    [
        "Lee también: Corea del Sur pide a EU mantener exención",
        "Te recomendamos: Kia invertirá 1,000 mdd en Nuevo León",
        "Related: Kia to expand its plant with a US $1B investment",
        "TEMAS: Hyundai · Autos · T-MEC",
        "#삼성전자#멕시코#관세",
        "Recibe todos los viernes Hello Weekend, nuestro newsletter. Suscríbete aquí",
    ],
)
def test_a_link_to_another_story_or_the_tags_between_answers_are_left_out(link):
    """Regression: inserted links stayed in the answers and were suggested as the interviewee's facts."""
    parsed = parse_interview(
        f"Título\n\nEntradilla.\n\nP: ¿Cómo ve la relación?\n\nR: Es una relación madura.\n\n{link}\n\n"
        "P: ¿Y la inversión?\n\nR: Crecerá."
    )
    assert prompts_and_answers(parsed) == [
        ("¿Cómo ve la relación?", "Es una relación madura."),
        ("¿Y la inversión?", "Crecerá."),
    ]
    assert parsed.left_out == [("link to other stories or tags", link)]


def test_the_end_of_a_page_is_left_out_past_its_tags_and_related_stories():
    """Regression: a related-stories block after the copyright line kept all of it in the last answer, and no source."""
    parsed = parse_interview(
        "제목\n\n부제.\n\n질문: 교역 규모는?\n\n답변: 198억 달러입니다.\n\n이영희 기자 leeyh@chosun.com\n\n"
        "#삼성전자#멕시코#관세\n\nCopyright ⓒ 조선일보 무단전재 및 재배포 금지\n\n관련 기사\n\n"
        "LG전자, 멕시코 공장 증설\n\n멕시코 한인 4만 명 시대"
    )
    assert prompts_and_answers(parsed) == [("교역 규모는?", "198억 달러입니다.")]
    assert (parsed.source_name, parsed.interviewer_name) == ("조선일보", "이영희")
    assert [category for category, _ in parsed.left_out] == [
        "byline",
        "link to other stories or tags",
        "source line",
        *["link to other stories or tags"] * 3,
    ]


def test_yonhaps_double_hyphen_prompts_and_triangle_answers():
    """Regression: Yonhap's "-- …" prompts were no dashes, and its "▲ …" answers were left out as captions."""
    parsed = parse_interview(
        "[인터뷰] 주멕시코 대사\n\n부제.\n\n-- 한국과 멕시코의 교역 규모는.\n\n▲ 지난해 교역액은 약 213억 달러였다.\n\n"
        "더 늘 것이다.\n\n-- 전망은.\n\n▲ 밝다.\n\n▲ 인터뷰하는 대사 (서울=연합뉴스)"
    )
    assert prompts_and_answers(parsed) == [
        ("한국과 멕시코의 교역 규모는.", "지난해 교역액은 약 213억 달러였다.\n\n더 늘 것이다."),
        ("전망은.", "밝다."),
    ]
    assert parsed.left_out == [("photo caption", "▲ 인터뷰하는 대사 (서울=연합뉴스)")]


def test_a_question_its_speaker_answers_at_once_stays_in_the_answer():
    """Regression: "¿Por qué híbridos? Porque…" in an answer was read as a prompt, and the import refused."""
    parsed = parse_interview(
        "Título\n\nEntradilla.\n\n¿Qué tan realista es la meta?\n\nEs ambiciosa.\n\n"
        "¿Por qué híbridos? Porque el cliente todavía desconfía de los eléctricos.\n\n"
        "¿Los aranceles cambian sus planes?\n\nNo."
    )
    assert prompts_and_answers(parsed) == [
        (
            "¿Qué tan realista es la meta?",
            "Es ambiciosa.\n\n¿Por qué híbridos? Porque el cliente todavía desconfía de los eléctricos.",
        ),
        ("¿Los aranceles cambian sus planes?", "No."),
    ]


def test_an_agencys_story_ends_with_related_stories_the_journalists_address_and_the_copyright():
    """Regression: the address and the copyright line were listed as links, and no source was read."""
    parsed = parse_interview(
        "제목\n\n부제.\n\n-- 교역 규모는.\n\n▲ 213억 달러다.\n\n관련 기사\n\n멕시코, 한국산 철강에 관세\n\n"
        "hong@yna.co.kr\n\n<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>"
    )
    assert prompts_and_answers(parsed) == [("교역 규모는.", "213억 달러다.")]
    assert parsed.source_name == "연합뉴스"
    assert [category for category, _ in parsed.left_out] == [
        "link to other stories or tags",
        "link to other stories or tags",
        "byline",
        "source line",
    ]


def test_an_agencys_dateline_and_byline_opening_the_story_name_the_journalist_and_the_source():
    """Regression: "(서울=연합뉴스) 홍길동 기자 = …" stayed at the head of the standfirst, naming no one."""
    parsed = parse_interview(
        "[인터뷰] 주멕시코 대사\n\n(서울=연합뉴스) 홍길동 기자 = 멕시코와의 교역이 늘고 있다.\n\n"
        "-- 교역 규모는.\n\n▲ 213억 달러다."
    )
    assert (parsed.standfirst, parsed.interviewer_name, parsed.source_name) == (
        "멕시코와의 교역이 늘고 있다.",
        "홍길동",
        "연합뉴스",
    )


def test_a_capitalised_phrase_with_a_colon_once_in_an_answer_is_no_name():
    parsed = parse_interview("Title\n\nStandfirst.\n\nWhy now?\n\nNuevo León: the rules reward local production.")
    assert prompts_and_answers(parsed) == [("Why now?", "Nuevo León: the rules reward local production.")]


@pytest.mark.parametrize(
    ("footer", "source", "interviewer", "day"),
    [
        ("연합뉴스", "연합뉴스", "", None),
        ("(EFE)", "EFE", "", None),
        ("서울=연합뉴스 홍길동 기자 2025.03.03", "", "홍길동", date(2025, 3, 3)),
        ("(서울=연합뉴스) 홍길동 기자", "", "홍길동", None),
    ],
)
def test_an_agencys_line_at_the_end_is_left_out_of_the_last_answer(footer, source, interviewer, day):
    """Regression: a bare agency name or an agency's byline at the end was appended to the last answer."""
    parsed = parse_interview(f"제목\n\n부제.\n\n질문: 교역 규모는?\n\n답변: 198억 달러입니다.\n\n{footer}")
    assert prompts_and_answers(parsed) == [("교역 규모는?", "198억 달러입니다.")]
    assert (parsed.source_name, parsed.interviewer_name, parsed.original_date) == (source, interviewer, day)


def test_a_dateline_naming_the_place_and_then_the_journalist_gives_both():
    """Regression: "Ciudad de México, 3 de marzo de 2025.- Por Laura Méndez" stayed in the intro, unread."""
    parsed = parse_interview(
        "Título\n\nCiudad de México, 3 de marzo de 2025.- Por Laura Méndez\n\nEntradilla.\n\n"
        "P: ¿Cuántos empleos?\n\nR: Unos 4.000."
    )
    assert (parsed.original_date, parsed.interviewer_name, parsed.standfirst) == (
        date(2025, 3, 3),
        "Laura Méndez",
        "Entradilla.",
    )


@pytest.mark.parametrize(
    ("lede", "dateline", "day", "source"),
    [
        (
            "Ciudad de México, 12 de marzo de 2025.- El embajador habló.",
            "Ciudad de México, 12 de marzo de 2025.-",
            date(2025, 3, 12),
            "",
        ),
        ("MADRID, 5 mar (EFE).- El embajador habló.", "MADRID, 5 mar (EFE).-", None, "EFE"),
        ("SEOUL, March 12 (Yonhap) -- El embajador habló.", "SEOUL, March 12 (Yonhap) --", None, "Yonhap"),
        ("MÉXICO (AFP) — El embajador habló.", "MÉXICO (AFP) —", None, "AFP"),
    ],
)
def test_a_story_opening_with_its_place_date_and_agency_gives_them_and_starts_after_them(lede, dateline, day, source):
    """Regression: "Ciudad de México, 12 de marzo de 2025.- El embajador…" opened the standfirst, its date unread."""
    parsed = parse_interview(f"Título\n\n{lede}\n\n¿Cuándo?\n\nEste año.")
    assert (parsed.standfirst, parsed.original_date, parsed.source_name) == ("El embajador habló.", day, source)
    assert parsed.left_out == [("dateline", dateline)]


def test_a_journalists_name_alone_above_the_opening_dateline_is_the_byline():
    """Regression: "Daniel Sánchez Martínez" alone under the title became the standfirst."""
    parsed = parse_interview(
        "Título\n\nDaniel Sánchez Martínez\n\nCiudad de México, 12 de marzo de 2025.- El embajador habló.\n\n"
        "¿Cuándo?\n\nEste año."
    )
    assert (parsed.standfirst, parsed.interviewer_name) == ("El embajador habló.", "Daniel Sánchez Martínez")
    assert parsed.left_out == [
        ("byline", "Daniel Sánchez Martínez"),
        ("dateline", "Ciudad de México, 12 de marzo de 2025.-"),
    ]


@pytest.mark.parametrize(
    "standfirst",
    [
        "Samsung, el gigante coreano - invierte en Querétaro.",
        "Corea – México: una relación de 60 años.",
        "Seúl (Corea del Sur) - La capital crece.",
    ],
)
def test_a_standfirst_with_a_dash_but_no_date_or_agency_stays_whole(standfirst):
    parsed = parse_interview(f"Título\n\nKim Jin-pyo\n\n{standfirst}\n\n¿Cuándo?\n\nEste año.")
    assert (parsed.standfirst, parsed.intro, parsed.interviewer_name) == ("Kim Jin-pyo", standfirst, "")


def test_korean_papers_triangle_prompts_and_answers_in_quotes():
    """Regression: "▶ …" prompts were no prompts, so the interview was refused; quoted answers kept their quotes."""
    parsed = parse_interview(
        '포스코 법인장 "수요 늘 것"\n\n▶ 공장 증설 계획은.\n\n"내년까지 2억 달러를 투자한다."\n\n“더 늘린다.”\n\n'
        '▶ 현지 인력은 몇 명인가.\n\n"현재 800명이다. 한국인은 12명이다."\n\n"이라고 말했다" 같은 표현도 있다.'
    )
    assert prompts_and_answers(parsed) == [
        ("공장 증설 계획은.", "내년까지 2억 달러를 투자한다.\n\n더 늘린다."),
        ("현지 인력은 몇 명인가.", '현재 800명이다. 한국인은 12명이다.\n\n"이라고 말했다" 같은 표현도 있다.'),
    ]


@pytest.mark.parametrize(
    ("head", "source", "day", "left_out"),
    [
        ("La Jornada", "La Jornada", None, [("source line", "La Jornada")]),
        (
            "Economía\nLunes 10 de marzo de 2025",
            "",
            date(2025, 3, 10),
            [("section label", "Economía"), ("dateline", "Lunes 10 de marzo de 2025")],
        ),
        (
            "Korea Times\nPosted : 2025-03-12 17:00",
            "Korea Times",
            date(2025, 3, 12),
            [("source line", "Korea Times"), ("dateline", "Posted : 2025-03-12 17:00")],
        ),
        (
            "El Financiero\nEmpresas",
            "El Financiero",
            None,
            [("source line", "El Financiero"), ("section label", "Empresas")],
        ),
    ],
)
def test_the_papers_name_and_section_and_date_above_the_title_are_read_not_the_title(head, source, day, left_out):
    """Regression: "La Jornada" above the title became the title, and "Economía" glued to the date hid the date."""
    parsed = parse_interview(
        f"{head}\n\nCorea ve a México\n\nEl embajador habló.\n\n—¿Cuántas empresas hay?\n\n—Unas 2 mil."
    )
    assert (parsed.title, parsed.standfirst, parsed.source_name, parsed.original_date) == (
        "Corea ve a México",
        "El embajador habló.",
        source,
        day,
    )
    assert parsed.left_out == left_out


def test_a_pages_share_buttons_are_left_out_wherever_they_stand():
    """Regression: "Compartir Facebook Twitter WhatsApp" became the standfirst, and ended the last answer."""
    parsed = parse_interview(
        "Corea ve a México\n\nCompartir Facebook Twitter WhatsApp\n\nEl embajador habló.\n\n"
        "—¿Cuántas empresas hay?\n\n—Unas 2 mil.\n\n공유하기 페이스북 트위터 카카오톡\n\n—¿Y en Corea?\n\n—Más.\n\n"
        "Share on Facebook Share on X\n\nSíguenos en Google News"
    )
    assert parsed.standfirst == "El embajador habló."
    assert prompts_and_answers(parsed) == [("¿Cuántas empresas hay?", "Unas 2 mil."), ("¿Y en Corea?", "Más.")]
    assert [category for category, _ in parsed.left_out] == ["share buttons"] * 4


def test_a_networks_name_alone_may_be_an_answer():
    parsed = parse_interview("Redes\n\n¿Qué red usa más?\n\nTwitter\n\n¿Y su equipo?\n\nFacebook")
    assert prompts_and_answers(parsed) == [("¿Qué red usa más?", "Twitter"), ("¿Y su equipo?", "Facebook")]


@pytest.mark.parametrize(
    "related",
    [
        "관련기사\n멕시코, 한국산 철강에 관세\n한-멕 FTA 재개되나",
        "Más noticias\nKotra abre oficina en Monterrey\nSamsung invierte en Tijuana",
        "Lee también\n\nKotra abre oficina en Monterrey\n\nSamsung invierte en Tijuana",
    ],
)
def test_related_stories_at_the_end_are_left_out_as_lines_or_paragraphs_with_or_without_a_colon(related):
    """Regression: "관련기사" with its titles as lines, or "Lee también" without a colon, ended the last answer."""
    parsed = parse_interview(f"Kia\n\nP: ¿Ventas?\n\nR: Bien.\n\n{related}")
    assert prompts_and_answers(parsed) == [("¿Ventas?", "Bien.")]
    assert "\n\n".join(paragraph for _, paragraph in parsed.left_out) == related


@pytest.mark.parametrize("byline", ["Redacción Milenio", "Redacción", "Agencias"])
def test_a_newsrooms_byline_without_by_is_left_out_naming_no_one(byline):
    """Regression: "Redacción Milenio" under the title became the standfirst."""
    parsed = parse_interview(f"Corea ve a México\n\n{byline}\n\nEl embajador habló.\n\n—¿Cuántas hay?\n\n—Unas 2 mil.")
    assert (parsed.standfirst, parsed.interviewer_name, parsed.left_out) == (
        "El embajador habló.",
        "",
        [("byline", byline)],
    )


def test_a_journalists_name_over_their_address_at_the_end_is_a_byline():
    """Regression: "Park Jae-hyuk\npjh@koreatimes.co.kr" ended the last answer."""
    parsed = parse_interview("Mexico eyes FTA\n\nQ: Realistic?\n\nA: It is.\n\nPark Jae-hyuk\npjh@koreatimes.co.kr")
    assert prompts_and_answers(parsed) == [("Realistic?", "It is.")]
    assert (parsed.interviewer_name, parsed.left_out) == (
        "Park Jae-hyuk",
        [("byline", "Park Jae-hyuk\npjh@koreatimes.co.kr")],
    )


def test_a_word_and_a_colon_said_once_in_an_answer_is_no_speaker():
    parsed = parse_interview("Kia\n\nLEE: ¿Cuántos?\n\nKIM: Unos 180.\n\nObjetivo: duplicar.\n\nLEE: ¿Y?\n\nKIM: Agua.")
    assert prompts_and_answers(parsed) == [("¿Cuántos?", "Unos 180.\n\nObjetivo: duplicar."), ("¿Y?", "Agua.")]


@pytest.mark.parametrize(
    ("text", "subheading", "answers"),
    [
        (
            "Kia\n\nP: ¿Ventas?\n\nR: Crecieron 12%.\n\nEl reto eléctrico\n\nP: ¿Cuándo?\n\nR: Antes de 2027.",
            "El reto eléctrico",
            ["Crecieron 12%.", "Antes de 2027."],
        ),
        (
            "기아\n\n-- 판매는.\n\n▲ 늘었다.\n\n◆ 멕시코 시장 전망\n\n-- 전망은.\n\n▲ 밝다.",
            "◆ 멕시코 시장 전망",
            ["늘었다.", "밝다."],
        ),
    ],
)
def test_a_subheading_between_an_answer_and_the_next_prompt_is_left_out(text, subheading, answers):
    """Regression: "El reto eléctrico" ended the answer before it."""
    parsed = parse_interview(text)
    assert [answer for _, answer in prompts_and_answers(parsed)] == answers
    assert parsed.left_out == [("subheading", subheading)]


@pytest.mark.parametrize(
    "answer",
    ["Tres cosas:\n\nInversión\n\nTalento", "Con optimismo, pero\n\nsin prisa", "Sí.\n\nEl T-MEC, sobre todo."],
)
def test_an_answers_list_or_last_words_are_no_subheading(answer):
    parsed = parse_interview(f"Kia\n\nP: ¿Qué necesita?\n\nR: {answer}\n\nP: ¿Y?\n\nR: Nada.")
    assert prompts_and_answers(parsed) == [("¿Qué necesita?", answer), ("¿Y?", "Nada.")]
