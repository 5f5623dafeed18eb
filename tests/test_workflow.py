from datetime import timedelta
from io import StringIO
from unittest import mock

import reversion
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Fact, QAPair, Theme
from articles.services.themes import merge_themes

from .support.admin import (
    admin_url,
    article_data,
    article_form,
    fact_data,
    formset_data,
    member_of,
    pair_data,
    post_news_article,
    resubmit,
)
from .support.factories import ArticleFactory, FactFactory, QAPairFactory, UserFactory


class RoleTests(TestCase):
    """A contributor cannot publish, schedule, or change or delete published content by any path."""

    @classmethod
    def setUpTestData(cls):
        cls.contributor = member_of("Contributor")
        cls.editor = member_of("Editor")
        cls.draft = ArticleFactory(draft=True)
        cls.published = ArticleFactory()
        cls.pair = QAPairFactory(article=cls.published, position=1)
        cls.fact = FactFactory(pair=cls.pair)

    def test_groups_hold_the_publish_permission_only_for_editors(self):
        self.assertFalse(self.contributor.has_perm("articles.publish_article"))
        self.assertTrue(self.contributor.has_perm("articles.change_article"))
        self.assertTrue(self.editor.has_perm("articles.publish_article"))
        self.assertTrue(self.editor.has_perm("articles.delete_article"))

    def test_contributor_sees_no_publishing_fields(self):
        self.client.force_login(self.contributor)
        response = self.client.get(admin_url("article", "change", self.draft.pk))
        form = response.context["adminform"].form
        self.assertNotIn("status", form.fields)
        self.assertNotIn("published_at", form.fields)

    def test_contributor_posting_a_status_still_saves_a_draft(self):
        self.client.force_login(self.contributor)
        soon = timezone.localtime() + timedelta(days=1)
        data = article_form(
            self.draft,
            status="published",
            published_at_0=soon.date().isoformat(),
            published_at_1="10:00:00",
            title="Edited draft",
        )
        response = self.client.post(admin_url("article", "change", self.draft.pk), data)
        self.assertEqual(response.status_code, 302)
        self.draft.refresh_from_db()
        self.assertEqual(
            (self.draft.title, self.draft.status, self.draft.published_at), ("Edited draft", "draft", None)
        )

    def test_contributor_creates_drafts_only(self):
        self.client.force_login(self.contributor)
        data = {**article_data(status="published"), **formset_data("pairs", []), **formset_data("facts", [])}
        data["interviewee"] = str(self.draft.interviewee_id)
        self.client.post(admin_url("article", "add"), data)
        self.assertEqual(Article.objects.get(slug="ambassador-on-trade").status, Article.Status.DRAFT)

    def test_published_article_is_read_only_for_a_contributor(self):
        self.client.force_login(self.contributor)
        url = admin_url("article", "change", self.published.pk)
        self.assertFalse(self.client.get(url).context["has_change_permission"])
        response = self.client.post(url, article_form(self.published, title="Changed"))
        self.assertEqual(response.status_code, 403)
        self.published.refresh_from_db()
        self.assertNotEqual(self.published.title, "Changed")

    def test_a_published_articles_pairs_offer_a_contributor_their_facts_but_no_fact_to_add(self):
        """Regression: each read-only pair linked "Add a fact" to a form that refused the article."""
        add = admin_url("fact", "add") + f"?article={self.published.pk}&amp;pair={self.pair.pk}"
        fact = admin_url("fact", "change", self.fact.pk)
        for user, offered in [(self.contributor, False), (self.editor, True)]:
            with self.subTest(user.groups.get().name):
                self.client.force_login(user)
                page = self.client.get(admin_url("article", "change", self.published.pk)).content.decode()
                self.assertIn(f'<a href="{fact}">{self.fact.statement}</a>', page)
                self.assertEqual(add in page, offered)

    def test_contributor_cannot_change_pairs_or_facts_of_a_published_article(self):
        self.client.force_login(self.contributor)
        response = self.client.post(admin_url("qapair", "change", self.pair.pk), pair_data(self.pair, prompt="New?"))
        self.assertEqual(response.status_code, 403)
        response = self.client.post(admin_url("fact", "change", self.fact.pk), fact_data(self.fact, statement="New."))
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Fact.objects.get(pk=self.fact.pk).statement, self.fact.statement)

    def test_contributor_reads_a_fact_of_a_published_article(self):
        """Regression: the read-only fact page had no pair field to offer pairs in, and answered 500."""
        self.client.force_login(self.contributor)
        response = self.client.get(admin_url("fact", "change", self.fact.pk))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.context["has_change_permission"])
        self.assertContains(response, self.fact.statement)

    def test_contributor_cannot_change_a_published_fact_from_the_fact_list(self):
        """
        Regression: the list's key-figure checkbox saved a published article's fact for a
        contributor. Its checkbox is disabled, and a forged post leaves the fact alone, while a
        draft's fact in the same list is still theirs to change.
        """
        draft_fact = FactFactory(pair=QAPairFactory(article=self.draft, position=1))
        self.client.force_login(self.contributor)
        url = admin_url("fact", "changelist")
        forms = {form.instance.pk: form for form in self.client.get(url).context["cl"].formset.forms}
        self.assertTrue(forms[self.fact.pk].fields["is_key_figure"].disabled)
        self.assertFalse(forms[draft_fact.pk].fields["is_key_figure"].disabled)
        data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "_save": "Save"}
        for index, fact in enumerate([self.fact, draft_fact]):
            data |= {f"form-{index}-id": str(fact.pk), f"form-{index}-is_key_figure": "on"}
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            dict(Fact.objects.filter(pk__in=[self.fact.pk, draft_fact.pk]).values_list("pk", "is_key_figure")),
            {self.fact.pk: False, draft_fact.pk: True},
        )

    def test_contributor_cannot_add_a_fact_to_a_published_article(self):
        self.client.force_login(self.contributor)
        data = fact_data(self.fact)
        response = self.client.post(admin_url("fact", "add"), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("article", response.context["adminform"].form.errors)
        self.assertEqual(Fact.objects.count(), 1)

    def test_contributor_cannot_delete_published_content(self):
        self.client.force_login(self.contributor)
        self.assertEqual(
            self.client.post(admin_url("article", "delete", self.published.pk), {"post": "yes"}).status_code, 403
        )
        self.assertEqual(self.client.post(admin_url("fact", "delete", self.fact.pk), {"post": "yes"}).status_code, 403)
        self.client.post(
            admin_url("article", "changelist"),
            {"action": "delete_selected", "_selected_action": [self.published.pk], "post": "yes"},
        )
        self.assertTrue(Article.objects.filter(pk=self.published.pk).exists())

    def test_deleting_drafts_with_published_content_is_refused_naming_what_stops_it(self):
        """Django's confirmation said a contributor may not delete articles, facts or pairs at all."""
        self.client.force_login(self.contributor)
        response = self.client.post(
            admin_url("article", "changelist"),
            {"action": "delete_selected", "_selected_action": [self.draft.pk, self.published.pk]},
            follow=True,
        )
        self.assertContains(
            response,
            f"Nothing was deleted: only an editor may delete “{self.published}”, as published or scheduled content"
            " shows it.",
        )
        self.assertEqual(Article.objects.filter(pk__in=[self.draft.pk, self.published.pk]).count(), 2)
        confirmation = self.client.post(
            admin_url("article", "changelist"), {"action": "delete_selected", "_selected_action": [self.draft.pk]}
        )
        self.assertTemplateUsed(confirmation, "admin/delete_selected_confirmation.html")

    def test_a_refused_deletion_names_five_items_and_counts_the_others(self):
        """Regression: selecting 1,000 published facts named every one, a 62,000-character message."""
        self.client.force_login(self.contributor)
        facts = [FactFactory(pair=self.pair) for _ in range(7)]
        response = self.client.post(
            admin_url("fact", "changelist"),
            {"action": "delete_selected", "_selected_action": [fact.pk for fact in facts]},
            follow=True,
        )
        [message] = [str(message) for message in response.context["messages"]]
        self.assertEqual(message.count("“"), 5)
        self.assertIn("” and 2 more, as published or scheduled content shows them.", message)

    def test_contributor_can_delete_a_draft(self):
        self.client.force_login(self.contributor)
        self.client.post(admin_url("article", "delete", self.draft.pk), {"post": "yes"})
        self.assertFalse(Article.objects.filter(pk=self.draft.pk).exists())

    def test_contributor_has_no_publish_actions_and_a_forged_one_does_nothing(self):
        self.client.force_login(self.contributor)
        response = self.client.get(admin_url("article", "changelist"))
        actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
        self.assertNotIn("publish", actions)
        self.assertNotIn("unpublish", actions)
        self.client.post(admin_url("article", "changelist"), {"action": "publish", "_selected_action": [self.draft.pk]})
        self.client.post(
            admin_url("article", "changelist"), {"action": "unpublish", "_selected_action": [self.published.pk]}
        )
        self.assertEqual(Article.objects.get(pk=self.draft.pk).status, Article.Status.DRAFT)
        self.assertEqual(Article.objects.get(pk=self.published.pk).status, Article.Status.PUBLISHED)

    def test_editor_publishes_through_the_form(self):
        self.client.force_login(self.editor)
        now = timezone.localtime()
        data = article_form(
            self.draft, status="published", published_at_0=now.date().isoformat(), published_at_1="00:00:00"
        )
        self.assertEqual(self.client.post(admin_url("article", "change", self.draft.pk), data).status_code, 302)
        self.assertIn(Article.objects.get(pk=self.draft.pk), Article.objects.published())


class StateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = member_of("Editor")
        cls.draft = ArticleFactory(draft=True, title="A draft")
        cls.scheduled = ArticleFactory(scheduled=True, title="A scheduled one")
        cls.published = ArticleFactory(title="A published one")

    def test_changelist_shows_and_filters_by_state(self):
        self.client.force_login(self.editor)
        for state, article in [("draft", self.draft), ("scheduled", self.scheduled), ("published", self.published)]:
            response = self.client.get(admin_url("article", "changelist") + f"?state={state}")
            self.assertEqual(list(response.context["cl"].result_list), [article], state)
            self.assertContains(response, f'<td class="field-state">{state.capitalize()}</td>', html=True)

    def test_scheduled_article_appears_when_its_time_comes_without_any_job(self):
        url = self.scheduled.get_absolute_url()
        self.assertEqual(self.client.get(url).status_code, 404)
        with mock.patch("django.utils.timezone.now", return_value=self.scheduled.published_at):
            self.assertEqual(self.client.get(url).status_code, 200)


class PreviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.contributor = member_of("Contributor")
        cls.draft = ArticleFactory(draft=True, title="Unreleased talk")
        QAPairFactory(article=cls.draft, prompt="What is coming?")
        cls.scheduled = ArticleFactory(scheduled=True)
        cls.url = reverse("articles:article-preview", args=[cls.draft.slug])

    def test_staff_preview_a_draft_with_a_banner_and_no_indexing_or_caching(self):
        self.client.force_login(self.contributor)
        response = self.client.get(self.url)
        self.assertContains(response, "Preview – not published.")
        self.assertContains(response, "What is coming?")
        self.assertContains(response, '<meta name="robots" content="noindex, nofollow">', html=True)
        self.assertEqual(response["X-Robots-Tag"], "noindex, nofollow")
        for directive in ["no-cache", "no-store", "must-revalidate", "private"]:
            self.assertIn(directive, response["Cache-Control"])

    def test_scheduled_preview_says_when_it_appears(self):
        self.client.force_login(self.contributor)
        response = self.client.get(reverse("articles:article-preview", args=[self.scheduled.slug]))
        self.assertContains(response, "Scheduled to appear on")

    def test_anonymous_and_non_staff_users_get_404(self):
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.client.force_login(UserFactory())
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_public_page_of_a_draft_stays_404_for_staff_too(self):
        self.client.force_login(self.contributor)
        self.assertEqual(self.client.get(self.draft.get_absolute_url()).status_code, 404)

    def test_view_on_site_opens_the_preview_until_the_article_is_public(self):
        self.client.force_login(self.contributor)
        response = self.client.get(admin_url("article", "change", self.draft.pk))
        self.assertContains(response, f'href="{self.url}"')

    def test_staff_see_edit_links_on_public_pages_and_readers_do_not(self):
        article = ArticleFactory()
        pair = QAPairFactory(article=article)
        fact = FactFactory(pair=pair)
        self.assertNotContains(self.client.get(article.get_absolute_url()), "/admin/")
        self.client.force_login(self.contributor)
        response = self.client.get(article.get_absolute_url())
        for model, obj in [("article", article), ("qapair", pair), ("fact", fact)]:
            self.assertContains(response, f'href="{admin_url(model, "change", obj.pk)}"')


class HistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = member_of("Editor")

    def setUp(self):
        self.client.force_login(self.editor)
        response = post_news_article(self.client, title="History talk", slug="history-talk")
        self.assertEqual(response.status_code, 302)
        self.article = Article.objects.get(slug="history-talk")
        self.pair = self.article.pairs.get()
        self.first = Version.objects.get_for_object(self.article).get()
        self.client.post(
            admin_url("article", "change", self.article.pk),
            article_form(self.article, status="published", published_at_0="2024-10-01", published_at_1="09:00:00")
            | {"pairs-0-answer": "The new answer."},
        )
        self.assertEqual(QAPair.objects.get(pk=self.pair.pk).answer, "The new answer.")

    def test_every_admin_save_records_who_and_what_with_the_pairs(self):
        versions = Version.objects.get_for_object(self.article)
        self.assertEqual(versions.count(), 2)
        latest = versions.first()
        self.assertEqual(latest.revision.user, self.editor)
        self.assertIn("Changed", latest.revision.get_comment())
        pair_versions = Version.objects.get_for_object(self.pair)
        self.assertEqual([v.field_dict["answer"] for v in pair_versions], ["The new answer.", "The old answer."])

    def test_history_lists_versions_and_compares_one_with_the_current_state(self):
        response = self.client.get(admin_url("article", "history", self.article.pk))
        self.assertContains(response, "History talk")
        latest = Version.objects.get_for_object(self.article).first()
        compare = admin_url("article", "history", self.article.pk) + (
            f"compare/?version_id1={self.first.pk}&version_id2={latest.pk}"
        )
        response = self.client.get(compare)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<del>Draft</del><ins>Published</ins>", html=True)

    def test_restoring_an_earlier_version_brings_the_old_answer_back(self):
        url = reverse("admin:articles_article_revision", args=[self.article.pk, self.first.pk])
        page = self.client.get(url)
        self.assertContains(page, "The old answer.")
        self.assertEqual(self.client.post(url, resubmit(page)).status_code, 302)
        self.assertEqual(QAPair.objects.get(pk=self.pair.pk).answer, "The old answer.")
        # The version was a draft; the article keeps its status (see tests/test_restore.py).
        self.assertEqual(Article.objects.get(pk=self.article.pk).status, Article.Status.PUBLISHED)

    def test_a_deleted_article_can_be_recovered_with_its_pairs(self):
        self.client.post(admin_url("article", "delete", self.article.pk), {"post": "yes"})
        self.assertFalse(Article.objects.filter(pk=self.article.pk).exists())
        response = self.client.get(admin_url("article", "recoverlist"))
        self.assertContains(response, "History talk")
        deleted = Version.objects.get_deleted(Article).get()
        url = reverse("admin:articles_article_recover", args=[deleted.pk])
        self.assertEqual(self.client.post(url, resubmit(self.client.get(url))).status_code, 302)
        article = Article.objects.get(pk=self.article.pk)
        self.assertEqual(article.pairs.get().answer, "The new answer.")


class LostThemeHistoryTests(TestCase):
    """Regression: restoring a version that linked to a theme merged since saved a link to no theme: a 500."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = member_of("Editor")

    def setUp(self):
        self.client.force_login(self.editor)
        self.assertEqual(post_news_article(self.client, themes="Trade").status_code, 302)
        self.article = Article.objects.originals().get()
        self.version = Version.objects.get_for_object(self.article).get()
        self.fta = Theme.objects.create(name="Trade and the FTA", slug="trade-and-the-fta")
        merge_themes(self.fta, Theme.objects.filter(name="Trade"), self.editor)

    def assertRefused(self, url, back):
        for send in [self.client.get, self.client.post]:
            with self.subTest(method=send.__name__):
                response = send(url, follow=True)
                self.assertRedirects(response, back)
                self.assertContains(response, "This version cannot be restored: it links to 1 theme merged")

    def test_restoring_is_refused_with_a_message_and_nothing_changes(self):
        url = reverse("admin:articles_article_revision", args=[self.article.pk, self.version.pk])
        self.assertRefused(url, admin_url("article", "history", self.article.pk))
        self.assertEqual(
            [theme.name for theme in Article.objects.originals().get().themes.all()], ["Trade and the FTA"]
        )

    def test_recovering_a_deleted_article_is_refused_with_a_message(self):
        self.client.post(admin_url("article", "delete", self.article.pk), {"post": "yes"})
        deleted = Version.objects.get_deleted(Article).get()
        url = reverse("admin:articles_article_recover", args=[deleted.pk])
        self.assertRefused(url, admin_url("article", "recoverlist"))
        self.assertFalse(Article.objects.exists())

    def test_a_version_whose_themes_all_exist_is_still_restored(self):
        self.article.themes.set([self.fta])
        QAPair.objects.update(answer="A changed answer.")
        with reversion.create_revision():
            reversion.add_to_revision(Article.objects.originals().get())
        version = Version.objects.get_for_object(self.article).first()
        QAPair.objects.update(answer="The latest answer.")
        url = reverse("admin:articles_article_revision", args=[self.article.pk, version.pk])
        self.assertEqual(self.client.post(url, resubmit(self.client.get(url))).status_code, 302)
        self.assertEqual(QAPair.objects.get().answer, "A changed answer.")


class SeedHistoryTests(TestCase):
    def test_restoring_an_article_with_facts_offers_their_pairs_and_succeeds(self):
        """Regression: the revision page offered no pairs to the facts inline, so every fact failed."""
        call_command("load_seed", stdout=StringIO())
        article = Article.objects.originals().get()
        version = Version.objects.get_for_object(article).get()
        space = QAPair.objects.get(article=article, anchor="space")
        space.answer += "\n\nLater."
        space.save()
        self.client.force_login(member_of("Editor"))
        url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
        page = self.client.get(url)
        facts = next(
            inline.formset for inline in page.context["inline_admin_formsets"] if inline.formset.prefix == "facts"
        )
        self.assertEqual(set(facts.forms[1].fields["pair"].queryset), set(article.pairs.all()))
        self.assertEqual(self.client.post(url, resubmit(page)).status_code, 302)
        self.assertNotIn("Later.", QAPair.objects.get(article=article, anchor="space").answer)
