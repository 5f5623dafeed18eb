from datetime import timedelta

from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.admin.articles import ArticleAdmin
from articles.models import Article, Fact, QAPair, Theme, ThemeRedirect

from .support.admin import (
    AdminTestCase,
    admin_url,
    article_data,
    fact_data,
    form_data,
    formset_data,
    management_form,
    pair_data,
    pair_row,
    save,
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


class ArticleInlineSaveTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.author = UserFactory()
        cls.trade = ThemeFactory(name="Trade")
        cls.person = PersonFactory()
        cls.article = ArticleFactory(title="Reordering", intro="The minister visited Mexico City in 2024.")
        cls.article.created_by = cls.author
        cls.article.save()
        cls.first = QAPairFactory(article=cls.article, position=1, prompt="First?", answer="One answer.")
        cls.second = QAPairFactory(article=cls.article, position=2, prompt="Second?", answer="Two answers.")
        cls.third = QAPairFactory(article=cls.article, position=3, prompt="Third?", answer="Three answers.")
        cls.fact = FactFactory(pair=cls.first, statement="One.", quote="One answer", value=None, unit="")

    def post_change(self, pair_rows, facts=(), **article_values):
        pairs = [self.first, self.second, self.third]
        data = {
            **article_data(self.article, **article_values),
            **formset_data("pairs", pair_rows, initial=len(pairs)),
            **formset_data("facts", list(facts), initial=0),
        }
        return self.client.post(admin_url("article", "change", self.article.pk), data)

    def positions(self):
        return dict(QAPair.objects.filter(article=self.article).values_list("pk", "position"))

    def test_inline_prefixes_are_the_lead_picture_pairs_and_facts(self):
        response = self.client.get(admin_url("article", "change", self.article.pk))
        prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
        self.assertEqual(prefixes, ["lead_picture", "pairs", "facts"])

    def test_creating_an_article_with_two_pairs_saves_both_and_records_the_editor(self):
        data = {
            **article_data(interviewee=str(self.person.pk), themes="trade"),
            **formset_data(
                "pairs",
                [
                    pair_row(position="1", prompt="Is trade growing?", answer="Yes, by 10%.", anchor="growing"),
                    pair_row(position="2", prompt="What about Asia?", answer="It doubled.", anchor="asia"),
                ],
            ),
            **management_form("facts", 0),
        }
        self.assertSaved(self.client.post(admin_url("article", "add"), data))
        article = Article.objects.get(slug="ambassador-on-trade")
        self.assertEqual(
            list(article.pairs.values_list("position", "prompt", "anchor")),
            [(1, "Is trade growing?", "growing"), (2, "What about Asia?", "asia")],
        )
        self.assertEqual(article.created_by, self.editor)
        self.assertEqual(article.updated_by, self.editor)
        self.assertEqual(list(article.themes.all()), [self.trade], "'trade' must reuse the theme 'Trade'")

    def test_new_pairs_with_empty_anchors_get_distinct_anchors_from_their_prompts(self):
        """Anchors are "filled from the prompt when empty"; two new pairs in one save must not collide."""
        data = {
            **article_data(interviewee=str(self.person.pk)),
            **formset_data(
                "pairs",
                [
                    pair_row(position="1", prompt="Is trade growing?", answer="Yes, by 10%."),
                    pair_row(position="2", prompt="What about Asia?", answer="It doubled."),
                ],
            ),
            **management_form("facts", 0),
        }
        self.assertSaved(self.client.post(admin_url("article", "add"), data))
        anchors = list(Article.objects.get(slug="ambassador-on-trade").pairs.values_list("anchor", flat=True))
        self.assertEqual(len(set(anchors)), 2, anchors)
        self.assertTrue(all(anchors), anchors)

    def test_saving_an_existing_article_records_the_editor_but_keeps_its_creator(self):
        rows = [pair_row(self.first), pair_row(self.second), pair_row(self.third)]
        self.assertSaved(self.post_change(rows, title="Reordered"))
        self.article.refresh_from_db()
        self.assertEqual(self.article.title, "Reordered")
        self.assertEqual(self.article.created_by, self.author)
        self.assertEqual(self.article.updated_by, self.editor)

    def test_swapping_two_pair_positions_in_one_save_succeeds(self):
        """Regression: the unique (article, position) constraint failed half-way through a swap."""
        rows = [pair_row(self.first, position="2"), pair_row(self.second, position="1"), pair_row(self.third)]
        self.assertSaved(self.post_change(rows))
        self.assertEqual(self.positions(), {self.first.pk: 2, self.second.pk: 1, self.third.pk: 3})

    def test_rotating_three_pair_positions_in_one_save_succeeds(self):
        rows = [
            pair_row(self.first, position="3"),
            pair_row(self.second, position="1"),
            pair_row(self.third, position="2"),
        ]
        self.assertSaved(self.post_change(rows))
        self.assertEqual(self.positions(), {self.first.pk: 3, self.second.pk: 1, self.third.pk: 2})

    def test_moving_a_pair_into_the_position_of_a_deleted_pair_succeeds(self):
        """The deleted pair still holds its position until the formset deletes it."""
        rows = [
            pair_row(self.first),
            pair_row(self.second, position="3"),
            pair_row(self.third, DELETE="on"),
        ]
        self.assertSaved(self.post_change(rows))
        self.assertEqual(self.positions(), {self.first.pk: 1, self.second.pk: 3})

    def test_two_pairs_given_the_same_position_are_refused(self):
        rows = [pair_row(self.first, position="2"), pair_row(self.second), pair_row(self.third)]
        response = self.post_change(rows)
        self.assertEqual(response.status_code, 200)
        pairs = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "pairs")
        self.assertIn("position", " ".join(pairs.non_form_errors()))
        self.assertEqual(self.positions(), {self.first.pk: 1, self.second.pk: 2, self.third.pk: 3})

    def test_editing_a_quoted_answer_in_the_inline_is_refused(self):
        rows = [pair_row(self.first, answer="Something else."), pair_row(self.second), pair_row(self.third)]
        response = self.post_change(rows)
        self.assertEqual(response.status_code, 200)
        pairs = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "pairs")
        self.assertIn("One answer", pairs.forms[0].errors["answer"][0])
        self.first.refresh_from_db()
        self.assertEqual(self.first.answer, "One answer.")

    def test_new_inline_fact_quote_must_appear_in_the_chosen_answer(self):
        rows = [pair_row(self.first), pair_row(self.second), pair_row(self.third)]
        fact = {"pair": str(self.second.pk), "statement": "Made up.", "quote": "not in the answer", "themes": ""}
        response = self.post_change(rows, facts=[fact])
        self.assertEqual(response.status_code, 200)
        facts = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "facts")
        self.assertIn("quote", facts.forms[0].errors)
        self.assertFalse(Fact.objects.filter(statement="Made up.").exists())

    def test_new_inline_fact_with_a_quote_from_the_answer_is_saved(self):
        rows = [pair_row(self.first), pair_row(self.second), pair_row(self.third)]
        fact = {"pair": str(self.second.pk), "statement": "Two.", "quote": "Two answers", "themes": "Trade"}
        self.assertSaved(self.post_change(rows, facts=[fact]))
        saved = Fact.objects.get(statement="Two.")
        self.assertEqual((saved.article, saved.pair), (self.article, self.second))
        self.assertEqual(list(saved.themes.all()), [self.trade])

    def test_intro_fact_added_with_a_new_article_must_quote_the_intro(self):
        """On the add page the article has no id yet; the fact's quote must still be checked."""
        data = {
            **article_data(interviewee=str(self.person.pk)),
            **management_form("pairs", 0),
            **formset_data("facts", [{"pair": "", "statement": "Made up.", "quote": "nowhere", "themes": ""}]),
        }
        response = self.client.post(admin_url("article", "add"), data)
        self.assertFalse(Fact.objects.filter(quote="nowhere").exists(), "a fact quoting words not in the intro")
        self.assertEqual(response.status_code, 200)
        facts = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "facts")
        self.assertIn("intro", facts.forms[0].errors["quote"][0])


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


class QAPairAdminTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.pair = QAPairFactory(position=1, answer="Trade reached $2 billion in 2023.\n\nIt will grow.")
        cls.fact = FactFactory(pair=cls.pair, quote="$2 billion in 2023", value=2000000000, unit="USD")

    def post(self, **values):
        return self.client.post(admin_url("qapair", "change", self.pair.pk), pair_data(self.pair, **values))

    def test_answer_edit_that_keeps_quoted_words_is_saved(self):
        self.assertSaved(self.post(answer="Trade reached $2 billion in 2023."))
        self.pair.refresh_from_db()
        self.assertEqual(self.pair.answer, "Trade reached $2 billion in 2023.")

    def test_answer_edit_that_drops_quoted_words_is_refused_on_the_answer_field(self):
        errors = self.assertRefused(self.post(answer="Trade reached $3 billion in 2023."))
        self.assertIn("“$2 billion in 2023”", errors["answer"][0])
        self.pair.refresh_from_db()
        self.assertIn("$2 billion in 2023", self.pair.answer)


class PublishActionTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.draft = ArticleFactory(draft=True)
        cls.scheduled_draft = ArticleFactory(draft=True, published_at=timezone.now() + timedelta(days=3))
        cls.published = ArticleFactory()
        cls.scheduled = ArticleFactory(scheduled=True)

    def act(self, action, *articles):
        data = {"action": action, "_selected_action": [str(article.pk) for article in articles]}
        response = self.client.post(admin_url("article", "changelist"), data)
        self.assertEqual(response.status_code, 302)
        return [str(message) for message in get_messages(response.wsgi_request)]

    def test_publish_publishes_drafts_now_and_keeps_a_scheduled_time(self):
        scheduled_for = self.scheduled_draft.published_at
        before = timezone.now()
        messages = self.act("publish", self.draft, self.scheduled_draft)
        after = timezone.now()
        self.assertEqual(
            messages, ["Published 1 article(s) now and scheduled 1; 0 were already published or scheduled."]
        )
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
        self.assertEqual(
            messages, ["Published 0 article(s) now and scheduled 0; 2 were already published or scheduled."]
        )
        for article in Article.objects.filter(pk__in=times):
            self.assertEqual(article.published_at, times[article.pk])
            self.assertEqual(article.status, Article.Status.PUBLISHED)

    def test_unpublish_returns_published_and_scheduled_articles_to_draft(self):
        messages = self.act("unpublish", self.published, self.scheduled, self.draft)
        self.assertEqual(messages, ["Returned 2 article(s) to draft; 1 were drafts already."])
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


class ForgedInputTests(AdminTestCase):
    """Regression: a selected or prefilled item that is not an id reached the database and answered 500."""

    def test_an_action_on_selected_items_that_are_not_ids_answers_400(self):
        actions = {
            "article": "publish",
            "qapair": "add_theme",
            "fact": "remove_theme",
            "theme": "merge",
            "themeredirect": "delete_selected",
            "person": "delete_selected",
            "source": "delete_selected",
        }
        for model, action in actions.items():
            with self.subTest(model=model):
                data = {"action": action, "_selected_action": ["1", "abc"], "post": "yes"}
                self.assertEqual(self.client.post(admin_url(model, "changelist"), data).status_code, 400)

    def test_the_account_and_lockout_admins_answer_400_too(self):
        """Editors lift lockouts with the delete action of django-axes' admin; administrators manage accounts."""
        self.client.force_login(UserFactory(is_staff=True, is_superuser=True))
        data = {"action": "delete_selected", "_selected_action": ["abc"], "post": "yes"}
        for changelist in ["axes_accessattempt", "axes_accesslog", "axes_accessfailurelog", "auth_user", "auth_group"]:
            with self.subTest(changelist=changelist):
                response = self.client.post(reverse(f"admin:{changelist}_changelist"), data)
                self.assertEqual(response.status_code, 400)

    def test_a_filter_or_search_holding_nul_answers_400(self):
        """On PostgreSQL, which refuses NUL in text, these reached the database and answered 500."""
        queries = [
            (admin_url("article", "changelist"), {"status__exact": "\x00"}),
            (admin_url("article", "changelist"), {"language": "es\x00"}),
            (admin_url("fact", "changelist"), {"q": "trade\x00"}),
            (admin_url("thememerge", "changelist"), {"q": "\x00"}),
            (
                reverse("admin:autocomplete"),
                {"app_label": "articles", "model_name": "fact", "field_name": "article", "term": "\x00"},
            ),
        ]
        for url, query in queries:
            with self.subTest(query=query):
                self.assertEqual(self.client.get(url, query).status_code, 400)
        drafts = self.client.get(admin_url("article", "changelist"), {"status__exact": "draft"})
        self.assertEqual(drafts.status_code, 200)

    def test_history_pages_of_an_id_that_is_not_one_answer_400(self):
        """Found by the admin fuzz on PostgreSQL: the versions were looked up by an id holding NUL, a 500."""
        history = admin_url("fact", "history", "1")
        for object_id in ["%00", "abc"]:
            for url in ["history/", "history/compare/?version_id1=1&version_id2=2", "history/1/"]:
                with self.subTest(object_id=object_id, url=url):
                    response = self.client.get(history.replace("1/history/", f"{object_id}/{url}"))
                    self.assertEqual(response.status_code, 400)
        fact = FactFactory()
        self.assertEqual(self.client.get(admin_url("fact", "history", fact.pk)).status_code, 200)

    def test_an_empty_to_field_is_ignored(self):
        """Found by the admin fuzz: Django looked the object up by the field named "" and answered 500."""
        fact = FactFactory()
        for view in ["change", "delete"]:
            with self.subTest(view=view):
                response = self.client.get(admin_url("fact", view, fact.pk), {"_to_field": ""})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["original"] if view == "change" else response.context["object"], fact)

    def test_an_add_page_prefilled_with_a_related_item_that_is_not_an_id_answers_400(self):
        prefilled = {"qapair": "article", "fact": "pair", "article": "source", "themeredirect": "theme"}
        for model, field in prefilled.items():
            with self.subTest(model=model):
                self.assertEqual(self.client.get(admin_url(model, "add"), {field: "abc"}).status_code, 400)
        article = ArticleFactory()
        response = self.client.get(admin_url("fact", "add"), {"article": article.pk, "statement": "Prefilled."})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["adminform"].form.initial["article"], str(article.pk))

    def test_a_posted_autocomplete_value_that_is_not_an_id_is_refused_on_its_field(self):
        """Django's autocomplete looked the posted value up to show it again, and answered 500."""
        fact = FactFactory()
        forms = {
            ("article", "interviewee"): article_data(interviewee="abc"),
            ("article", "translation_of"): article_data(translation_of="abc"),
            ("qapair", "article"): {**pair_row(), "article": "abc", "prompt": "Why?", "answer": "Because."},
            ("fact", "person"): fact_data(fact, person="abc", statement="Another."),
            ("themeredirect", "theme"): {"theme": "abc", "old_slug": "old"},
        }
        for (model, field), data in forms.items():
            with self.subTest(model=model, field=field):
                self.assertIn(field, self.assertRefused(self.client.post(admin_url(model, "add"), data)))
        data = form_data(self.client, Article, "change", fact.article_id)
        data["facts-0-person"] = ["abc"]
        response = self.client.post(admin_url("article", "change", fact.article_id), data)
        self.assertEqual(response.status_code, 200)
        facts = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "facts")
        self.assertIn("person", facts.errors[0])
        self.assertFalse(Fact.objects.filter(statement="Another.").exists())


class LongInterviewTests(AdminTestCase):
    def test_a_long_interview_saves_from_its_change_page(self):
        """A page of a pair with 180 facts posts some 2,400 fields: the admin saves them all."""
        article = ArticleFactory(title="A long interview")
        for index, pair in enumerate(QAPairFactory.create_batch(40, article=article)):
            FactFactory.create_batch(180 if index == 0 else 6, pair=pair)
        data = form_data(self.client, Article, "change", article.pk)
        self.assertGreater(sum(len(values) for values in data.values()), 2_000)
        data["title"] = ["A long interview, edited"]
        save(self.client, Article, data, "change", article.pk)
        article.refresh_from_db()
        self.assertEqual(article.title, "A long interview, edited")
        self.assertEqual((article.pairs.count(), article.facts.count()), (40, 414))
