"""
The admin's lists at scale: every changelist, sidebar filter, search and autocomplete runs as many
queries however many rows there are, and no sidebar filter offers more than a bounded list
(`make bench-admin-lists` prints their times at 20,000 interviews).
"""

from unittest.mock import patch
from urllib.parse import urlencode

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.admin.facts import FactAdmin
from articles.admin.lists import BoundedRelatedFilter
from articles.models import Article, FactWording, ThemeRedirect

from .support.admin import AdminTestCase, admin_url
from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, ThemeFactory

LISTS = ["article", "qapair", "fact", "theme", "person", "source", "thememerge", "themeredirect"]
AUTOCOMPLETES = [
    ("article", "interviewee", "Person"),
    ("article", "source", "Source"),
    ("article", "translation_of", "Interview"),
    ("qapair", "article", "Interview"),
    ("fact", "article", "Interview"),
    ("fact", "person", "Person"),
    ("themeredirect", "theme", "Theme"),
]


def add_interviews(count, themes):
    """Create `count` interviews, each with its own person and source, a pair and a fact, all themed."""
    for n in range(count):
        article = ArticleFactory(themes=themes[n % len(themes) :][:2])
        pair = QAPairFactory(article=article, position=1, themes=themes[:1])
        FactFactory(pair=pair, person=article.interviewee, themes=themes[-1:])
        if n % 3 == 0:
            ArticleFactory(language="es", translation_of=article, interviewee=article.interviewee)


def autocomplete_url(model, field, term):
    query = {"app_label": "articles", "model_name": model, "field_name": field, "term": term}
    return f"{reverse('admin:autocomplete')}?{urlencode(query)}"


def sidebar(response, field_path):
    return next(spec for spec in response.context["cl"].filter_specs if getattr(spec, "field_path", "") == field_path)


class QueriesDoNotGrowTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.themes = [ThemeFactory(name=f"Theme {n}") for n in range(4)]
        ThemeRedirect.objects.create(old_slug="old-theme", theme=cls.themes[0])
        add_interviews(3, cls.themes)

    def pages(self):
        """Return each list unfiltered, through the first option of each filter and searched; each autocomplete."""
        urls = []
        for model in LISTS:
            url = admin_url(model, "changelist")
            changelist = self.client.get(url).context["cl"]
            urls += [url, f"{url}?{urlencode({'q': 'Interview'})}"]
            urls += [f"{url}{list(spec.choices(changelist))[1]['query_string']}" for spec in changelist.filter_specs]
        urls += [autocomplete_url(model, field, term) for model, field, term in AUTOCOMPLETES]
        return urls

    def queries(self, urls):
        counts = {}
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(url).status_code, 200, url)
            counts[url] = len(captured)
        return counts

    def test_every_list_filter_search_and_autocomplete_runs_as_many_queries_at_any_size(self):
        """A column or filter that read a row at a time, or a list that grew by a query a person, fails this."""
        urls = self.pages()
        few = self.queries(urls)
        add_interviews(30, self.themes)
        many = self.queries(urls)
        self.assertEqual({url: (few[url], many[url]) for url in urls if few[url] != many[url]}, {})


class BoundedFilterTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people = [PersonFactory(name=f"Person {n:02}") for n in range(BoundedRelatedFilter.limit + 5)]
        # The first five are interviewed once, the others twice: the others are the most used.
        for n, person in enumerate(cls.people):
            ArticleFactory.create_batch(1 if n < 5 else 2, interviewee=person)

    def test_the_person_filter_offers_the_most_interviewed_people_only(self):
        """Django's RelatedOnlyFieldListFilter listed all 2,500 people of 20,000 interviews."""
        spec = sidebar(self.client.get(admin_url("article", "changelist")), "interviewee")
        self.assertEqual([pk for pk, _ in spec.lookup_choices], [person.pk for person in self.people[5:]])
        self.assertIn(f"the {BoundedRelatedFilter.limit} most used lately", spec.title)

    def test_a_chosen_person_outside_the_most_interviewed_stays_offered(self):
        chosen = self.people[0]
        response = self.client.get(admin_url("article", "changelist"), {"interviewee__id__exact": chosen.pk})
        spec = sidebar(response, "interviewee")
        self.assertEqual(len(spec.lookup_choices), BoundedRelatedFilter.limit + 1)
        self.assertIn((chosen.pk, str(chosen)), spec.lookup_choices)
        self.assertEqual([article.interviewee for article in response.context["cl"].result_list], [chosen])

    def test_a_chosen_value_that_is_not_an_id_is_not_looked_up(self):
        response = self.client.get(admin_url("article", "changelist"), {"interviewee__id__exact": "x"})
        self.assertNotEqual(response.status_code, 500)

    def test_a_filter_with_few_people_offers_them_all_under_its_own_title(self):
        QAPairFactory(article=Article.objects.first())
        fact = FactFactory(person=self.people[0])
        spec = sidebar(self.client.get(admin_url("fact", "changelist")), "person")
        self.assertEqual(spec.lookup_choices, [(fact.person.pk, str(fact.person))])
        self.assertEqual(spec.title, "attributed to")


class SearchTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.article = ArticleFactory(title="Trade talks")
        for position in range(1, 4):
            QAPairFactory(article=cls.article, position=position, answer="Zebras graze in the park.")

    def test_only_a_searched_or_filtered_list_says_how_many_rows_it_holds_and_offers_them_all(self):
        """Regression: the whole article, pair and fact lists said "N results (Show all)", linking to themselves."""
        for model in ["article", "qapair", "fact"]:
            with self.subTest(model):
                url = admin_url(model, "changelist")
                self.assertNotContains(self.client.get(url), "Show all")
                self.assertContains(self.client.get(url, {"q": "zebras"}), "Show all")
        self.assertContains(self.client.get(admin_url("article", "changelist"), {"state": "draft"}), "Show all")

    def test_a_word_of_several_pairs_finds_their_article_once_without_distinct(self):
        """Django's search across the pairs made the list, its count and its dates DISTINCT over every column."""
        url = admin_url("article", "changelist")
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url, {"q": "zebras"})
        self.assertEqual(list(response.context["cl"].result_list), [self.article])
        self.assertEqual([query["sql"] for query in captured if "DISTINCT" in query["sql"]], [])

    def test_every_word_is_found_in_the_article_or_in_one_of_its_pairs(self):
        url = admin_url("article", "changelist")
        self.assertEqual(list(self.client.get(url, {"q": "zebras talks"}).context["cl"].result_list), [self.article])
        self.assertEqual(
            list(self.client.get(url, {"q": '"graze in the park"'}).context["cl"].result_list), [self.article]
        )
        self.assertEqual(list(self.client.get(url, {"q": "zebras lions"}).context["cl"].result_list), [])

    def test_a_search_lists_its_newest_matches_up_to_the_bound_and_says_so(self):
        """Counting every fact that says "korean" took 2 s at 20,000 interviews on PostgreSQL."""
        zebra_article = ArticleFactory(title="Zebra crossings")
        pair = QAPairFactory(article=zebra_article, position=1)
        by_title = FactFactory(pair=pair, statement="Crossings doubled.")
        by_statement = FactFactory(statement="Zebras crossed the park.")
        by_wording = FactFactory(statement="Horses rested.")
        FactWording.objects.create(
            article=ArticleFactory(language="es", translation_of=by_wording.article),
            fact=by_wording,
            statement="Las zebras cruzaron el parque.",
            quote="zebras",
        )
        newest = FactFactory(statement="A zebra crossed the park too.")
        FactFactory(statement="Lions slept.")
        url = admin_url("fact", "changelist")
        with patch.object(FactAdmin, "search_bound", 3):
            bounded = self.client.get(url, {"q": "zebra"})
            crossed = self.client.get(url, {"q": "zebra crossed"})
            few = self.client.get(url, {"q": "zebras"})
        self.assertEqual(
            sorted(fact.pk for fact in bounded.context["cl"].result_list),
            [by_statement.pk, by_wording.pk, newest.pk],
        )
        self.assertContains(bounded, "The list holds the 3 newest matches of this search")
        self.assertEqual(sorted(fact.pk for fact in crossed.context["cl"].result_list), [by_statement.pk, newest.pk])
        self.assertNotContains(crossed, 'id="search-bound"')
        self.assertEqual(sorted(fact.pk for fact in few.context["cl"].result_list), [by_statement.pk, by_wording.pk])
        self.assertNotContains(few, 'id="search-bound"')
        self.assertNotIn(by_title, bounded.context["cl"].result_list)
        with patch.object(FactAdmin, "search_bound", 4):
            self.assertIn(by_title, self.client.get(url, {"q": "zebra"}).context["cl"].result_list)

    def test_a_page_past_the_bounds_last_keeps_the_search(self):
        """Regression: page 11 of a search, a valid address before the bound, opened the unsearched list."""
        url = admin_url("fact", "changelist")
        response = self.client.get(url, {"q": "zebra", "p": "11", "themes__id__exact": "3"})
        self.assertRedirects(response, f"{url}?q=zebra&p=10&themes__id__exact=3", fetch_redirect_response=False)

    def test_quotes_without_words_search_nothing_and_an_open_quote_is_no_part_of_a_word(self):
        """Regression: q="" matched every row under the bound's notice; q="zebras found nothing."""
        url = admin_url("article", "changelist")
        everything = list(self.client.get(url).context["cl"].result_list)
        for query in ['"', '""', "'", "''"]:
            with self.subTest(query=query):
                response = self.client.get(url, {"q": query})
                self.assertEqual(list(response.context["cl"].result_list), everything)
                self.assertNotContains(response, 'id="search-bound"')
        self.assertEqual(list(self.client.get(url, {"q": '"zebras'}).context["cl"].result_list), [self.article])

    def test_an_article_autocomplete_searches_titles_only(self):
        def offered(term):
            return [
                result["text"]
                for result in self.client.get(autocomplete_url("qapair", "article", term)).json()["results"]
            ]

        self.assertEqual(offered("talks"), ["Trade talks"])
        self.assertEqual(offered("zebras"), [])
