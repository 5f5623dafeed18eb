import re
from datetime import date

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from .support.factories import (
    ArticleFactory,
    FactFactory,
    PersonFactory,
    QAPairFactory,
    SourceFactory,
    ThemeFactory,
    UserFactory,
)


def accessed_today():
    return date_format(timezone.localdate(), "j F Y")


class FactPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(name="Trade", slug="trade")
        cls.minister = PersonFactory(name="Sang Min Lee", role="Minister of the Interior and Security")
        cls.article = ArticleFactory(
            title="South Korea desires an FTA",
            intro="The minister was sent to the inauguration.\n\nHe gave an interview.",
            interviewee=cls.minister,
            source=SourceFactory(name="El Economista"),
            source_url="https://example.com/original",
            original_date=date(2024, 10, 1),
            original_date_precision="month",
        )
        cls.pair = QAPairFactory(
            article=cls.article,
            prompt="What about trade?",
            anchor="trade",
            answer="Ties are strong.\n\nTrade reached $19.8 billion in May 2024, a record.\n\nMore is to come.",
        )
        cls.fact = FactFactory(
            pair=cls.pair,
            person=cls.minister,
            statement="Trade reached $19.8 billion in May 2024.",
            quote="$19.8 billion in May 2024",
            value=19800000000,
            unit="USD",
            date=date(2024, 5, 1),
            date_precision="month",
            themes=[cls.trade],
        )
        cls.intro_fact = FactFactory(
            pair=None, article=cls.article, statement="The minister attended.", quote="sent to the inauguration"
        )

    def get(self, fact):
        return self.client.get(fact.get_permalink())

    def test_permalink_is_the_fact_page_and_absolute_url_stays_the_source_words(self):
        self.assertEqual(self.fact.get_permalink(), f"/facts/{self.fact.pk}/")
        self.assertEqual(self.fact.get_absolute_url(), f"{self.article.get_absolute_url()}#trade")

    def test_published_fact_answers_200_with_one_h1(self):
        response = self.get(self.fact)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(re.findall(r"<h1[\s>]", response.content.decode())), 1)

    def test_unknown_draft_and_scheduled_facts_are_404(self):
        self.assertEqual(self.client.get(reverse("articles:fact-detail", args=[999999])).status_code, 404)
        for trait in ["draft", "scheduled"]:
            hidden = FactFactory(pair=QAPairFactory(article=ArticleFactory(**{trait: True})))
            self.assertEqual(self.get(hidden).status_code, 404, trait)

    def test_shows_statement_figure_date_person_source_and_themes(self):
        response = self.get(self.fact)
        self.assertContains(response, "<h1>Trade reached $19.8 billion in May 2024.</h1>", html=True)
        self.assertContains(response, '<p class="fact-figure">$19.8 billion</p>', html=True)
        self.assertContains(response, '<time datetime="2024-05">May 2024</time>', html=True)
        self.assertContains(response, "<bdi>Sang Min Lee</bdi>, <bdi>Minister of the Interior and Security</bdi>")
        self.assertContains(response, '<a href="https://example.com/original">El Economista</a>, October 2024')
        self.assertContains(response, 'href="/themes/trade/"')

    def test_quote_is_marked_in_its_whole_paragraph_with_a_link_to_the_answer(self):
        response = self.get(self.fact)
        self.assertContains(
            response, "<p>Trade reached <mark>$19.8 billion in May 2024</mark>, a record.</p>", html=True
        )
        self.assertNotContains(response, "Ties are strong.")
        self.assertContains(response, f'href="{self.article.get_absolute_url()}#trade"')
        self.assertContains(response, "What about trade?")

    def test_intro_fact_quotes_its_intro_paragraph_and_links_to_the_intro(self):
        response = self.get(self.intro_fact)
        self.assertContains(response, "<p>The minister was <mark>sent to the inauguration</mark>.</p>", html=True)
        self.assertContains(response, f'href="{self.article.get_absolute_url()}#intro"')

    def test_citation_gives_credit_source_date_quote_url_and_access_date(self):
        response = self.get(self.fact)
        url = f"http://testserver/facts/{self.fact.pk}/"
        self.assertContains(
            response,
            '<span class="citation-text"><bdi>Sang Min Lee, interview in El Economista, October 2024</bdi>: '
            f'“<bdi>$19.8 billion in May 2024</bdi>” Kormex, <a href="{url}">{url}</a> '
            f"(accessed {accessed_today()})</span>",
            html=True,
        )
        self.assertContains(response, f'<link rel="canonical" href="{url}">', html=True)

    def test_intro_words_are_credited_to_the_source_not_the_interviewee(self):
        response = self.get(self.intro_fact)
        self.assertContains(
            response, "<bdi>Interview in El Economista, October 2024</bdi>: “<bdi>sent to the inauguration</bdi>”"
        )

    @override_settings(PAGE_CACHE=False)
    def test_page_runs_three_queries(self):
        """The fact with its article, people and pair; its themes; its published wordings."""
        with self.assertNumQueries(3):
            self.get(self.fact)

    def test_editor_text_is_escaped(self):
        hostile = '<script>alert("x")</script>'
        article = ArticleFactory(
            title=hostile,
            interviewee=PersonFactory(name=hostile, role=hostile),
            source=SourceFactory(name=hostile),
        )
        pair = QAPairFactory(article=article, prompt=hostile, answer=f"Said {hostile} today.")
        fact = FactFactory(pair=pair, person=article.interviewee, statement=hostile, quote=hostile, unit=hostile)
        content = self.get(fact).content.decode()
        self.assertNotIn("<script>", content)
        self.assertIn("<mark>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</mark>", content)


class CitableLinksTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = ArticleFactory(
            interviewee=PersonFactory(name="Sang Min Lee"),
            source=SourceFactory(name="El Economista"),
            original_date=date(2024, 10, 1),
            original_date_precision="month",
        )
        cls.pair = QAPairFactory(article=cls.article, anchor="trade")
        cls.fact = FactFactory(pair=cls.pair)

    def test_fact_cards_link_to_the_fact_page(self):
        for url in [self.article.get_absolute_url(), reverse("articles:fact-list")]:
            self.assertContains(self.client.get(url), f'href="/facts/{self.fact.pk}/"', msg_prefix=url)

    def test_fact_cards_link_staff_and_only_staff_to_the_facts_change_page(self):
        change = reverse("admin:articles_fact_change", args=[self.fact.pk])
        urls = [self.article.get_absolute_url(), reverse("articles:fact-list")]
        for url in urls:
            self.assertNotContains(self.client.get(url), change, msg_prefix=url)
        self.client.force_login(UserFactory(is_staff=True))
        for url in urls:
            self.assertContains(self.client.get(url), f'<a href="{change}">Edit this fact</a>', msg_prefix=url)

    def test_each_pair_has_a_citation_of_its_anchor(self):
        response = self.client.get(self.article.get_absolute_url())
        url = f"http://testserver{self.article.get_absolute_url()}#trade"
        self.assertContains(
            response,
            '<span class="citation-text"><bdi>Sang Min Lee, interview in El Economista, October 2024</bdi>. '
            f'Kormex, <a href="{url}">{url}</a> (accessed {accessed_today()})</span>',
            html=True,
        )
