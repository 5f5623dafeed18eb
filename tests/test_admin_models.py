"""The fact admin and its inline, the publish and unpublish actions, and the theme admin."""

from datetime import timedelta

from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Fact, SearchEntry, Theme, ThemeRedirect

from .support.admin import (
    AdminTestCase,
    admin_url,
    fact_data,
)
from .support.factories import (
    ArticleFactory,
    FactFactory,
    PersonFactory,
    QAPairFactory,
    ThemeFactory,
)


class FactAdminTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.article = ArticleFactory()
        cls.pair = QAPairFactory(article=cls.article, position=1, answer="Trade reached $2 billion in 2023.")
        cls.other_pair = QAPairFactory(article=cls.article, position=2, answer="About 100 companies invest.")
        cls.foreign_pair = QAPairFactory(answer="Trade reached $2 billion in 2023.")
        cls.fact = FactFactory(pair=cls.pair, statement="Trade hit $2 billion.", quote="$2 billion", unit="USD")

    def post(self, **values):
        return self.client.post(admin_url("fact", "change", self.fact.pk), fact_data(self.fact, **values))

    def test_valid_edit_is_saved(self):
        self.assertSaved(self.post(statement="Trade reached $2 billion.", quote="reached $2 billion in 2023"))
        self.fact.refresh_from_db()
        self.assertEqual(self.fact.quote, "reached $2 billion in 2023")

    def test_quote_missing_from_the_answer_is_refused_on_the_quote_field(self):
        errors = self.assertRefused(self.post(quote="$3 billion"))
        self.assertIn("do not appear verbatim", errors["quote"][0])
        self.fact.refresh_from_db()
        self.assertEqual(self.fact.quote, "$2 billion")

    def test_pair_of_another_article_is_refused_on_the_pair_field(self):
        errors = self.assertRefused(self.post(pair=str(self.foreign_pair.pk)))
        self.assertIn("pair", errors)
        self.fact.refresh_from_db()
        self.assertEqual(self.fact.pair, self.pair)

    def test_new_fact_with_a_pair_of_another_article_is_refused_on_the_pair_field(self):
        data = fact_data(self.fact, pair=str(self.foreign_pair.pk), statement="Another.")
        errors = self.assertRefused(self.client.post(admin_url("fact", "add"), data))
        self.assertEqual(errors["pair"], ["This Q&A pair is not one of the chosen article's pairs."])
        self.assertFalse(Fact.objects.filter(statement="Another.").exists())

    def test_new_fact_takes_a_pair_of_the_article_posted(self):
        values = {"statement": "Companies invest.", "quote": "About 100 companies", "value": "100", "unit": "firms"}
        data = fact_data(self.fact, pair=str(self.other_pair.pk), **values)
        self.assertSaved(self.client.post(admin_url("fact", "add"), data))
        self.assertEqual(Fact.objects.get(statement="Companies invest.").pair, self.other_pair)

    def test_new_fact_with_an_article_that_is_not_an_id_is_refused_on_the_article_field(self):
        for article in ["abc", "²"]:
            with self.subTest(article=article):
                data = fact_data(self.fact, article=article, statement="Another.")
                errors = self.assertRefused(self.client.post(admin_url("fact", "add"), data))
                self.assertIn("article", errors)
        self.assertFalse(Fact.objects.filter(statement="Another.").exists())

    def test_add_page_offers_the_pairs_of_the_article_it_names(self):
        url = admin_url("fact", "add") + f"?article={self.article.pk}&pair={self.pair.pk}"
        field = self.client.get(url).context["adminform"].form.fields["pair"]
        self.assertQuerySetEqual(field.queryset, [self.pair, self.other_pair], ordered=False)

    def test_add_page_without_an_article_offers_no_pairs_and_says_why(self):
        response = self.client.get(admin_url("fact", "add"))
        self.assertFalse(response.context["adminform"].form.fields["pair"].queryset.exists())
        self.assertContains(response, "Choose the article first: its Q&A pairs are offered then.")
        self.assertNotContains(response, self.foreign_pair.prompt)

    def test_value_without_unit_is_refused_on_the_unit_field(self):
        errors = self.assertRefused(self.post(value="2000000000", unit=""))
        self.assertIn("unit", errors)

    def test_change_form_offers_only_the_pairs_of_the_facts_article(self):
        response = self.client.get(admin_url("fact", "change", self.fact.pk))
        offered = response.context["adminform"].form.fields["pair"].queryset
        self.assertQuerySetEqual(offered, [self.pair, self.other_pair], ordered=False)

    def test_article_inline_offers_only_that_articles_pairs(self):
        response = self.client.get(admin_url("article", "change", self.article.pk))
        facts = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "facts")
        self.assertQuerySetEqual(facts.empty_form.fields["pair"].queryset, [self.pair, self.other_pair], ordered=False)
        self.assertQuerySetEqual(facts.forms[0].fields["pair"].queryset, [self.pair, self.other_pair], ordered=False)

    def test_article_inline_lists_the_pairs_once_and_finds_people_by_search(self):
        """Each fact's form would otherwise query the pairs again and list every person on the site."""
        stranger = PersonFactory(name="Someone quoted nowhere")
        before = self.pair_queries()
        FactFactory.create_batch(5, pair=self.other_pair, statement="Companies invest.", quote="About 100", unit="x")
        self.assertEqual(self.pair_queries(), before)
        self.assertNotContains(self.client.get(admin_url("article", "change", self.article.pk)), stranger.name)

    def pair_queries(self):
        """Return how many queries the article's change page makes of the Q&A pairs."""
        with CaptureQueriesContext(connection) as queries:
            self.client.get(admin_url("article", "change", self.article.pk))
        return sum(query["sql"].startswith('SELECT "articles_qapair"') for query in queries)

    def test_article_inline_on_the_add_page_offers_no_pairs(self):
        response = self.client.get(admin_url("article", "add"))
        facts = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "facts")
        self.assertFalse(facts.empty_form.fields["pair"].queryset.exists())


class DeletePageTests(AdminTestCase):
    def test_a_delete_page_lists_content_without_the_search_index(self):
        """Regression: "Search entries: 33" under an article, rows editors never see, on every delete page."""
        article = ArticleFactory(title="Ministers meet")
        FactFactory(pair=QAPairFactory(article=article, position=1))
        self.assertTrue(SearchEntry.objects.filter(article=article).exists())
        for url, data in [
            (admin_url("article", "delete", article.pk), None),
            (
                admin_url("fact", "changelist"),
                {"action": "delete_selected", "_selected_action": [Fact.objects.get().pk]},
            ),
        ]:
            with self.subTest(url=url):
                response = self.client.post(url, data) if data else self.client.get(url)
                self.assertNotIn("search entries", dict(response.context["model_count"]))
                self.assertNotContains(response, "Search entr")
        self.assertEqual(
            dict(self.client.get(admin_url("article", "delete", article.pk)).context["model_count"]),
            {"articles": 1, "Q&A pairs": 1, "facts": 1},
        )


class PublishActionTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.draft = ArticleFactory(draft=True)
        cls.scheduled_draft = ArticleFactory(draft=True, published_at=timezone.now() + timedelta(days=3))
        cls.published = ArticleFactory()
        cls.scheduled = ArticleFactory(scheduled=True)

    def act(self, action, *articles, query=""):
        data = {"action": action, "_selected_action": [str(article.pk) for article in articles]}
        response = self.client.post(admin_url("article", "changelist") + query, data)
        self.assertEqual(response.status_code, 302)
        return [str(message) for message in get_messages(response.wsgi_request)]

    def test_publish_publishes_drafts_now_and_keeps_a_scheduled_time(self):
        scheduled_for = self.scheduled_draft.published_at
        before = timezone.now()
        messages = self.act("publish", self.draft, self.scheduled_draft)
        after = timezone.now()
        self.assertEqual(messages, ["Published 1 article now. Scheduled 1 article."])
        self.draft.refresh_from_db()
        self.scheduled_draft.refresh_from_db()
        self.assertEqual(self.draft.status, Article.Status.PUBLISHED)
        self.assertTrue(before <= self.draft.published_at <= after)
        self.assertTrue(self.draft.is_public)
        self.assertEqual(self.scheduled_draft.status, Article.Status.PUBLISHED)
        self.assertEqual(self.scheduled_draft.published_at, scheduled_for)
        self.assertFalse(self.scheduled_draft.is_public, "a scheduled article must stay scheduled")
        self.assertEqual(self.draft.updated_by, self.editor)

    def test_publish_leaves_published_and_scheduled_articles_alone(self):
        times = {article.pk: article.published_at for article in [self.published, self.scheduled]}
        messages = self.act("publish", self.published, self.scheduled)
        self.assertEqual(messages, ["2 were already published or scheduled."])
        for article in Article.objects.filter(pk__in=times):
            self.assertEqual(article.published_at, times[article.pk])
            self.assertEqual(article.status, Article.Status.PUBLISHED)

    def test_publish_counts_each_kind_of_article_in_a_sentence_of_its_own_number(self):
        """Regression: "Published 1 article(s) now and scheduled 0; 1 were already published or scheduled."."""
        self.assertEqual(
            self.act("publish", self.draft, self.published),
            ["Published 1 article now. 1 was already published or scheduled."],
        )

    def test_a_list_filtered_by_state_counts_what_was_selected(self):
        """Regression: from the drafts' list, "Published 2 articles now. -2 were already published or scheduled."."""
        self.assertEqual(
            self.act("publish", self.draft, self.scheduled_draft, query="?state=draft"),
            ["Published 1 article now. Scheduled 1 article."],
        )

    def test_a_list_filtered_by_state_counts_what_was_returned_to_draft(self):
        self.assertEqual(
            self.act("unpublish", self.published, query="?state=published"), ["Returned 1 article to draft."]
        )

    def test_returning_drafts_to_draft_says_so_without_counting_zero(self):
        """Regression: "Returned 0 articles to draft. 2 were drafts already."."""
        self.assertEqual(self.act("unpublish", self.draft, self.scheduled_draft), ["2 were drafts already."])

    def test_unpublish_returns_published_and_scheduled_articles_to_draft(self):
        messages = self.act("unpublish", self.published, self.scheduled, self.draft)
        self.assertEqual(messages, ["Returned 2 articles to draft. 1 was a draft already."])
        statuses = dict(Article.objects.values_list("pk", "status"))
        self.assertEqual(statuses[self.published.pk], Article.Status.DRAFT)
        self.assertEqual(statuses[self.scheduled.pk], Article.Status.DRAFT)
        self.assertEqual(statuses[self.scheduled_draft.pk], Article.Status.DRAFT)
        self.assertFalse(Article.objects.published().filter(pk=self.published.pk).exists())

    def test_changelist_shows_the_publishing_state(self):
        response = self.client.get(admin_url("article", "changelist"))
        model_admin = response.context["cl"].model_admin
        states = {article.pk: model_admin.state(article) for article in response.context["cl"].result_list}
        self.assertEqual(
            states,
            {
                self.draft.pk: "Draft",
                self.scheduled_draft.pk: "Draft",
                self.published.pk: "Published",
                self.scheduled.pk: "Scheduled",
            },
        )


class ThemeAdminTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.trade = ThemeFactory(name="Trade")
        cls.unused = ThemeFactory(name="Unused")
        pair = QAPairFactory(themes=[cls.trade])
        draft_pair = QAPairFactory(article=ArticleFactory(draft=True, themes=[cls.trade]))
        FactFactory(pair=pair, themes=[cls.trade])
        FactFactory(pair=draft_pair, themes=[cls.trade])

    def test_changelist_counts_uses_including_drafts(self):
        response = self.client.get(admin_url("theme", "changelist"))
        counts = {
            theme.name: (theme.article_count, theme.pair_count, theme.fact_count)
            for theme in response.context["cl"].result_list
        }
        self.assertEqual(counts, {"Trade": (1, 1, 2), "Unused": (0, 0, 0)})
        self.assertContains(response, '<td class="field-fact_uses">2</td>', html=True)

    def test_deleting_a_theme_counts_its_links_by_kind_and_keeps_the_content(self):
        """Django's page named every link with a query apiece: thousands for a theme in wide use."""
        ThemeRedirect.objects.create(theme=self.trade, old_slug="commerce")
        url = admin_url("theme", "delete", self.trade.pk)
        with CaptureQueriesContext(connection) as few:
            response = self.client.get(url)
        self.assertEqual(
            dict(response.context["model_count"]),
            {"themes": 1, "article themes": 1, "Q&A pair themes": 1, "fact themes": 2, "theme redirects": 1},
        )
        self.assertEqual(len(response.context["deleted_objects"]), 1)
        self.assertContains(response, admin_url("theme", "change", self.trade.pk))
        for pair in QAPairFactory.create_batch(10, themes=[self.trade]):
            FactFactory(pair=pair, themes=[self.trade])
        with CaptureQueriesContext(connection) as many:
            self.client.get(url)
        self.assertEqual(len(many), len(few))
        action = {"action": "delete_selected", "_selected_action": [self.trade.pk]}
        confirmation = self.client.post(admin_url("theme", "changelist"), action)
        self.assertEqual(dict(confirmation.context["model_count"])["fact themes"], 12)
        self.assertRedirects(self.client.post(url, {"post": "yes"}), admin_url("theme", "changelist"))
        self.assertFalse(Theme.objects.filter(name="Trade").exists())
        self.assertEqual(Fact.objects.count(), 12)

    def test_theme_differing_only_by_case_is_refused(self):
        data = {"name": "trade", "slug": "trade-again", "description": ""}
        response = self.client.post(admin_url("theme", "add"), data)
        errors = self.assertRefused(response)
        self.assertIn("A theme with this name already exists (names ignore case).", str(errors))
        self.assertContains(response, "A theme with this name already exists (names ignore case).")
        self.assertEqual(Theme.objects.filter(name__iexact="trade").count(), 1)

    def test_new_theme_is_added(self):
        self.assertSaved(self.client.post(admin_url("theme", "add"), {"name": "Space", "slug": "space"}))
        self.assertTrue(Theme.objects.filter(name="Space", slug="space").exists())
