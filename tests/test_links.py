"""
Only http and https addresses become links, whatever stored them: the models refuse other
schemes, and pages, JSON-LD, exports and the admin render an address from the database only
when it is a web address, even one stored without validation (the importer, the shell, a
restored backup or version).
"""

import csv
import io
import json
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils.translation import override

from articles.links import web_url
from articles.models import Article, Source

from .support.admin import admin_url, create_editor
from .support.factories import ArticleFactory, FactFactory, SourceFactory
from .support.pages import LANGUAGES, PageMarkup, body

# Script and data addresses as they may be stored: any case, spaces and control characters
# around or inside the scheme (browsers drop a tab or a newline), entities, and the schemes
# Django's URLField accepts or that name another host without a scheme.
HOSTILE = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "javascript&#58;alert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.com/interview",
    "//evil.example/interview",
    "https:evil.example",
    "https://",
]
GOOD = "https://example.com/interview?id=1&lang=es"
SOURCE_SITE = "http://example.com/"
LINK_ATTRIBUTES = {"href", "src", "cite", "action", "formaction"}


class Links(HTMLParser):
    """Every address an element of a page links or loads, as the browser reads it."""

    def __init__(self, html):
        super().__init__()
        self.addresses = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.addresses += [value or "" for name, value in attrs if name in LINK_ATTRIBUTES]


def is_web_or_local(address):
    """Return whether `address` is an http(s) address or a path, fragment or query on this site."""
    address = address.strip().lower()
    return address.startswith(("http://", "https://", "#", "?")) or address.startswith("/") and address[1:2] != "/"


def json_ld_urls(data):
    """Yield every url, sameAs and @id value of JSON-LD `data`."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("url", "sameAs", "@id"):
                yield from value if isinstance(value, list) else [value]
            else:
                yield from json_ld_urls(value)
    elif isinstance(data, list):
        for value in data:
            yield from json_ld_urls(value)


class WebUrlTests(TestCase):
    def test_only_web_addresses_are_returned(self):
        for value in HOSTILE + ["", None, "example.com/interview", "mailto:news@example.com"]:
            with self.subTest(value=value):
                self.assertEqual(web_url(value), "")
        for value in [GOOD, "http://example.com", "HTTPS://EXAMPLE.COM/A"]:
            with self.subTest(value=value):
                self.assertEqual(web_url(f" {value} "), value)

    def test_models_refuse_other_schemes_with_a_message_that_says_which(self):
        """Django's URLField accepts ftp and ftps; a source's addresses are web pages."""
        source = SourceFactory.build(url="ftp://example.com/")
        article = ArticleFactory.build(source_url="ftps://example.com/interview", source=None, interviewee=None)
        for obj, field in [(source, "url"), (article, "source_url")]:
            with self.subTest(field=field), self.assertRaises(ValidationError) as refused:
                obj.full_clean(exclude=["interviewee", "source"])
            self.assertEqual(
                refused.exception.message_dict[field], ["Enter a web address that starts with http:// or https://."]
            )

    def test_the_admin_refuses_an_ftp_address(self):
        self.client.force_login(create_editor())
        response = self.client.post(
            admin_url(Source, "add"), {"name": "Reforma", "url": "ftp://example.com/", "language": "es"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Enter a web address that starts with http:// or https://.")
        self.assertFalse(Source.objects.exists())


# Addresses are stored without a save between requests: pages must not come from the cache.
@override_settings(PAGE_CACHE=False)
class StoredAddressTests(TestCase):
    """Addresses stored with queryset.update(), as no validation ever sees them."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = create_editor()
        cls.article = ArticleFactory(source=SourceFactory(name="El Economista"))
        cls.fact = FactFactory(pair__article=cls.article)

    def store(self, address):
        Article.objects.filter(pk=self.article.pk).update(source_url=address)
        Source.objects.filter(pk=self.article.source_id).update(url=address if address != GOOD else SOURCE_SITE)

    def pages(self):
        """Yield each page that shows the article's source, in every language, and the admin's."""
        for language in LANGUAGES:
            with override(language):
                yield self.article.get_absolute_url()
                yield self.fact.get_permalink()

    def rendered(self, address):
        """Return every address the pages link, every url of their JSON-LD and the exports' source_url."""
        self.store(address)
        links, urls = [], []
        for url in self.pages():
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            html = response.content.decode()
            links += Links(html).addresses
            urls += [url for data in PageMarkup(html).json_ld for url in json_ld_urls(json.loads(data))]
        facts = json.loads(body(self.client.get(reverse("articles:facts-json"))))["facts"]
        header, *rows = csv.reader(io.StringIO(body(self.client.get(reverse("articles:facts-csv"))).decode()))
        exported = [fact["source_url"] for fact in facts] + [
            dict(zip(header, row, strict=True))["source_url"] for row in rows
        ]
        return links, urls, exported

    def test_a_stored_script_or_data_address_is_never_a_link(self):
        for address in HOSTILE:
            with self.subTest(address=address):
                links, urls, exported = self.rendered(address)
                self.assertEqual([link for link in links if not is_web_or_local(link)], [])
                self.assertEqual([url for url in urls if not is_web_or_local(url)], [])
                self.assertEqual([link for link in links + urls if address.strip() in link], [])
                self.assertEqual(exported, [None, ""])

    def test_a_web_address_is_linked_everywhere(self):
        links, urls, exported = self.rendered(GOOD)
        # A link on the article page; a cite and a link on the fact's.
        self.assertEqual(links.count(GOOD), 3 * len(LANGUAGES))
        self.assertIn(GOOD, urls)
        self.assertIn(SOURCE_SITE, urls)
        self.assertEqual(exported, [GOOD, GOOD])

    def test_the_admin_links_no_stored_script_address(self):
        self.client.force_login(self.editor)
        for address in HOSTILE:
            self.store(address)
            pages = [admin_url(Article, "change", self.article.pk), admin_url(Source, "change", self.article.source_id)]
            for url in pages:
                with self.subTest(address=address, url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    links = Links(response.content.decode()).addresses
                    self.assertEqual([link for link in links if not is_web_or_local(link)], [])
        self.store(GOOD)
        response = self.client.get(admin_url(Article, "change", self.article.pk))
        self.assertIn(GOOD, Links(response.content.decode()).addresses)
