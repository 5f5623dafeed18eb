"""
The search in each language (docs/search.md): words read with their language's rules (Spanish and
English stemming, Korean syllable pairs), the page's language first, other languages labelled,
nothing unpublished, and the index kept up to date and rebuilt on demand.
"""

import re
from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import translation

from articles.models import Article, QAPair, SearchEntry
from articles.search_text import highlight_spans, query_terms, terms

from .support.facets import FACET_MODES, facet_index_ready
from .support.factories import ThemeFactory
from .support.search import ENGLISH, KOREAN, SPANISH, SearchLanguagesTestCase, interview, search_url, translate


class NormalisationTests(TestCase):
    def test_spanish_forms_share_a_stem_without_accents(self):
        self.assertEqual(terms("cooperación", "es"), terms("cooperaciones", "es"))
        self.assertEqual(terms("cooperación", "es"), terms("cooperar", "es"))
        self.assertEqual(query_terms("Cooperacion", "es"), [terms("cooperación", "es")])
        # Regression: the stemmer strips "-ía" but not "-ia": "energia" missed "energía", "tecnologia" "tecnologías".
        self.assertEqual(query_terms("energia", "es"), [terms("energía", "es")])
        self.assertEqual(query_terms("tecnologia", "es"), [terms("tecnologías", "es")])

    def test_english_forms_share_a_stem(self):
        self.assertEqual(terms("Investments", "en"), terms("investment", "en"))
        self.assertEqual(terms("cooperating", "en"), terms("cooperation", "en"))

    def test_korean_words_become_overlapping_syllable_pairs_and_their_last_syllable(self):
        self.assertEqual(terms("경제협력을", "ko"), "경제 제협 협력 력을 을")
        self.assertEqual(query_terms("협력", "ko"), ["협력"])
        self.assertEqual(query_terms("협", "ko"), ["협*"])
        # Digits and Hangul are separate words, as PostgreSQL's parser reads them.
        self.assertEqual(terms("2024년", "ko"), "2024 년")

    def test_a_query_reads_a_korean_word_without_its_particle_and_an_english_word_without_its_possessive(self):
        """Regression: 투자는 found only texts holding 투자는, and "Mexico's" highlighted every possessive "s"."""
        self.assertEqual(query_terms("투자는", "ko"), ["투자"])
        self.assertEqual(query_terms("한국과 멕시코에서", "ko"), ["한국", "멕시", "시코"])
        # A word that would be left with one syllable keeps its last one: 인도 (India), 제도.
        self.assertEqual(query_terms("인도", "ko"), ["인도"])
        self.assertEqual(query_terms("Mexico's", "en"), ["mexico"])
        text = "Korea's minister and Mexico’s ties."
        self.assertEqual([text[a:b] for a, b in highlight_spans(text, "en", "Mexico's")], ["Mexico"])

    def test_highlights_cover_whole_stemmed_words_and_korean_inside_words(self):
        text = "Las cooperaciones y la cooperación."
        self.assertEqual(
            [text[a:b] for a, b in highlight_spans(text, "es", "cooperar")], ["cooperaciones", "cooperación"]
        )
        text = "경제협력을 강화"
        self.assertEqual([text[a:b] for a, b in highlight_spans(text, "ko", "협력")], ["협력"])
        # Regression: "$<mark>19</mark>.<mark>8</mark> billion": a number is marked whole.
        text = "$19.8 billion, 19 or 8, and 150,000 jobs"
        self.assertEqual([text[a:b] for a, b in highlight_spans(text, "en", "19.8")], ["19.8", "19", "8"])
        self.assertEqual([text[a:b] for a, b in highlight_spans(text, "en", "150,000")], ["150,000"])


class SearchPerLanguageTests(SearchLanguagesTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.theme = ThemeFactory(name="Trade", slug="trade")
        cls.original = interview(themes=[cls.theme])
        cls.spanish = translate(cls.original, "es", SPANISH)
        cls.korean = translate(cls.original, "ko", KOREAN)

    def test_spanish_stemming_finds_cooperacion_from_other_forms(self):
        for query in ["cooperaciones", "cooperar", "COOPERACION"]:
            with self.subTest(query):
                with translation.override("es"):
                    url = self.spanish.get_absolute_url()
                self.assertEqual(
                    self.found("es", query),
                    [[("es", url)], [("es", f"{url}#ties")], [("es", f"{url}#ties")]],
                )
        response = self.search("es", "cooperaciones")
        self.assertContains(response, "La <mark>cooperación</mark> económica con Sheinbaum")

    def test_english_stemming_finds_other_forms(self):
        results = [item for group in self.found("en", "cooperating") for item in group]
        self.assertEqual([language for language, _ in results], ["en", "en", "en"])
        self.assertContains(self.search("en", "investment"), "<mark>Investments</mark> grow.")

    def test_korean_word_is_found_inside_longer_forms(self):
        found = self.found("ko", "협력")
        with translation.override("ko"):
            article_url = self.korean.get_absolute_url()
        self.assertEqual(
            found, [[("ko", article_url)], [("ko", f"{article_url}#ties")], [("ko", f"{article_url}#ties")]]
        )
        response = self.search("ko", "협력")
        self.assertContains(response, "경제<mark>협력</mark> 확대")
        self.assertContains(response, "<mark>협력</mark>은?")
        self.assertContains(response, "양국의 <mark>협력</mark>이 커졌다")
        # A particle typed after the word is no word a match must hold (투자는 finds 투자가); the word is marked.
        self.assertEqual(self.found("ko", "투자는"), self.found("ko", "투자"))
        self.assertContains(self.search("ko", "협력을"), "경제<mark>협력</mark> 확대")
        # One syllable finds the words it is part of, wherever it stands in them.
        self.assertEqual(len(self.found("ko", "력")[1]), 1)

    def test_the_pages_language_comes_first(self):
        for language in ["en", "es", "ko"]:
            with self.subTest(language):
                articles = self.found(language, "Sheinbaum")[0]
                self.assertEqual(articles[0][0], language)
                self.assertEqual(sorted(result[0] for result in articles), ["en", "es", "ko"])

    def test_results_in_other_languages_are_labelled_and_marked_with_their_lang(self):
        content = self.search("en", "Sheinbaum").content.decode()
        results = re.findall(
            r'<li class="search-result">(.*?)</li>\s*(?=<li class="search-result">|</ol>)', content, re.S
        )
        self.assertEqual(len(results), 3)
        english, *others = results
        self.assertNotIn("written-in", english)
        self.assertRegex(english, r"<h3><a ")
        labels = {
            re.search(r'<h3 lang="(\w+)">', result)[1]: re.search(r'written-in">([^<]*)<', result)[1]
            for result in others
        }
        self.assertEqual(labels, {"es": "In Spanish", "ko": "In Korean"})
        # The article a result is in is named in the result's language too.
        self.assertContains(self.search("en", "협력"), 'In “<bdi lang="ko">셰인바움과 경제협력 확대 Sheinbaum</bdi>”')
        response = self.search("es", "Sheinbaum")
        self.assertContains(response, '<h3 lang="en">')
        self.assertContains(response, '<h3 lang="ko">')
        self.assertNotContains(response, '<h3 lang="es">')

    def test_translations_carry_their_originals_themes(self):
        response = self.search("es", "cooperaciones", theme="trade")
        self.assertEqual([group["count"] for group in response.context["groups"]], [1, 1, 1])
        self.assertEqual([theme.slug for theme in response.context["groups"][1]["results"][0].themes], ["trade"])
        other = ThemeFactory(name="Energy", slug="energy")
        QAPair.objects.get(pk=self.original.pairs.get().pk).themes.add(other)
        response = self.search("es", "cooperaciones", theme="energy")
        self.assertEqual([group["count"] for group in response.context["groups"]], [0, 1, 0])


class UnpublishedTests(SearchLanguagesTestCase):
    @classmethod
    def setUpTestData(cls):
        original = interview()
        translate(original, "es", SPANISH, draft=True)
        hidden_original = interview(
            {**ENGLISH, "title": "Hidden cooperation"}, status=Article.Status.DRAFT, published_at=None
        )
        translate(hidden_original, "ko", KOREAN)
        scheduled = interview({**ENGLISH, "title": "Later cooperation"}, scheduled=True)
        translate(scheduled, "es", {**SPANISH, "title": "Cooperación más tarde"})

    def test_drafts_scheduled_content_and_translations_of_unpublished_originals_are_never_found(self):
        self.assertEqual(self.search("es", "cooperaciones").context["total"], 0)
        self.assertEqual(self.search("ko", "협력").context["total"], 0)
        self.assertEqual([len(results) for results in self.found("en", "cooperation")], [1, 1, 1])
        self.assertNotContains(self.search("en", "cooperation"), "Hidden")


class EscapingTests(SearchLanguagesTestCase):
    HOSTILE = '<script>alert("x")</script>'

    @classmethod
    def setUpTestData(cls):
        original = interview()
        translate(original, "es", {**SPANISH, "title": f"La cooperación {cls.HOSTILE}"})

    def test_editor_text_is_escaped_around_the_marks(self):
        response = self.search("es", "cooperar")
        self.assertNotIn("<script>", response.content.decode())
        self.assertContains(response, "La <mark>cooperación</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")


class IndexFollowsContentTests(SearchLanguagesTestCase):
    def setUp(self):
        self.original = interview()
        self.spanish = translate(self.original, "es", SPANISH)

    def test_edits_and_deletions_reach_the_index(self):
        pair = self.spanish.pairs.get()
        pair.answer = "Los satélites se lanzaron."
        pair.save()
        with translation.override("es"):
            url = self.spanish.get_absolute_url()
        self.assertEqual(self.found("es", "satélite")[1], [("es", f"{url}#ties")])
        self.assertEqual(self.found("es", "duplicaron")[1], [])
        self.spanish.wordings.get().delete()
        self.assertEqual(self.found("es", "cooperaciones")[2], [])
        self.assertEqual(SearchEntry.objects.filter(article=self.spanish, kind="fact").count(), 0)

    def test_a_change_of_language_reads_the_words_again(self):
        Article.objects.filter(pk=self.spanish.pk).update(language="ko")
        self.spanish.refresh_from_db()
        self.spanish.language = "es"
        self.spanish.save()
        self.assertEqual(
            set(SearchEntry.objects.filter(article=self.spanish).values_list("language", flat=True)), {"es"}
        )
        article = Article.objects.get(pk=self.original.pk)
        article.title = "Satellites"
        article.save(update_fields=["title"])
        self.assertEqual(self.found("en", "satellite")[0], [("en", article.get_absolute_url())])

    def test_rebuild_command_makes_the_index_anew(self):
        expected = sorted(SearchEntry.objects.values_list("kind", "language", "heading", "body_terms"))
        SearchEntry.objects.all().delete()
        self.assertEqual(self.search("es", "cooperaciones").context["total"], 0)
        out = StringIO()
        call_command("rebuild_search_index", stdout=out)
        self.assertIn("Indexed 6 search entries", out.getvalue())
        self.assertEqual(sorted(SearchEntry.objects.values_list("kind", "language", "heading", "body_terms")), expected)
        self.assertEqual(self.search("es", "cooperaciones").context["total"], 3)


# The queries of rendering; a page served from the page cache runs none (tests/test_cache.py).
@override_settings(PAGE_CACHE=False)
class QueryCountTests(TestCase):
    """The search page runs the same queries in every language, however many versions match."""

    # Theme choices (from the facet index, or counted while it is built) and selected themes; per type
    # its candidates and their themes; the results of all types.
    QUERIES = 9

    def build(self, count, theme):
        for _ in range(count):
            original = interview(themes=[theme])
            translate(original, "es", SPANISH)
            translate(original, "ko", KOREAN)

    def test_query_count_is_pinned_in_every_language(self):
        theme = ThemeFactory(name="Theme", slug="theme-0")
        self.build(1, theme)
        for way, ready in FACET_MODES.items():
            ready()
            for language, query in [("en", "cooperation"), ("es", "cooperaciones"), ("ko", "협력")]:
                with self.subTest(language=language, way=way), self.assertNumQueries(self.QUERIES):
                    self.client.get(search_url(language), {"q": query, "theme": "theme-0"})
        self.build(8, theme)
        facet_index_ready()
        for language, query in [("en", "cooperation"), ("es", "cooperaciones"), ("ko", "협력")]:
            with self.subTest(language), self.assertNumQueries(self.QUERIES):
                response = self.client.get(search_url(language), {"q": query, "theme": "theme-0"})
            self.assertEqual([group["count"] for group in response.context["groups"]], [9, 9, 9])
