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
