import re
from datetime import date
from html.parser import HTMLParser
from unittest import mock

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from .support.facets import queries_both_ways
from .support.factories import ArticleFactory, FactFactory, QAPairFactory, ThemeFactory

URL = reverse("articles:timeline")


def dated(pair, statement, when, precision, themes=()):
    return FactFactory(pair=pair, statement=statement, date=when, date_precision=precision, themes=list(themes))


class Ids(HTMLParser):
    """Collect a page's id attributes and the ids its aria-labelledby attributes name."""

    def __init__(self, html):
        super().__init__()
        self.ids, self.labelled_by = [], []
        self.feed(html)

    @property
    def periods(self):
        return [anchor for anchor in self.ids if anchor.startswith("period-")]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        self.labelled_by += (attrs.get("aria-labelledby") or "").split()


def entries(response):
    return [fact.statement for _, _, facts in response.context["periods"] for fact in facts]


class TimelineTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        cls.space = ThemeFactory(name="Space", slug="space")
        cls.pair = QAPairFactory(article=ArticleFactory(title="Trade talks"), prompt="What next?")
        # Created out of order: the page sorts them.
        dated(cls.pair, "A launch on 7 June 2024.", date(2024, 6, 7), "day", [cls.space, cls.trade])
        dated(cls.pair, "Trade in 2000.", date(2000, 1, 1), "year", [cls.trade])
        dated(cls.pair, "An agency in May 2024.", date(2024, 5, 1), "month", [cls.space])
        dated(cls.pair, "Systems of the 2000s.", date(2000, 1, 1), "decade", [cls.trade])
        dated(cls.pair, "Trade in 2023.", date(2023, 1, 1), "year", [cls.trade])
        FactFactory(pair=cls.pair, statement="An undated fact.")
        for trait in ["draft", "scheduled"]:
            hidden = QAPairFactory(article=ArticleFactory(**{trait: True}))
            dated(hidden, f"Hidden {trait} fact.", date(2010, 1, 1), "year", [cls.trade])

    def get(self, query=""):
        return self.client.get(f"{URL}?{query}" if query else URL)

    def test_lists_published_dated_facts_in_chronological_order(self):
        response = self.get()
        self.assertEqual(
            entries(response),
            [
                "Systems of the 2000s.",
                "Trade in 2000.",
                "Trade in 2023.",
                "An agency in May 2024.",
                "A launch on 7 June 2024.",
            ],
        )

    def test_groups_facts_by_year_and_decade_facts_by_decade(self):
        response = self.get()
        self.assertEqual([label for _, label, _ in response.context["periods"]], ["2000s", "2000", "2023", "2024"])
        headings = re.findall(r"<h2 id=\"period-[^\"]+\">([^<]+)</h2>", response.content.decode())
        self.assertEqual(headings, ["2000s", "2000", "2023", "2024"])

    def test_korean_year_headings_say_year(self):
        """Regression: /ko/timeline/ headed a year "2023" where Korean writes "2023년", as beside "2000년대"."""
        with override("ko"):
            url = reverse("articles:timeline")
        headings = re.findall(r"<h2 id=\"period-[^\"]+\">([^<]+)</h2>", self.client.get(url).content.decode())
        self.assertEqual(headings, ["2000년대", "2000년", "2023년", "2024년"])

    def test_period_ids_are_valid_and_the_same_in_every_language(self):
        """Ids were the translated heading: "década de 2000" has a space, which HTML ids may not."""
        sections = {}
        for language in ["en", "es", "ko"]:
            with override(language):
                url = reverse("articles:timeline")
            ids = Ids(self.client.get(url).content.decode())
            self.assertEqual([i for i in ids.ids if not i or re.search(r"\s", i)], [], url)
            self.assertEqual(len(ids.ids), len(set(ids.ids)), url)
            self.assertLessEqual(set(ids.labelled_by), set(ids.ids), url)
            sections[language] = ids.periods
        self.assertEqual(sections["en"], ["period-2000s", "period-2000", "period-2023", "period-2024"])
        self.assertEqual(sections["es"], sections["en"])
        self.assertEqual(sections["ko"], sections["en"])

    def test_dates_show_at_their_precision_in_time_elements(self):
        response = self.get()
        self.assertContains(response, '<time datetime="2024-06-07">7 June 2024</time>', html=True)
        self.assertContains(response, '<time datetime="2024-05">May 2024</time>', html=True)
        self.assertContains(response, '<time datetime="2023">2023</time>', html=True)
        self.assertContains(response, '<p class="timeline-date">2000s</p>', html=True)

    def test_each_entry_links_to_its_source_words_and_its_own_page(self):
        response = self.get()
        fact = response.context["periods"][0][2][0]
        self.assertContains(response, f'href="{fact.get_absolute_url()}"')
        self.assertContains(response, f'href="{fact.get_permalink()}"')
        self.assertIn(f"#{self.pair.anchor}", fact.get_absolute_url())

    def test_page_has_one_h1(self):
        self.assertEqual(len(re.findall(r"<h1[\s>]", self.get().content.decode())), 1)

    def test_drafts_scheduled_and_undated_facts_are_absent(self):
        response = self.get()
        self.assertNotContains(response, "Hidden")
        self.assertNotContains(response, "An undated fact.")
        self.assertEqual(response.context["page_obj"].paginator.count, 5)

    def test_several_themes_combine_with_and(self):
        self.assertEqual(
            entries(self.get("theme=trade")),
            ["Systems of the 2000s.", "Trade in 2000.", "Trade in 2023.", "A launch on 7 June 2024."],
        )
        self.assertEqual(entries(self.get("theme=trade&theme=space")), ["A launch on 7 June 2024."])

    def test_an_unknown_parameter_is_dropped_and_an_unknown_theme_ignored_with_a_notice(self):
        response = self.get("theme=nope&colour=red&theme=space")
        self.assertRedirects(response, f"{URL}?theme=nope&theme=space", 301, fetch_redirect_response=False)
        response = self.client.get(response["Location"])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(entries(response), ["An agency in May 2024.", "A launch on 7 June 2024."])
        self.assertContains(response, "No theme is called nope; ignored.")

    def test_malformed_query_strings_never_cause_a_server_error(self):
        for query in [
            "page=abc",
            "page=0",
            "page=999",
            "theme=",
            "theme=%00",
            "theme=" + "x" * 5000,
            "theme[]=trade",
            "%ff=%fe",
            "from=abc&to=99999",
            "kind=dated",
            "source=-1",
        ]:
            self.assertIn(self.client.get(f"{URL}?{query}", follow=True).status_code, (200, 404), query)

    def test_a_kind_is_dropped_from_the_address_the_timeline_having_none(self):
        """Regression: ?kind=figure said "No kind is called figure; ignored." on /es/ and /ko/, in English code."""
        response = self.get("kind=figure&theme=trade")
        self.assertRedirects(response, f"{URL}?theme=trade", status_code=301, fetch_redirect_response=False)

    def test_out_of_range_page_is_404(self):
        self.assertEqual(self.get("page=2").status_code, 404)

    @mock.patch("articles.views.timeline.FACTS_PER_PAGE", 2)
    def test_pages_are_bounded_and_link_to_the_next_keeping_filters(self):
        response = self.get("theme=trade")
        self.assertEqual(entries(response), ["Systems of the 2000s.", "Trade in 2000."])
        self.assertContains(response, 'rel="next" href="?theme=trade&amp;page=2"')
        self.assertEqual(entries(self.get("theme=trade&page=2")), ["Trade in 2023.", "A launch on 7 June 2024."])

    def test_editor_text_is_escaped(self):
        hostile = '<script>alert("x")</script>'
        dated(self.pair, hostile, date(2020, 1, 1), "year")
        content = self.get().content.decode()
        self.assertNotIn("<script>", content)
        self.assertIn("&lt;script&gt;", content)


def build_timeline(facts):
    """Create `facts` published dated facts over several years, precisions and themes."""
    themes = [ThemeFactory(name=f"Theme {n}", slug=f"theme-{n}") for n in range(3)]
    pair = QAPairFactory()
    precisions = ["decade", "year", "month", "day"]
    for n in range(facts):
        FactFactory(
            pair=pair,
            person=pair.article.interviewee,
            date=date(2000 + n % 30, 1 + n % 12, 1),
            date_precision=precisions[n % 4],
            themes=[themes[0], themes[1 + n % 2]],
        )


# The queries of rendering; a page served from the page cache runs none (tests/test_cache.py).
@override_settings(PAGE_CACHE=False)
class TimelineQueryCountTests(TestCase):
    """The timeline's query count is fixed: it does not grow with the number of facts."""

    # Each count holds one query for the facts' wordings in the page's language; with the facet
    # index, then while it is built.
    PAGES = {"unfiltered": (lambda: URL, 6, 10), "two themes": (lambda: URL + "?theme=theme-0&theme=theme-1", 6, 11)}

    def queries(self, url):
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(captured)

    def test_query_counts_are_pinned_and_do_not_grow_with_content(self):
        build_timeline(4)
        small = queries_both_ways(self, self.PAGES)
        build_timeline(60)
        large = queries_both_ways(self, self.PAGES)
        for (page, mode), (queries, expected) in small.items():
            with self.subTest(page=page, mode=mode):
                self.assertEqual(queries, expected)
                self.assertEqual(large[page, mode][0], expected)
