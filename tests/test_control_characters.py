"""
Control characters (every C0 and C1 code, DEL, U+2028 and U+2029) in every text field: cleaned
on the way in, whatever the path (admin forms, saves from the shell, raw saves of backups and
version restores, the importer), and never a server error on the way out: feeds, the sitemap,
exports and the article page stay well formed whatever text the database holds.
"""

import csv
import io
import json
import tempfile
import xml.etree.ElementTree as ElementTree
from io import StringIO
from pathlib import Path

import reversion
from django.core.management import call_command
from django.db import models
from django.test import Client, TestCase
from django.urls import reverse
from django.utils.translation import override
from reversion.models import Version

from articles.control_characters import clean_text
from articles.models import Article, Fact, Person, QAPair, Source, Theme, ThemeMerge, ThemeRedirect

from .support.admin import add_rows, admin_url, create_editor, error_codes, form_data, save
from .support.factories import ArticleFactory, FactFactory, PersonFactory, QAPairFactory, SourceFactory, ThemeFactory
from .support.pages import LANGUAGES, PageMarkup, body, sitemap_pages

CONTROLS = [chr(code) for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)]] + ["\u2028", "\u2029"]
# What a word processor pastes for a manual line break, and the other line and paragraph breaks.
LINE_BREAKS = {"\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"}
EVERY_CONTROL = "".join(CONTROLS)
# PostgreSQL refuses NUL in text: the admin refuses it (tests/test_hostile.py), other paths drop it.
TYPED = EVERY_CONTROL.replace("\x00", "")
# A quote comes from one paragraph: these controls, typed, leave no line break behind.
IN_A_QUOTE = "".join(control for control in TYPED if control not in LINE_BREAKS)


def expected(text, multiline):
    """
    Return `text` as a text field must store it: a line break a newline in multi-line text and a
    space otherwise (CRLF one break), a tab kept in multi-line text and a space otherwise, every
    other control removed. Written out here, apart from the code under test.
    """
    text = text.replace("\r\n", "\n")
    kept = []
    for char in text:
        if char in LINE_BREAKS:
            kept.append("\n" if multiline else " ")
        elif char == "\t":
            kept.append("\t" if multiline else " ")
        elif char not in CONTROLS:
            kept.append(char)
    return "".join(kept)


def text_fields(model, typed_only=False):
    """
    Return the CharFields and TextFields of `model` without choices; `typed_only` keeps those
    where editors type free text in the admin: not slugs, addresses or fields it does not show.
    """
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and not (typed_only and (isinstance(field, models.SlugField | models.URLField) or not field.editable))
    ]


def is_multiline(model, name):
    return isinstance(model._meta.get_field(name), models.TextField)


class CleanTextTests(TestCase):
    def test_each_control_character_is_a_line_break_a_space_or_nothing(self):
        for control in CONTROLS:
            for multiline in (False, True):
                with self.subTest(control=f"U+{ord(control):04X}", multiline=multiline):
                    self.assertEqual(clean_text(f"a{control}b", multiline), expected(f"a{control}b", multiline))

    def test_crlf_is_one_line_break_and_other_text_is_untouched(self):
        self.assertEqual(clean_text("one\r\ntwo\rthree", multiline=True), "one\ntwo\nthree")
        self.assertEqual(clean_text("one\r\ntwo", multiline=False), "one two")
        text = "Ünïcödé 한국어 — “quotes” \u202egnp.exe\u202c\u200f ☃"
        self.assertEqual(clean_text(text), text)

    def test_a_quote_cleaned_stays_inside_the_text_it_quotes(self):
        """A fact's quote and its answer are cleaned alike: "the quote appears verbatim" still holds."""
        answer = f"He said\r\nthat {EVERY_CONTROL} trade grew\r\n by 5%."
        for start in range(len(answer)):
            for end in range(start + 1, len(answer) + 1):
                self.assertIn(clean_text(answer[start:end], True), clean_text(answer, True), (start, end))


def orm_objects():
    """Return one unsaved object of each model editors write, and the values its text fields get."""
    article = ArticleFactory()
    theme = ThemeFactory()
    pair = QAPairFactory(article=article)
    objects = [
        Person(),
        Source(),
        Theme(),
        Article(),
        QAPair(article=article, position=pair.position + 1),
        Fact(article=article, pair=pair, value=1),
        ThemeRedirect(theme=theme),
        ThemeMerge(item_count=0),
    ]
    return [(obj, {field.attname: f"x{TYPED}{EVERY_CONTROL}y" for field in text_fields(type(obj))}) for obj in objects]


class OrmSaveTests(TestCase):
    """Saves from the shell, the importer's code or a command: every text field of every model."""

    def test_every_text_field_of_every_model_is_cleaned_on_save(self):
        for obj, values in orm_objects():
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
            stored = type(obj).objects.filter(pk=obj.pk).values(*values).get()
            for name, value in values.items():
                with self.subTest(model=type(obj).__name__, field=name):
                    self.assertEqual(stored[name], expected(value, is_multiline(type(obj), name)))

    def test_a_quote_saved_with_its_answer_still_appears_in_it(self):
        pair = QAPairFactory(answer=f"Exports grew{EVERY_CONTROL}by 5%\r\nin 2023.")
        fact = FactFactory(pair=pair, quote=f"grew{EVERY_CONTROL}by 5%\r", value=None, unit="")
        fact.refresh_from_db()
        self.assertIn(fact.quote, fact.pair.answer)
        self.assertEqual(fact.pair.answer, "Exports grew\t\n\n\n\n\n\n\nby 5%\nin 2023.")


class RawSaveTests(TestCase):
    """Backups restored with loaddata and versions restored by django-reversion save raw: they are cleaned too."""

    def test_restoring_a_backup_cleans_its_text(self):
        data = [
            {
                "model": "articles.person",
                "pk": 900,
                "fields": {"name": f"Ana{TYPED}Ruiz", "slug": "ana-ruiz", "role": "Minister\x0bof trade"},
            },
            {
                "model": "articles.source",
                "pk": 900,
                "fields": {"name": "El\x1b Economista\u2028", "url": "https://example.com/\x1b", "language": "es"},
            },
        ]
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "backup.json"
            path.write_text(json.dumps(data), encoding="utf-8")
            call_command("restore", str(path), stdout=StringIO())
        person, source = Person.objects.get(pk=900), Source.objects.get(pk=900)
        self.assertEqual((person.name, person.role), (expected(f"Ana{TYPED}Ruiz", False), "Minister of trade"))
        self.assertEqual((source.name, source.url), ("El Economista ", "https://example.com/"))

    def test_restoring_a_version_cleans_its_text(self):
        with reversion.create_revision():
            article = ArticleFactory(title="Trade talks")
            pair = QAPairFactory(article=article, answer="It grew.")
        for obj, field, value in [(article, "title", "Trade\x0btalks\x1b"), (pair, "answer", "It\x0bgrew.\x07")]:
            version = Version.objects.get_for_object(obj).get()
            data = json.loads(version.serialized_data)
            data[0]["fields"][field] = value
            version.serialized_data = json.dumps(data)
            version.save()
        Version.objects.get_for_object(article).get().revision.revert()
        article.refresh_from_db()
        pair.refresh_from_db()
        self.assertEqual((article.title, pair.answer), ("Trade talks", "It\ngrew."))


class ImportTests(TestCase):
    def test_an_imported_text_is_stored_without_control_characters(self):
        PersonFactory(slug="ana-ruiz")
        text = (
            "Trade\x1b talks\r\n\r\nQ: Will\x0btrade grow?\n\nA: Yes.\x0bIt will\x07 grow by 5%.\x0c\n\n"
            "Q: When?\n\nA: Soon."
        )
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "interview.txt"
            path.write_bytes(text.encode())
            call_command("import_article", str(path), "--interviewee", "ana-ruiz", stdout=StringIO())
        article = Article.objects.originals().get()
        self.assertEqual(article.title, "Trade talks")
        first = article.pairs.get(position=1)
        self.assertEqual((first.prompt, first.answer), ("Will\ntrade grow?", "Yes.\nIt will grow by 5%."))


def public_urls(article, theme, facts):
    """Yield every feed, the sitemap's pages, the exports and the article's and facts' pages, in every language."""
    for language in LANGUAGES:
        with override(language):
            for name in ["feed-rss", "feed-atom"]:
                yield reverse(f"articles:{name}"), "xml"
            for name in ["theme-feed-rss", "theme-feed-atom"]:
                yield reverse(f"articles:{name}", kwargs={"slug": theme.local_slug}), "xml"
            yield reverse("articles:facts-json"), "json"
            yield reverse("articles:theme-facts-json", kwargs={"slug": theme.local_slug}), "json"
            yield reverse("articles:facts-csv"), "csv"
            yield reverse("articles:theme-facts-csv", kwargs={"slug": theme.local_slug}), "csv"
            yield article.get_absolute_url(), "html"
            yield theme.get_absolute_url(), "html"
            for fact in facts:
                yield fact.get_permalink(), "html"
            for name in ["home", "article-list", "fact-list", "timeline", "theme-list", "data"]:
                yield reverse(f"articles:{name}"), "html"
            yield reverse("articles:search") + "?q=trade", "html"


class WellFormedOutputMixin:
    def assertWellFormed(self, url, kind):
        """Fail unless `url` answers 200 with a document of `kind` that parses; return the response."""
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        content = body(response)
        if kind == "xml":
            ElementTree.fromstring(content)
        elif kind == "json":
            json.loads(content)
        elif kind == "csv":
            list(csv.reader(io.StringIO(content.decode())))
        else:
            for data in PageMarkup(content.decode()).json_ld:
                json.loads(data)
        return response

    def assertEverythingWellFormed(self, article, theme, facts):
        for url, kind in public_urls(article, theme, facts):
            with self.subTest(url=url):
                self.assertWellFormed(url, kind)
        self.assertTrue(sitemap_pages(self.client))


class AdminInputTests(WellFormedOutputMixin, TestCase):
    """Every control character typed or pasted into every text field of every admin form."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = create_editor()
        client = Client()
        client.force_login(cls.editor)
        cls.saved = {}

        def add(model, values, find):
            data = form_data(client, model)
            data.update({name: [value] for name, value in values.items()})
            save(client, model, data)
            obj = model.objects.get(**find)
            cls.saved.setdefault(model, []).append((obj, values))
            return obj

        def typed(model, **others):
            """Every plain text field of `model` typed with every control, but for those given."""
            return {field.name: f"x{TYPED}y" for field in text_fields(model, typed_only=True)} | others

        cls.person = add(Person, typed(Person, slug="ana-ruiz"), {"slug": "ana-ruiz"})
        cls.source = add(Source, typed(Source, url="https://example.com/"), {"url": "https://example.com/"})
        slugs = {"slug": "trade", "slug_es": "comercio", "slug_ko": "무역"}
        cls.theme = add(Theme, typed(Theme, name=f"Trade{TYPED}FTA", **slugs), {"slug": "trade"})
        # Items are tagged with the name as stored: another spacing would be refused as a lookalike.
        themes = cls.theme.name
        intro = f"The minister{IN_A_QUOTE}spoke in Seoul."
        data = form_data(client, Article)
        values = typed(Article, intro=intro, source_url="https://example.com/a")
        data.update({name: [value] for name, value in values.items()})
        data.update(
            slug=["trade-talks"],
            interviewee=[str(cls.person.pk)],
            source=[str(cls.source.pk)],
            themes=[themes],
            status=["published"],
        )
        add_rows(data, "pairs", [{"position": "1", "anchor": "", "themes": "", **typed(QAPair)}])
        intro_fact = typed(Fact, quote=f"minister{IN_A_QUOTE}spoke", unit="")
        add_rows(data, "facts", [{"pair": "", "themes": "", **intro_fact}])
        save(client, Article, data)
        cls.article = Article.objects.get(slug="trade-talks")
        cls.saved[Article] = [(cls.article, values)]
        answer = f"Exports{TYPED}grew{IN_A_QUOTE}by 5%."
        pair = add(
            QAPair,
            typed(QAPair, answer=answer) | {"article": str(cls.article.pk), "position": "2", "themes": themes},
            {"position": 2},
        )
        add(
            Fact,
            typed(Fact, quote=f"grew{IN_A_QUOTE}by 5%", value="5")
            | {"article": str(cls.article.pk), "pair": str(pair.pk), "themes": themes},
            {"pair": pair},
        )
        cls.facts = list(cls.article.facts.all())

    def test_every_text_field_is_stored_clean(self):
        for model, saved in self.saved.items():
            for obj, values in saved:
                obj.refresh_from_db()
                for name, value in values.items():
                    if not isinstance(model._meta.get_field(name), models.CharField | models.TextField):
                        continue
                    with self.subTest(model=model.__name__, field=name):
                        self.assertEqual(getattr(obj, name), expected(value, is_multiline(model, name)).strip())
        inline_pair, inline_fact = self.article.pairs.get(position=1), self.article.facts.get(pair=None)
        self.assertEqual(inline_pair.answer, expected(f"x{TYPED}y", True))
        self.assertEqual(inline_fact.statement, expected(f"x{TYPED}y", False))

    def test_quotes_still_appear_verbatim_in_what_they_quote(self):
        for fact in self.facts:
            with self.subTest(fact=fact.statement):
                self.assertIn(fact.quote, fact.quoted_text)
                self.assertNotIn("\x1b", fact.quote)

    def test_a_quote_over_a_pasted_line_break_gets_the_one_paragraph_message(self):
        self.client.force_login(self.editor)
        pair = self.article.pairs.get(position=2)
        data = form_data(self.client, Fact)
        data.update(article=[str(self.article.pk)], pair=[str(pair.pk)], statement=["Grew."], quote=["x\x0bExports"])
        response = self.client.post(admin_url(Fact, "add"), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("quote", error_codes(response))
        self.assertContains(response, "A quote comes from one paragraph: remove the line breaks.")

    def test_feeds_sitemap_exports_and_pages_are_well_formed(self):
        self.assertEverythingWellFormed(self.article, self.theme, self.facts)


class StoredTextTests(WellFormedOutputMixin, TestCase):
    """Text stored without a save (queryset.update(), or before these rules) holding every control character."""

    @classmethod
    def setUpTestData(cls):
        cls.theme = ThemeFactory(name="Trade", slug="trade", slug_es="comercio", name_ko="무역", slug_ko="무역")
        cls.article = ArticleFactory(themes=[cls.theme], source=SourceFactory(url="https://example.com/"))
        pair = QAPairFactory(article=cls.article, themes=[cls.theme])
        cls.facts = [FactFactory(pair=pair, themes=[cls.theme])]
        for model, objects in [
            (Article, [cls.article]),
            (QAPair, [pair]),
            (Fact, cls.facts),
            (Person, [cls.article.interviewee]),
            (Source, [cls.article.source]),
            (Theme, [cls.theme]),
        ]:
            fields = text_fields(model, typed_only=True)
            model.objects.filter(pk__in=[obj.pk for obj in objects]).update(
                **{field.attname: f"{field.name}{TYPED}trade" for field in fields if field.attname != "unit"}
            )

    def test_stored_text_holds_the_controls(self):
        self.article.refresh_from_db()
        self.assertIn("\x0b", self.article.title)

    def test_feeds_sitemap_exports_and_pages_answer_200_and_are_well_formed(self):
        self.assertEverythingWellFormed(self.article, self.theme, self.facts)

    def test_feed_items_keep_their_text_without_the_controls(self):
        response = self.assertWellFormed(reverse("articles:feed-atom"), "xml")
        atom = "{http://www.w3.org/2005/Atom}"
        entry = ElementTree.fromstring(response.content).find(f"{atom}entry")
        self.assertEqual(entry.findtext(f"{atom}title"), expected(f"title{TYPED}trade", True))
        self.assertEqual(entry.find(f"{atom}category").get("term"), expected(f"name{TYPED}trade", True))
