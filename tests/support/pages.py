"""Public pages in tests: their languages, body, markup as a browser would run it, the sitemap's pages."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from django.urls import reverse

LANGUAGES = ["en", "es", "ko"]


ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction"}


# Script elements that hold data, never run: JSON-LD on pages, the admin's JSON settings.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


class PageMarkup(HTMLParser):
    """
    Collect what a page would run or load: elements with event handler attributes,
    javascript: addresses, script elements that are not JSON-LD or a file, and injected
    elements; and the page's text, as a reader sees it, without scripts.
    """

    def __init__(self, html):
        super().__init__()
        self.unsafe, self.json_ld, self.text = [], [], []
        self.script = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.unsafe.append(f"<{tag} {name}>")
            if name in ADDRESS_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.unsafe.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "svg") and "class" not in attrs or tag == "img" and attrs.get("src") == "x":
            self.unsafe.append(f"<{tag}>")
        if tag == "script":
            self.script = attrs
            if attrs.get("type") not in DATA_SCRIPT_TYPES and "src" not in attrs:
                self.unsafe.append("<script>")

    def handle_endtag(self, tag):
        if tag == "script":
            self.script = None

    def handle_data(self, data):
        if self.script is None:
            self.text.append(data)
        elif self.script.get("type") == "application/ld+json":
            self.json_ld.append(data)

    @property
    def visible(self):
        return " ".join("".join(self.text).split())


def body(response):
    """Return the body of `response`, streamed or not; a streamed one can be read again after."""
    if not response.streaming:
        return response.content
    content = b"".join(response.streaming_content)
    response.streaming_content = [content]
    return content


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_pages(client):
    """Return the pages the sitemap index at /sitemap.xml names, each parsed, in its order."""
    index = client.get(reverse("sitemap"))
    assert index.status_code == 200, index.status_code
    pages = [client.get(location.text) for location in ET.fromstring(index.content).iter(f"{SITEMAP}loc")]
    assert all(page.status_code == 200 for page in pages)
    return [ET.fromstring(page.content) for page in pages]


class Head(HTMLParser):
    """The canonical links, meta tags and JSON-LD scripts of a page, read as a browser reads them."""

    def __init__(self, response):
        assert response.status_code == 200, response.status_code
        super().__init__()
        self.canonicals, self.meta, self.json_ld = [], {}, []
        self.in_json_ld = False
        self.feed(response.content.decode())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonicals.append(attrs["href"])
        elif tag == "meta" and (key := attrs.get("property") or attrs.get("name")):
            self.meta.setdefault(key, []).append(attrs["content"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self.in_json_ld = True
            self.json_ld.append("")

    def handle_data(self, data):
        if self.in_json_ld:
            self.json_ld[-1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_json_ld = False

    def one(self, key):
        """Return the content of the one meta tag named `key`."""
        values = self.meta.get(key, [])
        assert len(values) == 1, f"{key}: {values}"
        return values[0]
