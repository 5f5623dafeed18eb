import re
from datetime import date
from unittest import mock

from django.test import TestCase, override_settings
from django.urls import reverse

from articles.facet_index import current_index
from articles.models import Article

from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, SourceFactory, ThemeFactory

FACTS = reverse("articles:fact-list")
ARTICLES = reverse("articles:article-list")


class FactFacetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade, cls.space = ThemeFactory(name="Trade", slug="trade"), ThemeFactory(name="Space", slug="space")
        cls.lee, cls.ruiz = PersonFactory(name="Sang Min Lee", slug="lee"), PersonFactory(name="Ana Ruiz", slug="ruiz")
        cls.economista, cls.weekly = SourceFactory(name="El Economista"), SourceFactory(name="Space Weekly")
        first = QAPairFactory(article=ArticleFactory(source=cls.economista), answer="Trade was $2 billion in 2023.")
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
        cls.statement = FactFactory(pair=second, quote="Nothing else", value=None, unit="", person=cls.ruiz)

    def facts(self, query):
        response = self.client.get(f"{FACTS}?{query}")
        self.assertEqual(response.status_code, 200, query)
        return response, set(response.context["facts"])

    def test_each_facet_filters(self):
        cases = {
            "person=lee": {self.figure, self.dated},
            f"source={self.weekly.pk}": {self.satellite, self.statement},
            "from=2024": {self.satellite},
            "to=2023": {self.dated},
            "from=2020&to=2030": {self.dated, self.satellite},
            "kind=figure": {self.figure},
            "kind=dated": {self.dated, self.satellite},
            "kind=statement": {self.statement},
            "theme=space&person=ruiz&kind=dated": {self.satellite},
        }
        for query, expected in cases.items():
            self.assertEqual(self.facts(query)[1], expected, query)

    def test_the_chosen_person_source_and_years_are_the_selected_options(self):
        response, _ = self.facts(f"person=lee&source={self.economista.pk}&from=2023&to=2023")
        for select, option in [
            ("person", '<option value="lee" selected>Sang Min Lee (1)</option>'),
            ("source", f'<option value="{self.economista.pk}" selected>El Economista (1)</option>'),
            ("from", '<option value="2023" selected>2023 (1)</option>'),
            ("to", '<option value="2023" selected>2023 (1)</option>'),
        ]:
            with self.subTest(select):
                field = re.search(rf'<select name="{select}".*?</select>', response.content.decode(), re.S)[0]
                self.assertInHTML(option, field)
                self.assertEqual(field.count(" selected"), 1)
        self.assertNotContains(self.facts("")[0], " selected")

    def test_options_count_within_the_current_selection(self):
        response, _ = self.facts("theme=space")
        context = response.context
        self.assertEqual([(o.value, o.count) for o in context["person_options"]], [("ruiz", 1), ("lee", 1)])
        self.assertEqual(
            [(o.label, o.count) for o in context["source_options"]], [("El Economista", 1), ("Space Weekly", 1)]
        )
        self.assertEqual([(o.value, o.count) for o in context["year_options"]], [("2023", 1), ("2027", 1)])
        self.assertEqual([(o.value, o.count) for o in context["kind_options"]], [("dated", 2)])
        self.assertEqual([(o.value, o.count) for o in context["theme_options"]], [("trade", 1)])

    @override_settings(PAGE_CACHE=False)
    def test_each_kind_counts_what_choosing_it_lists_with_another_kind_chosen(self):
        """Regression: with Figures chosen, Dated counted the dated figures; choosing it listed every dated fact."""
        FactFactory(
            pair=self.figure.pair, quote="in 2023", value=5, unit="%", date=date(2023, 1, 1), date_precision="year"
        )
        for index in [current_index(), None]:
            with self.subTest(index=index), mock.patch("articles.filters.current_index", return_value=index):
                options = self.facts("kind=figure")[0].context["kind_options"]
                self.assertEqual([(o.value, o.count) for o in options], [("figure", 2), ("dated", 3), ("statement", 1)])
                for option in options:
                    self.assertEqual(len(self.facts(f"kind={option.value}")[1]), option.count, option.value)

    def test_each_active_filter_is_removed_in_one_click_keeping_the_others(self):
        response, _ = self.facts("theme=space&person=ruiz&from=2020&kind=dated&page=1")
        urls = {chip.label: chip.url for chip in response.context["active_filters"]}
        self.assertEqual(
            urls,
            {
                "Theme: Space": "?person=ruiz&from=2020&kind=dated",
                "Person: Ana Ruiz": "?theme=space&from=2020&kind=dated",
                "From 2020": "?theme=space&person=ruiz&kind=dated",
                "Kind: Dated": "?theme=space&person=ruiz&from=2020",
            },
        )
        for url in urls.values():
            self.assertContains(response, f'href="{url.replace("&", "&amp;")}"')

    def test_bad_values_are_ignored_with_a_notice(self):
        cases = {
            "person=nobody": "No person matches “nobody”; ignored.",
            "source=abc": "No source matches “abc”; ignored.",
            "source=999": "No source matches “999”; ignored.",
            "from=twenty": "“twenty” is not a year; ignored.",
            "to=99999": "“99999” is not a year; ignored.",
            "kind=rumour": "No kind is called rumour; ignored.",
        }
        for query, notice in cases.items():
            response, facts = self.facts(query)
            self.assertEqual(len(facts), 4, query)
            self.assertContains(response, notice, msg_prefix=query)

    def test_a_reversed_year_range_is_turned_round(self):
        response, facts = self.facts("from=2030&to=2020")
        self.assertEqual(facts, {self.dated, self.satellite})
        self.assertContains(response, "The year range was reversed")

    def test_paging_keeps_the_filters(self):
        for _ in range(60):
            FactFactory(pair=self.figure.pair, quote="$2 billion", person=self.lee, themes=[self.trade])
        response, _ = self.facts("theme=trade&person=lee")
        self.assertContains(response, 'href="?theme=trade&amp;person=lee&amp;page=2"')
        self.assertEqual(self.client.get(f"{FACTS}?theme=trade&person=lee&page=2").status_code, 200)
        self.assertEqual(self.client.get(f"{FACTS}?theme=trade&person=lee&page=3").status_code, 404)


class ArticleFacetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        cls.interview = ArticleFactory(
            themes=[cls.trade], original_date=date(2024, 10, 1), original_date_precision="month"
        )
        cls.news = ArticleFactory(
            kind=Article.Kind.NEWS, original_date=date(2019, 1, 1), original_date_precision="year"
        )

    def articles(self, query):
        return set(self.client.get(f"{ARTICLES}?{query}").context["article_list"])

    def test_articles_filter_by_theme_person_source_year_and_kind(self):
        self.assertEqual(self.articles("theme=trade"), {self.interview})
        self.assertEqual(self.articles(f"person={self.news.interviewee.slug}"), {self.news})
        self.assertEqual(self.articles(f"source={self.interview.source_id}"), {self.interview})
        self.assertEqual(self.articles("to=2020"), {self.news})
        self.assertEqual(self.articles("kind=news"), {self.news})
        self.assertEqual(self.articles("from=2024&kind=interview"), {self.interview})


class ThemePageFacetTests(TestCase):
    def test_theme_page_narrows_its_facts_and_never_offers_its_own_theme(self):
        trade, space = ThemeFactory(name="Trade", slug="trade"), ThemeFactory(name="Space", slug="space")
        both = FactFactory(themes=[trade, space])
        FactFactory(themes=[trade])
        response = self.client.get(reverse("articles:theme-detail", args=["trade"]) + "?theme=space")
        self.assertEqual(list(response.context["facts"]), [both])
        self.assertEqual(response.context["theme_options"], [])
        self.assertEqual([chip.label for chip in response.context["active_filters"]], ["Theme: Space"])


@mock.patch("articles.filters.FACET_OPTIONS", 2)
class BoundedFacetTests(TestCase):
    """Each facet offers the options with the most matches, at most FACET_OPTIONS, however much content there is."""

    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        others = [ThemeFactory(name=name, slug=name.lower()) for name in ["Space", "Energy", "Culture"]]
        people = [PersonFactory(name=name, slug=name.lower()) for name in ["Cho", "Ruiz", "Lee"]]
        sources = [SourceFactory(name=name) for name in ["Reforma", "Yonhap", "El Economista"]]
        # Three, two and one facts for the first, second and third theme, person and source, and
        # for the years 2022, 2021 and 2020: the years with the most matches are not the earliest.
        for index, number in enumerate([3, 2, 1]):
            pair = QAPairFactory(article=ArticleFactory(source=sources[index]))
            for _ in range(number):
                FactFactory(
                    pair=pair,
                    person=people[index],
                    date=date(2022 - index, 1, 1),
                    date_precision="year",
                    themes=[cls.trade, others[index]],
                )

    def options(self, query=""):
        context = self.client.get(f"{FACTS}?{'&'.join(filter(None, ['theme=trade', query]))}").context
        return {
            name: [(option.label, option.count) for option in context[f"{name}_options"]]
            for name in ["theme", "person", "source", "year"]
        }

    def test_each_facet_offers_its_options_with_the_most_matches_in_label_order(self):
        self.assertEqual(
            self.options(),
            {
                "theme": [("Energy", 2), ("Space", 3)],
                "person": [("Cho", 3), ("Ruiz", 2)],
                "source": [("Reforma", 3), ("Yonhap", 2)],
                "year": [("2021", 2), ("2022", 3)],
            },
        )

    def test_chosen_years_stay_among_the_options_with_their_counts(self):
        self.assertEqual(self.options("from=2022")["year"], [("2022", 3)])
        self.assertEqual(self.options("from=2020")["year"], [("2020", 1), ("2022", 3)])
        self.assertEqual(self.options("from=2019&to=2022")["year"], [("2019", 0), ("2021", 2), ("2022", 3)])
