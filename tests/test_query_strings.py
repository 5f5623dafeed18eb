"""
Every public page reads the query parameters it names and answers one spelling of them: any
other is redirected to it without a render, so that junk in URLs neither renders a page nor
adds an entry to the page cache (articles/query_strings.py).
"""

import html
import re
from unittest import mock
from urllib.parse import urlencode

from django.core.cache import cache
from django.test import TestCase
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, ThemeFactory

PREFIXES = ["", "/es", "/ko"]


def make_content(cls):
    cls.trade = ThemeFactory(name="Trade", slug="trade")
    cls.space = ThemeFactory(name="Space", slug="space")
    cls.article = ArticleFactory(
        title="Trade talks", slug="trade-talks", interviewee=PersonFactory(slug="lee"), themes=[cls.trade]
    )
    pair = QAPairFactory(article=cls.article, position=1, answer="Trade reached $19.8 billion in 2023.")
    cls.fact = FactFactory(
        pair=pair,
        statement="Trade set a record in 2023.",
        quote="$19.8 billion in 2023",
        value=19800000000,
        unit="USD",
        themes=[cls.trade, cls.space],
    )


def page_sets():
    """Watch cache.set(), to see which pages are stored."""
    return mock.patch.object(cache, "set", wraps=cache.set)


def stored_pages(spy):
    return [call.args[0] for call in spy.call_args_list if call.args[0].startswith("page:")]


class CanonicalQueryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_content(cls)

    def plain_urls(self):
        """Public addresses that read no query parameter, in every language, and the project's own."""
        pages = [
            "/",
            "/articles/trade-talks/",
            f"/facts/{self.fact.pk}/",
            "/data/",
            "/feeds/rss/",
            "/feeds/atom/",
            "/themes/trade/feed/atom/",
        ]
        return [prefix + page for prefix in PREFIXES for page in pages] + ["/sitemap.xml", "/robots.txt"]

    def test_a_parameter_a_page_does_not_read_is_redirected_away_without_a_render(self):
        urls = [*self.plain_urls(), "/facts/", "/articles/", "/themes/", "/themes/trade/", "/timeline/", "/search/"]
        urls += ["/facts.csv", "/es/facts.json", "/ko/themes/trade/facts.csv", "/sitemap-articles.xml"]
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
                with self.assertNumQueries(0):
                    response = self.client.get(f"{url}?utm_source=newsletter&junk=1")
                self.assertRedirects(response, url, 301, fetch_redirect_response=False)

    def test_known_parameters_are_spelled_once_each_in_a_fixed_order(self):
        cases = [
            ("/facts/?kind=figure&theme=trade", "/facts/?theme=trade&kind=figure"),
            ("/facts/?page=2&theme=trade&page=1", "/facts/?theme=trade&page=1"),
            ("/facts/?theme=trade&theme=space&theme=trade", "/facts/?theme=trade&theme=space"),
            ("/facts/?theme=%74rade", "/facts/?theme=trade"),
            ("/facts/?to=2030&from=2020&person=lee", "/facts/?person=lee&from=2020&to=2030"),
            ("/facts.csv?page=2&kind=dated", "/facts.csv?kind=dated"),
            ("/es/timeline/?theme=trade&junk&theme=space", "/es/timeline/?theme=trade&theme=space"),
            ("/search/?theme=trade&q=korea%20mexico", "/search/?q=korea+mexico&theme=trade"),
            ("/themes/?page=1&page=1", "/themes/?page=1"),
            ("/sitemap-articles.xml?p=1&x=2", "/sitemap-articles.xml?p=1"),
            # Regression: a page number with leading zeros or in full-width digits was a page of its own.
            ("/facts/?theme=trade&page=01", "/facts/?theme=trade&page=1"),
            ("/es/facts/?page=%EF%BC%91", "/es/facts/?page=1"),
            (f"/themes/?page={'0' * 40}1", "/themes/?page=1"),
            ("/sitemap-articles.xml?p=001", "/sitemap-articles.xml?p=1"),
        ]
        for url, canonical in cases:
            with self.subTest(url=url):
                self.assertRedirects(self.client.get(url), canonical, 301, fetch_redirect_response=False)
                self.assertEqual(self.client.get(canonical).status_code, 200, canonical)

    def test_the_links_and_forms_of_filtered_pages_are_canonical(self):
        pages = [
            "/facts/?theme=trade",
            "/es/articles/?theme=trade",
            "/themes/trade/?kind=figure",
            "/ko/timeline/?theme=space",
            "/search/?q=trade&theme=trade",
        ]
        for page in pages:
            content = self.client.get(page).content.decode()
            path = page.partition("?")[0]
            links = [html.unescape(href) for href in re.findall(r'href="([^"#]*\?[^"#]*)"', content)]
            self.assertTrue(links, page)
            for link in links:
                url = path + link if link.startswith("?") else re.sub(r"^https?://[^/]+", "", link)
                with self.subTest(page=page, link=url):
                    self.assertEqual(self.client.get(url).status_code, 200)
            # What the filter or search form sends: a value a field in the order of the form, empty ones too.
            form = re.search(r"<form .*?</form>", content, re.DOTALL).group()
            names = dict.fromkeys(re.findall(r' name="([^"]+)"', form))
            fields = [(name, "trade" if name == "theme" else "") for name in names]
            with self.subTest(page=page, form=fields):
                self.assertEqual(self.client.get(f"{path}?{urlencode(fields)}").status_code, 200)

    def test_a_flood_of_junk_urls_stores_no_page(self):
        self.assertEqual(self.client.get("/facts/?theme=trade").status_code, 200)
        with page_sets() as spy:
            for number in range(40):
                self.assertEqual(self.client.get(f"/facts/?theme=trade&junk={number}").status_code, 301)
                self.assertEqual(self.client.get(f"/facts.csv?junk{number}=1").status_code, 301)
                self.assertEqual(self.client.get(f"/facts/?theme=trade&page={'0' * (number + 1)}1").status_code, 301)
                # A value that matches nothing shows the page with a notice, which is not stored.
                response = self.client.get(f"/facts/?theme=trade&theme=nope-{number}")
                self.assertContains(response, f"No theme is called nope-{number}; ignored.")
                self.assertIn("private", response["Cache-Control"])
                self.assertEqual(self.client.get(f"/search/?q=trade&theme=nope-{number}").status_code, 200)
            self.assertEqual(stored_pages(spy), [])
            self.assertEqual(self.client.get("/facts/?theme=space").status_code, 200)
            self.assertEqual(len(stored_pages(spy)), 1)


class CanonicalQueryPropertyTests(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        make_content(cls)

    names = st.sampled_from(["theme", "person", "source", "from", "to", "kind", "page", "q", "p", "junk"])
    values = st.sampled_from(["", "trade", "space", "lee", "2023", "figure", "1", "2", "a b", "~*", "%", "é"])

    @settings(max_examples=60, deadline=None)
    @given(
        st.sampled_from(["/facts/", "/es/articles/", "/themes/trade/", "/timeline/", "/search/", "/facts.json", "/"]),
        st.lists(st.tuples(names, values), max_size=6),
    )
    def test_one_redirect_at_most_leads_to_a_page_that_answers_itself(self, path, params):
        response = self.client.get(f"{path}?{urlencode(params)}")
        if response.status_code == 301:
            response = self.client.get(response["Location"])
        self.assertIn(response.status_code, (200, 404), params)
