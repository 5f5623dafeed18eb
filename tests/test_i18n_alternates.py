"""The hreflang alternates in every page's head and in the sitemap."""

from urllib.parse import quote

from django.test import TestCase
from django.urls import reverse

from .support.factories import ArticleFactory, FactFactory, ThemeFactory, UserFactory
from .support.i18n import (
    KO_SLUG,
    PageParser,
    absolute,
    alternates,
    ko_theme_url,
    language_links,
    sitemap_alternates,
    trade_theme,
)


class InterfacePageAlternatesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = trade_theme()
        cls.fact = FactFactory(themes=[cls.trade])

    def test_every_page_names_itself_in_each_language_and_english_as_default(self):
        pages = [
            ("/", "/es/", "/ko/"),
            ("/facts/", "/es/facts/", "/ko/facts/"),
            ("/themes/", "/es/themes/", "/ko/themes/"),
            ("/timeline/", "/es/timeline/", "/ko/timeline/"),
            ("/data/", "/es/data/", "/ko/data/"),
            (self.fact.get_permalink(), f"/es{self.fact.get_permalink()}", f"/ko{self.fact.get_permalink()}"),
            ("/themes/trade-and-the-fta/", "/es/themes/comercio-y-el-tlc/", ko_theme_url()),
        ]
        for en, es, ko in pages:
            links = {"en": absolute(en), "es": absolute(es), "ko": absolute(ko)}
            for url in [en, es, ko]:
                with self.subTest(url=url):
                    response = self.client.get(url)
                    self.assertEqual(alternates(response), links | {"x-default": absolute(en)})
                    # The header's language links lead where the alternates do (no redirect on the way),
                    # the page's own marked current.
                    self.assertEqual(language_links(response), links)
                    marked = PageParser(response.content.decode()).language_links()
                    current = [link["href"] for link in marked if link.get("aria-current")]
                    self.assertEqual([absolute(href) for href in current], [absolute(url)])

    def test_filtered_pages_keep_their_filters_in_every_language(self):
        found = alternates(self.client.get("/es/facts/", {"kind": "figure"}))
        self.assertEqual(found["ko"], absolute("/ko/facts/?kind=figure"))
        self.assertEqual(found["x-default"], absolute("/facts/?kind=figure"))
        links = language_links(self.client.get("/es/themes/comercio-y-el-tlc/", {"kind": "figure"}))
        self.assertEqual(links["en"], absolute("/themes/trade-and-the-fta/?kind=figure"))
        self.assertEqual(links["ko"], absolute(f"{ko_theme_url()}?kind=figure"))

    def test_chosen_themes_are_named_by_their_slug_in_each_language(self):
        diplomacy = ThemeFactory(name="Diplomacy", slug="diplomacy", name_es="Diplomacia", slug_es="diplomacia")
        FactFactory(themes=[self.trade, diplomacy])
        es = "theme=comercio-y-el-tlc&theme=diplomacia"
        en = "theme=trade-and-the-fta&theme=diplomacy"
        # Korean has no slug for diplomacy: its English one, as its links on /ko/ spell it.
        ko = f"theme={quote(KO_SLUG)}&theme=diplomacy"
        for path in ["/facts/?", "/timeline/?", "/articles/?", "/search/?q=FTA&"]:
            with self.subTest(path=path):
                response = self.client.get(f"/es{path}{es}")
                self.assertEqual(response.status_code, 200)
                expected = {
                    code: absolute(f"{prefix}{path}{query}")
                    for code, prefix, query in [("en", "", en), ("es", "/es", es), ("ko", "/ko", ko)]
                }
                self.assertEqual(language_links(response), expected)
                self.assertEqual(alternates(response), expected | {"x-default": expected["en"]})
                for url in expected.values():
                    self.assertEqual(self.client.get(url).status_code, 200, url)
        # A theme's page keeps the other themes chosen on it, named in each language too.
        links = language_links(self.client.get("/es/themes/comercio-y-el-tlc/", {"theme": "diplomacia"}))
        self.assertEqual(links["en"], absolute("/themes/trade-and-the-fta/?theme=diplomacy"))
        self.assertEqual(links["ko"], absolute(f"{ko_theme_url()}?theme=diplomacy"))

    def test_previews_have_no_alternates(self):
        draft = ArticleFactory(draft=True, slug="draft")
        self.client.force_login(UserFactory(editor=True))
        self.assertEqual(alternates(self.client.get(reverse("articles:article-preview", args=[draft.slug]))), {})


class SitemapAlternatesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = trade_theme()
        FactFactory(themes=[cls.trade])

    def test_pages_and_themes_are_listed_in_each_language_with_reciprocal_alternates(self):
        entries = sitemap_alternates(self.client)
        theme = {
            "en": absolute("/themes/trade-and-the-fta/"),
            "es": absolute("/es/themes/comercio-y-el-tlc/"),
            "ko": absolute(ko_theme_url()),
            "x-default": absolute("/themes/trade-and-the-fta/"),
        }
        home = {"en": absolute("/"), "es": absolute("/es/"), "ko": absolute("/ko/"), "x-default": absolute("/")}
        for group in [theme, home]:
            for language in ["en", "es", "ko"]:
                with self.subTest(url=group[language]):
                    self.assertEqual(entries[group[language]], group)
        for url, links in entries.items():
            if links:
                with self.subTest(url=url):
                    self.assertIn(url, links.values())
                    self.assertEqual({entries[href] == links for href in links.values()}, {True})
        # Themes are listed at their own slug in each language only, never at a redirecting address.
        self.assertNotIn(absolute("/es/themes/trade-and-the-fta/"), entries)
