"""The 404 page in the page's language, inside the site's layout; the 500 page, standalone, in all three."""

from html.parser import HTMLParser

from django.test import RequestFactory, TestCase
from django.urls import reverse
from django.views.defaults import server_error

from .support.admin import member_of
from .support.factories import ArticleFactory
from .support.i18n import LANGUAGE_LABELS, MAIN_NAVIGATION, PageParser
from .support.pages import PageMarkup

NOT_FOUND = {
    "en": ("/articles/nope/", "Page not found"),
    "es": ("/es/articles/nope/", "Página no encontrada"),
    "ko": ("/ko/facts/999999/", "페이지를 찾을 수 없습니다"),
}


class Paragraphs(HTMLParser):
    """Collect the lang attribute of the <html> element and of each <p>."""

    def __init__(self, html):
        super().__init__()
        self.html_lang, self.paragraph_langs = None, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "p":
            self.paragraph_langs.append(attrs.get("lang"))


class NotFoundPageTests(TestCase):
    def test_a_missing_page_is_a_404_in_the_language_of_its_address_with_the_site_navigation(self):
        """Django's bare English "Not Found" page was served on /es/ and /ko/ too."""
        for language, (url, message) in NOT_FOUND.items():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                page = PageParser(response.content.decode())
                self.assertEqual(page.lang, language)
                self.assertContains(response, f"<h1>{message}</h1>", html=True, status_code=404)
                navigation = {nav["label"]: [link["text"].strip() for link in nav["links"]] for nav in page.navs}
                self.assertEqual(navigation[LANGUAGE_LABELS[language]], ["English", "Español", "한국어"])
                self.assertTrue(set(MAIN_NAVIGATION[language]) <= {t for links in navigation.values() for t in links})
                self.assertIn("site-footer", response.content.decode())
                if language != "en":
                    self.assertNotContains(response, "There is no page at this address", status_code=404)

    def test_a_missing_page_links_home_and_to_search_in_its_language(self):
        response = self.client.get("/es/articles/nope/")
        self.assertContains(response, 'href="/es/"', status_code=404)
        self.assertContains(response, 'href="/es/search/"', status_code=404)

    def test_the_language_links_of_a_missing_page_go_to_each_language_home_page(self):
        """They repeated the missing address, or for an address no route matches, all pointed at it."""
        for url in [*(url for url, _ in NOT_FOUND.values()), "/es/nope/"]:
            with self.subTest(url=url):
                links = PageParser(self.client.get(url).content.decode()).language_links()
                self.assertEqual([link["href"] for link in links], ["/", "/es/", "/ko/"])

    def test_a_missing_page_names_no_canonical_address_nor_alternates_and_asks_not_to_be_indexed(self):
        for url, _ in NOT_FOUND.values():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, '<meta name="robots" content="noindex">', html=True, status_code=404)
                for absent in ['rel="canonical"', 'hreflang="x-default"', 'property="og:url"']:
                    self.assertNotContains(response, absent, status_code=404)

    def test_a_missing_page_runs_nothing(self):
        self.assertEqual(PageMarkup(self.client.get("/ko/facts/999999/").content.decode()).unsafe, [])


class ServerErrorPageTests(TestCase):
    def test_the_500_page_renders_without_a_request_context_in_three_languages(self):
        """Django's bare English "Server Error (500)" page was served in every language."""
        response = server_error(RequestFactory().get("/es/articles/"))
        self.assertEqual(response.status_code, 500)
        html = response.content.decode()
        self.assertIn('<meta charset="utf-8">', html)
        self.assertIn('<meta name="viewport"', html)
        self.assertTrue(html.startswith("<!doctype html>"))
        page = Paragraphs(html)
        self.assertEqual(page.html_lang, "en")
        self.assertEqual(page.paragraph_langs, ["en", "es", "ko"])
        for home in ['href="/"', 'href="/es/"', 'href="/ko/"']:
            self.assertIn(home, html)


class ForbiddenPageTests(TestCase):
    def test_a_refusal_is_an_admin_page_in_the_editors_language(self):
        """Regression: a contributor typing a published article's Suggest facts address got a bare English 403."""
        article = ArticleFactory()
        self.client.force_login(member_of("Contributor"))
        url = reverse("admin:articles_article_suggest_facts", args=[article.pk])
        response = self.client.get(url, headers={"accept-language": "es"})
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, '<html lang="es"', status_code=403)
        self.assertContains(response, "Su función no permite esto.", status_code=403)
