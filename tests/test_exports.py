import csv
import io
import json
import re
from datetime import date, datetime
from html import unescape
from urllib.parse import parse_qs, urlsplit

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils.translation import override

from articles.models import Fact, Theme

from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, SourceFactory, ThemeFactory

FACTS = reverse("articles:fact-list")
CSV = reverse("articles:facts-csv")
JSON = reverse("articles:facts-json")
DATA = reverse("articles:data")
HEADER = [
    "id",
    "language",
    "statement",
    "value",
    "unit",
    "date",
    "date_precision",
    "quote",
    "original_language",
    "original_statement",
    "original_quote",
    "article_url",
    "pair_url",
    "person",
    "source",
    "source_url",
    "themes",
]


def body(response):
    return response.getvalue().decode()


def csv_rows(response):
    return list(csv.reader(io.StringIO(body(response))))


def theme_url(name, theme):
    return reverse(f"articles:{name}", kwargs={"slug": theme.slug})


class ExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade, cls.space = ThemeFactory(name="Trade", slug="trade"), ThemeFactory(name="Space", slug="space")
        cls.lee, cls.ruiz = PersonFactory(name="Sang Min Lee", slug="lee"), PersonFactory(name="Ana Ruiz", slug="ruiz")
        cls.economista, cls.weekly = SourceFactory(name="El Economista"), SourceFactory(name="Space Weekly")
        cls.article = ArticleFactory(source=cls.economista, source_url="https://example.org/fta")
        first = QAPairFactory(article=cls.article, answer="Trade was $2 billion in 2023.")
        second = QAPairFactory(article=ArticleFactory(source=cls.weekly), answer="A satellite by 2027. Nothing else.")
        cls.figure = FactFactory(
            pair=first, quote="$2 billion", value=2_000_000_000, unit="USD", person=cls.lee, themes=[cls.trade]
        )
        cls.dated = FactFactory(
            pair=first,
            quote="in 2023",
            value=None,
            unit="",
            date=date(2023, 1, 1),
            date_precision="year",
            person=cls.lee,
            themes=[cls.trade, cls.space],
        )
        cls.satellite = FactFactory(
            pair=second,
            quote="A satellite by 2027",
            value=None,
            unit="",
            date=date(2027, 1, 1),
            date_precision="year",
            person=cls.ruiz,
            themes=[cls.space],
        )
        cls.intro = FactFactory(
            pair=None, article=cls.article, quote="visited Mexico City", value=None, unit="", themes=[cls.trade]
        )
        # Enough trade facts for the list to need a second page.
        for _ in range(50):
            FactFactory(pair=first, quote="$2 billion", value=2_000_000_000, unit="USD", themes=[cls.trade])
        for trait in ["draft", "scheduled"]:
            pair = QAPairFactory(article=ArticleFactory(source=cls.economista, **{trait: True}))
            FactFactory(pair=pair, statement=f"Hidden {trait} statement.", person=cls.lee, themes=[cls.trade])

    def listed_ids(self, url, query):
        """Return the ids of the facts a filtered page shows, over all its pages."""
        ids, number, pages = [], 1, 1
        while number <= pages:
            # Rendered, not served from the page cache: a cached response carries no context.
            with override_settings(PAGE_CACHE=False):
                response = self.client.get(f"{url}?{'&'.join(filter(None, [query, f'page={number}']))}")
            self.assertEqual(response.status_code, 200, query)
            ids += [fact.pk for fact in response.context["facts"]]
            number, pages = number + 1, response.context["page_obj"].paginator.num_pages
        return ids

    def exported_ids(self, url, query):
        rows = csv_rows(self.client.get(f"{url}?{query}"))
        facts = json.loads(body(self.client.get(f"{url.removesuffix('.csv')}.json?{query}")))["facts"]
        self.assertEqual([int(row[0]) for row in rows[1:]], [fact["id"] for fact in facts], query)
        return [fact["id"] for fact in facts]

    def test_csv_starts_with_the_header_row(self):
        response = self.client.get(CSV)
        self.assertEqual(body(response).splitlines()[0], ",".join(HEADER))

    def test_exports_hold_every_fact_the_filtered_list_shows_in_its_order(self):
        queries = [
            "",
            "theme=trade",
            "theme=trade&theme=space",
            "person=lee",
            f"source={self.weekly.pk}",
            "from=2024",
            "from=2020&to=2030",
            "kind=figure",
            "theme=trade&kind=statement",
            "theme=space&person=ruiz&kind=dated",
        ]
        for query in queries:
            with self.subTest(query=query):
                listed = self.listed_ids(FACTS, query)
                self.assertEqual(self.exported_ids(CSV, query), listed)
        self.assertGreater(len(self.listed_ids(FACTS, "theme=trade")), 50)

    def test_theme_export_holds_the_theme_page_facts_with_the_same_filters(self):
        for theme, query in [(self.space, ""), (self.space, "person=ruiz"), (self.trade, "theme=space&kind=dated")]:
            with self.subTest(theme=theme.slug, query=query):
                listed = self.listed_ids(theme.get_absolute_url(), query)
                self.assertEqual(self.exported_ids(theme_url("theme-facts-csv", theme), query), listed)

    def test_drafts_and_scheduled_facts_are_never_exported(self):
        for url in [CSV, JSON, f"{CSV}?person=lee", theme_url("theme-facts-csv", self.trade)]:
            with self.subTest(url=url):
                self.assertNotIn("Hidden", body(self.client.get(url)))
        self.assertEqual(len(csv_rows(self.client.get(CSV))) - 1, 54)

    def test_old_theme_slug_redirects_to_the_theme_export_and_unknown_theme_is_404(self):
        old_url = theme_url("theme-facts-csv", self.space) + "?kind=dated"
        self.space.slug = "outer-space"
        self.space.save()
        response = self.client.get(old_url)
        self.assertRedirects(response, "/themes/outer-space/facts.csv?kind=dated", 301, fetch_redirect_response=False)
        self.assertEqual(self.client.get("/themes/no-such-theme/facts.json").status_code, 404)

    def test_csv_values_are_machine_readable_and_urls_absolute(self):
        rows = {row[0]: dict(zip(HEADER, row, strict=True)) for row in csv_rows(self.client.get(CSV))[1:]}
        figure, dated, intro = rows[str(self.figure.pk)], rows[str(self.dated.pk)], rows[str(self.intro.pk)]
        article_url = f"http://testserver{self.article.get_absolute_url()}"
        self.assertEqual(
            (figure["value"], figure["unit"], figure["date"], figure["date_precision"]), ("2000000000", "USD", "", "")
        )
        self.assertEqual((dated["value"], dated["date"], dated["date_precision"]), ("", "2023-01-01", "year"))
        self.assertEqual(dated["article_url"], article_url)
        self.assertEqual(dated["pair_url"], f"{article_url}#{self.dated.pair.anchor}")
        self.assertEqual(dated["themes"], "Space; Trade")
        self.assertEqual((dated["person"], dated["source"]), ("Sang Min Lee", "El Economista"))
        self.assertEqual(dated["source_url"], "https://example.org/fta")
        self.assertEqual((intro["pair_url"], intro["person"]), ("", ""))

    def test_csv_is_a_utf8_attachment_named_after_its_theme(self):
        response = self.client.get(CSV)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="kormex-facts.csv"')
        response = self.client.get(theme_url("theme-facts-csv", self.space))
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="kormex-facts-space.csv"')
        response = self.client.get(theme_url("theme-facts-json", self.space))
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="kormex-facts-space.json"')

    def test_hostile_text_cells_are_neutralised_but_negative_values_kept(self):
        """A statement such as =HYPERLINK(...) must not run as a formula in a spreadsheet."""
        theme = ThemeFactory(name="-2+3 theme", slug="hostile")
        person = PersonFactory(name="@SUM(A1:A9)", slug="hostile")
        fact = FactFactory(
            statement='=HYPERLINK("http://evil.example","click")',
            quote="  +cmd|' /C calc'!A0",
            value=-5,
            unit="percent",
            person=person,
            themes=[theme],
        )
        # A save turns a single-line field's tab into a space: store the tab as text stored otherwise keeps it.
        Fact.objects.filter(pk=fact.pk).update(unit="\tpercent")
        row = dict(zip(HEADER, csv_rows(self.client.get(f"{CSV}?person=hostile"))[1], strict=True))
        self.assertEqual(row["statement"], f"'{fact.statement}")
        self.assertEqual(row["quote"], f"'{fact.quote}")
        self.assertEqual(row["unit"], "'\tpercent")
        self.assertEqual(row["person"], "'@SUM(A1:A9)")
        self.assertEqual(row["themes"], "'-2+3 theme")
        self.assertEqual(row["value"], "-5")
        exported = json.loads(body(self.client.get(f"{JSON}?person=hostile")))["facts"][0]
        self.assertEqual((exported["statement"], exported["value"]), (fact.statement, "-5"))

    def test_json_holds_the_query_the_facts_and_their_count(self):
        response = self.client.get(f"{JSON}?theme=space&person=ruiz")
        self.assertEqual(response.status_code, 200)
        data = json.loads(body(response))
        self.assertEqual(list(data), ["source", "generated", "query", "notices", "facts", "count"])
        self.assertEqual(data["source"], "Kormex")
        self.assertIsNotNone(datetime.fromisoformat(data["generated"]).tzinfo)
        self.assertEqual(data["query"], {"theme": ["space"], "person": "ruiz"})
        self.assertEqual((data["notices"], data["count"]), ([], 1))
        fact = data["facts"][0]
        self.assertEqual(list(fact), HEADER)
        self.assertEqual(fact["id"], self.satellite.pk)
        self.assertEqual((fact["value"], fact["unit"], fact["date"]), (None, None, "2027-01-01"))
        self.assertEqual(fact["themes"], ["Space"])
        theme_data = json.loads(body(self.client.get(theme_url("theme-facts-json", self.trade) + "?theme=space")))
        self.assertEqual(theme_data["query"], {"theme": ["trade", "space"]})
        self.assertEqual(theme_data["count"], 1)

    def test_bad_parameters_are_ignored_never_a_server_error(self):
        queries = [
            "colour=red&theme=nope",
            "theme=%00",
            "theme=" + "x" * 500,
            "theme=a&theme=b&theme=c&theme=d&theme=e&theme=f",
            "source=-1",
            "source=%D9%A3",
            "from=99999999999999999999&to=abc",
            "kind=",
            "kind=rumour",
            "person=%FF",
            "page=abc",
        ]
        urls = [CSV, JSON, theme_url("theme-facts-csv", self.trade), theme_url("theme-facts-json", self.trade)]
        for url in urls:
            for query in queries:
                with self.subTest(url=url, query=query):
                    response = self.client.get(f"{url}?{query}", follow=True)
                    self.assertEqual(response.status_code, 200)
                    body(response)
        redirect = self.client.get(f"{JSON}?colour=red&theme=nope&from=abc&page=2")
        self.assertRedirects(redirect, f"{JSON}?theme=nope&from=abc", 301, fetch_redirect_response=False)
        data = json.loads(body(self.client.get(redirect["Location"])))
        self.assertEqual(
            data["notices"],
            [
                "No theme is called nope; ignored.",
                "“abc” is not a year; ignored.",
            ],
        )
        self.assertEqual((data["query"], data["count"]), ({}, 54))

    def test_download_links_of_a_filtered_page_lead_to_the_export_of_what_it_shows(self):
        pages = [
            (FACTS, "?theme=space&person=ruiz&page=1", CSV, "?theme=space&person=ruiz"),
            (self.space.get_absolute_url(), "?kind=dated", theme_url("theme-facts-csv", self.space), "?kind=dated"),
        ]
        for page, query, export, export_query in pages:
            with self.subTest(page=page):
                response = self.client.get(page + query)
                link = f"{export}{export_query}"
                self.assertContains(response, f'href="{link.replace("&", "&amp;")}"')
                self.assertContains(response, f'href="{link.replace(".csv", ".json").replace("&", "&amp;")}"')
                exported = [int(row[0]) for row in csv_rows(self.client.get(link))[1:]]
                self.assertEqual(exported, self.listed_ids(page, export_query.lstrip("?")))
        self.assertContains(self.client.get(FACTS), f'href="{CSV}"')


# The queries of rendering; a page served from the page cache runs none (tests/test_cache.py).
@override_settings(PAGE_CACHE=False)
class ExportQueryCountTests(TestCase):
    def add_articles(self, count, theme):
        for _ in range(count):
            pair = QAPairFactory()
            for _ in range(3):
                FactFactory(pair=pair, person=pair.article.interviewee, themes=[theme, ThemeFactory()])

    def test_export_query_count_does_not_grow_with_the_data(self):
        """Each row must not fetch its themes, person or source with a query of its own."""
        theme = ThemeFactory(name="Trade", slug="trade")
        for added, total in [(2, 2), (18, 20)]:
            self.add_articles(added, theme)
            # The facts, then for each chunk of rows their themes and their wordings.
            for url, queries in [(CSV, 3), (f"{JSON}?theme=trade&kind=figure", 4)]:
                with self.subTest(articles=total, url=url), self.assertNumQueries(queries):
                    rows = body(self.client.get(url)).count("Companies create 5,000 jobs.")
                # Each row gives the statement twice: in the page's language, and the original's.
                self.assertEqual(rows, total * 3 * 2)


class DataPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        FactFactory(date=date(2023, 1, 1), date_precision="year", themes=[cls.trade])
        FactFactory(date=date(2027, 6, 1), date_precision="month", themes=[cls.trade])
        FactFactory(pair=QAPairFactory(article=ArticleFactory(draft=True)), themes=[ThemeFactory(name="Hidden")])

    def dataset(self, response):
        found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
        self.assertEqual(len(found), 1)
        return json.loads(found[0])

    def test_data_page_documents_downloads_columns_and_citation_under_one_h1(self):
        response = self.client.get(DATA)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(re.findall(r"<h1[\s>]", response.content.decode())), 1)
        self.assertContains(response, 'href="http://testserver/facts.csv"')
        self.assertContains(response, 'href="http://testserver/facts.json"')
        self.assertContains(response, f'href="{theme_url("theme-facts-csv", self.trade)}"')
        # Each column named as the files name it, free to wrap after its underscores on small screens.
        for column in HEADER:
            self.assertContains(response, f"<code>{column.replace('_', '_<wbr>')}</code>", html=True)
        self.assertContains(response, "Kormex, Korea–Mexico interview facts, http://testserver/facts.csv, accessed ")
        self.assertNotContains(response, "Hidden")

    def test_dataset_json_ld_describes_the_downloads(self):
        dataset = self.dataset(self.client.get(DATA))
        self.assertEqual((dataset["@context"], dataset["@type"]), ("https://schema.org", "Dataset"))
        self.assertEqual(dataset["url"], "http://testserver/data/")
        self.assertEqual(dataset["publisher"], {"@type": "Organization", "name": "Kormex", "url": "http://testserver/"})
        self.assertEqual(dataset["keywords"], ["Trade"])
        self.assertEqual(dataset["temporalCoverage"], "2023/2027")
        self.assertEqual(
            dataset["distribution"],
            [
                {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": "http://testserver/facts.csv"},
                {
                    "@type": "DataDownload",
                    "encodingFormat": "application/json",
                    "contentUrl": "http://testserver/facts.json",
                },
            ],
        )

    def test_theme_names_cannot_break_out_of_the_json_ld(self):
        name = "</script><script>alert(1)</script> & <!--"
        FactFactory(themes=[ThemeFactory(name=name, slug="hostile")])
        response = self.client.get(DATA)
        self.assertNotIn("<script>alert", response.content.decode())
        self.assertIn(name, self.dataset(response)["keywords"])


class DataPageExampleTests(TestCase):
    """The seed's interview, its themes with slugs in English, Spanish and Korean."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", stdout=io.StringIO())

    def setUp(self):
        # LocaleMiddleware leaves a request's language active in the thread after the response.
        self.enterContext(override("en"))

    def test_examples_are_links_in_the_page_language_that_answer_filtered(self):
        """
        Prevents /es/data/ and /ko/data/ from showing /facts.csv?theme=trade-and-the-fta, English
        slugs without the language's prefix, beside text saying the slug is the theme's address.
        """
        for language, prefix in [("en", ""), ("es", "/es"), ("ko", "/ko")]:
            with override(language):
                local_slugs = {theme.local_slug: theme.local_name for theme in Theme.objects.all()}
            html = self.client.get(f"{prefix}/data/").content.decode()
            examples = [unescape(href) for href in re.findall(r'<a href="([^"]+)"><code>', html)]
            self.assertEqual(len(examples), 5, language)
            for url in examples:
                with self.subTest(url=url):
                    self.assertTrue(url.startswith(f"{prefix}/facts."), url)
                    self.assertEqual(self.client.get(url).status_code, 200)
            url = examples[0]
            slugs = parse_qs(urlsplit(url).query)["theme"]
            with self.subTest(language=language):
                self.assertEqual(len(slugs), 2)
                self.assertLessEqual(set(slugs), set(local_slugs))
                self.assertIn(f"<code>{prefix}/facts.csv?theme={slugs[0]}&amp;theme={slugs[1]}</code>", html)
                rows = csv.DictReader(io.StringIO(body(self.client.get(url))))
                themes = [set(row["themes"].split("; ")) for row in rows]
                self.assertTrue(themes)
                for row_themes in themes:
                    self.assertLessEqual({local_slugs[slug] for slug in slugs}, row_themes)
                self.assertLess(len(themes), len(csv_rows(self.client.get(f"{prefix}/facts.csv"))) - 1)
