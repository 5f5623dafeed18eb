"""Restoring an article's version, or recovering a deleted article, keeps it online or offline unless asked."""

from datetime import timedelta

from django.contrib.messages import get_messages
from django.test import TestCase
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import override
from reversion.models import Version

from articles.history_comments import said
from articles.models import Article, Fact, QAPair

from .support.admin import admin_url, article_form, member_of, post_news_article, resubmit
from .support.factories import FactFactory, QAPairFactory


def message(response):
    return " ".join(str(each) for each in get_messages(response.wsgi_request))


class RestoreTests(TestCase):
    """Regression: restoring a draft version of a live article took it offline, saying only "changed successfully"."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = member_of("Editor")
        cls.contributor = member_of("Contributor")

    def setUp(self):
        self.client.force_login(self.editor)
        self.assertEqual(post_news_article(self.client, title="History talk", slug="history-talk").status_code, 302)
        self.article = Article.objects.get(slug="history-talk")
        self.draft_version = Version.objects.get_for_object(self.article).get()
        self.published_at = timezone.now().replace(microsecond=0) - timedelta(days=2)
        self.save(status="published", answer="The new answer.", published_at=self.published_at)
        self.url = reverse("admin:articles_article_revision", args=[self.article.pk, self.draft_version.pk])

    def save(self, status, answer, published_at):
        """Save the article through its change form with `status`, `published_at` and its pair's `answer`."""
        local = timezone.localtime(published_at)
        data = article_form(
            Article.objects.get(pk=self.article.pk),
            status=status,
            published_at_0=local.date().isoformat(),
            published_at_1=local.strftime("%H:%M:%S"),
        )
        response = self.client.post(admin_url("article", "change", self.article.pk), data | {"pairs-0-answer": answer})
        self.assertEqual(response.status_code, 302)

    def assertArticle(self, status, published_at, answer):
        article = Article.objects.get(pk=self.article.pk)
        self.assertEqual((article.status, article.published_at), (status, published_at))
        self.assertEqual(QAPair.objects.get(article=article).answer, answer)

    def test_a_version_without_a_pair_added_since_with_its_facts_opens_and_restores(self):
        """Regression: reverting deleted the new pair before its facts, which protect it: the version never opened."""
        pair = QAPairFactory(article=self.article, position=2, prompt="Next?", answer="Five flights a day.")
        fact = FactFactory(pair=pair, quote="Five flights", value=5, unit="flights")
        page = self.client.get(self.url)
        self.assertEqual(page.status_code, 200)
        self.assertTrue(Fact.objects.filter(pk=fact.pk).exists(), "opening a version changes nothing")
        response = self.client.post(self.url, resubmit(page))
        self.assertRedirects(response, admin_url("article", "change", self.article.pk))
        self.assertFalse(QAPair.objects.filter(pk=pair.pk).exists())
        self.assertFalse(Fact.objects.filter(pk=fact.pk).exists())
        self.assertArticle("published", self.published_at, "The old answer.")

    def test_the_form_shows_the_current_status_and_names_the_versions(self):
        page = self.client.get(self.url)
        form = page.context["adminform"].form
        self.assertEqual(form.initial["status"], "published")
        self.assertEqual(form.initial["published_at"], self.published_at)
        self.assertContains(page, "When this version was saved, the article was a draft.")
        self.assertContains(page, "The status and publish time below are the article&#x27;s current ones")
        self.assertContains(page, "The old answer.")

    def test_restoring_keeps_the_article_published_and_says_so(self):
        response = self.client.post(self.url, resubmit(self.client.get(self.url)))
        self.assertRedirects(response, admin_url("article", "change", self.article.pk))
        self.assertArticle("published", self.published_at, "The old answer.")
        self.assertRegex(message(response), r"^Restored the version of .+\. The article stays published\.$")
        self.assertIn(self.article, Article.objects.published())

    def test_the_history_says_the_restore_in_the_language_of_whoever_reads_it(self):
        """django-reversion's comment was English with the date in the restoring editor's language."""
        opened = self.client.get(self.url, headers={"accept-language": "ko"})
        self.assertEqual(Version.objects.get_for_object(self.article).count(), 2, "opening a version saves none")
        self.client.post(self.url, resubmit(opened), headers={"accept-language": "ko"})
        restored = Version.objects.get_for_object(self.article).first().revision
        with override("es"):
            date = formats.date_format(timezone.localtime(self.draft_version.revision.date_created), "DATETIME_FORMAT")
            self.assertEqual(said(restored), f"Se restauró la versión del {date}.")
        self.assertNotIn("Reverted", said(restored))

    def test_an_editor_who_chooses_draft_in_the_form_unpublishes_it_and_is_told(self):
        response = self.client.post(self.url, resubmit(self.client.get(self.url)) | {"status": "draft"})
        self.assertEqual(response.status_code, 302)
        self.assertArticle("draft", self.published_at, "The old answer.")
        self.assertIn("The article is now a draft: readers no longer see it.", message(response))

    def test_a_draft_restored_to_a_published_version_stays_a_draft_unless_published_in_the_form(self):
        self.save(status="draft", answer="A later answer.", published_at=self.published_at)
        published_version = Version.objects.get_for_object(self.article)[1]
        url = reverse("admin:articles_article_revision", args=[self.article.pk, published_version.pk])
        page = self.client.get(url)
        self.assertContains(page, "When this version was saved, the article was published, to appear from")
        response = self.client.post(url, resubmit(page))
        self.assertArticle("draft", self.published_at, "The new answer.")
        self.assertIn("The article stays a draft.", message(response))

        response = self.client.post(url, resubmit(self.client.get(url)) | {"status": "published"})
        self.assertArticle("published", self.published_at, "The new answer.")
        self.assertIn("The article is now published.", message(response))

    def test_a_scheduled_article_stays_scheduled(self):
        soon = timezone.now().replace(microsecond=0) + timedelta(days=3)
        self.save(status="published", answer="The new answer.", published_at=soon)
        response = self.client.post(self.url, resubmit(self.client.get(self.url)))
        self.assertArticle("published", soon, "The old answer.")
        self.assertIn("The article stays scheduled for", message(response))

    def test_a_time_that_ends_a_sentence_with_an_abbreviation_ends_it_with_one_full_stop(self):
        """Regression: "Restored the version of Dec. 7, 2026, 3:26 p.m.. The article stays scheduled for … p.m.."."""
        afternoon = (timezone.now() + timedelta(days=3)).replace(hour=15, minute=26, second=0, microsecond=0)
        self.save(status="published", answer="The new answer.", published_at=afternoon)
        revision = self.draft_version.revision
        revision.date_created = afternoon - timedelta(days=5)
        revision.save()
        text = message(self.client.post(self.url, resubmit(self.client.get(self.url))))
        pattern = r"^Restored the version of .+ 3:26 p\.m\. The article stays scheduled for .+ 3:26 p\.m\.$"
        self.assertRegex(text, pattern)

    def test_a_contributor_cannot_unpublish_an_article_by_restoring_a_draft_version(self):
        """Regression: the publishing guard judged the reverted article, a draft, and let the restore through."""
        self.client.force_login(self.contributor)
        page = self.client.get(self.url)
        self.assertFalse(page.context["has_change_permission"])
        # Regression: the read-only page said "Press the save button below" with no button, and the
        # comparison offered "Revert to this version".
        self.assertContains(page, "You may read this version but not restore it")
        self.assertNotContains(page, "Press the save button below")
        compare = self.client.get(
            admin_url("article", "history", self.article.pk) + "compare/",
            {
                "version_id1": self.draft_version.pk,
                "version_id2": Version.objects.get_for_object(self.article).first().pk,
            },
        )
        self.assertNotContains(compare, "Revert to this version")
        self.assertEqual(self.client.post(self.url, article_form(self.article)).status_code, 403)
        self.assertArticle("published", self.published_at, "The new answer.")
        self.client.force_login(self.editor)
        self.assertContains(
            self.client.get(compare.request["PATH_INFO"], compare.wsgi_request.GET), "Revert to this version"
        )

    def test_a_contributor_restores_a_published_version_of_a_draft_as_a_draft(self):
        """Regression: the reverted article was published, so the guard refused a contributor a draft's history."""
        self.save(status="draft", answer="A later answer.", published_at=self.published_at)
        published_version = Version.objects.get_for_object(self.article)[1]
        url = reverse("admin:articles_article_revision", args=[self.article.pk, published_version.pk])
        self.client.force_login(self.contributor)
        page = self.client.get(url)
        self.assertTrue(page.context["has_change_permission"])
        response = self.client.post(url, resubmit(page) | {"status": "published"})
        self.assertEqual(response.status_code, 302)
        self.assertArticle("draft", self.published_at, "The new answer.")
        self.assertIn("The article stays a draft.", message(response))


class RecoverTests(TestCase):
    """Regression: recovering a deleted published article put it back online at once."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = member_of("Editor")

    def setUp(self):
        self.client.force_login(self.editor)
        post_news_article(self.client, title="Deleted talk", slug="deleted-talk")
        article = Article.objects.originals().get()
        self.published_at = timezone.now().replace(microsecond=0) - timedelta(days=2)
        local = timezone.localtime(self.published_at)
        data = article_form(
            article, status="published", published_at_0=local.date().isoformat(), published_at_1=local.strftime("%X")
        )
        self.assertEqual(self.client.post(admin_url("article", "change", article.pk), data).status_code, 302)
        self.client.post(admin_url("article", "delete", article.pk), {"post": "yes"})
        self.url = reverse("admin:articles_article_recover", args=[Version.objects.get_deleted(Article).get().pk])

    def test_a_recovered_article_comes_back_as_a_draft_and_the_message_says_so(self):
        page = self.client.get(self.url)
        self.assertEqual(page.context["adminform"].form.initial["status"], "draft")
        self.assertContains(page, "When this version was saved, the article was published, to appear from")
        self.assertContains(page, "It comes back as a draft, whatever it was when it was deleted")
        response = self.client.post(self.url, resubmit(page))
        article = Article.objects.originals().get()
        self.assertRedirects(response, admin_url("article", "change", article.pk))
        self.assertEqual((article.status, article.published_at), ("draft", self.published_at))
        self.assertEqual(article.pairs.get().answer, "The old answer.")
        self.assertRegex(message(response), r"^Recovered the version of .+\. It is a draft: readers see it once")
        recovered = Version.objects.get_for_object(article).first().revision
        # One full stop after the time's own ("p.m."), as the message writes it.
        self.assertRegex(said(recovered), r"^Recovered the version of .+\d(\.| [ap]\.m\.)$")
        self.assertNotIn("..", said(recovered))

    def test_an_editor_who_chooses_published_puts_it_back_online_at_its_time(self):
        response = self.client.post(self.url, resubmit(self.client.get(self.url)) | {"status": "published"})
        article = Article.objects.originals().get()
        self.assertEqual((article.status, article.published_at), ("published", self.published_at))
        self.assertIn("It is published again: readers see it now.", message(response))

    def test_a_contributor_recovers_it_as_a_draft(self):
        self.client.force_login(member_of("Contributor"))
        page = self.client.get(self.url)
        self.assertNotIn("status", page.context["adminform"].form.fields)
        response = self.client.post(self.url, resubmit(page) | {"status": "published"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Article.objects.originals().get().status, "draft")

    def test_the_address_of_another_models_version_answers_404(self):
        """Found by the admin fuzz: reversion looked the version up by its id alone and reverted a pair's."""
        pair = Version.objects.get_for_model(QAPair).first()
        self.assertEqual(self.client.get(reverse("admin:articles_article_recover", args=[pair.pk])).status_code, 404)
        revision = reverse("admin:articles_article_revision", args=[pair.object_id, pair.pk])
        self.assertEqual(self.client.get(revision).status_code, 404)
