"""
Hostile strings saved through the real admin forms into every editable text field, then read
back from every public page in every language and from the admin: markup stays escaped text.
NUL and overlong input are refused by the admin with an error on the field, never a server
error; a CSV cell never starts a spreadsheet formula (tests/test_hostile_exports.py reads the
feeds, sitemap and exports).
"""

import csv
import io
import json
from urllib.parse import quote, urlencode

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.test import TestCase
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override

from articles.models import Article, Fact, Person, QAPair, Source, Theme

from .support.admin import add_rows, admin_url, create_editor, error_codes, form_data, save
from .support.factories import FactFactory
from .support.hostile import (
    CORPUS,
    DATED_QUOTE,
    FACTS,
    FIGURE_QUOTE,
    FORMULA_THEME,
    HOVER,
    IMG,
    LONG_ANSWER,
    SCRIPT,
    THEME,
    TRANSLATION,
    HostileContentTestCase,
    words,
)
from .support.pages import LANGUAGES, PageMarkup, body


class HostileContentTests(HostileContentTestCase):
    """Hostile strings read back from every page in every language and from the admin."""

    def test_the_admin_stores_every_hostile_string_verbatim(self):
        """Saving a change page unedited must not escape, strip or mangle what it holds."""
        saved = {Person: self.person, Source: self.source, Theme: self.theme, Article: self.article, QAPair: self.pair}
        for model, fields in CORPUS.items():
            obj = model.objects.get(pk=saved[model].pk)
            for name, value in fields.items():
                with self.subTest(model=model.__name__, field=name):
                    self.assertEqual(getattr(obj, name), value)
        for fact in FACTS.values():
            with self.subTest(fact=fact["quote"]):
                stored = self.facts[fact["quote"]]
                # Forms strip leading and trailing whitespace.
                self.assertEqual(stored.statement, fact["statement"].strip())
                self.assertEqual(stored.unit, fact.get("unit", ""))
        self.assertEqual(self.long_pair.answer, LONG_ANSWER)
        self.assertEqual(sorted(t.name for t in self.pair.themes.all()), [FORMULA_THEME, THEME])
        self.assertTrue(self.article.is_public and self.translation.is_public)

    def page_urls(self, language):
        """Return every public HTML page that shows the hostile content, in `language`."""
        with override(language):
            facts = [reverse("articles:fact-detail", kwargs={"pk": fact.pk}) for fact in self.facts.values()]
            # Percent-encoded, as browsers send a query string: the raw Korean slug is another spelling.
            theme_slug = quote(self.theme.local_slug)
            filters = f"?theme={theme_slug}&person={self.person.slug}&source={self.source.pk}&from=2023&to=2023"
            return [
                reverse("articles:home"),
                reverse("articles:article-list"),
                reverse("articles:article-list") + f"?theme={theme_slug}&person={self.person.slug}",
                self.article.get_absolute_url(),
                self.translation.get_absolute_url(),
                reverse("articles:theme-list"),
                self.theme.get_absolute_url(),
                self.formula_theme.get_absolute_url(),
                reverse("articles:fact-list"),
                reverse("articles:fact-list") + filters + "&kind=figure",
                *facts,
                reverse("articles:timeline"),
                reverse("articles:search") + "?q=alert",
                reverse("articles:search") + f"?q=onerror&theme={theme_slug}",
                reverse("articles:data"),
            ]

    def assertSafePage(self, url, response):
        """Fail if the page would run or load anything the editors typed; return its markup."""
        self.assertEqual(response.status_code, 200, url)
        html = response.content.decode()
        self.assertNotIn("<script>alert", html, url)
        page = PageMarkup(html)
        self.assertEqual(page.unsafe, [], url)
        for data in page.json_ld:
            self.assertNotIn("</", data, url)
            json.loads(data)
        return page

    def test_every_page_in_every_language_shows_hostile_text_escaped(self):
        for language in LANGUAGES:
            for url in self.page_urls(language):
                with self.subTest(url=url):
                    self.assertSafePage(url, self.client.get(url))

    def assertShown(self, url, *texts):
        page = self.assertSafePage(url, self.client.get(url))
        for text in texts:
            self.assertIn(words(text), page.visible, url)
        return page

    def test_the_article_page_shows_every_field_as_text(self):
        for language in LANGUAGES:
            with override(language):
                theme_name = self.theme.local_name
                url = self.article.get_absolute_url()
            with self.subTest(language=language):
                self.assertShown(
                    url,
                    *CORPUS[Article]["intro"].split("\n\n"),
                    CORPUS[Article]["title"],
                    CORPUS[Article]["standfirst"],
                    CORPUS[QAPair]["prompt"],
                    *CORPUS[QAPair]["answer"].split("\n\n"),
                    LONG_ANSWER,
                    *(fact.statement for fact in self.facts.values()),
                    CORPUS[Person]["name"],
                    CORPUS[Person]["role"],
                    CORPUS[Person]["country"],
                    CORPUS[Source]["name"],
                    theme_name,
                    FORMULA_THEME,
                )

    def test_json_ld_holds_the_hostile_text_without_closing_its_element(self):
        page = self.assertShown(self.article.get_absolute_url())
        data = json.loads(page.json_ld[0])
        self.assertEqual(data["headline"], CORPUS[Article]["title"])
        self.assertEqual(data["hasPart"][0]["acceptedAnswer"]["text"], CORPUS[QAPair]["answer"])
        self.assertEqual(data["contributor"]["jobTitle"], CORPUS[Person]["role"])
        self.assertIn("\\u003C/script\\u003E", "".join(page.json_ld))

    def test_fact_theme_and_list_pages_show_their_fields_as_text(self):
        figure = self.facts[FIGURE_QUOTE]
        for language in LANGUAGES:
            with self.subTest(language=language), override(language):
                theme = self.theme
                fact_url = reverse("articles:fact-detail", kwargs={"pk": figure.pk})
                self.assertShown(fact_url, figure.statement, FIGURE_QUOTE, CORPUS[Person]["name"])
                self.assertShown(
                    theme.get_absolute_url(), theme.local_name, theme.local_description, CORPUS[Article]["title"]
                )
                self.assertShown(reverse("articles:theme-list"), theme.local_name)
                self.assertShown(reverse("articles:fact-list"), figure.statement, CORPUS[Source]["name"])
                self.assertShown(reverse("articles:timeline"), self.facts[DATED_QUOTE].statement)
                self.assertShown(reverse("articles:home"), CORPUS[Article]["title"], figure.statement)
        self.assertShown(self.translation.get_absolute_url(), TRANSLATION["title"], TRANSLATION["intro"])

    def test_editor_text_set_inside_a_sentence_is_isolated(self):
        """A direction override (U+202E) in a title or a name reordered the rest of the sentence around it."""
        title = f"<bdi>{escape(CORPUS[Article]['title'])}</bdi>"
        person = {field: f"<bdi>{escape(CORPUS[Person][field])}</bdi>" for field in ["name", "role", "country"]}
        figure = reverse("articles:fact-detail", kwargs={"pk": self.facts[FIGURE_QUOTE].pk})
        sentences = {
            reverse("articles:home"): [f"Source: “{title}”"],
            reverse("articles:fact-list"): [f"Read it in “{title}”</a>, {person['name']}"],
            reverse("articles:timeline"): [f"Source words in “{title}”</a>, {person['name']}"],
            figure: [
                f"Read it in context in “{title}”",
                f"{title}</a>, interview with {person['name']}",
                f"{person['name']}, {person['role']} ({person['country']})",
                f"<bdi>{escape(self.facts[FIGURE_QUOTE].credit)}</bdi>: “<bdi>{escape(FIGURE_QUOTE)}</bdi>”",
            ],
            self.theme.get_absolute_url(): [f"in “{title}”", f"with {person['name']}"],
            self.article.get_absolute_url(): [f"With {person['name']}, {person['role']} ({person['country']})."],
            reverse("articles:search") + "?q=prompt": [f"In “{title}”"],
        }
        for url, expected in sentences.items():
            response = self.client.get(url)
            self.assertSafePage(url, response)
            html = response.content.decode()
            for sentence in expected:
                with self.subTest(url=url, sentence=sentence):
                    self.assertIn(sentence, html)

    def test_query_parameters_are_reflected_escaped(self):
        """Search terms and ignored values are shown back to the reader: as text only."""
        searched = "?" + urlencode([("q", SCRIPT), ("theme", IMG)])
        filtered = "?" + urlencode([("theme", IMG), ("person", HOVER), ("from", SCRIPT)])
        for language in LANGUAGES:
            with override(language):
                urls = [reverse("articles:search") + searched]
                urls += [reverse(f"articles:{name}") + filtered for name in ("fact-list", "article-list", "timeline")]
                urls += [self.theme.get_absolute_url() + filtered]
            for url in urls:
                with self.subTest(url=url):
                    self.assertShown(url, SCRIPT)

    def test_admin_pages_show_hostile_text_escaped(self):
        """The admin's own columns and links (fact links, translation links) escape editor text too."""
        self.client.force_login(self.editor)
        pages = [admin_url(model, "changelist") for model in [Article, QAPair, Fact, Theme, Person, Source]]
        pages += [
            admin_url(Article, "change", self.article.pk),
            admin_url(Theme, "change", self.theme.pk),
            admin_url(Fact, "change", self.facts[FIGURE_QUOTE].pk),
        ]
        for url in pages:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("<script>alert", response.content.decode())
                self.assertEqual(PageMarkup(response.content.decode()).unsafe, [])


class HostileInputRefusedTests(TestCase):
    """NUL, overlong text and script addresses get an error on their field, never a 500."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = create_editor()
        cls.person = Person.objects.create(name="Sang Min Lee", slug="sang-min-lee")
        cls.article = Article.objects.create(
            title="Trade", slug="trade", interviewee=cls.person, intro="The minister spoke in Seoul."
        )
        cls.pair = QAPair.objects.create(article=cls.article, position=1, prompt="Trade?", answer="It grew by 5%.")

    def setUp(self):
        self.client.force_login(self.editor)

    def valid_data(self, model):
        """Return a valid add form of `model` that the admin would save."""
        data = form_data(self.client, model)
        values = {
            Person: {"name": "Ana Ruiz", "slug": "ana-ruiz"},
            Source: {"name": "Reforma", "url": "https://example.com/"},
            Theme: {"name": "Mining", "slug": "mining"},
            Article: {"title": "Space", "slug": "space", "interviewee": str(self.person.pk)},
            QAPair: {"article": str(self.article.pk), "position": "2", "prompt": "Space?", "answer": "Soon."},
            Fact: {"article": str(self.article.pk), "pair": str(self.pair.pk), "statement": "Grew.", "quote": "5%"},
        }[model]
        data.update({name: [value] for name, value in values.items()})
        return data

    def text_fields(self, model, data):
        """Return the posted fields of `model`'s form where editors type text, with their model field."""
        fields = {}
        for name in data:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, models.CharField | models.TextField) and not field.choices or name == "themes":
                fields[name] = field
        return fields

    def assertRefused(self, model, data, field, code):
        count = model.objects.count()
        response = self.client.post(admin_url(model, "add"), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn(code, error_codes(response).get(field, []), error_codes(response))
        self.assertEqual(model.objects.count(), count)

    def test_valid_forms_save(self):
        """The refusals below are for the one bad field: the same forms save without it."""
        for model in [Person, Source, Theme, Article, QAPair, Fact]:
            with self.subTest(model=model.__name__):
                save(self.client, model, self.valid_data(model))

    def test_nul_in_any_text_field_is_a_form_error(self):
        """PostgreSQL refuses NUL in text: it must be stopped by the form, not the database."""
        for model in [Person, Source, Theme, Article, QAPair, Fact]:
            data = self.valid_data(model)
            for name in self.text_fields(model, data):
                with self.subTest(model=model.__name__, field=name):
                    value = data[name][0] or "text"
                    self.assertRefused(model, {**data, name: [f"{value}\x00"]}, name, "null_characters_not_allowed")

    def test_nul_in_inline_rows_is_a_form_error(self):
        data = self.valid_data(Article)
        for name in ["prompt", "answer", "anchor", "themes"]:
            with self.subTest(field=name):
                row = {"position": "1", "prompt": "Trade?", "answer": "Yes.", "anchor": "", "themes": ""}
                posted = add_rows({**data}, "pairs", [{**row, name: f"{row[name] or 'text'}\x00"}])
                self.assertRefused(Article, posted, f"pairs-0-{name}", "null_characters_not_allowed")

    def test_text_beyond_max_length_is_a_form_error(self):
        for model in [Person, Source, Theme, Article, QAPair, Fact]:
            data = self.valid_data(model)
            for name, field in self.text_fields(model, data).items():
                if not getattr(field, "max_length", None) or name == "themes":
                    continue
                with self.subTest(model=model.__name__, field=name):
                    self.assertRefused(model, {**data, name: ["a" * (field.max_length + 1)]}, name, "max_length")

    def test_script_addresses_are_refused(self):
        for value in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>"]:
            with self.subTest(value=value):
                self.assertRefused(Source, {**self.valid_data(Source), "url": [value]}, "url", "invalid")
                article = {**self.valid_data(Article), "source_url": [value]}
                self.assertRefused(Article, article, "source_url", "invalid")


class CsvCellTests(TestCase):
    def test_cells_starting_with_tab_or_carriage_return_are_neutralised(self):
        """
        Admin forms strip leading whitespace and saves turn a single-line field's tab or carriage
        return into a space, but text stored otherwise (queryset.update(), or before that rule)
        keeps it: a tab or carriage return before a formula still makes a spreadsheet run it.
        """
        fact = FactFactory(quote="5,000")
        Fact.objects.filter(pk=fact.pk).update(statement="\t=1+1", unit="\r=cmd")
        header, line = csv.reader(io.StringIO(body(self.client.get(reverse("articles:facts-csv"))).decode()))
        cells = dict(zip(header, line, strict=True))
        self.assertEqual(cells["statement"], "'\t=1+1")
        self.assertEqual(cells["unit"], "'\r=cmd")
