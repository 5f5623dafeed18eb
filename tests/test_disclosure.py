"""
Nothing that only unpublished content uses is named or answered publicly. A theme, a person and
a source used only by a draft and a scheduled article appear on no public page, feed, sitemap or
export in any language; the theme's addresses (its slugs in every language, and the old slug a
rename left) answer 404; and a filter naming any of them gets exactly the answer a filter naming
nothing gets. They appear once the draft is published, or the scheduled article comes due.
"""

import re
from datetime import timedelta
from unittest import mock
from urllib.parse import quote, quote_plus, urlencode

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import override

from articles.models import Article, Person, Source, Theme

from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, SourceFactory, ThemeFactory
from .support.pages import LANGUAGES, body, sitemap_pages
from .support.pictures import jpeg, make_picture

LISTS = ["home", "article-list", "theme-list", "fact-list", "timeline", "data", "feed-rss", "feed-atom"]
EXPORTS = ["facts-csv", "facts-json"]
CITATION_FORMATS = ["txt", "bib", "ris", "json"]
THEME_ROUTES = ["theme-detail", "theme-feed-rss", "theme-feed-atom", "theme-facts-csv", "theme-facts-json"]
# The pages that take ?theme=, ?person= and ?source=; a theme's take them within the theme.
FILTERED = ["fact-list", "article-list", "timeline", "facts-csv", "facts-json"]
THEME_FILTERED = ["theme-detail", "theme-facts-csv", "theme-facts-json"]
GHOST_SLUG = "no-such-name-at-all"
# Ids of six digits that no other number on a page shares: the one source and one that does not exist.
SOURCE_ID, GHOST_SOURCE_ID = 987654, 987653
# When each JSON export was made: the one part of two answers that may differ.
GENERATED = re.compile(r'"generated": "[^"]*"')


def variants(value):
    """Return `value` as a page may hold it: as is, escaped, and percent-encoded as links and query strings write it."""
    return {value, escape(value), quote(value), quote_plus(value), quote(value, safe="")}


def masked(content, value):
    """Return `content` (bytes) as text with every form of `value` replaced by one placeholder."""
    text = GENERATED.sub('"generated": ""', content.decode())
    for form in sorted(variants(value), key=len, reverse=True):
        text = text.replace(form, "VALUE")
    return text


class UnpublishedNamesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        trade = ThemeFactory(
            name="Trade", slug="trade", name_es="Comercio", slug_es="comercio", name_ko="무역", slug_ko="무역"
        )
        cls.public_theme = trade
        public = ArticleFactory(title="Trade talks", themes=[trade], source=SourceFactory(name="El Economista"))
        FactFactory(pair=QAPairFactory(article=public, themes=[trade]), themes=[trade], person=public.interviewee)

        cls.theme = ThemeFactory(
            name="Lithium summit",
            slug="lithium-talks",
            description="The summit nobody has announced.",
            name_es="Cumbre del litio",
            slug_es="cumbre-del-litio",
            name_ko="리튬 정상회의",
            slug_ko="리튬-정상회의",
        )
        # A rename leaves the old slug as a redirect to the theme.
        cls.theme.slug = "lithium-summit"
        cls.theme.save()
        cls.interviewee = PersonFactory(name="Unannounced Interviewee", slug="unannounced-interviewee")
        cls.reporter = PersonFactory(name="Hidden Reporter", slug="hidden-reporter")
        cls.source = SourceFactory(pk=SOURCE_ID, name="Hidden Gazette")
        cls.draft = cls.article(draft=True, title="Secret lithium deal", interviewer=None)
        cls.scheduled = cls.article(scheduled=True, title="Scheduled lithium visit", interviewer=cls.reporter)
        cls.public_picture = make_picture(public, content=jpeg(colour="green"), alt="A public harbour")
        # Their pictures: the draft's and the scheduled article's lead images, the interviewee's portrait.
        cls.pictures = [
            make_picture(cls.draft, content=jpeg(colour="purple"), alt="A lithium mine"),
            make_picture(cls.scheduled, content=jpeg(colour="maroon"), alt="A salt flat"),
            make_picture(person=cls.interviewee, content=jpeg(colour="gray"), alt="A face nobody has seen"),
        ]

    @classmethod
    def article(cls, title, **state):
        article = ArticleFactory(
            title=title, interviewee=cls.interviewee, source=cls.source, themes=[cls.theme], **state
        )
        pair = QAPairFactory(article=article, prompt="What about lithium?", themes=[cls.theme])
        FactFactory(pair=pair, statement=f"{title}: lithium.", person=cls.interviewee, themes=[cls.theme])
        return article

    def secrets(self):
        """Return every name and slug of the theme, the people and the source, and the articles' titles."""
        names = [self.theme.name, self.theme.name_es, self.theme.name_ko, self.interviewee.name, self.reporter.name]
        names += [self.source.name, self.draft.title, self.scheduled.title, self.theme.description]
        names += [text for picture in self.pictures for text in (picture.digest, picture.alt)]
        slugs = [*self.theme_slugs(), self.interviewee.slug, self.reporter.slug]
        return {form for text in names + slugs for form in variants(text)}

    def theme_slugs(self):
        return [self.theme.slug, self.theme.slug_es, self.theme.slug_ko, "lithium-talks"]

    def public_urls(self):
        """Return every public address, in every language, that takes no filter."""
        urls = ["/sitemap.xml", "/robots.txt"]
        for language in LANGUAGES:
            with override(language):
                urls += [reverse(f"articles:{name}") for name in LISTS + EXPORTS]
                urls += [reverse("articles:search") + query for query in ["", "?q=lithium", "?q=trade"]]
                urls += [reverse(f"articles:{name}", args=[self.public_theme.local_slug]) for name in THEME_ROUTES]
                article = Article.objects.get(title="Trade talks")
                urls += [article.get_absolute_url(), reverse("articles:article-embed", args=[article.slug])]
                urls += [reverse("articles:article-cite", args=[article.slug, fmt]) for fmt in CITATION_FORMATS]
                for fact in self.public_facts():
                    urls += [fact.get_permalink(), reverse("articles:fact-embed", args=[fact.pk])]
                    urls += [reverse("articles:fact-cite", args=[fact.pk, fmt]) for fmt in CITATION_FORMATS]
                    page = f"http://testserver{fact.get_permalink()}"
                    urls += [reverse("articles:oembed") + "?" + urlencode({"url": page, "format": "json"})]
        return urls

    def public_facts(self):
        return list(Article.objects.get(title="Trade talks").facts.all())

    def filtered_urls(self, language):
        """Yield (address, value, ghost address) for every filter naming the theme, a person or the source."""
        values = [("theme", slug, GHOST_SLUG) for slug in self.theme_slugs()]
        values += [("person", person.slug, GHOST_SLUG) for person in (self.interviewee, self.reporter)]
        values += [("source", str(SOURCE_ID), str(GHOST_SOURCE_ID))]
        with override(language):
            pages = [reverse(f"articles:{name}") for name in FILTERED]
            pages += [reverse(f"articles:{name}", args=[self.public_theme.local_slug]) for name in THEME_FILTERED]
            search = reverse("articles:search")
        for page in pages:
            for name, value, ghost in values:
                yield f"{page}?{name}={quote(value)}", value, f"{page}?{name}={quote(ghost)}", ghost
        for _, value, ghost in values[:4]:
            yield f"{search}?q=trade&theme={quote(value)}", value, f"{search}?q=trade&theme={quote(ghost)}", ghost

    def assertNamesNothing(self, url, response, allowed=()):
        self.assertEqual(response.status_code, 200, url)
        text = body(response).decode()
        self.assertEqual([secret for secret in self.secrets() - set(allowed) if secret in text], [], url)

    def test_no_public_page_feed_sitemap_or_export_names_them(self):
        for url in self.public_urls():
            with self.subTest(url=url):
                self.assertNamesNothing(url, self.client.get(url))
        sitemap = " ".join(
            " ".join([element.text or "", *element.attrib.values()])
            for page in sitemap_pages(self.client)
            for element in page.iter()
        )
        self.assertEqual([secret for secret in self.secrets() if secret in sitemap], [])

    def card_urls(self, language, article, theme_slug):
        """Return the site's card and the cards of `article`, its facts and a theme, in `language`."""
        with override(language):
            return [
                reverse("articles:card"),
                reverse("articles:article-card", args=[article.slug]),
                *(reverse("articles:fact-card", args=[fact.pk]) for fact in article.facts.all()),
                reverse("articles:theme-card", args=[theme_slug]),
            ]

    def test_no_public_card_is_drawn_from_their_names_and_theirs_answer_404(self):
        """Cards are PNG: what they show is checked through the words they are drawn from."""
        public = Article.objects.get(title="Trade talks")
        drawn = []
        with mock.patch(
            "articles.share_cards.draw_card", side_effect=lambda card, image=None: drawn.append(card) or b"png"
        ):
            for language in LANGUAGES:
                for url in self.card_urls(language, public, self.public_theme.local_slug):
                    self.assertEqual(self.client.get(url).status_code, 200, url)
                for article in (self.draft, self.scheduled):
                    for url in self.card_urls(language, article, self.theme.local_slug)[1:]:
                        with self.subTest(url=url):
                            self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(len(drawn), 4 * len(LANGUAGES))
        words = " ".join(" ".join([card.eyebrow, card.headline, card.body, card.footer]) for card in drawn)
        self.assertEqual([secret for secret in self.secrets() if secret in words], [])

    def test_the_themes_addresses_answer_404_in_every_language(self):
        for language in LANGUAGES:
            for slug in self.theme_slugs():
                for name in [*THEME_ROUTES, "theme-card"]:
                    with override(language):
                        url = reverse(f"articles:{name}", args=[slug])
                    with self.subTest(url=url):
                        self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_filter_naming_them_is_answered_as_one_naming_nothing(self):
        """Even the notice is the one for a name that does not exist: the answer tells nothing."""
        for language in LANGUAGES:
            for url, value, ghost_url, ghost in self.filtered_urls(language):
                with self.subTest(url=url):
                    response = self.client.get(url)
                    self.assertNamesNothing(url, response, allowed=variants(value))
                    unknown = self.client.get(ghost_url)
                    self.assertEqual(unknown.status_code, 200, ghost_url)
                    self.assertEqual(masked(body(response), value), masked(body(unknown), ghost))

    def publication_checks(self, person):
        """Return (address, text it must show) proving that the theme, `person` and the source are public."""
        checks = [(reverse("articles:theme-list"), self.theme.name)]
        for language in LANGUAGES:
            with override(language):
                checks += [(self.theme.get_absolute_url(), self.theme.local_name)]
                checks += [(reverse("articles:theme-feed-atom", args=[self.theme.local_slug]), self.theme.local_name)]
                checks += [(reverse("articles:fact-list") + f"?person={person.slug}", person.name)]
        checks += [(reverse("articles:article-list") + f"?source={self.source.pk}", f"Source: {self.source.name}")]
        checks += [(reverse("articles:fact-list") + f"?theme={self.theme.slug}", "Theme: Lithium summit")]
        return checks

    def assertPublic(self, checks):
        for url, text in checks:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200, url)
                self.assertIn(escape(text), body(response).decode(), url)

    @override_settings(SERVE_MEDIA=True)
    def test_their_pictures_answer_404(self):
        for picture in self.pictures:
            for name in picture.stored_names():
                with self.subTest(name=name):
                    self.assertEqual(self.client.get(f"/media/{name}").status_code, 404)
        self.assertEqual(self.client.get(f"/media/{self.public_picture.image.name}").status_code, 200)

    def test_publishing_the_draft_makes_them_public(self):
        """Pages cached while the draft was unpublished are not served once it is."""
        checks = self.publication_checks(self.interviewee)
        for url, _ in checks:
            self.client.get(url)
        self.draft.status, self.draft.published_at = Article.Status.PUBLISHED, timezone.now()
        self.draft.save()
        self.assertPublic(checks)
        with override_settings(SERVE_MEDIA=True):
            for picture in self.pictures[::2]:
                self.assertEqual(self.client.get(f"/media/{picture.image.name}").status_code, 200)
        self.assertRedirects(self.client.get("/themes/lithium-talks/"), "/themes/lithium-summit/", status_code=301)
        # The reporter interviewed for the scheduled article only.
        response = self.client.get(reverse("articles:fact-list") + f"?person={self.reporter.slug}")
        self.assertNotContains(response, self.reporter.name)

    def test_the_scheduled_article_coming_due_makes_them_public(self):
        checks = self.publication_checks(self.reporter)
        for url, _ in checks:
            self.client.get(url)
        later = self.scheduled.published_at + timedelta(minutes=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            self.assertPublic(checks)

    def test_the_rule_is_the_publication_rule(self):
        """in_use() keeps exactly what published content uses, through every relation."""
        self.assertFalse(Theme.objects.in_use().filter(pk=self.theme.pk).exists())
        self.assertFalse(Person.objects.in_use().filter(pk__in=[self.interviewee.pk, self.reporter.pk]).exists())
        self.assertFalse(Source.objects.in_use().filter(pk=self.source.pk).exists())
        Article.objects.filter(pk=self.scheduled.pk).update(published_at=timezone.now() - timedelta(minutes=1))
        self.assertEqual(
            set(Person.objects.in_use().filter(pk__in=[self.interviewee.pk, self.reporter.pk])),
            {self.interviewee, self.reporter},
        )
        self.assertTrue(Source.objects.in_use().filter(pk=self.source.pk).exists())
        self.assertTrue(Theme.objects.in_use().filter(pk=self.theme.pk).exists())
