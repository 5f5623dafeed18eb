"""What the tests of content in three languages share: the Korean trade theme, pages' alternates and language links."""

import re
from html.parser import HTMLParser
from urllib.parse import quote

from .factories import ThemeFactory
from .pages import sitemap_pages

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
KO_SLUG = "무역과-fta"


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
    return {language: absolute(href) for href, language in links}


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
