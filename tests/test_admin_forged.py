"""Forged admin input: selections and prefilled values that are not ids."""

from django.urls import reverse

from articles.models import Article, Fact

from .support.admin import (
    AdminTestCase,
    admin_url,
    article_data,
    fact_data,
    form_data,
    pair_row,
)
from .support.factories import (
    ArticleFactory,
    FactFactory,
    UserFactory,
)


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
