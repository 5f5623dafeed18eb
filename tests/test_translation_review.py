"""
Translations in the admin after they are made: who may edit them, translations out of date
(filter, diff, review) and publishing a translation never before its original.
"""

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from articles.admin.articles import article_state
from articles.models import Article
from articles.services.translations import mark_reviewed

from .support.admin import admin_url, form_errors, member_of, opened
from .support.factories import UserFactory
from .support.translation import interview, page_data, spanish, translation_url


@override_settings(PAGE_CACHE=False)
class RolesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.original = interview(pairs=1)
        cls.translation = spanish(cls.original)
        cls.contributor = member_of("Contributor")

    def setUp(self):
        self.client.force_login(self.contributor)

    def test_a_contributor_translates_a_draft_but_may_not_mark_it_reviewed(self):
        response = self.client.get(translation_url(self.translation))
        self.assertNotContains(response, 'name="_mark_reviewed"')
        data = page_data(response)
        response = self.client.post(translation_url(self.translation), {**data, "title": "Título"})
        self.assertEqual(response.status_code, 302)
        response = self.client.post(translation_url(self.translation), {**data, "_mark_reviewed": "1"})
        self.assertEqual(response.status_code, 403)

    def test_a_published_translation_is_read_only_to_a_contributor(self):
        Article.objects.filter(pk=self.translation.pk).update(
            status=Article.Status.PUBLISHED, published_at=timezone.now()
        )
        response = self.client.get(translation_url(self.translation))
        self.assertContains(response, "You may read this translation but not change it.")
        self.assertNotContains(response, 'name="_save"')
        self.assertContains(response, "disabled", count=len(response.context["form"].fields))
        response = self.client.post(translation_url(self.translation), {**page_data(response), "title": "Título"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Article.objects.get(pk=self.translation.pk).title, "Entrevista")

    def test_a_user_who_may_only_view_articles_may_not_translate_nor_save(self):
        viewer = UserFactory(is_staff=True)
        viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
        self.client.force_login(viewer)
        url = reverse("admin:articles_article_translate", args=[self.original.pk])
        self.assertEqual(self.client.get(url).status_code, 403)
        self.assertEqual(self.client.post(url, {"language": "ko"}).status_code, 403)
        response = self.client.get(translation_url(self.translation))
        self.assertContains(response, "You may read this translation but not change it.")
        self.assertEqual(self.client.post(translation_url(self.translation), page_data(response)).status_code, 403)

    def test_a_contributor_has_no_review_action(self):
        response = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertNotContains(response, 'value="mark_reviewed"')
        self.assertContains(response, 'value="translate"')


@override_settings(PAGE_CACHE=False)
class OutOfDateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.original = interview(pairs=2)
        cls.translation = spanish(cls.original)
        cls.editor = member_of("Editor")

    def setUp(self):
        self.client.force_login(self.editor)
        self.pair = self.original.pairs.order_by("position").first()
        self.pair.answer = "Sector 1 creates 5,000 jobs <b>and</b> exports."
        self.pair.save()

    def test_the_list_filter_counts_the_translations_out_of_date_and_shows_them(self):
        response = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertContains(response, "Out of date (1)")
        response = self.client.get(reverse("admin:articles_article_changelist"), {"out_of_date": "yes"})
        self.assertEqual(list(response.context["cl"].result_list), [self.translation])
        response = self.client.get(reverse("admin:articles_article_changelist"), {"_facets": "True"})
        self.assertContains(response, "Out of date (1)")

    def test_both_pages_show_an_escaped_word_diff_of_the_originals_change(self):
        for url in (
            translation_url(self.translation),
            reverse("admin:articles_article_change", args=[self.translation.pk]),
        ):
            response = self.client.get(url)
            self.assertContains(response, "Out of date: the original changed since this translation was last reviewed")
            self.assertContains(response, f"Answer of Q&amp;A pair #{self.pair.anchor}")
            body = response.content.decode()
            self.assertIn("<ins> &lt;b&gt;and&lt;/b&gt; exports</ins>", body)
            self.assertNotIn("<b>and</b>", body)

    def test_an_up_to_date_translation_shows_no_diff(self):
        mark_reviewed(self.translation)
        response = self.client.get(translation_url(self.translation))
        self.assertNotContains(response, "Out of date")

    def test_save_and_mark_reviewed(self):
        data = page_data(self.client.get(translation_url(self.translation)))
        response = self.client.post(translation_url(self.translation), {**data, "_mark_reviewed": "1"})
        self.assertRedirects(response, translation_url(self.translation))
        self.translation.refresh_from_db()
        self.assertFalse(self.translation.is_out_of_date)
        self.assertEqual(self.translation.reviewed_original["pairs"][0]["answer"], self.pair.answer)

    def test_the_list_action_marks_translations_reviewed(self):
        response = self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "mark_reviewed", "_selected_action": [self.translation.pk, self.original.pk]},
            follow=True,
        )
        self.assertContains(response, "Marked 1 translation reviewed against its original as it is now.")
        self.assertContains(response, "1 original was left as it is")
        self.assertFalse(Article.objects.out_of_date().exists())


@override_settings(PAGE_CACHE=False)
class PublishingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.original = interview(pairs=1, draft=True)
        cls.translation = spanish(cls.original)
        cls.editor = member_of("Editor")

    def publish(self, *articles):
        self.client.force_login(self.editor)
        return self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish", "_selected_action": [article.pk for article in articles]},
            follow=True,
        )

    def test_the_model_refuses_a_translation_published_before_its_original(self):
        self.translation.status = Article.Status.PUBLISHED
        with self.assertRaises(ValidationError) as refused:
            self.translation.full_clean()
        self.assertIn("status", refused.exception.message_dict)
        Article.objects.filter(pk=self.original.pk).update(
            status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(days=2)
        )
        self.translation.refresh_from_db()
        self.translation.status = Article.Status.PUBLISHED
        self.translation.published_at = timezone.now() + timedelta(days=1)
        with self.assertRaises(ValidationError) as refused:
            self.translation.full_clean()
        self.assertIn("published_at", refused.exception.message_dict)
        self.translation.published_at = timezone.now() + timedelta(days=3)
        self.translation.full_clean()

    def test_the_action_refuses_a_translation_whose_original_is_a_draft(self):
        response = self.publish(self.translation)
        self.assertContains(response, "was not published. Publish the original")
        self.assertEqual(Article.objects.get(pk=self.translation.pk).status, Article.Status.DRAFT)

    def test_the_action_publishes_the_original_before_its_translation(self):
        self.publish(self.translation, self.original)
        original, translation = Article.objects.get(pk=self.original.pk), Article.objects.get(pk=self.translation.pk)
        self.assertEqual((original.status, translation.status), (Article.Status.PUBLISHED, Article.Status.PUBLISHED))
        self.assertLessEqual(original.published_at, translation.published_at)
        self.assertIn(translation, Article.objects.published())

    def test_the_action_says_what_it_did_and_warns_of_translations_that_now_wait(self):
        """It always said "Published 0 articles now.", and scheduled an original after its translations silently."""
        response = self.publish(self.translation)
        self.assertNotContains(response, "Published 0 articles now.")
        later = timezone.now() + timedelta(days=10)
        Article.objects.filter(pk=self.original.pk).update(published_at=later)
        Article.objects.filter(pk=self.translation.pk).update(
            status=Article.Status.PUBLISHED, published_at=timezone.now()
        )
        response = self.publish(self.original)
        self.assertContains(response, "Scheduled 1 article.")
        self.assertNotContains(response, "Published 0 articles now.")
        self.assertContains(response, f"The translation “{self.translation.title}” is set to appear before the article")

    def test_the_change_form_refuses_publishing_a_translation_before_its_original(self):
        self.client.force_login(self.editor)
        now = timezone.localtime()
        data = {
            "kind": "interview",
            "title": self.translation.title,
            "slug": self.translation.slug,
            "interviewee": self.translation.interviewee_id,
            "source": self.translation.source_id,
            "language": "es",
            "translation_of": self.original.pk,
            "status": "published",
            "published_at_0": now.date().isoformat(),
            "published_at_1": now.strftime("%H:%M:%S"),
            "loaded_state": article_state(self.translation.pk),
        }
        for prefix in ("pairs", "facts"):
            data.update(
                {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
            )
        response = self.client.post(reverse("admin:articles_article_change", args=[self.translation.pk]), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            f"Publish the original, “{self.original.title}”, first: a translation never appears before it.",
            response.context["adminform"].form.errors["status"],
        )
        self.assertEqual(Article.objects.get(pk=self.translation.pk).status, Article.Status.DRAFT)


class LanguageAndPublicationEditTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.original = interview(pairs=1)
        cls.translation = spanish(cls.original)

    def test_an_original_cannot_take_the_language_of_one_of_its_translations(self):
        """Regression: an English original set to Spanish beside its Spanish translation was saved."""
        self.original.language = "es"
        with self.assertRaises(ValidationError) as refused:
            self.original.full_clean()
        self.assertEqual(
            refused.exception.message_dict["language"],
            [f"Its translation “{self.translation.title}” is written in Spanish: choose another."],
        )
        self.original.language = "ko"
        self.original.full_clean()

    def test_a_published_translation_is_corrected_while_its_original_is_unpublished_or_later(self):
        """Regression: every edit of the translation was refused once its original went back to draft."""
        Article.objects.filter(pk=self.translation.pk).update(
            status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(days=1)
        )
        for original_status, original_time in [
            (Article.Status.DRAFT, None),
            (Article.Status.PUBLISHED, timezone.now() + timedelta(days=5)),
        ]:
            with self.subTest(original_status):
                Article.objects.filter(pk=self.original.pk).update(status=original_status, published_at=original_time)
                translation = Article.objects.get(pk=self.translation.pk)
                translation.standfirst = "Una corrección."
                translation.full_clean()
                translation.published_at = timezone.now()
                with self.assertRaises(ValidationError):
                    translation.full_clean()


class PairOrderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.original = interview(pairs=2)
        cls.translation = spanish(cls.original)
        cls.editor = member_of("Editor")

    def translated_pairs(self):
        return list(self.translation.pairs.order_by("position").values_list("original__position", "position", "anchor"))

    def test_moving_or_renaming_the_originals_pairs_moves_and_renames_the_translations(self):
        """Regression: a translation kept the old order and anchors, its links to pairs broken."""
        first, second = self.original.pairs.order_by("position")
        self.client.force_login(self.editor)
        data = opened(self.client, "article", self.original.pk)
        rows = {data[key]: key.removesuffix("-id") for key in data if key.startswith("pairs-") and key.endswith("-id")}
        data |= {f"{rows[str(first.pk)]}-position": "2", f"{rows[str(first.pk)]}-anchor": "renamed"}
        data |= {f"{rows[str(second.pk)]}-position": "1"}
        response = self.client.post(admin_url("article", "change", self.original.pk), data)
        self.assertEqual(response.status_code, 302, form_errors(response))
        self.assertEqual(self.translated_pairs(), [(1, 1, second.anchor), (2, 2, "renamed")])
        moved = self.translation.pairs.get(original=first)
        self.client.post(
            admin_url("qapair", "change", first.pk), opened(self.client, "qapair", first.pk) | {"anchor": "again"}
        )
        moved.refresh_from_db()
        self.assertEqual(moved.anchor, "again")


class RescheduledOriginalTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.original = interview(pairs=1)
        cls.translation = spanish(cls.original)
        Article.objects.filter(pk=cls.translation.pk).update(
            status=Article.Status.PUBLISHED, published_at=cls.original.published_at
        )
        cls.editor = member_of("Editor")

    def setUp(self):
        self.client.force_login(self.editor)

    def save(self, **values):
        """Post the original's change form with `values` changed; return what the page then says."""
        data = opened(self.client, "article", self.original.pk) | values
        response = self.client.post(admin_url("article", "change", self.original.pk), data, follow=True)
        return " ".join(str(message) for message in response.context["messages"])

    @staticmethod
    def at(moment):
        """The change form's fields of a publication time."""
        return {"published_at_0": moment.date().isoformat(), "published_at_1": moment.strftime("%H:%M:%S")}

    def test_moving_an_original_after_its_translations_says_they_wait_for_it(self):
        """Regression: the original was rescheduled past its translation without a word."""
        later = timezone.localtime() + timedelta(days=5)
        warning = f"The translation “{self.translation.title}” is set to appear before the article"
        self.assertIn(warning, self.save(**self.at(later)))
        Article.objects.filter(pk=self.translation.pk).update(published_at=later + timedelta(days=1))
        self.assertNotIn("set to appear before", self.save())

    def test_returning_an_original_to_draft_names_the_published_translations_it_takes_offline(self):
        """Regression: unpublishing the original took its published translation off the site without a word."""
        warning = f"The translation “{self.translation.title}” is published but waits for the article"
        self.assertIn(warning, self.save(status=Article.Status.DRAFT))
        Article.objects.filter(pk=self.original.pk).update(status=Article.Status.PUBLISHED)
        action = {"action": "unpublish", "_selected_action": [self.original.pk]}
        response = self.client.post(admin_url("article", "changelist"), action, follow=True)
        self.assertTrue(any(warning in str(message) for message in response.context["messages"]))
        self.assertFalse(Article.objects.published().filter(pk=self.translation.pk).exists())
        # A save that leaves the draft a draft says nothing of it again.
        self.assertNotIn(warning, self.save())

    def test_a_save_that_schedules_the_article_says_from_when_readers_see_it(self):
        """Regression: scheduling from the article's page said only "… was changed successfully"."""
        self.assertIn("Scheduled: readers see it from", self.save(**self.at(timezone.localtime() + timedelta(days=5))))
        self.assertNotIn("Scheduled:", self.save())
