"""
Articles in three languages: linked to their translations, and `lang` on passages written in
another language than the page's.
"""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse
from django.utils.translation import override

from articles.models import Article

from .support.admin import admin_url
from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, UserFactory
from .support.i18n import PageParser, absolute, alternates, language_links, sitemap_alternates


class ArticleTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.original = ArticleFactory(title="Korea wants an FTA", slug="korea-fta", language="en")
        cls.spanish = ArticleFactory(
            title="Corea quiere un TLC",
            slug="corea-tlc",
            language="es",
            translation_of=cls.original,
            standfirst="Un ministro habla de comercio.",
            intro="El ministro visitó la Ciudad de México.",
        )
        cls.korean = ArticleFactory(
            title="한국은 FTA를 원한다", slug="korea-fta-ko", language="ko", translation_of=cls.original, draft=True
        )
        pair = QAPairFactory(article=cls.spanish, prompt="¿Qué sigue?", answer="Unas 100 empresas crean 5,000 empleos.")
        cls.fact = FactFactory(pair=pair, statement="Companies create 5,000 jobs.", quote="crean 5,000 empleos")

    def translation_error(self, article, field):
        with self.assertRaises(ValidationError) as refused:
            article.full_clean()
        return refused.exception.message_dict[field]

    def draft(self, **values):
        return ArticleFactory.build(
            draft=True, interviewee=self.original.interviewee, source=self.original.source, **values
        )

    def test_a_translation_is_written_in_another_language_than_its_original(self):
        errors = self.translation_error(
            self.draft(slug="copy", language="en", translation_of=self.original), "language"
        )
        self.assertEqual(errors, ["A translation is written in another language than its original (English)."])

    def test_a_translation_links_to_the_original_not_to_another_translation(self):
        errors = self.translation_error(
            self.draft(slug="ko2", language="ko", translation_of=self.spanish), "translation_of"
        )
        # limit_choices_to refuses it too; this message says what to do.
        self.assertIn(
            "“Corea quiere un TLC” is itself a translation: link to its original, “Korea wants an FTA”.", errors
        )

    def test_an_original_with_translations_cannot_become_a_translation(self):
        other = ArticleFactory(slug="other", language="es")
        self.original.translation_of = other
        errors = self.translation_error(self.original, "translation_of")
        self.assertEqual(
            errors, ["This article is the original of other translations, so it cannot be a translation itself."]
        )

    def test_an_article_cannot_translate_itself(self):
        lone = ArticleFactory(slug="lone")
        lone.translation_of = lone
        self.assertEqual(
            self.translation_error(lone, "translation_of"), ["An article cannot be a translation of itself."]
        )
        with self.assertRaises(IntegrityError), transaction.atomic():
            Article.objects.filter(pk=lone.pk).update(translation_of=lone)

    def test_an_original_has_one_translation_per_language(self):
        with self.assertRaises(ValidationError) as refused:
            self.draft(slug="es2", language="es", translation_of=self.original).full_clean()
        self.assertIn("The original already has a translation in this language.", str(refused.exception))

    def test_the_admin_offers_only_originals_to_translate(self):
        self.client.force_login(UserFactory(editor=True))
        response = self.client.get(
            reverse("admin:autocomplete"),
            {"app_label": "articles", "model_name": "article", "field_name": "translation_of", "term": ""},
        )
        offered = {int(result["id"]) for result in response.json()["results"]}
        self.assertIn(self.original.pk, offered)
        self.assertNotIn(self.spanish.pk, offered)
        self.assertNotIn(self.korean.pk, offered)
        response = self.client.get(admin_url("article", "change", self.original.pk))
        self.assertContains(response, 'name="translation_of"')
        self.assertContains(response, "Corea quiere un TLC</a> (Spanish, Published)")

    def test_an_article_without_translations_shows_the_admins_empty_value(self):
        """The translations field of an article with none said "None", in English in every language."""
        self.client.force_login(UserFactory(editor=True))
        response = self.client.get(admin_url("article", "change", self.spanish.pk), headers={"accept-language": "es"})
        shown = re.search(
            r'field-translation_links.*?<div class="readonly">(.*?)</div>', response.content.decode(), re.S
        )
        self.assertEqual(shown[1], "-")

    def test_article_page_links_its_published_translations_in_their_own_language(self):
        response = self.client.get("/articles/korea-fta/")
        self.assertEqual(list(response.context["translations"]), [self.spanish])
        self.assertContains(
            response, '<a href="/es/articles/corea-tlc/" hreflang="es" lang="es">Español</a>', html=True
        )
        link = '<a href="/es/articles/corea-tlc/" hreflang="es" lang="es">Español</a>'
        self.assertContains(response, f'<p class="translations">Also in: {link}</p>', html=True)
        self.assertNotContains(response, "korea-fta-ko")
        response = self.client.get("/es/articles/corea-tlc/")
        self.assertContains(response, '<a href="/articles/korea-fta/" hreflang="en" lang="en">English</a>', html=True)

    def test_the_alternates_and_language_links_lead_to_the_same_versions_from_every_version(self):
        """Regression: "Español" on the English article led to /es/articles/korea-fta/, English text in Spanish."""
        versions = {
            "en": absolute("/articles/korea-fta/"),
            "es": absolute("/es/articles/corea-tlc/"),
            "ko": absolute("/ko/articles/korea-fta/"),
        }
        for url in ["/articles/korea-fta/", "/es/articles/corea-tlc/", "/ko/articles/korea-fta/"]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(alternates(response), versions | {"x-default": versions["en"]})
                self.assertEqual(language_links(response), versions)

    def test_a_version_read_under_another_languages_prefix_names_its_own_address_canonical(self):
        """
        Regression: /es/articles/korea-fta/, the English text beside a Spanish version, named itself
        canonical though no alternate led to it; a page that is its language's alternate names itself.
        """
        canonical = {
            "/articles/korea-fta/": "/articles/korea-fta/",
            "/es/articles/corea-tlc/": "/es/articles/corea-tlc/",
            "/ko/articles/korea-fta/": "/ko/articles/korea-fta/",
            "/es/articles/korea-fta/": "/articles/korea-fta/",
            "/articles/corea-tlc/": "/es/articles/corea-tlc/",
            "/ko/articles/corea-tlc/": "/es/articles/corea-tlc/",
        }
        for url, expected in canonical.items():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, f'<link rel="canonical" href="{absolute(expected)}">', count=1)

    def test_the_current_language_is_marked_only_on_a_link_to_the_page_itself(self):
        """Regression: /es/articles/korea-fta/ marked "Español" current, though it leads to the Spanish version."""
        for url, current in [
            ("/es/articles/corea-tlc/", ["es"]),
            ("/articles/korea-fta/", ["en"]),
            ("/es/articles/korea-fta/", []),
            ("/ko/articles/corea-tlc/", []),
        ]:
            with self.subTest(url=url):
                links = PageParser(self.client.get(url).content.decode()).language_links()
                self.assertEqual([link["hreflang"] for link in links if link.get("aria-current")], current)

    def test_publishing_a_translation_adds_it_to_links_alternates_and_the_sitemap(self):
        before = sitemap_alternates(self.client)
        self.assertNotIn(absolute("/ko/articles/korea-fta-ko/"), before)
        self.assertNotIn(absolute("/articles/korea-fta-ko/"), before)
        self.korean.status = Article.Status.PUBLISHED
        self.korean.published_at = self.original.published_at
        self.korean.save()
        response = self.client.get("/articles/korea-fta/")
        self.assertContains(
            response, '<a href="/ko/articles/korea-fta-ko/" hreflang="ko" lang="ko">한국어</a>', html=True
        )
        self.assertEqual(alternates(response)["ko"], absolute("/ko/articles/korea-fta-ko/"))
        self.assertEqual(alternates(self.client.get("/ko/articles/korea-fta-ko/")), alternates(response))
        after = sitemap_alternates(self.client)
        self.assertEqual(after[absolute("/ko/articles/korea-fta-ko/")], alternates(response))

    def test_sitemap_lists_each_version_once_with_the_versions_as_alternates(self):
        entries = sitemap_alternates(self.client)
        group = {
            "en": absolute("/articles/korea-fta/"),
            "es": absolute("/es/articles/corea-tlc/"),
            "ko": absolute("/ko/articles/korea-fta/"),
            "x-default": absolute("/articles/korea-fta/"),
        }
        for language in ["en", "es", "ko"]:
            self.assertEqual(entries[group[language]], group)
        # A version is listed in its language only: its pages under other prefixes duplicate others.
        self.assertNotIn(absolute("/articles/corea-tlc/"), entries)
        self.assertNotIn(absolute("/es/articles/korea-fta/"), entries)


class ContentLanguageTests(TestCase):
    """Text written in another language than the page's carries lang, for screen readers and hyphenation."""

    @classmethod
    def setUpTestData(cls):
        cls.english = ArticleFactory(title="Korea wants an FTA", slug="korea-fta", standfirst="A minister on trade.")
        cls.spanish = ArticleFactory(
            title="Corea quiere un TLC",
            slug="corea-tlc",
            language="es",
            standfirst="Un ministro habla de comercio.",
            intro="El ministro visitó la Ciudad de México.",
        )
        cls.pair = QAPairFactory(
            article=cls.spanish, prompt="¿Qué sigue?", answer="Unas 100 empresas crean 5,000 empleos."
        )
        cls.fact = FactFactory(pair=cls.pair, statement="Companies create 5,000 jobs.", quote="crean 5,000 empleos")

    def test_spanish_article_on_an_english_page_is_marked_spanish(self):
        response = self.client.get("/articles/corea-tlc/")
        self.assertContains(response, '<h1 lang="es">Corea quiere un TLC</h1>', html=True)
        self.assertContains(response, '<p class="lede" lang="es">Un ministro habla de comercio.</p>', html=True)
        self.assertContains(
            response, '<div class="qa-answer" lang="es"><p>El ministro visitó la Ciudad de México.</p></div>', html=True
        )
        self.assertContains(response, '<span lang="es">¿Qué sigue?</span>', html=True)
        self.assertContains(response, '<p lang="es">Unas 100 empresas <mark>crean 5,000 empleos</mark>.</p>', html=True)

    def test_article_in_the_pages_language_carries_no_lang(self):
        response = self.client.get("/es/articles/corea-tlc/")
        self.assertContains(response, "<h1>Corea quiere un TLC</h1>", html=True)
        self.assertNotContains(response, 'lang="es">Un ministro')
        response = self.client.get("/articles/korea-fta/")
        self.assertContains(response, "<h1>Korea wants an FTA</h1>", html=True)

    def test_english_article_on_a_korean_page_is_marked_english(self):
        response = self.client.get("/ko/articles/korea-fta/")
        self.assertContains(response, '<h1 lang="en">Korea wants an FTA</h1>', html=True)

    def test_lists_mark_titles_standfirsts_and_quotes(self):
        articles = self.client.get("/articles/")
        self.assertContains(articles, '<p lang="es">Un ministro habla de comercio.</p>', html=True)
        self.assertContains(articles, "<p>A minister on trade.</p>", html=True)
        facts = self.client.get("/facts/")
        self.assertContains(
            facts, '<blockquote class="fact-quote" lang="es"><p>“crean 5,000 empleos”</p></blockquote>', html=True
        )
        fact_page = self.client.get(self.fact.get_permalink())
        self.assertContains(fact_page, '<p class="qa-prompt" lang="es">¿Qué sigue?</p>', html=True)

    def test_search_results_mark_headings_and_excerpts(self):
        response = self.client.get(reverse("articles:search"), {"q": "Corea"})
        self.assertContains(
            response,
            '<h3 lang="es"><a href="/articles/corea-tlc/"><mark>Corea</mark> quiere un TLC</a></h3>',
            html=True,
        )
        self.assertContains(response, 'class="search-excerpt" lang="es"')

    def test_english_words_in_a_spanish_page_for_lack_of_spanish_ones_are_marked_english(self):
        """Regression: a person's English role and country, and English titles in source lines, carried no lang."""
        person = PersonFactory(name="Ana Kim", role="Ambassador", country="Korea", role_es="", country_es="Corea")
        self.english.interviewee = person
        self.english.save()
        english_fact = FactFactory(article=self.english, pair=None, quote="A minister", person=person)
        page = self.client.get("/es/articles/korea-fta/")
        self.assertContains(page, '<bdi lang="en">Ambassador</bdi> (<bdi>Corea</bdi>)')
        with override("es"):
            fact_page = self.client.get(english_fact.get_permalink())
        self.assertContains(fact_page, '<bdi lang="en">Ambassador</bdi> (<bdi>Corea</bdi>)')
        self.assertContains(fact_page, 'en contexto en “<bdi lang="en">Korea wants an FTA</bdi>”')
        # The citation quotes the English words.
        self.assertContains(fact_page, ': “<bdi lang="en">A minister</bdi>” Kormex')
        facts = self.client.get("/es/facts/")
        self.assertContains(facts, '“<bdi lang="en">Korea wants an FTA</bdi>”')
        self.assertContains(facts, "“<bdi>Corea quiere un TLC</bdi>”")
