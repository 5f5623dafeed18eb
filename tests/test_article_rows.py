"""New Q&A pairs on an article's add and change pages: left without a position, numbered after the last one."""

from articles.models import Article, QAPair

from .factories import ArticleFactory, PersonFactory, QAPairFactory
from .test_admin import AdminTestCase, admin_url, article_data, formset_data, management_form, pair_row
from .test_long_interviews import formset, interview
from .test_workflow import resubmit

FIRST = {"prompt": "Is trade growing?", "answer": "Trade grew by 10% last year."}
SECOND = {"prompt": "What about Asia in 2025?", "answer": "Exports to Asia doubled to $4 billion."}


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
