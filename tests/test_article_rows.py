"""
New rows on an article's add and change pages: new Q&A pairs left without a position are numbered
after the last one, and a fact may quote a pair added in the same save, checked before anything is
saved.
"""

from articles.models import Article, Fact, QAPair

from .support.admin import (
    AdminTestCase,
    admin_url,
    article_data,
    formset,
    formset_data,
    management_form,
    pair_row,
    resubmit,
)
from .support.content import interview
from .support.factories import ArticleFactory, PersonFactory, QAPairFactory, ThemeFactory

FIRST = {"prompt": "Is trade growing?", "answer": "Trade grew by 10% last year."}
SECOND = {"prompt": "What about Asia in 2025?", "answer": "Exports to Asia doubled to $4 billion."}


def fact_row(**values):
    return {"pair": "", "statement": "A fact.", "quote": "", "themes": "", **values}


def with_new_rows(data, prefix, rows):
    """Return `data`, an admin page's POST, with `rows` added to formset `prefix` as its browser adds them."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    for index, row in enumerate(rows, start=total):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data | {f"{prefix}-TOTAL_FORMS": str(total + len(rows))}


class NewRowsTestCase(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.person = PersonFactory()
        cls.trade = ThemeFactory(name="Trade")

    def add(self, pairs, facts=()):
        """Post the add page of an article with new pairs (`pairs`, their values) and facts."""
        data = {
            **article_data(interviewee=str(self.person.pk)),
            **formset_data("pairs", [pair_row(**row) for row in pairs]),
            **(formset_data("facts", list(facts)) if facts else management_form("facts", 0)),
        }
        return self.client.post(admin_url("article", "add"), data)

    def change(self, article, pairs=(), facts=()):
        """Post the change page of `article` as it opens, with new pairs and facts added."""
        url = admin_url("article", "change", article.pk)
        data = with_new_rows(resubmit(self.client.get(url)), "pairs", [pair_row(**row) for row in pairs])
        return self.client.post(url, with_new_rows(data, "facts", list(facts)))


class NewPairNumberingTests(NewRowsTestCase):
    def saved_pairs(self):
        return list(Article.objects.get(slug="ambassador-on-trade").pairs.values_list("position", "prompt"))

    def test_new_pairs_left_without_positions_are_numbered_in_row_order(self):
        third = {"prompt": "And energy?", "answer": "Solar."}
        self.assertSaved(self.add([FIRST, SECOND, third]))
        self.assertEqual(self.saved_pairs(), [(1, FIRST["prompt"]), (2, SECOND["prompt"]), (3, "And energy?")])

    def test_a_position_left_empty_comes_after_the_positions_typed(self):
        rows = [{**FIRST, "position": "2"}, SECOND, {"prompt": "And energy?", "answer": "Solar.", "position": "1"}]
        self.assertSaved(self.add(rows))
        self.assertEqual(self.saved_pairs(), [(1, "And energy?"), (2, FIRST["prompt"]), (3, SECOND["prompt"])])

    def test_on_the_change_page_new_pairs_come_after_the_last_pair_of_every_page(self):
        article = interview(25, 0)
        self.assertSaved(self.change(article, [FIRST, SECOND]))
        self.assertEqual(
            list(article.pairs.filter(position__gt=25).values_list("position", "prompt")),
            [(26, FIRST["prompt"]), (27, SECOND["prompt"])],
        )
        self.assertEqual(article.pairs.count(), 27)

    def test_a_saved_pair_still_needs_its_position(self):
        article = ArticleFactory()
        pair = QAPairFactory(article=article, position=1)
        url = admin_url("article", "change", article.pk)
        response = self.client.post(url, resubmit(self.client.get(url)) | {"pairs-0-position": ""})
        self.assertEqual(response.status_code, 200)
        self.assertIn("position", formset(response, "pairs").forms[0].errors)
        self.assertEqual(QAPair.objects.get(pk=pair.pk).position, 1)

    def test_the_position_field_says_it_may_be_left_empty(self):
        self.assertContains(
            self.client.get(admin_url("article", "add")),
            "Leave it empty on a new pair to place it after the last one.",
        )


class FactsOnNewPairsTests(NewRowsTestCase):
    def test_a_fact_added_with_its_article_quotes_the_second_new_pair(self):
        fact = fact_row(pair="new-2", quote="doubled to $4 billion", value="4000000000", unit="USD", themes="trade")
        self.assertSaved(self.add([FIRST, SECOND], [fact]))
        article = Article.objects.get(slug="ambassador-on-trade")
        saved = Fact.objects.get(article=article)
        self.assertEqual((saved.pair.position, saved.pair.prompt), (2, SECOND["prompt"]))
        self.assertEqual(list(saved.themes.all()), [self.trade])

    def test_a_fact_may_quote_the_prompt_of_a_new_pair(self):
        self.assertSaved(self.add([FIRST, SECOND], [fact_row(pair="new-2", in_prompt="on", quote="Asia in 2025")]))
        self.assertTrue(Fact.objects.get().in_prompt)

    def test_the_quote_is_checked_against_the_chosen_new_pair_and_nothing_is_saved(self):
        cases = [
            (fact_row(pair="new-2", quote="grew by 10%"), "quote", "do not appear verbatim in the answer"),
            (fact_row(pair="new-1", in_prompt="on", quote="Asia"), "quote", "do not appear verbatim in the prompt"),
            (fact_row(pair="new-3", quote="grew by 10%"), "pair", "No new Q&amp;A pair numbered 3 is added"),
            (fact_row(pair="new-x", quote="grew by 10%"), "pair", "No new Q&amp;A pair numbered x is added"),
        ]
        for fact, field, message in cases:
            with self.subTest(fact=fact):
                response = self.add([FIRST, SECOND], [fact])
                self.assertEqual(response.status_code, 200)
                self.assertIn(field, formset(response, "facts").forms[0].errors)
                self.assertContains(response, message)
        self.assertFalse(Article.objects.exists())
        self.assertFalse(QAPair.objects.exists())

    def test_a_fact_on_a_new_pair_with_errors_asks_to_correct_the_pair_first(self):
        response = self.add([FIRST, {**SECOND, "answer": ""}], [fact_row(pair="new-2", quote="Asia")])
        self.assertContains(response, "Correct the new Q&amp;A pair numbered 2 first")
        self.assertFalse(Article.objects.exists())

    def test_a_refused_add_page_offers_the_new_pairs_again_with_the_choice_kept(self):
        response = self.add([FIRST, SECOND], [fact_row(pair="new-2", quote="doubled", statement="")])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<option value="new-1">1. Is trade growing?</option>', html=True)
        self.assertContains(response, '<option value="new-2" selected>2. What about Asia in 2025?</option>', html=True)

    def test_a_fact_on_the_change_page_quotes_a_pair_added_in_the_same_save(self):
        article = ArticleFactory()
        QAPairFactory(article=article, position=1, answer="An old answer.")
        self.assertSaved(self.change(article, [SECOND], [fact_row(pair="new-2", quote="Exports to Asia doubled")]))
        self.assertEqual(Fact.objects.get(article=article).pair, article.pairs.get(position=2))
