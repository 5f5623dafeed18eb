"""Two editors saving the same article (or pair, or fact) never silently lose one another's change."""

import re

from django.contrib.auth.models import Permission
from django.test import Client, TestCase
from django.utils import formats, timezone
from reversion.models import Version

from articles.models import Article, Fact, QAPair, Theme
from articles.services.themes import merge_themes

from .support.admin import AdminForm, admin_url, form_errors, opened, refusal
from .support.factories import (
    ArticleFactory,
    FactFactory,
    PersonFactory,
    QAPairFactory,
    SourceFactory,
    ThemeFactory,
    UserFactory,
)

RELOAD = "Nothing was saved. Copy what you need from the form below, then reload the page"
PARTS_CHANGED = "Changes to this article, its Q&A pairs, facts or themes were saved after you opened this page."
UNKNOWN_STATE = "This form does not say which version it was opened on"


class EditorsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ana = UserFactory(username="ana", first_name="Ana", last_name="Ruiz", editor=True)
        cls.ben = UserFactory(username="ben", editor=True)
        cls.trade = ThemeFactory(name="Trade")
        cls.article = ArticleFactory(title="Ministers meet", themes=[cls.trade])
        cls.pair = QAPairFactory(article=cls.article, position=1, answer="Trade reached $2 billion in 2023.")
        cls.fact = FactFactory(pair=cls.pair, quote="$2 billion", value=2000000000, unit="USD", themes=[cls.trade])

    def setUp(self):
        self.client.force_login(self.ana)
        self.other = Client()
        self.other.force_login(self.ben)

    def save_as_ben(self, model, pk, data):
        return self.other.post(admin_url(model, "change", pk), data)


class StaleArticleFormTests(EditorsTestCase):
    def test_second_save_of_a_stale_form_is_refused_and_the_first_change_survives(self):
        """Regression: the last of two editors to save silently overwrote the first one's change."""
        ana_form = opened(self.client, "article", self.article.pk)
        ben_form = opened(self.other, "article", self.article.pk)
        versions = Version.objects.get_for_object(self.article).count()

        saved = self.client.post(admin_url("article", "change", self.article.pk), ana_form | {"title": "Ana's title"})
        self.assertEqual(saved.status_code, 302, form_errors(saved))
        response = self.save_as_ben("article", self.article.pk, ben_form | {"standfirst": "Ben's standfirst."})

        self.article.refresh_from_db()
        when = formats.date_format(timezone.localtime(self.article.updated_at), "DATETIME_FORMAT")
        self.assertEqual(
            refusal(response).split(". Nothing")[0],
            f"Ana Ruiz saved this article at {when}, after you opened this page",
        )
        self.assertIn(RELOAD, refusal(response))
        self.assertContains(response, '<ul class="errorlist nonfield"><li>Ana Ruiz saved this article at')
        self.assertEqual((self.article.title, self.article.updated_by), ("Ana's title", self.ana))
        self.assertEqual(self.article.standfirst, "A minister speaks about trade.")
        self.assertEqual(Version.objects.get_for_object(self.article).count(), versions + 1)
        # What Ben typed is still in the form, for him to copy.
        self.assertEqual(response.context["adminform"].form["standfirst"].value(), "Ben's standfirst.")
        self.assertContains(response, "Ben&#x27;s standfirst.")

    def test_a_fresh_reload_after_a_refusal_saves(self):
        ben_form = opened(self.other, "article", self.article.pk)
        self.client.post(
            admin_url("article", "change", self.article.pk),
            opened(self.client, "article", self.article.pk) | {"title": "Ana's title"},
        )
        refusal(self.save_as_ben("article", self.article.pk, ben_form | {"standfirst": "Ben's standfirst."}))

        reloaded = opened(self.other, "article", self.article.pk)
        response = self.save_as_ben("article", self.article.pk, reloaded | {"standfirst": "Ben's standfirst."})
        self.assertEqual(response.status_code, 302, form_errors(response))
        self.article.refresh_from_db()
        self.assertEqual((self.article.title, self.article.standfirst), ("Ana's title", "Ben's standfirst."))

    def test_one_editor_saves_again_and_again(self):
        for title in ["First title", "Second title"]:
            response = self.client.post(
                admin_url("article", "change", self.article.pk),
                opened(self.client, "article", self.article.pk) | {"title": title},
            )
            self.assertEqual(response.status_code, 302, form_errors(response))
            self.assertEqual(Article.objects.get(pk=self.article.pk).title, title)

    def test_a_change_to_a_pair_alone_in_the_inline_is_detected(self):
        ben_form = opened(self.other, "article", self.article.pk)
        ana_form = opened(self.client, "article", self.article.pk)
        ana_form["pairs-0-answer"] = "Trade reached $2 billion in 2023, a record."
        saved = self.client.post(admin_url("article", "change", self.article.pk), ana_form)
        self.assertEqual(saved.status_code, 302, form_errors(saved))

        refusal(self.save_as_ben("article", self.article.pk, ben_form | {"pairs-0-answer": self.pair.answer}))
        self.assertEqual(QAPair.objects.get(pk=self.pair.pk).answer, "Trade reached $2 billion in 2023, a record.")

    def test_changes_made_elsewhere_are_detected(self):
        """The pair and fact pages, bulk theme actions, theme renames and merges never see the article form."""
        other_theme = ThemeFactory(name="Commerce")

        def rename_theme():
            self.trade.name = "Trade and the FTA"
            self.trade.save()

        changes = {
            "pair page": lambda: self.client.post(
                admin_url("qapair", "change", self.pair.pk),
                opened(self.client, "qapair", self.pair.pk) | {"prompt": "What about trade?"},
            ),
            "fact page": lambda: self.client.post(
                admin_url("fact", "change", self.fact.pk),
                opened(self.client, "fact", self.fact.pk) | {"statement": "Trade hit $2 billion."},
            ),
            "bulk theme action": lambda: self.client.post(
                admin_url("qapair", "changelist"),
                {"action": "add_theme", "_selected_action": [self.pair.pk], "theme": other_theme.pk, "post": "yes"},
            ),
            "theme rename": rename_theme,
            "theme merge": lambda: merge_themes(other_theme, [self.trade], self.ana),
        }
        for name, change in changes.items():
            with self.subTest(name):
                ben_form = opened(self.other, "article", self.article.pk)
                change()
                response = self.save_as_ben("article", self.article.pk, ben_form | {"title": f"After {name}"})
                self.assertTrue(refusal(response).startswith(f"{PARTS_CHANGED} {RELOAD}"), refusal(response))
                self.assertEqual(Article.objects.get(pk=self.article.pk).title, "Ministers meet")

    def test_a_save_by_an_unknown_user_is_reported_without_a_name(self):
        ben_form = opened(self.other, "article", self.article.pk)
        article = Article.objects.get(pk=self.article.pk)
        article.title, article.updated_by = "Imported title", None
        article.save()
        when = formats.date_format(timezone.localtime(article.updated_at), "DATETIME_FORMAT")

        response = self.save_as_ben("article", self.article.pk, ben_form)
        self.assertTrue(
            refusal(response).startswith(f"Changes to this article were saved at {when}, after you opened this page.")
        )

    def test_the_refusal_is_in_the_editors_language(self):
        ben_form = opened(self.other, "article", self.article.pk)
        self.client.post(
            admin_url("article", "change", self.article.pk),
            opened(self.client, "article", self.article.pk) | {"title": "Ana's title"},
        )
        for language, words in [("es", "guardó este artículo"), ("ko", "이 기사를")]:
            with self.subTest(language):
                response = self.other.post(
                    admin_url("article", "change", self.article.pk), ben_form, HTTP_ACCEPT_LANGUAGE=language
                )
                self.assertIn(words, refusal(response))
                self.assertNotIn("after you opened", refusal(response))

    def test_a_missing_or_garbled_token_gets_a_form_error(self):
        form = opened(self.other, "article", self.article.pk)
        tokens = {
            "missing": None,
            "empty": "",
            "garbled": "not a token",
            "hostile": '"><script>alert(1)</script>',
            "too short": form["loaded_state"][:-1],
            "not hex": "z" * len(form["loaded_state"]),
        }
        for name, token in tokens.items():
            with self.subTest(name):
                data = {key: value for key, value in form.items() if key != "loaded_state"}
                if token is not None:
                    data["loaded_state"] = token
                response = self.save_as_ben("article", self.article.pk, data | {"title": "Tampered"})
                self.assertTrue(refusal(response).startswith(UNKNOWN_STATE), refusal(response))
                self.assertNotContains(response, "<script>alert(1)</script>")
                self.assertEqual(Article.objects.get(pk=self.article.pk).title, "Ministers meet")

    def test_the_token_is_not_recorded_as_a_change(self):
        form = opened(self.client, "article", self.article.pk)
        self.client.post(admin_url("article", "change", self.article.pk), form | {"title": "Ana's title"})
        comment = Version.objects.get_for_object(self.article).first().revision.get_comment()
        self.assertIn("Title", comment)
        self.assertNotIn("loaded", comment.lower())

    def test_a_read_only_page_carries_no_token(self):
        """A user who cannot change the article gets no form to save, so no (visible) token row."""
        viewer = UserFactory(is_staff=True)
        viewer.user_permissions.add(Permission.objects.get(content_type__app_label="articles", codename="view_article"))
        self.other.force_login(viewer)
        response = self.other.get(admin_url("article", "change", self.article.pk))
        self.assertFalse(response.context["has_change_permission"])
        self.assertNotContains(response, "loaded_state")
        self.assertContains(self.client.get(admin_url("article", "change", self.article.pk)), 'name="loaded_state"')


class StalePairAndFactFormTests(EditorsTestCase):
    def test_second_save_of_a_stale_pair_form_is_refused(self):
        ben_form = opened(self.other, "qapair", self.pair.pk)
        saved = self.client.post(
            admin_url("qapair", "change", self.pair.pk),
            opened(self.client, "qapair", self.pair.pk) | {"prompt": "Ana's question?"},
        )
        self.assertEqual(saved.status_code, 302, form_errors(saved))

        response = self.save_as_ben("qapair", self.pair.pk, ben_form | {"answer": self.pair.answer + " Ben's."})
        self.assertTrue(
            refusal(response).startswith(
                "Changes to this Q&A pair or its themes were saved after you opened this page. Nothing was saved."
            )
        )
        pair = QAPair.objects.get(pk=self.pair.pk)
        self.assertEqual((pair.prompt, pair.answer), ("Ana's question?", self.pair.answer))
        self.assertEqual(response.context["adminform"].form["answer"].value(), self.pair.answer + " Ben's.")

    def test_a_pair_changed_through_its_article_is_detected_on_the_pair_page(self):
        ben_form = opened(self.other, "qapair", self.pair.pk)
        ana_form = opened(self.client, "article", self.article.pk) | {"pairs-0-themes": "Trade, Commerce"}
        self.assertEqual(self.client.post(admin_url("article", "change", self.article.pk), ana_form).status_code, 302)

        refusal(self.save_as_ben("qapair", self.pair.pk, ben_form))
        self.assertEqual(sorted(QAPair.objects.get(pk=self.pair.pk).themes.names()), ["Commerce", "Trade"])

    def test_second_save_of_a_stale_fact_form_is_refused(self):
        ben_form = opened(self.other, "fact", self.fact.pk)
        saved = self.client.post(
            admin_url("fact", "change", self.fact.pk),
            opened(self.client, "fact", self.fact.pk) | {"statement": "Ana's statement."},
        )
        self.assertEqual(saved.status_code, 302, form_errors(saved))

        response = self.save_as_ben("fact", self.fact.pk, ben_form | {"is_key_figure": "on"})
        self.assertTrue(
            refusal(response).startswith(
                "Changes to this fact or its themes were saved after you opened this page. Nothing was saved."
            )
        )
        fact = Fact.objects.get(pk=self.fact.pk)
        self.assertEqual((fact.statement, fact.is_key_figure), ("Ana's statement.", False))

    def test_a_fresh_pair_or_fact_page_saves(self):
        for model, pk, values in [("qapair", self.pair.pk, {"prompt": "Reworded?"}), ("fact", self.fact.pk, {})]:
            with self.subTest(model):
                response = self.save_as_ben(model, pk, opened(self.other, model, pk) | values)
                self.assertEqual(response.status_code, 302, form_errors(response))
        self.assertEqual(QAPair.objects.get(pk=self.pair.pk).prompt, "Reworded?")

    def test_a_missing_token_on_the_pair_and_fact_pages_gets_a_form_error(self):
        for model, pk in [("qapair", self.pair.pk), ("fact", self.fact.pk)]:
            with self.subTest(model):
                data = opened(self.other, model, pk)
                del data["loaded_state"]
                self.assertTrue(refusal(self.save_as_ben(model, pk, data)).startswith(UNKNOWN_STATE))

    def test_adding_needs_no_token(self):
        data = opened(self.client, "fact", self.fact.pk) | {"statement": "A second fact."}
        del data["loaded_state"]
        response = self.client.post(admin_url("fact", "add"), data)
        self.assertEqual(response.status_code, 302, form_errors(response))
        self.assertTrue(Fact.objects.filter(statement="A second fact.").exists())
        self.assertEqual(Theme.objects.filter(name="Trade").count(), 1)


class StaleListTests(EditorsTestCase):
    def list_form(self, client):
        """Return what the fact list's form posts as `client`'s page shows it, and its row of each fact."""
        data = AdminForm(client.get(admin_url("fact", "changelist")).content.decode(), "changelist-form").data
        rows = {
            int(value[0]): key.removesuffix("-id") for key, value in data.items() if re.fullmatch(r"form-\d+-id", key)
        }
        return {**data, "_save": ["Save"]}, rows

    def test_an_older_list_saves_the_rows_its_editor_changed_and_leaves_the_others(self):
        """The fact list's key-figure column put back, on every row of its page, what it had shown."""
        other_fact = FactFactory(pair=self.pair, quote="2023")
        url = admin_url("fact", "changelist")
        data, rows = self.list_form(self.client)
        ben_data, ben_rows = self.list_form(self.other)
        ben_data[f"{ben_rows[self.fact.pk]}-is_key_figure"] = ["on"]
        self.assertEqual(self.other.post(url, ben_data).status_code, 302)
        data[f"{rows[other_fact.pk]}-is_key_figure"] = ["on"]
        response = self.client.post(url, data, follow=True)
        self.assertContains(response, "1 fact was changed successfully.")
        self.assertEqual(
            dict(Fact.objects.filter(pk__in=[self.fact.pk, other_fact.pk]).values_list("pk", "is_key_figure")),
            {self.fact.pk: True, other_fact.pk: True},
        )


class StaleRecordFormTests(EditorsTestCase):
    """Regression: a person's, a source's or a theme's page saved over another editor's change without a word."""

    def test_second_save_of_a_stale_person_source_or_theme_form_is_refused_and_keeps_what_was_typed(self):
        person, source = PersonFactory(role="Minister"), SourceFactory(name="El Economista")
        cases = [
            ("person", person, {"role": "Ambassador"}, {"name": "Ben's name"}, "person"),
            ("source", source, {"name": "El Economista MX"}, {"url": "https://example.org/"}, "source"),
            ("theme", self.trade, {"description": "Ana's words."}, {"name_es": "Comercio"}, "theme"),
        ]
        for model, record, ana, ben, name in cases:
            with self.subTest(model):
                ben_form = opened(self.other, model, record.pk)
                ana_form = opened(self.client, model, record.pk) | ana
                saved = self.client.post(admin_url(model, "change", record.pk), ana_form)
                self.assertEqual(saved.status_code, 302, form_errors(saved))
                response = self.save_as_ben(model, record.pk, ben_form | ben)
                self.assertTrue(
                    refusal(response).startswith(f"Changes to this {name} were saved after you opened this page.")
                )
                [(field, value)] = ben.items()
                self.assertEqual(response.context["adminform"].form[field].value(), value)
                record.refresh_from_db()
                self.assertEqual([getattr(record, field) for field in ana], list(ana.values()))
                self.assertNotEqual(getattr(record, field), value)

    def test_a_fresh_person_source_or_theme_page_saves(self):
        for model, record in [("person", PersonFactory()), ("source", SourceFactory()), ("theme", self.trade)]:
            with self.subTest(model):
                response = self.save_as_ben(model, record.pk, opened(self.other, model, record.pk))
                self.assertEqual(response.status_code, 302, form_errors(response))
