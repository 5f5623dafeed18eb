"""
Every public page type in every language describes itself to search engines and link previews:
its JSON-LD parses, is of the page type's schema.org @type and in the page's language, and its
OpenGraph base tags (og:title, og:url, og:locale) are present and in that language.
"""

import json
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils.translation import gettext, override

from articles.models import Article, Fact, Theme

from .support.pages import LANGUAGES, Head

OPEN_GRAPH_LOCALES = {"en": "en_US", "es": "es_MX", "ko": "ko_KR"}
# Each list page: its route, its schema.org type and its title (translated by the page).
LIST_PAGES = [
    ("home", "WebSite", "Korea–Mexico relations, interview by interview"),
    ("article-list", "CollectionPage", "Articles"),
    ("theme-list", "CollectionPage", "Themes"),
    ("fact-list", "CollectionPage", "Facts"),
    ("timeline", "CollectionPage", "Timeline"),
    ("search", "SearchResultsPage", "Search"),
    ("data", "Dataset", "Data: download the facts"),
]


class StructuredDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", stdout=StringIO())
        cls.theme = Theme.objects.get(slug="aerospace")
        cls.versions = {article.language: article for article in Article.objects.all()}
        cls.fact = (
            Fact.objects.filter(wordings__article__language="es").filter(wordings__article__language="ko").first()
        )

    def pages(self, language):
        """Return (address, @type, og:title) for every public page type in `language`."""
        with override(language):
            pages = [(reverse(f"articles:{name}"), kind, gettext(title)) for name, kind, title in LIST_PAGES]
            article = self.versions[language]
            wording = self.fact.wordings.get(article__language=language) if language != "en" else self.fact
            return [
                *pages,
                (article.get_absolute_url(), "NewsArticle", article.title),
                (self.theme.get_absolute_url(), "CollectionPage", self.theme.local_name),
                (self.fact.get_permalink(), "Claim", wording.statement),
            ]

    def test_every_page_type_describes_itself_in_its_language(self):
        for language in LANGUAGES:
            for url, kind, title in self.pages(language):
                with self.subTest(language=language, url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    head = Head(response)
                    [script] = head.json_ld
                    data = json.loads(script)
                    self.assertEqual(data["@context"], "https://schema.org")
                    self.assertEqual(data["@type"], kind)
                    self.assertEqual(data["inLanguage"], language)
                    self.assertEqual(data["url"], f"http://testserver{url}")
                    self.assertEqual(head.meta["og:title"], [title])
                    self.assertEqual(head.meta["og:url"], [f"http://testserver{url}"])
                    self.assertEqual(head.meta["og:locale"], [OPEN_GRAPH_LOCALES[language]])
                    alternates = {locale for code, locale in OPEN_GRAPH_LOCALES.items() if code != language}
                    self.assertEqual(set(head.meta["og:locale:alternate"]), alternates)

    def test_titles_differ_between_languages(self):
        """The titles compared above are translated: none is the English one in Spanish or Korean."""
        english = [title for _, _, title in self.pages("en")]
        for language in ["es", "ko"]:
            for title, other in zip(english, [title for _, _, title in self.pages(language)], strict=True):
                with self.subTest(language=language, title=title):
                    self.assertNotEqual(title, other)

    def test_a_list_page_names_the_site_it_belongs_to(self):
        with override("ko"):
            url = reverse("articles:fact-list")
        data = json.loads(Head(self.client.get(url)).json_ld[0])
        self.assertEqual(data["isPartOf"], {"@type": "WebSite", "name": "Kormex", "url": "http://testserver/ko/"})

    def test_a_fact_page_describes_the_claim_and_the_words_it_comes_from(self):
        with override("es"):
            url = self.fact.get_permalink()
        data = json.loads(Head(self.client.get(url)).json_ld[0])
        wording = self.fact.wordings.get(article__language="es")
        self.assertEqual(data["text"], wording.statement)
        self.assertEqual(data["appearance"]["@type"], "Quotation")
        self.assertEqual(data["appearance"]["text"], wording.quote)
        self.assertEqual(data["appearance"]["inLanguage"], "es")
        self.assertTrue(data["appearance"]["url"].startswith("http://testserver/es/articles/"))
