"""Every kind of change to content is seen on the next request, whatever the page cache and kept fragments held."""

import tempfile
from datetime import timedelta
from io import StringIO
from pathlib import Path
from unittest import mock

from django.contrib.admin import helpers
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Theme
from articles.services.themes import merge_themes
from articles.templatetags import cards
from articles.versions import VERSION_KEY, current_version

from .support.cache import LANGUAGE_PREFIXES, CachedContentTestCase
from .support.factories import ArticleFactory, PersonFactory, ThemeFactory
from .support.importing import INTERVIEW


class InvalidationTests(CachedContentTestCase):
    """Every kind of change is visible on the very next request to every page, in every language."""

    def assert_everywhere(self, urls, present=(), absent=()):
        for url in urls:
            text = self.text(url)
            for value in present:
                self.assertIn(value, text, url)
            for value in absent:
                self.assertNotIn(value, text, url)

    def test_saving_an_article_shows_the_new_title(self):
        urls = [prefix + page for prefix in LANGUAGE_PREFIXES for page in ["/", "/articles/", "/themes/trade/"]]
        urls += [url for url in self.public_urls() if "feeds" in url or "trade-talks" in url]
        self.warm(urls)
        article = Article.objects.get(pk=self.article.pk)
        article.title = "Trade and more talks"
        article.save()
        self.assert_everywhere(urls, present=["Trade and more talks"])

    def test_editing_a_fact_in_the_admin_shows_the_new_statement(self):
        urls = self.fact_urls()
        self.warm(urls)
        self.client.force_login(self.editor)
        change = reverse("admin:articles_fact_change", args=[self.fact.pk])
        form = self.client.get(change).context["adminform"].form
        data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
        data |= {"statement": "Two-way trade set a new record in 2023.", "themes": "Trade"}
        response = self.client.post(change, data)
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        self.assert_everywhere(urls, present=["Two-way trade set a new record in 2023."])

    def test_deleting_a_fact_removes_it_everywhere(self):
        urls = [url for url in self.fact_urls() if f"/facts/{self.fact.pk}/" not in url]
        self.warm(urls)
        self.fact.delete()
        self.assert_everywhere(urls, absent=["Two-way trade set a record in 2023."])
        for prefix in LANGUAGE_PREFIXES:
            self.assertEqual(self.get(f"{prefix}/facts/{self.fact.pk}/")[0].status_code, 404)

    def test_a_page_rendered_before_the_commit_is_not_kept_after_it(self):
        """Regression: a page rendered while a change was uncommitted must not outlive the commit."""
        with self.captureOnCommitCallbacks(execute=True):
            Article.objects.get(pk=self.article.pk).save()
            self.warm(["/"])
        _, work = self.get("/")
        self.assertGreater(work, 0)

    def test_publishing_through_the_admin_action_shows_the_article(self):
        draft = ArticleFactory(title="Aerospace plans", slug="aerospace-plans", draft=True, themes=[self.trade])
        urls = [prefix + page for prefix in LANGUAGE_PREFIXES for page in ["/", "/articles/", "/feeds/rss/"]]
        self.warm([*urls, "/sitemap.xml", "/sitemap-articles.xml"])
        editor = Client()
        editor.force_login(self.editor)
        response = editor.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish", helpers.ACTION_CHECKBOX_NAME: [draft.pk]},
        )
        self.assertEqual(response.status_code, 302)
        self.assert_everywhere(urls, present=["Aerospace plans"])
        self.assertIn("/articles/aerospace-plans/", self.text("/sitemap-articles.xml"))

    def test_a_scheduled_article_appears_when_its_time_passes_without_any_save(self):
        ArticleFactory(title="Scheduled interview", slug="scheduled-interview", scheduled=True, themes=[self.trade])
        urls = [prefix + page for prefix in LANGUAGE_PREFIXES for page in ["/", "/articles/", "/themes/trade/"]]
        urls += ["/feeds/rss/", "/sitemap-articles.xml"]
        self.warm(urls)
        self.assert_everywhere(urls, absent=["Scheduled interview", "scheduled-interview"])
        later = timezone.now() + timedelta(days=2)
        with mock.patch("django.utils.timezone.now", return_value=later):
            self.assert_everywhere(urls, present=["scheduled-interview"])

    def test_merging_themes_moves_their_content_and_addresses(self):
        fta = ThemeFactory(name="Free trade agreement", slug="free-trade-agreement")
        # Only a theme published content uses has a page.
        ArticleFactory(title="The FTA", themes=[fta])
        lists = [f"{prefix}/themes/" for prefix in LANGUAGE_PREFIXES]
        pages = [f"{prefix}/themes/free-trade-agreement/" for prefix in LANGUAGE_PREFIXES]
        self.warm([*lists, *pages, "/themes/trade/"])
        merge_themes(fta, [Theme.objects.get(pk=self.trade.pk)], self.editor)
        self.assert_everywhere(lists, absent=['href="/themes/trade/"'])
        self.assert_everywhere(pages, present=["Trade talks"])
        response, _ = self.get("/themes/trade/")
        self.assertRedirects(response, "/themes/free-trade-agreement/", status_code=301)

    def test_adding_a_theme_in_bulk_shows_the_fact_on_the_theme_page(self):
        space = ThemeFactory(name="Space", slug="space")
        # Only a theme published content uses has a page.
        ArticleFactory(title="Satellites", themes=[space])
        urls = [f"{prefix}/themes/space/" for prefix in LANGUAGE_PREFIXES]
        self.warm(urls)
        editor = Client()
        editor.force_login(self.editor)
        editor.post(
            reverse("admin:articles_fact_changelist"),
            {"action": "add_theme", helpers.ACTION_CHECKBOX_NAME: [self.fact.pk], "theme": space.pk, "post": "yes"},
        )
        self.assertTrue(self.fact.themes.filter(pk=space.pk).exists())
        self.assert_everywhere(urls, present=["Two-way trade set a record in 2023."])

    def test_an_import_and_its_publication_are_seen_on_the_next_request(self):
        PersonFactory(slug="ana-ruiz")
        self.warm(["/", "/es/articles/"])
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "talk.txt"
            path.write_text(INTERVIEW)
            call_command("import_article", str(path), "--interviewee", "ana-ruiz", stdout=StringIO())
        self.assertIsNone(cache.get(VERSION_KEY), "the import left the content version current")
        imported = Article.objects.get(title="Korea and Mexico look to the stars")
        imported.status, imported.published_at = Article.Status.PUBLISHED, timezone.now()
        imported.save()
        self.assert_everywhere(["/", "/es/articles/"], present=["Korea and Mexico look to the stars"])


@override_settings(PAGE_CACHE=False)
class InvalidationOfKeptFragmentsTests(InvalidationTests):
    """The same changes with the page cache off: the fragments each worker keeps for a version are all that is kept."""

    def warm(self, urls):
        """Fetch `urls` twice, proving each second answer draws none of its cards."""
        # With the page cache off, the version is made by the first page that reads the facet index.
        current_version()
        for url in urls:
            self.text(url)
            with (
                mock.patch.object(cards, "draw_article_card") as articles,
                mock.patch.object(cards, "draw_fact_card") as facts,
            ):
                response, _ = self.get(url)
            self.assertEqual((response.status_code, articles.call_count, facts.call_count), (200, 0, 0), url)
