"""The compare view of the history: what changed, part by part, in the words of the admin's forms."""

import re
from datetime import date
from decimal import Decimal
from html import unescape

import reversion
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override
from reversion.models import Version

from articles.history_comments import said
from articles.models import Article, Fact, QAPair
from articles.services.translations import create_translation

from .support.admin import admin_url, member_of, opened
from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, ThemeFactory

ANSWER = "Trade between the two countries grew fast in 2023.\n\nIt will grow again next year, we expect."


def visible_text(response):
    """Return the text of a page without its tags, scripts and styles."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.DOTALL)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def record(*objects):
    """Save a version of each of `objects` as they are in the database, in one revision."""
    with reversion.create_revision():
        for obj in objects:
            reversion.add_to_revision(type(obj).objects.get(pk=obj.pk))


class CompareTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = member_of("Editor")
        cls.trade, cls.space = ThemeFactory(name="Trade"), ThemeFactory(name="Space")

    def setUp(self):
        self.client.force_login(self.editor)

    def compare(self, obj, **kwargs):
        """Return the compare page of the two latest versions of `obj` (`kwargs` go to the request)."""
        newer, older = Version.objects.get_for_object(obj)[:2]
        url = admin_url(obj._meta.model_name, "history", obj.pk) + "compare/"
        response = self.client.get(url, {"version_id1": older.pk, "version_id2": newer.pk}, **kwargs)
        self.assertEqual(response.status_code, 200)
        return response


class ArticleCompareTests(CompareTestCase):
    def setUp(self):
        super().setUp()
        self.article = ArticleFactory(interviewer=PersonFactory(), themes=[self.trade])
        self.pair = QAPairFactory(article=self.article, position=1, prompt="How is trade?", answer=ANSWER)
        self.fact = FactFactory(
            pair=self.pair,
            statement="Trade grew fast in 2023.",
            quote="grew fast in 2023",
            value=None,
            unit="",
            date=date(2023, 1, 1),
            date_precision="year",
        )
        record(self.article)

    def test_an_edited_answer_shows_the_words_removed_and_added(self):
        """Regression: the compare view named the pair by its prompt, as changed, with no diff of its answer."""
        QAPair.objects.filter(pk=self.pair.pk).update(answer=ANSWER.replace("next year", "in 2025"))
        record(self.article)
        response = self.compare(self.article)
        self.assertContains(response, "<h3>Q&amp;A pairs</h3>", html=True)
        self.assertContains(response, "Changed: 1. How is trade?")
        self.assertContains(response, "<dt>Answer</dt>", html=True)
        self.assertContains(response, "<del>next year</del>", html=True)
        self.assertContains(response, "<ins>in 2025</ins>", html=True)
        self.assertNotContains(response, "<dt>Prompt</dt>", html=True)

    def test_nothing_says_reversion_control_and_unchanged_relations_are_not_listed(self):
        """Regression: every related field was listed as changed, starred as "not under reversion control"."""
        Article.objects.filter(pk=self.article.pk).update(title="A new title")
        record(self.article)
        content = self.compare(self.article).content.decode()
        self.assertNotIn("reversion control", content)
        self.assertNotIn('class="follow"', content)
        for unchanged in ["Interviewee", "Interviewer", "Source", "Updated at", "Q&amp;A pairs", "Facts", "Themes"]:
            self.assertNotIn(f"<h3>{unchanged}</h3>", content)
        self.assertIn("<h3>Title</h3>", content)

    def test_a_pairs_position_prompt_anchor_and_themes_are_compared(self):
        QAPair.objects.filter(pk=self.pair.pk).update(position=2, prompt="How is trade now?", anchor="trade-now")
        self.pair.themes.set([self.space])
        record(self.article)
        response = self.compare(self.article)
        for label in ["Position", "Prompt", "Anchor", "Themes"]:
            self.assertContains(response, f"<dt>{label}</dt>", html=True)
        self.assertContains(response, "<ins>Space</ins>", html=True)

    def test_a_facts_statement_quote_figure_and_date_are_compared_in_editors_words(self):
        Fact.objects.filter(pk=self.fact.pk).update(
            statement="Trade grew in 2023.",
            quote="grew fast",
            value=Decimal("19800000000"),
            unit="USD",
            date=date(2023, 5, 1),
            date_precision="month",
        )
        record(self.article)
        response = self.compare(self.article)
        self.assertContains(response, "<h3>Facts</h3>", html=True)
        self.assertContains(response, "Changed: Trade grew in 2023.")
        for label in ["Statement", "Quote", "Figure", "Date"]:
            self.assertContains(response, f"<dt>{label}</dt>", html=True)
        # Regression: figures were compared as raw digits ("19800000000"), not as the admin writes them.
        self.assertContains(response, "19,800,000,000 USD")
        self.assertContains(response, "<ins>May </ins>2023")
        self.assertContains(self.compare(self.article, headers={"accept-language": "es"}), "19.800.000.000 USD")

    def test_added_and_removed_parts_are_named(self):
        Fact.objects.filter(pk=self.fact.pk).delete()
        QAPairFactory(article=self.article, position=2, prompt="And space?", answer="Space is next.")
        record(self.article)
        response = self.compare(self.article)
        self.assertContains(response, "Removed: Trade grew fast in 2023.")
        self.assertContains(response, "Added: 2. And space?")
        self.assertContains(response, "<ins>Space is next.</ins>", html=True)
        self.assertNotContains(response, "<dt>Key figure</dt>", html=True)

    def test_themes_of_the_article_are_compared_by_name(self):
        self.article.themes.set([self.space])
        record(self.article)
        response = self.compare(self.article)
        self.assertContains(response, "<ins>Space</ins>, <del>Trade</del>")

    def test_a_figure_saved_again_with_more_decimals_is_not_a_change(self):
        """
        Regression: a fact saved from the form holds 5000.0000 where the version before held 5000;
        its serialized version differed, so every fact with a figure was listed as changed.
        """
        fact = Fact.objects.get(pk=self.fact.pk)
        for value in [Decimal("5000"), Decimal("5000.0000")]:
            fact.value, fact.unit = value, "jobs"
            with reversion.create_revision():
                fact.save()
                reversion.add_to_revision(Article.objects.get(pk=self.article.pk))
        self.assertNotContains(self.compare(self.article), self.fact.statement)

    def test_the_queries_do_not_grow_with_the_pairs_changed(self):
        counts = []
        for pairs in [2, 12]:
            article = ArticleFactory()
            for position in range(1, pairs + 1):
                FactFactory(pair=QAPairFactory(article=article, position=position))
            record(article)
            QAPair.objects.filter(article=article).update(answer="A new answer: create 5,000 jobs.")
            Fact.objects.filter(article=article).update(statement="A new statement.")
            record(article)
            with CaptureQueriesContext(connection) as queries:
                response = self.compare(article)
            self.assertContains(response, "Changed: ", count=2 * pairs)
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])


class OtherCompareTests(CompareTestCase):
    def test_a_pairs_own_history_compares_its_answer(self):
        pair = QAPairFactory(answer=ANSWER)
        record(pair)
        QAPair.objects.filter(pk=pair.pk).update(answer=ANSWER.replace("fast", "slowly"))
        record(pair)
        response = self.compare(pair)
        self.assertContains(response, "<h3>Answer</h3>", html=True)
        self.assertContains(response, "<ins>slowly</ins>", html=True)
        self.assertNotContains(response, "reversion control")
        self.assertNotContains(response, "<h3>Article</h3>", html=True)

    def test_a_persons_history_compares_its_fields(self):
        person = PersonFactory(role="Minister")
        record(person)
        type(person).objects.filter(pk=person.pk).update(role="Former minister")
        record(person)
        response = self.compare(person)
        self.assertContains(response, "<h3>Role</h3>", html=True)
        self.assertContains(response, "Former")
        self.assertNotContains(response, "reversion control")


class HistoryInEditorsLanguageTests(CompareTestCase):
    """django-reversion has no Korean, reversion-compare neither Spanish nor Korean: Kormex says their words."""

    ENGLISH = [
        "Choose a date from the list",
        "Compare",
        "Go back to history list",
        "Revert to this version",
        "Press the save button",
        "Revert ",
        "Recover deleted",
        "There are no deleted objects",
    ]
    TRANSLATED = {
        "es": [
            "Elija una fecha",
            "Comparar",
            "Volver al histórico",
            "Restaurar esta versión",
            "Pulse Guardar",
            "Recuperar lo eliminado: artículos",
            "No hay nada eliminado que recuperar.",
        ],
        "ko": [
            "날짜를 고르면",
            "비교",
            "히스토리로 돌아가기",
            "이 버전으로 되돌리기",
            "저장을 누르면",
            "삭제된 기사 복구",
            "복구할 삭제 항목이",
        ],
    }

    def test_history_compare_and_restore_pages_are_in_the_editors_language(self):
        article = ArticleFactory(title="Trade talks")
        record(article)
        article.standfirst = "Talks went on."
        article.save()
        record(article)
        newer, older = Version.objects.get_for_object(article)[:2]
        history = admin_url("article", "history", article.pk)
        pages = [
            (history, {}),
            (f"{history}compare/", {"version_id1": older.pk, "version_id2": newer.pk}),
            (f"{history}{older.pk}/", {}),
            (admin_url("article", "changelist"), {}),
            (f"{admin_url('article', 'changelist')}recover/", {}),
        ]
        for language, words in self.TRANSLATED.items():
            seen = ""
            for url, query in pages:
                with self.subTest(language=language, url=url):
                    response = self.client.get(url, query, headers={"accept-language": language})
                    self.assertEqual(response.status_code, 200)
                    text = visible_text(response)
                    seen += text
                    for english in self.ENGLISH:
                        self.assertNotIn(english, text)
            for word in words:
                self.assertIn(word, seen)

    def test_comments_are_said_in_the_language_of_whoever_reads_the_history(self):
        """Comments were kept in the language of the editor who saved: Spanish on a Korean editor's history."""
        article = ArticleFactory(title="Trade talks", draft=True)
        spanish = {"accept-language": "es"}
        form = opened(self.client, "article", article.pk)
        self.client.post(
            admin_url("article", "change", article.pk), form | {"title": "Trade talks resume"}, headers=spanish
        )
        self.client.post(
            admin_url("article", "changelist"), {"action": "publish", "_selected_action": [article.pk]}, headers=spanish
        )
        history = admin_url("article", "history", article.pk)
        korean = visible_text(self.client.get(history, headers={"accept-language": "ko"}))
        self.assertIn("게시했습니다.", korean)
        # Regression: Django's Korean said "제목가 변경되었습니다." (the wrong particle).
        self.assertIn("제목을(를) 변경했습니다.", korean)
        for spanish_words in ["Publicado.", "Cambios en"]:
            self.assertNotIn(spanish_words, korean)
        english = visible_text(self.client.get(history))
        self.assertIn("Published.", english)
        self.assertIn("Changed Title.", english)

    def test_every_changed_field_is_named_in_the_readers_language(self):
        """Regression: a reordered pair's history said "Cambios en Position…", "…의 Position필드를 변경했습니다"."""
        pair = QAPairFactory(article=ArticleFactory(), position=1)
        data = opened(self.client, "qapair", pair.pk) | {"position": "2", "answer": "A new answer."}
        self.client.post(admin_url("qapair", "change", pair.pk), data)
        revision = Version.objects.get_for_object(pair).first().revision
        for language, names in [("es", ["Posición", "Respuesta"]), ("ko", ["위치", "답변"])]:
            with self.subTest(language), override(language):
                comment = said(revision)
                self.assertNotIn("Position", comment)
                for name in names:
                    self.assertIn(name, comment)

    def test_a_translations_creation_names_its_language_in_the_readers_and_older_comments_stay(self):
        original = ArticleFactory()
        translation = create_translation(original, "ko")
        created = Version.objects.get_for_object(translation).first().revision
        for language, comment in [("en", "Translation created (Korean)."), ("es", "Traducción creada (coreano).")]:
            with override(language):
                self.assertEqual(said(created), comment)
        created.comment = "Guardado a mano."
        self.assertEqual(said(created), "Guardado a mano.")
