"""
Long interviews in the admin: an article's change page shows a page of Q&A pairs with their facts
and the intro's, opens with as many queries whatever the interview's length, and a save changes
exactly the rows of its page.
"""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from articles.admin.pair_pages import FACTS_PER_PAGE, PAIRS_PER_PAGE, PairPages
from articles.models import Article, Fact, QAPair

from .support.admin import AdminTestCase, admin_url, form_data, form_errors, formset, resubmit
from .support.content import interview
from .support.factories import ArticleFactory, PersonFactory, ThemeFactory, UserFactory


class LongInterviewPageTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        themes = [ThemeFactory(name="Trade"), ThemeFactory(name="Energy")]
        person = PersonFactory(name="Minister Kim")
        cls.ordinary = interview(12, 3, themes, person, title="An ordinary interview")
        cls.long = interview(300, 3, themes, person, title="A long interview")
        cls.ordinary.themes.set(themes)
        cls.long.themes.set(themes)
        cls.contributor = UserFactory(is_staff=True)
        cls.contributor.groups.add(Group.objects.get(name="Contributor"))

    def open(self, article, page=None):
        query = {"page": page} if page else {}
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(admin_url("article", "change", article.pk), query)
        self.assertEqual(response.status_code, 200)
        return response, len(queries)

    def test_a_page_opens_with_as_many_queries_for_300_pairs_as_for_12(self):
        """
        Regression: the page of an interview of 300 pairs and 900 facts made 2,123 queries (a theme
        query per pair and per fact, an autocomplete query per fact's person), and took 198 s.
        """
        self.open(self.ordinary)  # Fills the caches of content types and permissions.
        _, ordinary = self.open(self.ordinary)
        for page in [None, 8, 15]:
            with self.subTest(page=page):
                self.assertEqual(self.open(self.long, page)[1], ordinary)
        self.client.force_login(self.contributor)
        _, read_only = self.open(self.ordinary)
        self.assertEqual(self.open(self.long, 8)[1], read_only, "the read-only page of a published interview")

    def test_a_page_shows_its_pairs_with_their_facts_and_the_intro_facts(self):
        response, _ = self.open(self.long, 2)
        pairs = list(self.long.pairs.order_by("position")[PAIRS_PER_PAGE : 2 * PAIRS_PER_PAGE])
        self.assertEqual([form.instance for form in formset(response, "pairs").forms], pairs)
        shown = [form.instance for form in formset(response, "facts").forms]
        self.assertEqual(shown[0], self.long.facts.get(pair=None))
        self.assertEqual(set(shown[1:]), set(Fact.objects.filter(pair__in=pairs)))
        self.assertEqual([fact.pair.position for fact in shown[1:]], sorted(fact.pair.position for fact in shown[1:]))
        self.assertContains(response, "Q&amp;A pairs 21–40 of 300, with their facts and those of the intro.")
        self.assertContains(response, '<span aria-current="page">21–40</span>', html=True)
        self.assertContains(
            response, '<button type="submit" name="_page" value="3" data-href="?page=3">41–60</button>', html=True
        )
        self.assertEqual([theme.name for theme in formset(response, "pairs").forms[0]["themes"].value()], ["Trade"])
        self.assertContains(response, "Minister Kim")

    def test_pages_hold_fewer_pairs_when_the_pairs_have_many_facts(self):
        dense = interview(5, FACTS_PER_PAGE // 2 - 5)
        self.assertEqual(PairPages(dense, 1).links, [(1, 1, 2), (2, 3, 4), (3, 5, 5)])
        self.assertEqual(PairPages(interview(1, FACTS_PER_PAGE + 10), 1).links, [])
        self.assertEqual(PairPages(ArticleFactory(), "1").pairs, [])

    def test_a_page_that_is_not_one_opens_the_nearest(self):
        for asked, shown in [("99", 15), ("0", 1), ("abc", 1), ("²", 1), ("-3", 1)]:
            with self.subTest(page=asked):
                self.assertEqual(formset(self.open(self.long, asked)[0], "pairs").page.number, shown)

    def test_saving_a_page_changes_its_rows_and_nothing_else(self):
        url = admin_url("article", "change", self.long.pk) + "?page=2"
        page = self.client.get(url)
        data = resubmit(page)
        edited_pair = QAPair.objects.get(article=self.long, position=21)
        index, fact = next(
            (index, form.instance)
            for index, form in enumerate(formset(page, "facts").forms)
            if form.instance.pair == edited_pair
        )
        others = (
            list(QAPair.objects.exclude(pk=edited_pair.pk).order_by("pk").values_list()),
            list(Fact.objects.exclude(pk=fact.pk).order_by("pk").values_list()),
        )
        data["pairs-0-answer"] += " A later addition."
        data[f"facts-{index}-statement"] = "An edited statement."
        data[f"facts-{index}-themes"] = "Energy, Trade"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, form_errors(response))

        edited_pair.refresh_from_db()
        self.assertTrue(edited_pair.answer.endswith(" A later addition."))
        fact.refresh_from_db()
        self.assertEqual(fact.statement, "An edited statement.")
        self.assertEqual(sorted(fact.themes.names()), ["Energy", "Trade"])
        self.assertEqual(list(QAPair.objects.exclude(pk=edited_pair.pk).order_by("pk").values_list()), others[0])
        self.assertEqual(list(Fact.objects.exclude(pk=fact.pk).order_by("pk").values_list()), others[1])
        revision = Version.objects.get_for_object(self.long).get().revision
        self.assertEqual(revision.version_set.filter(content_type__model="qapair").count(), 300)
        self.assertEqual(revision.version_set.filter(content_type__model="fact").count(), 901)

    def test_save_and_continue_stays_on_the_page_and_the_page_buttons_save_then_go(self):
        url = admin_url("article", "change", self.long.pk)
        for extra, page in [({"_continue": "Save"}, "2"), ({"_page": "7"}, "7")]:
            with self.subTest(page=page):
                data = resubmit(self.client.get(url, {"page": 2})) | extra | {"title": f"Saved for page {page}"}
                response = self.client.post(f"{url}?page=2", data)
                self.assertRedirects(response, f"{url}?page={page}", fetch_redirect_response=False)
                self.assertEqual(Article.objects.get(pk=self.long.pk).title, f"Saved for page {page}")

    def test_a_refused_save_of_a_page_keeps_what_was_typed_on_it(self):
        url = admin_url("article", "change", self.long.pk) + "?page=2"
        data = resubmit(self.client.get(url)) | {"pairs-3-answer": "Typed on page 2."}
        QAPair.objects.filter(article=self.long, position=1).update(prompt="Changed by someone else?")
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Changes to this article, its Q&amp;A pairs", str(response.context["adminform"].form.errors))
        shown = [form.instance.position for form in formset(response, "pairs").forms]
        self.assertEqual(shown, list(range(21, 41)))
        self.assertContains(response, "Typed on page 2.")
        self.assertNotEqual(QAPair.objects.get(article=self.long, position=24).answer, "Typed on page 2.")

    def test_a_position_or_anchor_held_on_another_page_is_refused(self):
        url = admin_url("article", "change", self.long.pk) + "?page=2"
        for field, value, message in [
            ("position", "5", "Position 5 belongs to a Q&amp;A pair on another page of this article."),
            ("anchor", "sector-5", "A Q&amp;A pair on another page of this article has the anchor “sector-5”."),
        ]:
            with self.subTest(field=field):
                data = resubmit(self.client.get(url)) | {f"pairs-0-{field}": value}
                response = self.client.post(url, data)
                self.assertEqual(response.status_code, 200)
                self.assertIn(field, formset(response, "pairs").forms[0].errors)
                self.assertContains(response, message)
        self.assertEqual(QAPair.objects.get(article=self.long, anchor="sector-21").position, 21)

    def test_forged_row_ids_pages_and_pair_numbers_are_refused_without_a_server_error(self):
        url = admin_url("article", "change", self.long.pk)
        data = resubmit(self.client.get(url))
        forged = [
            {"pairs-0-id": str(10**30)},
            {"pairs-0-id": "²"},
            {"pairs-INITIAL_FORMS": "abc"},
            {"facts-1-pair": f"new-{'9' * 5000}"},
            {"facts-1-pair": str(10**30)},
            {"_page": "9" * 5000},
        ]
        for values in forged:
            with self.subTest(values=next(iter(values))):
                response = self.client.post(f"{url}?page={'9' * 5000}", data | values)
                self.assertIn(response.status_code, [200, 302, 400])
        self.assertEqual(self.long.pairs.count(), 300)

    def test_a_user_who_may_only_view_the_pairs_and_facts_saves_the_article_and_leaves_them_alone(self):
        """
        Rows a user may only view post their ids alone: they are not saved, nor are their themes
        checked as if typed. Regression: the reorder moved such rows to new positions.
        """
        viewer = UserFactory(is_staff=True)
        codenames = ["view_article", "change_article", "view_qapair", "view_fact"]
        viewer.user_permissions.set(Permission.objects.filter(codename__in=codenames))
        self.client.force_login(viewer)
        draft = interview(3, 1, [ThemeFactory(name="Trade")], draft=True)
        url = admin_url("article", "change", draft.pk)
        data = form_data(self.client, Article, "change", draft.pk)
        self.assertIn("pairs-0-id", data)
        self.assertNotIn("pairs-0-prompt", data)
        response = self.client.post(url, data | {"title": ["Retitled"]})
        self.assertEqual(response.status_code, 302, form_errors(response))
        self.assertEqual(Article.objects.get(pk=draft.pk).title, "Retitled")
        self.assertEqual(sorted(QAPair.objects.get(article=draft, position=1).themes.names()), ["Trade"])

    def test_restoring_a_version_from_its_first_page_restores_the_pairs_of_every_page(self):
        article = interview(25, 1, title="A restored interview")
        url = admin_url("article", "change", article.pk)
        self.assertEqual(self.client.post(url, resubmit(self.client.get(url))).status_code, 302)
        first = Version.objects.get_for_object(article).get()
        page_2 = f"{url}?page=2"
        edited = resubmit(self.client.get(page_2)) | {"pairs-4-answer": "Sector 25 exported $25.0 billion, later."}
        self.assertEqual(self.client.post(page_2, edited).status_code, 302)

        revision = admin_url("article", "history", article.pk) + f"{first.pk}/"
        page = self.client.get(revision)
        self.assertContains(page, "Saving restores every Q&amp;A pair and fact of this version")
        self.assertNotContains(page, 'name="_page"')
        self.assertEqual(self.client.post(revision, resubmit(page)).status_code, 302)
        self.assertEqual(article.pairs.get(position=25).answer, "Sector 25 exported $25.0 billion.")
