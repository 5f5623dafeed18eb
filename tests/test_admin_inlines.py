"""Saving an article with its Q&A pairs and facts inline, from a short one to a long interview."""

from articles.models import Article, Fact, QAPair

from .support.admin import (
    AdminTestCase,
    admin_url,
    article_data,
    form_data,
    formset_data,
    management_form,
    opened,
    pair_data,
    pair_row,
    save,
)
from .support.factories import (
    ArticleFactory,
    FactFactory,
    PersonFactory,
    QAPairFactory,
    ThemeFactory,
    UserFactory,
)


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

    def post_page(self, changes):
        """Post the article's page unchanged but for `changes`, {pair or fact: {field: value}}."""
        data = opened(self.client, "article", self.article.pk)
        for row, values in changes.items():
            prefix = "pairs" if isinstance(row, QAPair) else "facts"
            ids = {value: key for key, value in data.items() if key.startswith(f"{prefix}-") and key.endswith("-id")}
            data.update({ids[str(row.pk)].removesuffix("-id") + f"-{name}": value for name, value in values.items()})
        return self.client.post(admin_url("article", "change", self.article.pk), data)

    def delete_rows(self, pair, facts, fact_changes=None):
        """Post the article's page with `pair` and `facts` marked for deletion and `fact_changes` made."""
        deleted = {row: {"DELETE": "on"} for row in [pair, *facts]}
        return self.post_page(deleted | (fact_changes or {}))

    def test_an_answer_and_the_quotes_of_its_facts_are_reworded_in_one_save(self):
        """Regression: the answer was checked against the quotes as stored, the quotes against the answer as stored."""
        second = FactFactory(pair=self.first, statement="Answered.", quote="answer", value=None, unit="")
        changes = {
            self.first: {"answer": "A single reply."},
            self.fact: {"quote": "single reply"},
            second: {"quote": "reply"},
        }
        self.assertSaved(self.post_page(changes))
        self.first.refresh_from_db()
        self.assertEqual(self.first.answer, "A single reply.")
        self.assertEqual(set(self.first.facts.values_list("quote", flat=True)), {"single reply", "reply"})

    def test_an_answer_reworded_without_a_quote_it_drops_is_refused_on_the_answer(self):
        response = self.post_page({self.first: {"answer": "A single reply."}, self.fact: {"quote": "One answer"}})
        self.assertEqual(response.status_code, 200)
        pairs = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "pairs")
        self.assertIn("Facts quote words this text no longer contains: “One answer”", str(pairs.errors))
        self.assertEqual(QAPair.objects.get(pk=self.first.pk).answer, "One answer.")

    def test_deleting_a_pair_with_its_facts_in_one_save_deletes_both(self):
        """Regression: the pair was refused as protected by the facts deleted in the same save."""
        self.assertSaved(self.delete_rows(self.first, [self.fact]))
        self.assertFalse(QAPair.objects.filter(pk=self.first.pk).exists())
        self.assertFalse(Fact.objects.filter(pk=self.fact.pk).exists())
        self.assertEqual(self.positions(), {self.second.pk: 2, self.third.pk: 3})

    def test_deleting_a_pair_whose_facts_move_to_another_pair_in_the_same_save_keeps_them(self):
        moved = {self.fact: {"pair": str(self.second.pk), "quote": "Two answers"}}
        self.assertSaved(self.delete_rows(self.first, [], fact_changes=moved))
        self.assertFalse(QAPair.objects.filter(pk=self.first.pk).exists())
        self.fact.refresh_from_db()
        self.assertEqual((self.fact.pair, self.fact.quote), (self.second, "Two answers"))

    def test_deleting_a_pair_whose_facts_stay_is_refused_and_deletes_nothing(self):
        kept = FactFactory(pair=self.first, statement="Kept.", quote="answer", value=None, unit="")
        response = self.delete_rows(self.first, [self.fact])
        self.assertEqual(response.status_code, 200)
        pairs = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "pairs")
        self.assertIn("cannot be deleted: these facts quote it: “Kept.”", str(pairs.non_form_errors()))
        self.assertTrue(QAPair.objects.filter(pk=self.first.pk).exists())
        self.assertEqual(set(Fact.objects.filter(pair=self.first)), {self.fact, kept})

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


class ThemeNamesInRowsTests(AdminTestCase):
    def test_a_pair_row_takes_a_themes_korean_name_as_the_theme(self):
        """Regression: typing a theme's own Korean name on the article page was refused as a lookalike."""
        energy = ThemeFactory(name="Energy", name_es="Energía", name_ko="에너지")
        pair = QAPairFactory(article=ArticleFactory())
        data = form_data(self.client, Article, "change", pair.article_id)
        data["pairs-0-themes"] = ["에너지"]
        save(self.client, Article, data, "change", pair.article_id)
        self.assertQuerySetEqual(pair.themes.all(), [energy])


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
