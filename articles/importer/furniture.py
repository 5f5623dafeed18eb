"""
Tell a newspaper page's furniture from its text: kickers, bylines, photo captions, pull quotes,
links to other stories and tags, and source and copyright lines. Each is a paragraph of its own
that an editor leaves out of the standfirst, the intro and the answers; bylines and source lines
also name the interviewer and the source.
"""

import re

# The paper's name set above the title, as a page pasted whole begins: "La Jornada", "Korea Times", "중앙일보".
MASTHEAD = re.compile(
    r"(?:the\s+)?(?:korea\s+herald|korea\s+times|korea\s+joongang\s+daily|mexico\s+news\s+daily|la\s+jornada"
    r"|el\s+universal|milenio|el\s+financiero|expansión|excélsior|reforma|el\s+economista|proceso|el\s+país"
    r"|yonhap(?:\s+news(?:\s+agency)?)?|연합뉴스|조선일보|중앙일보|동아일보|한국경제|매일경제|한겨레|경향신문|한국일보)",
    re.IGNORECASE,
)
# A section label above the title: "ENTREVISTA", "Q&A", "[인터뷰]", "Entrevista".
# Newspapers' sections, written in title case above the title.
SECTIONS = (
    r"entrevistas?|empresas|economía|negocios|finanzas|internacional|mundo|nacional|política|opinión|tecnología"
    r"|cultura|interviews?|business|economy|world|nation|opinion|politics|technology|culture"
)
KICKER = re.compile(rf"\[[^\]\n]{{1,30}}\]|[A-ZÁÉÍÓÚÑÜ&]{{2,20}}(?:\s+[A-ZÁÉÍÓÚÑÜ&]{{2,20}})?|인터뷰|(?i:{SECTIONS})")
# The same label set before the title on its line: "[Herald Interview] Mexico's envoy…".
TITLE_KICKER = re.compile(r"\[[^\]\n]{1,30}\]\s*")

CAPITALISED = r"[A-ZÁÉÍÓÚÑÜ][\w'’.-]*"
PARTICLE = r"(?:de|del|la|las|los|y|van|von|da|dos|di)"
NAME = rf"{CAPITALISED}(?:\s+(?:{PARTICLE}\s+)*{CAPITALISED}){{0,4}}"
# "By Lee Jung-joo", "Por: Roberto Morales Vega", "By Sofia Ramírez, Staff Reporter",
# "Por Andrea Navarro, corresponsal", "By Jane Doe | The Korea Times", "By Jane Doe and John Roe",
# "BY ESTHER CHUNG [chung@joongang.co.kr]"; and OUTLET_BYLINE below.
BYLINE = re.compile(
    rf"(?i:by|por|reporting by|texto|text)\s*:?\s+(?P<name>{NAME})"
    r"(?:\s*(?:[,|/(\[]|\s-\s|\s[–—]\s|\s(?:and|y)\s)[^\n]{0,60})?",
)
# "김민지 기자", "글=박서연 기자", "김민지 기자 minji@hankyung.com", "서울=이준호 특파원".
# With an agency after the place and a date after the name: "서울=연합뉴스 홍길동 기자 2025.03.03".
KOREAN_BYLINE = re.compile(
    r"[(\[]?(?:[가-힣·]{1,8}\s*=\s*(?:[가-힣\w]{2,10}\s*[)\]]?\s+)?)?(?P<name>[가-힣]{2,4})\s*"
    r"(?:선임기자|객원기자|기자|특파원|통신원)(?:\s*[\w.+-]+@[\w.-]+)?(?:\s*(?:19|20)\d\d[.\-/]\d{1,2}[.\-/]\d{1,2}\.?)?"
)
# A Korean agency's dateline and byline opening a story's first paragraph: "(서울=연합뉴스) 홍길동 기자 = …".
AGENCY_LEDE = re.compile(
    r"[(\[](?P<place>[가-힣·]{1,8})\s*=\s*(?P<agency>[가-힣\w]{2,10})[)\]]\s*"
    r"(?P<name>[가-힣]{2,4})\s*(?:선임기자|객원기자|기자|특파원)\s*=\s*(?=\S)"
)
# A name and the outlet it writes for, with no "By": "Mariana López | El Universal".
OUTLET_BYLINE = re.compile(
    rf"(?P<name>{CAPITALISED}(?:\s+(?:{PARTICLE}\s+)*{CAPITALISED}){{1,4}})\s+\|\s+[^\n|]{{2,40}}"
)
# A journalist's address alone on its line, as Korean agencies end a story: "hong@yna.co.kr".
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MAX_BYLINE = 100
# What bylines name that is no journalist: a newsroom or the agencies.
NOT_PEOPLE = {"agencias", "agencies", "newsroom", "redacción", "staff", "the editors", "wire services"}
# A newsroom's byline without "By", alone on its line: "Redacción", "Redacción Milenio", "Staff".
NEWSROOM_BYLINE = re.compile(rf"(?i:redacción|agencias|staff|newsroom)(?:\s+{CAPITALISED}){{0,3}}")

CAPTION_START = re.compile(
    r"(?:photos?|fotos?|fotograf[íi]as?|im[áa]gen(?:es)?|images?|pictures?)"
    r"(?:\s+(?:courtesy of|cortes[íi]a(?: de)?|by)\b|\s*[:=])"
    r"|\[?사진\s*=|▲",
    re.IGNORECASE,
)
# Captions that end with their credit: "…인터뷰하고 있다. /사진=김민지 기자", "…(사진=연합뉴스)", "… (Photo: Yonhap)",
# "… durante la entrevista. Foto: Especial", "… | Foto: Cuartoscuro", "…인터뷰하고 있다. 정혜진 기자",
# "…on March 10. [PARK SANG-MOON]".
CAPTION_END = re.compile(
    r"(?:/\s*사진\s*=[^/\n]+|[(\[]\s*(?:사진\s*=|(?i:photo|foto)\s*:)[^)\]\n]+[)\]]"
    r"|[.|]\s+(?i:photos?|fotos?)\s*:\s*[^.\n]{1,40}|다\.\s+[가-힣]{2,4}\s*기자|\.\s+\[[A-Z][A-Z .'’-]{3,40}\]"
    # "… on Monday. (Im Se-jun/The Korea Herald)", "… 공장 전경. /CJ제일제당 제공", "… Times photo by Shim Hyun-chul"
    r"|\.\s+\([A-Z][^()/\n]{1,40}/[^()\n]{2,40}\)|\.\s+/\s*[^/\n]{1,30}\s*제공|(?i:photo by)\s+[^.\n]{2,40})$"
)
# A photo agency's credit alone on its line: "Cuartoscuro", "Foto: Getty Images".
PHOTO_CREDIT = re.compile(r"(?i:(?:fotos?|photos?)\s*:\s*)?(?i:cuartoscuro(?:\.com)?|getty images|shutterstock)")
MAX_CAPTION = 400

# A page's links to other stories, set between paragraphs ("Lee también: …", "Related: …", "관련기사"),
# its newsletter and sharing prompts, and the story's tags ("TEMAS: …", "#삼성전자#멕시코#관세").
LINKS_LABEL = (
    r"lee también|lea también|lee además|te recomendamos|te puede interesar|recomendamos|related(?: stories| articles)?"
    r"|read (?:more|also)|also read|see also|more on this|관련\s*기사|추천\s*기사|함께 볼 기사|temas relacionados|temas"
    r"|etiquetas|tags?|share this(?: article)?|compartir"
    r"|más noticias|notas relacionadas|noticias relacionadas|más información|more stories|more news|관련기사"
)
# The heading of a list of links to other stories, alone on its line: "Lee también:", "관련 기사", "Más noticias".
LINKS_HEADING = re.compile(rf"(?:{LINKS_LABEL})\s*[:：]?", re.IGNORECASE)
LINKS = re.compile(
    rf"(?:{LINKS_LABEL})\s*[:：][^\n]*|관련\s*기사|(?:#[^\s#]+\s*){{2,}}"
    r"|(?:suscríbete|subscribe|sign up|recibe)\b[^\n]*(?:newsletter|boletín)[^\n]*",
    re.IGNORECASE,
)
# A page's share buttons, pasted as their words: "Compartir Facebook Twitter WhatsApp", "Share on X",
# "Síguenos en Google News", "공유하기 페이스북 트위터 카카오톡".
SHARE_WORD = (
    r"compartir(?:\s+en)?|comparte|share(?:\s+on|\s+this(?:\s+article)?)?|síguenos\s+en|follow\s+us\s+on|공유하기|공유"
    r"|facebook|twitter|x|whatsapp|telegram|linkedin|messenger|pinterest|reddit|e-?mail|correo(?:\s+electrónico)?"
    r"|imprimir|print|copiar\s+enlace|copy\s+link|google\s+news|kakaotalk|카카오톡|카카오스토리|페이스북|트위터"
    r"|(?:네이버\s+)?밴드|링크\s*복사|url\s*복사"
)
SHARE_BAR = re.compile(rf"(?:(?:{SHARE_WORD})[\s·|/,:]*){{1,12}}", re.IGNORECASE)
SHARE_WORDS = re.compile(SHARE_WORD, re.IGNORECASE)
SHARING = re.compile(r"compartir|comparte|share|síguenos|follow|공유", re.IGNORECASE)
# A story's title as a link lists it: short, without the full stop of a sentence.
MAX_LINK = 120

QUOTED = re.compile(r"[“\"«„「『‘'](?P<inner>[^\n]+)[”\"»“」』’']")
ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[…\]|\(…\))\s*")
MIN_QUOTED = 12

# A news agency's name alone on its line, as agencies sign their stories: "연합뉴스", "(EFE)".
AGENCY = re.compile(r"[(\[]?(?P<name>연합뉴스|뉴시스|뉴스1|(?i:yonhap|efe|afp|ap|reuters|notimex|xinhua))[)\]]?")
SOURCE = re.compile(
    r"(?:(?:source|sources|fuente|fuentes|출처)\s*[:：]"
    r"|(?:con información de|with information from|with reporting from)\s*:?)\s*(?P<name>[^\n]+?)\.?",
    re.IGNORECASE,
)
# "<저작권자 © 한국경제, 무단전재 및 재배포 금지>", "ⓒ 연합뉴스",
# "Copyright © 2024 The Korea Herald. All rights reserved.", "© 2025 Todos los Derechos Reservados. El Universal".
COPYRIGHT = re.compile(
    r"<?\s*(?:저작권자\s*)?(?:copyright\s*)?(?:©|ⓒ|\((?i:c)\))\s*(?:copyright\s*)?(?:(?:19|20)\d\d\s+)?"
    r"(?:(?:todos los derechos reservados|all rights reserved)\.?\s+)?"
    r"(?P<name>[^,|<>\n]+?)\s*(?:[,|.]\s*[^\n]*|무단[^\n]*|(?i:all rights reserved)[^\n]*)?>?",
    re.IGNORECASE,
)


def read_masthead(paragraph):
    """Return the paper `paragraph` names when it is the paper's name set above the title ("La Jornada"), else ""."""
    return paragraph if MASTHEAD.fullmatch(paragraph) else ""


def is_kicker(paragraph):
    """Tell whether `paragraph` is a section label set above the title."""
    return bool(KICKER.fullmatch(paragraph))


def title_without_kicker(title):
    """Return `title` without a bracketed section label before it ("[Interview] …")."""
    return TITLE_KICKER.sub("", title, count=1) if TITLE_KICKER.match(title) else title


def read_byline(paragraph):
    """
    Return the name of the journalist that `paragraph`, a byline, names; "" when it is a byline
    that names no journalist ("Por Redacción"), None when it is no byline.
    """
    # A sentence ("Por México, el gobierno hará más.") is no byline.
    if "\n" in paragraph or len(paragraph) > MAX_BYLINE or paragraph.endswith((".", "?", "!", "…")):
        return None
    if EMAIL.fullmatch(paragraph) or NEWSROOM_BYLINE.fullmatch(paragraph):
        return ""
    byline = BYLINE.fullmatch(paragraph) or KOREAN_BYLINE.fullmatch(paragraph) or OUTLET_BYLINE.fullmatch(paragraph)
    if not byline:
        return None
    name = byline["name"]
    if name.lower() in NOT_PEOPLE:
        return ""
    # Two journalists ("Por Roberto González y Dora Villanueva"): the first; "Ortega y Gasset" is one name.
    first, joined, second = name.partition(" y ")
    if joined and len(first.split()) > 1 and len(second.split()) > 1:
        name = first
    # A byline in capitals ("POR MARIANA LÓPEZ") names Mariana López.
    return name.title() if name.isupper() else name


def read_signature(paragraph):
    """Return the journalist's name when `paragraph` is their name over their address ("Park Jae-hyuk\npjh@…")."""
    name, _, address = paragraph.partition("\n")
    return name.strip() if is_bare_name(name.strip()) and EMAIL.fullmatch(address.strip()) else ""


def is_bare_name(paragraph):
    """Tell whether `paragraph` is a person's name alone, as a byline above a story's lede: "Daniel Sánchez"."""
    return len(paragraph.split()) > 1 and bool(re.fullmatch(NAME, paragraph))


def agency_lede(paragraph):
    """Return the match of the agency's dateline and byline `paragraph` opens with (AGENCY_LEDE), or None."""
    return AGENCY_LEDE.match(paragraph)


def is_caption(paragraph):
    """Tell whether `paragraph` is a photo caption or credit: "Photo: …", "Foto: …", "사진=…", "… /사진=…"."""
    if "\n" in paragraph or len(paragraph) > MAX_CAPTION:
        return False
    return bool(CAPTION_START.match(paragraph) or CAPTION_END.search(paragraph) or PHOTO_CREDIT.fullmatch(paragraph))


def is_link_line(paragraph):
    """Tell whether `paragraph` sends readers elsewhere: a link to another story, tags, a newsletter or share prompt."""
    return "\n" not in paragraph and len(paragraph) <= MAX_CAPTION and bool(LINKS.fullmatch(paragraph))


def is_share_bar(paragraph):
    """
    Tell whether `paragraph` is a page's share buttons: only their words, "share" among them or
    two at least (a network's name alone may be an answer).
    """
    if len(paragraph) > MAX_CAPTION or not SHARE_BAR.fullmatch(paragraph):
        return False
    return bool(SHARING.search(paragraph)) or len(SHARE_WORDS.findall(paragraph)) > 1


def is_link_heading(line):
    """Tell whether `line` heads a list of links to other stories ("Lee también", "관련 기사", "Related:")."""
    return bool(LINKS_HEADING.fullmatch(line))


def is_link_title(paragraph):
    """Tell whether `paragraph` could be the title of a story listed as a link: short, and no sentence."""
    return "\n" not in paragraph and len(paragraph) <= MAX_LINK and not paragraph.endswith((".", "?", "!", "…", ":"))


def is_pull_quote(paragraph, text):
    """
    Tell whether `paragraph` is a pull quote: words in quotation marks, alone on their line,
    that the article says once more besides (`text` is the article with `paragraph`, its white
    space collapsed), allowing for the ellipses that shorten a pull quote and the capital
    letter that starts it.
    """
    quoted = QUOTED.fullmatch(paragraph)
    if not quoted:
        return False
    parts = [part.strip(" .,;:") for part in ELLIPSIS.split(" ".join(quoted["inner"].split()))]
    parts = [part for part in parts if part]
    text = text.lower()
    return sum(map(len, parts)) >= MIN_QUOTED and all(text.count(part.lower()) >= 2 for part in parts)


def read_source(paragraph):
    """Return the source that `paragraph`, a source or copyright line, names, or "" when it is neither."""
    if "\n" in paragraph:
        return ""
    line = SOURCE.fullmatch(paragraph) or COPYRIGHT.fullmatch(paragraph) or AGENCY.fullmatch(paragraph)
    return line["name"].strip() if line else ""
