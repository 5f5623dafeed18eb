"""
What the tests of content in three languages share: the Korean trade theme, pages' alternates,
and what a page shows of its language (navigation, language links).
"""

import html
import re
from html.parser import HTMLParser
from urllib.parse import quote

from .factories import ThemeFactory
from .pages import sitemap_pages

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
KO_SLUG = "무역과-fta"
MAIN_NAVIGATION = {
    "en": ["Articles", "Themes", "Facts", "Timeline", "Data", "Search"],
    "es": ["Artículos", "Temas", "Datos", "Cronología", "Datos abiertos", "Buscar"],
    "ko": ["기사", "주제", "사실", "연표", "데이터", "검색"],
}
LANGUAGE_LABELS = {"en": "Language", "es": "Idioma", "ko": "언어"}


def absolute(path):
    return f"http://testserver{path}"


def ko_theme_url(slug=KO_SLUG):
    return f"/ko/themes/{quote(slug)}/"


class Alternates(HTMLParser):
    """The <link rel="alternate" hreflang> elements of a page, as {hreflang: href}."""

    def __init__(self, response):
        assert response.status_code == 200, response.status_code
        super().__init__()
        self.links = {}
        self.feed(response.content.decode())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            assert attrs["hreflang"] not in self.links, f"two alternates for {attrs['hreflang']}"
            self.links[attrs["hreflang"]] = attrs["href"]


def alternates(response):
    return Alternates(response).links


def language_links(response):
    """The header's language links, as {hreflang: absolute href}, to compare with alternates()."""
    (languages,) = re.findall(r'<ul class="language-list">(.*?)</ul>', response.content.decode(), re.DOTALL)
    links = re.findall(r'<a href="([^"]+)" hreflang="([\w-]+)"', languages)
    return {language: absolute(html.unescape(href)) for href, language in links}


def sitemap_alternates(client):
    """Map each address on the sitemap's pages to its alternates, {hreflang: href}."""
    return {
        url.findtext(f"{SITEMAP}loc"): {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
        for page in sitemap_pages(client)
        for url in page.iter(f"{SITEMAP}url")
    }


def trade_theme(**values):
    return ThemeFactory(
        name="Trade and the FTA",
        slug="trade-and-the-fta",
        description="Trade between Korea and Mexico.",
        name_es="Comercio y el TLC",
        slug_es="comercio-y-el-tlc",
        description_es="El comercio entre Corea y México.",
        name_ko="무역과 FTA",
        slug_ko=KO_SLUG,
        description_ko="한국과 멕시코의 교역.",
        **values,
    )


class PageParser(HTMLParser):
    """Collect what these tests read of a page: <html lang>, Open Graph locales and each <nav>'s links."""

    def __init__(self, html):
        super().__init__()
        self.lang, self.og_locale, self.og_alternates = None, None, []
        self.navs, self.nav, self.link = [], None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "meta" and attrs.get("property") == "og:locale":
            self.og_locale = attrs["content"]
        elif tag == "meta" and attrs.get("property") == "og:locale:alternate":
            self.og_alternates.append(attrs["content"])
        elif tag == "nav":
            self.nav = {"label": attrs.get("aria-label"), "class": attrs.get("class", ""), "links": []}
            self.navs.append(self.nav)
        elif tag == "a" and self.nav is not None:
            self.link = {**attrs, "text": ""}
            self.nav["links"].append(self.link)

    def handle_data(self, data):
        if self.link is not None:
            self.link["text"] += data

    def handle_endtag(self, tag):
        if tag == "a":
            self.link = None
        elif tag == "nav":
            self.nav = None

    def language_links(self):
        """Return the links of the language switcher, <nav class="languages">."""
        for nav in self.navs:
            if "languages" in nav["class"].split():
                return nav["links"]
        raise AssertionError("the page has no language switcher")
