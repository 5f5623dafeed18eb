"""The admin's pages for every model and the filters of their change lists."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.admin.articles import ArticleAdmin
from articles.models import Article, FactWording

from .support.admin import (
    AdminTestCase,
    admin_url,
)
from .support.factories import (
    ArticleFactory,
    FactFactory,
    PersonFactory,
    QAPairFactory,
    SourceFactory,
    ThemeFactory,
    UserFactory,
)

MODELS = ["article", "qapair", "fact", "theme", "person", "source"]


class AdminPagesTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        trade = ThemeFactory(name="Trade")
        fact = FactFactory(themes=[trade])
        cls.objects = {
            "article": fact.article,
            "qapair": fact.pair,
            "fact": fact,
            "theme": trade,
            "person": fact.article.interviewee,
            "source": fact.article.source,
        }

    def test_changelist_add_and_change_pages_answer_200_for_editors(self):
        for model in MODELS:
            for url in [
                admin_url(model, "changelist"),
                admin_url(model, "add"),
                admin_url(model, "change", self.objects[model].pk),
            ]:
                with self.subTest(url=url):
                    self.assertEqual(self.client.get(url).status_code, 200)

    def test_changelists_list_their_objects(self):
        for model in MODELS:
            with self.subTest(model=model):
                response = self.client.get(admin_url(model, "changelist"))
                self.assertIn(self.objects[model], list(response.context["cl"].result_list))

    def test_anonymous_users_are_sent_to_the_admin_login(self):
        self.client.logout()
        for model in MODELS:
            for url in [
                admin_url(model, "changelist"),
                admin_url(model, "add"),
                admin_url(model, "change", self.objects[model].pk),
            ]:
                with self.subTest(url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 302)
                    self.assertIn("/admin/login/", response["Location"])

    def test_staff_without_permissions_cannot_open_the_pages(self):
        self.client.force_login(UserFactory(is_staff=True))
        for model in MODELS:
            with self.subTest(model=model):
                self.assertEqual(self.client.get(admin_url(model, "changelist")).status_code, 403)


class ChangelistFilterTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.trade = ThemeFactory(name="Trade")
        cls.space = ThemeFactory(name="Space")
        cls.minister = PersonFactory(name="Minister Kim")
        cls.press = SourceFactory(name="La Jornada")
        cls.trade_article = ArticleFactory(
            title="Trade talks", interviewee=cls.minister, source=cls.press, language="es", themes=[cls.trade]
        )
        cls.space_article = ArticleFactory(
            title="Satellites", standfirst="A launch date.", kind=Article.Kind.NEWS, draft=True, themes=[cls.space]
        )
        cls.first = QAPairFactory(
            article=cls.trade_article,
            position=1,
            prompt="Is trade growing?",
            answer="Trade grew by 10%.\n\nYes.",
            themes=[cls.trade],
        )
        cls.second = QAPairFactory(
            article=cls.trade_article, position=2, prompt="And trade with Asia?", answer="Trade with Asia doubled."
        )
        cls.space_pair = QAPairFactory(
            article=cls.space_article, position=1, prompt="When is the launch?", answer="It launches in 2027."
        )
        cls.trade_fact = FactFactory(
            pair=cls.first,
            statement="Trade grew by 10%.",
            quote="grew by 10%",
            value=10,
            unit="%",
            person=cls.minister,
            is_key_figure=True,
            themes=[cls.trade],
        )
        cls.space_fact = FactFactory(
            pair=cls.space_pair,
            statement="The satellite launches in 2027.",
            quote="launches in 2027",
            value=None,
            unit="",
            date=timezone.localdate().replace(year=2027, month=1, day=1),
            date_precision="year",
            themes=[cls.space],
        )

    def results(self, model, query):
        response = self.client.get(admin_url(model, "changelist"), query)
        self.assertEqual(response.status_code, 200, f"{model} changelist refused {query}")
        return list(response.context["cl"].result_list)

    def test_article_search_matches_title_person_and_pair_text_without_duplicates(self):
        self.assertEqual(self.results("article", {"q": "trade"}), [self.trade_article])
        self.assertEqual(self.results("article", {"q": "Minister Kim"}), [self.trade_article])
        self.assertEqual(self.results("article", {"q": "launches"}), [self.space_article])

    def test_article_search_keeps_the_pair_count_right(self):
        """Searching through pairs joins them; the Q&A pairs column must still count each pair once."""
        (article,) = self.results("article", {"q": "trade"})
        self.assertEqual(article.pair_count, 2)

    def test_the_pair_count_column_counts_and_sorts_without_grouping_the_articles(self):
        """Joined and grouped, the count made the list, its filters and its dates group every article by its texts."""
        silent = ArticleFactory(title="No pairs yet")
        pair_count_column = str(ArticleAdmin.list_display.index("pair_count") + 1)
        with CaptureQueriesContext(connection) as queries:
            listed = self.results("article", {"o": f"-{pair_count_column}"})
        self.assertEqual(listed, [self.trade_article, self.space_article, silent])
        self.assertEqual([article.pair_count for article in listed], [2, 1, 0])
        self.assertEqual([query["sql"] for query in queries if 'GROUP BY "articles_article"' in query["sql"]], [])

    def test_the_fact_list_finds_an_articles_facts_by_its_title_without_listing_every_article(self):
        response = self.client.get(admin_url("fact", "changelist"), {"q": "Satellites"})
        self.assertEqual(list(response.context["cl"].result_list), [self.space_fact])
        filtered = [getattr(spec, "field_path", None) for spec in response.context["cl"].filter_specs]
        self.assertEqual(filtered, ["themes", "date_precision", "is_key_figure", "person"])

    def test_article_filters(self):
        cases = [
            ({"status__exact": "draft"}, [self.space_article]),
            ({"status__exact": "published"}, [self.trade_article]),
            ({"kind__exact": "news"}, [self.space_article]),
            ({"language__exact": "es"}, [self.trade_article]),
            ({"themes__id__exact": self.space.pk}, [self.space_article]),
            ({"source__id__exact": self.press.pk}, [self.trade_article]),
            ({"published_at__year": self.trade_article.published_at.year}, [self.trade_article]),
        ]
        for query, expected in cases:
            with self.subTest(query=query):
                self.assertEqual(self.results("article", query), expected)

    def test_pair_search_and_filters(self):
        cases = [
            ({"q": "Asia"}, [self.second]),
            ({"q": "Satellites"}, [self.space_pair]),
            ({"article__status__exact": "draft"}, [self.space_pair]),
            ({"themes__id__exact": self.trade.pk}, [self.first]),
        ]
        for query, expected in cases:
            with self.subTest(query=query):
                self.assertEqual(self.results("qapair", query), expected)

    def test_fact_search_and_filters(self):
        cases = [
            ({"q": "10%"}, [self.trade_fact]),
            ({"q": "Satellites"}, [self.space_fact]),
            ({"themes__id__exact": self.space.pk}, [self.space_fact]),
            ({"date_precision__exact": "year"}, [self.space_fact]),
            ({"is_key_figure__exact": "1"}, [self.trade_fact]),
            ({"person__id__exact": self.minister.pk}, [self.trade_fact]),
            ({"article__id__exact": self.space_article.pk}, [self.space_fact]),
        ]
        for query, expected in cases:
            with self.subTest(query=query):
                self.assertEqual(self.results("fact", query), expected)

    def test_fact_search_finds_a_fact_by_its_wordings_in_translations_once(self):
        """Spanish and Korean editors could not find a fact by the words they translated it with."""
        for language, statement, quote in [
            ("en", "Commerce rose by 10%.", "rose"),
            ("ko", "교역이 10% 늘었다.", "늘었다"),
        ]:
            FactWording.objects.create(
                article=ArticleFactory(language=language, translation_of=self.trade_article),
                fact=self.trade_fact,
                statement=statement,
                quote=quote,
            )
        for words in ["Commerce", "교역이", "10"]:
            with self.subTest(words=words):
                self.assertEqual(self.results("fact", {"q": words}), [self.trade_fact])

    def test_korean_words_of_one_or_two_syllables_are_found_inside_longer_words(self):
        """On PostgreSQL they have no trigram to look up: the search reads the reader search's syllable pairs."""
        article = ArticleFactory(title="멕시코 수출액 늘어", language="ko", standfirst="대사 인터뷰.")
        pair = QAPairFactory(
            article=article, position=1, prompt="교역은 어떻습니까?", answer="지난해 198억 달러였습니다."
        )
        fact = FactFactory(pair=pair, statement="교역액은 198억 달러다.", quote="198억 달러", value=None, unit="")
        cases = [
            ("article", "수출", [article]),
            ("article", "달러", [article]),
            ("qapair", "억", [pair]),
            ("qapair", "수출", [pair]),
            ("fact", "억", [fact]),
            ("fact", "교역", [fact]),
            ("fact", "인터", []),
        ]
        for model, word, expected in cases:
            with self.subTest(model=model, word=word), CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.results(model, {"q": word}), expected)
                if connection.vendor == "postgresql":
                    texts = r'"(prompt|answer|statement|quote|standfirst|intro)"::text\) LIKE'
                    self.assertEqual([query["sql"] for query in queries if re.search(texts, query["sql"])], [])

    def test_theme_person_and_source_search(self):
        self.assertEqual(self.results("theme", {"q": "spa"}), [self.space])
        self.assertEqual(self.results("person", {"q": "Kim"}), [self.minister])
        self.assertEqual(self.results("source", {"q": "Jornada"}), [self.press])

    def test_theme_filters_offer_only_themes_in_use(self):
        unused = ThemeFactory(name="Unused")
        response = self.client.get(admin_url("article", "changelist"))
        theme_filter = next(
            f for f in response.context["cl"].filter_specs if getattr(f, "field_path", None) == "themes"
        )
        offered = {pk for pk, _ in theme_filter.lookup_choices}
        self.assertEqual(offered, {self.trade.pk, self.space.pk})
        self.assertNotIn(unused.pk, offered)
