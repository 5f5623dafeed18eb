"""
Translated interviews as readers get them: one set of claims in every language, each worded in
the page's language where it can be, translations aligned with their originals, and the
standards that tell search engines and readers about the versions.
"""

import csv
import io
import json
import re
from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from articles.models import Article, Fact, FactWording, QAPair
from articles.services.translations import align_pairs, create_translation, mark_reviewed

from .support.factories import ArticleFactory, FactFactory, QAPairFactory, ThemeFactory

LANGUAGES = ["en", "es", "ko"]


def in_language(language, viewname, **kwargs):
    with translation.override(language):
        return reverse(viewname, kwargs=kwargs or None)


def body(response):
    return response.getvalue().decode() if response.streaming else response.content.decode()


@override_settings(PAGE_CACHE=False)
class SeedInThreeLanguagesTests(TestCase):
    """On a fresh site, /es/ and /ko/ read the seed in Spanish and Korean, with one set of claims."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", stdout=StringIO())
        cls.original = Article.objects.originals().get()
        cls.spanish = cls.original.translations.get(language="es")
        cls.korean = cls.original.translations.get(language="ko")

    def test_counts_are_equal_in_every_language(self):
        counts = {}
        for language in LANGUAGES:
            facts = self.client.get(in_language(language, "articles:fact-list"))
            timeline = self.client.get(in_language(language, "articles:timeline"))
            rows = list(csv.reader(io.StringIO(body(self.client.get(in_language(language, "articles:facts-csv"))))))
            feed = self.client.get(in_language(language, "articles:feed-rss"))
            counts[language] = (
                facts.context["page_obj"].paginator.count,
                timeline.context["page_obj"].paginator.count,
                len(rows) - 1,
                self.client.get(in_language(language, "articles:home")).context["articles"].count(),
                self.client.get(in_language(language, "articles:article-list")).context["page_obj"].paginator.count,
                body(feed).count("<item>"),
                [
                    theme.fact_count
                    for theme in self.client.get(in_language(language, "articles:home")).context["themes"]
                ],
            )
        self.assertEqual((counts["en"][0], counts["en"][2]), (33, 33))
        self.assertEqual(counts["en"][3:6], (1, 1, 1))
        self.assertEqual(counts["es"], counts["en"])
        self.assertEqual(counts["ko"], counts["en"])

    def test_every_page_reads_in_the_pages_language(self):
        for language, version in [("es", self.spanish), ("ko", self.korean)]:
            pages = [
                in_language(language, "articles:home"),
                version.url_in_own_language,
                in_language(language, "articles:fact-list"),
                in_language(language, "articles:timeline"),
                in_language(language, "articles:feed-rss"),
            ]
            for url in pages:
                with self.subTest(url=url):
                    self.assertIn(version.title, body(self.client.get(url)))
            facts = body(self.client.get(in_language(language, "articles:fact-list")))
            for wording in version.wordings.all()[:5]:
                self.assertIn(wording.statement.replace("'", "&#x27;"), facts)

    def test_the_article_page_gives_each_claim_in_the_translations_words_beside_its_pair(self):
        response = self.client.get(self.spanish.url_in_own_language)
        self.assertEqual(len(response.context["sections"]), 7)
        wording = self.spanish.wordings.get(fact__value=19800000000)
        self.assertIn("19.800 millones de dólares", wording.quote)
        self.assertContains(response, f"<mark>{wording.quote}</mark>", html=False)
        statement = f'<p class="fact-statement" id="fact-{wording.fact_id}-statement">{wording.statement}</p>'
        self.assertContains(response, statement, html=False)

    def test_the_versions_share_their_anchors(self):
        anchors = {}
        for version in [self.original, self.spanish, self.korean]:
            content = self.client.get(version.url_in_own_language).content.decode()
            anchors[version.language] = re.findall(r'<section class="qa" id="([^"]+)" aria-labelledby', content)
        self.assertEqual(len(anchors["en"]), 7)
        self.assertEqual(anchors["es"], anchors["en"])
        self.assertEqual(anchors["ko"], anchors["en"])

    def test_a_claim_without_a_korean_wording_is_shown_in_english_labelled_english(self):
        wording = self.korean.wordings.get(fact__value=19800000000)
        fact = wording.fact
        wording.delete()
        facts = self.client.get(in_language("ko", "articles:fact-list"))
        self.assertContains(facts, f'id="fact-{fact.pk}-statement" lang="en">{fact.statement}</p>', html=False)
        page = self.client.get(self.korean.url_in_own_language)
        self.assertContains(page, f'id="fact-{fact.pk}-statement" lang="en">{fact.statement}</p>', html=False)
        self.assertEqual(facts.context["page_obj"].paginator.count, 33)

    def test_the_fact_page_lists_every_wording_with_its_language(self):
        fact = Fact.objects.get(value=19800000000)
        response = self.client.get(in_language("ko", "articles:fact-detail", pk=fact.pk))
        korean = self.korean.wordings.get(fact=fact)
        self.assertContains(response, f"<h1>{korean.statement}</h1>", html=True)
        for wording in [fact, *fact.wordings.all()]:
            self.assertContains(response, f'<dd lang="{wording.language}">', html=False)
            self.assertContains(response, wording.statement)

    def test_exports_give_each_claim_once_in_the_requested_language_and_the_originals(self):
        rows = list(csv.DictReader(io.StringIO(body(self.client.get(in_language("es", "articles:facts-csv"))))))
        self.assertEqual(len(rows), 33)
        row = next(row for row in rows if row["value"] == "19800000000")
        wording = self.spanish.wordings.get(fact__value=19800000000)
        self.assertEqual((row["language"], row["statement"], row["quote"]), ("es", wording.statement, wording.quote))
        self.assertEqual((row["original_language"], row["original_quote"]), ("en", wording.fact.quote))
        self.assertTrue(row["article_url"].endswith(self.spanish.url_in_own_language))
        data = json.loads(body(self.client.get(in_language("ko", "articles:facts-json"))))
        self.assertEqual({fact["language"] for fact in data["facts"]}, {"ko"})

    def test_feeds_carry_their_languages_content(self):
        for version in [self.spanish, self.korean]:
            feed = body(self.client.get(in_language(version.language, "articles:feed-atom")))
            self.assertIn(f"<title>{version.title}</title>", feed)
            self.assertIn(version.url_in_own_language, feed)

    def test_structured_data_names_the_language_the_original_and_the_translations(self):
        data = json_ld(self.client.get(self.spanish.url_in_own_language))
        self.assertEqual(data["inLanguage"], "es")
        self.assertEqual(data["translationOfWork"]["inLanguage"], "en")
        self.assertTrue(data["translationOfWork"]["url"].endswith(self.original.url_in_own_language))
        self.assertEqual({work["inLanguage"] for work in data["workTranslation"]}, {"ko"})
        claim = data["hasPart"][1]["acceptedAnswer"]["interpretedAsClaim"][0]
        self.assertEqual(claim["inLanguage"], "es")
        original = json_ld(self.client.get(self.original.get_absolute_url()))
        self.assertEqual({work["inLanguage"] for work in original["workTranslation"]}, {"es", "ko"})
        self.assertNotIn("translationOfWork", original)

    def test_fact_pages_name_their_versions_in_every_language(self):
        fact = Fact.objects.first()
        content = self.client.get(in_language("es", "articles:fact-detail", pk=fact.pk)).content.decode()
        for language in LANGUAGES:
            self.assertIn(f'hreflang="{language}"', content)

    def test_the_translation_credits_its_translators_and_date(self):
        response = self.client.get(self.korean.url_in_own_language)
        self.assertContains(response, self.korean.translated_by)


def json_ld(response):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.DOTALL)
    return json.loads(found[1])


@override_settings(PAGE_CACHE=False)
class TranslationLifecycleTests(TestCase):
    """A translation made from an original, published on its own time, and out of date when the original changes."""

    @classmethod
    def setUpTestData(cls):
        cls.theme = ThemeFactory(name="Trade")
        cls.original = ArticleFactory(title="Trade grows", themes=[cls.theme])
        cls.pair = QAPairFactory(article=cls.original, position=1, answer="Trade reached $2 billion in 2023.")
        cls.fact = FactFactory(pair=cls.pair, quote="$2 billion", value=2000000000, unit="USD", themes=[cls.theme])

    def translate(self, **texts):
        translation_ = create_translation(
            self.original,
            "es",
            texts={
                "title": "El comercio crece",
                "pairs": [
                    {"anchor": self.pair.anchor, "prompt": "¿Y el comercio?", "answer": "Llegó a 2.000 millones."}
                ],
                "facts": {self.fact.pk: {"statement": "El comercio creció.", "quote": "2.000 millones"}},
                **texts,
            },
        )
        translation_.status = Article.Status.PUBLISHED
        translation_.published_at = self.original.published_at
        translation_.save()
        return translation_

    def test_a_translation_is_never_public_before_its_original(self):
        spanish = self.translate()
        self.assertIn(spanish, Article.objects.published())
        Article.objects.filter(pk=self.original.pk).update(status=Article.Status.DRAFT)
        self.assertNotIn(spanish, Article.objects.published())
        self.assertEqual(self.client.get(spanish.url_in_own_language).status_code, 404)
        self.assertFalse(QAPair.objects.published().filter(article=spanish).exists())
        self.assertFalse(FactWording.objects.filter(article=spanish).filter(article__in=Article.objects.published()))

    def test_a_change_to_the_originals_words_puts_the_translation_out_of_date_and_the_page_says_so(self):
        spanish = self.translate()
        self.assertFalse(Article.objects.out_of_date().exists())
        self.pair.answer = "Trade reached $2 billion in 2023, a record."
        self.pair.save()
        spanish.refresh_from_db()
        self.assertTrue(spanish.is_out_of_date)
        self.assertEqual(list(Article.objects.out_of_date()), [spanish])
        response = self.client.get(spanish.url_in_own_language)
        self.assertContains(response, "fue actualizado el")
        self.assertContains(response, f'href="{self.original.url_in_own_language}"')
        mark_reviewed(spanish)
        self.assertFalse(Article.objects.out_of_date().exists())
        self.assertEqual(spanish.reviewed_original["pairs"][0]["answer"], self.pair.answer)
        self.assertNotContains(self.client.get(spanish.url_in_own_language), "fue actualizado el")

    def test_status_themes_and_figures_do_not_put_a_translation_out_of_date(self):
        spanish = self.translate()
        self.original.status = Article.Status.PUBLISHED
        self.original.save()
        self.original.themes.add(ThemeFactory(name="Energy"))
        self.fact.value = 3000000000
        self.fact.save()
        self.assertFalse(Article.objects.out_of_date().exists())
        self.assertFalse(Article.objects.get(pk=spanish.pk).is_out_of_date)

    def test_a_new_or_deleted_fact_puts_it_out_of_date(self):
        spanish = self.translate()
        FactFactory(pair=self.pair, quote="in 2023", value=None, unit="")
        self.assertEqual(list(Article.objects.out_of_date()), [spanish])
        mark_reviewed(spanish)
        Fact.objects.filter(quote="in 2023").delete()
        self.assertEqual(list(Article.objects.out_of_date()), [spanish])

    def test_a_wording_must_quote_the_translated_answer(self):
        spanish = self.translate()
        wording = spanish.wordings.get()
        wording.quote = "3.000 millones"
        with self.assertRaisesMessage(Exception, "do not appear verbatim"):
            wording.full_clean()
        pair = spanish.pairs.get()
        pair.answer = "Otra cosa."
        with self.assertRaisesMessage(Exception, "2.000 millones"):
            pair.full_clean()

    def test_a_fact_belongs_to_the_original(self):
        spanish = self.translate()
        fact = Fact(article=spanish, statement="x", quote="2.000 millones")
        with self.assertRaisesMessage(Exception, "Facts belong to the original article"):
            fact.full_clean()

    def test_the_translation_shows_the_originals_themes_and_counts_nothing_twice(self):
        spanish = self.translate()
        response = self.client.get(spanish.url_in_own_language)
        self.assertEqual(response.context["themes"], [self.theme])
        theme_page = self.client.get(in_language("es", "articles:theme-detail", slug=self.theme.local_slug))
        self.assertEqual([article.pk for article in theme_page.context["articles"]], [self.original.pk])
        self.assertContains(theme_page, "El comercio crece")
        self.assertEqual(theme_page.context["page_obj"].paginator.count, 1)

    def test_align_pairs_follows_a_reordered_original(self):
        spanish = self.translate()
        second = QAPairFactory(article=self.original, position=2, answer="More.")
        QAPair.objects.create(
            article=spanish, original=second, position=2, anchor=second.anchor, prompt="¿Más?", answer="Más."
        )
        QAPair.objects.filter(pk=self.pair.pk).update(position=3)
        QAPair.objects.filter(pk=second.pk).update(position=1)
        QAPair.objects.filter(pk=self.pair.pk).update(position=2)
        align_pairs(self.original)
        self.assertEqual(
            list(spanish.pairs.order_by("position").values_list("original", flat=True)), [second.pk, self.pair.pk]
        )
