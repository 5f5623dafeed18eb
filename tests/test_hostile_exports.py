"""
Hostile strings read back from the feeds, the sitemap and the exports: XML and JSON stay well
formed and hold the text intact, CSV cells never start a spreadsheet formula.
"""

import csv
import io
import json
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override

from articles.models import Article, Source

from .support.hostile import (
    CORPUS,
    FORMULA_STARTS,
    FORMULA_THEME,
    NUMERIC_COLUMNS,
    SCRIPT,
    SITEMAP_NAMESPACES,
    TRANSLATION,
    HostileContentTestCase,
)
from .support.pages import LANGUAGES, body, sitemap_pages


class HostileExportTests(HostileContentTestCase):
    def feed_urls(self):
        for language in LANGUAGES:
            with override(language):
                slug = self.theme.local_slug
                for url, kind in [
                    (reverse("articles:feed-rss"), "rss"),
                    (reverse("articles:feed-atom"), "atom"),
                    (reverse("articles:theme-feed-rss", kwargs={"slug": slug}), "rss"),
                    (reverse("articles:theme-feed-atom", kwargs={"slug": slug}), "atom"),
                ]:
                    yield url, kind, language

    def test_feeds_are_well_formed_and_escape_hostile_text(self):
        """
        RSS readers may render titles and descriptions as HTML: those are escaped twice. A feed
        gives the interview in its language where it is translated (the Spanish feeds).
        """
        atom = "{http://www.w3.org/2005/Atom}"
        for url, kind, language in self.feed_urls():
            slug, texts = ("hostil", TRANSLATION) if language == "es" else ("hostile", CORPUS[Article])
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(b"<script", response.content)
                root = ElementTree.fromstring(response.content)
                if kind == "rss":
                    items = {item.findtext("link"): item for item in root.iter("item")}
                    item = next(item for link, item in items.items() if link.endswith(f"/articles/{slug}/"))
                    self.assertEqual(item.findtext("title"), escape(texts["title"]))
                    self.assertEqual(item.findtext("description").strip(), escape(texts["standfirst"]))
                    categories = [category.text for category in item.iter("category")]
                else:
                    entries = list(root.iter(f"{atom}entry"))
                    item = next(e for e in entries if e.find(f"{atom}link").get("href").endswith(f"/articles/{slug}/"))
                    self.assertEqual(item.findtext(f"{atom}title"), texts["title"])
                    categories = [category.get("term") for category in item.iter(f"{atom}category")]
                self.assertIn(FORMULA_THEME, categories)

    def test_sitemap_is_well_formed_and_lists_the_hostile_content(self):
        """Every page of it parses (sitemap_pages parses each) and holds sitemap elements alone."""
        pages = sitemap_pages(self.client)
        tags = {element.tag for page in pages for element in page.iter()}
        self.assertEqual({tag for tag in tags if not tag.startswith(SITEMAP_NAMESPACES)}, set())
        locations = [
            loc.text for page in pages for loc in page.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        ]
        self.assertTrue(any(location.endswith("/articles/hostile/") for location in locations))

    def exports(self, fmt):
        """
        Yield each export of the hostile facts in `fmt`, with the editor text of each of its rows
        by quote and the names of their themes in its language, sorted.
        """
        everything = self.expected_rows(self.facts.values())
        attributed = self.expected_rows(fact for fact in self.facts.values() if fact.person)
        for language in LANGUAGES:
            with override(language):
                themes = sorted(theme.local_name for theme in [self.theme, self.formula_theme])
                yield reverse(f"articles:facts-{fmt}"), everything, themes
                slug = self.theme.local_slug
                yield reverse(f"articles:theme-facts-{fmt}", kwargs={"slug": slug}), everything, themes
                query = urlencode({"person": self.person.slug, "from": SCRIPT})
                yield f"{reverse(f'articles:facts-{fmt}')}?{query}", attributed, themes

    @staticmethod
    def expected_rows(facts):
        return {
            fact.quote: {
                "statement": fact.statement,
                "quote": fact.quote,
                "unit": fact.unit or None,
                "person": fact.person.name if fact.person else None,
                "source": CORPUS[Source]["name"],
            }
            for fact in facts
        }

    def test_json_exports_carry_hostile_text_intact(self):
        for url, expected_rows, themes in self.exports("json"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response["Content-Type"], "application/json")
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                data = json.loads(body(response))
                rows = {row["quote"]: row for row in data["facts"]}
                self.assertEqual(rows.keys(), expected_rows.keys())
                for quote, expected in expected_rows.items():
                    self.assertEqual({name: rows[quote][name] for name in expected}, expected)
                    self.assertEqual(rows[quote]["themes"], themes)

    def test_csv_exports_neutralise_every_formula_cell(self):
        for url, expected_rows, themes in self.exports("csv"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                header, *rows = csv.reader(io.StringIO(body(response).decode()))
                rows = [dict(zip(header, row, strict=True)) for row in rows]
                for row in rows:
                    for column, cell in row.items():
                        if column not in NUMERIC_COLUMNS:
                            self.assertFalse(cell.startswith(FORMULA_STARTS), f"{column}: {cell!r}")
                by_quote = {row["quote"].removeprefix("'"): row for row in rows}
                self.assertEqual(by_quote.keys(), expected_rows.keys())
                for quote, expected in expected_rows.items():
                    row = by_quote[quote]
                    for column, text in expected.items():
                        text = text or ""
                        # Formula text gains a leading quote; other text is unchanged.
                        shown = f"'{text}" if text.startswith(FORMULA_STARTS) else text
                        self.assertEqual(row[column], shown, column)
                    cell = "; ".join(themes)
                    self.assertEqual(row["themes"], f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell)
