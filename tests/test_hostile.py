"""
Hostile strings saved through the real admin forms into every editable text field, then read
back from every public page, feed, sitemap and export in every language: markup stays escaped
text, JSON and XML stay well formed, CSV cells never start a spreadsheet formula. NUL and
overlong input are refused by the admin with an error on the field, never a server error.
"""

import csv
import io
import json
import xml.etree.ElementTree as ElementTree
from urllib.parse import quote, urlencode

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.test import Client, TestCase
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override

from articles.models import Article, Fact, Person, QAPair, Source, Theme

from .support.admin import add_rows, admin_url, create_editor, error_codes, form_data, save
from .support.factories import FactFactory
from .support.pages import LANGUAGES, PageMarkup, body, sitemap_pages

SCRIPT = '<script>alert("kormex")</script>'
IMG = '"><img src=x onerror=alert(1)>'
HOVER = "' onmouseover='alert(1)"
# Right-to-left override and its pop, an isolate and a right-to-left mark.
BIDI = "\u202egnp.exe\u202c \u2067isolated\u2069 \u200f"
# Every kind of attack in one string, named by the field it goes in so that a page shows which.
ATTACKS = f"{SCRIPT} {IMG} {HOVER} {BIDI}"
# Taggit reads quotes and commas in a themes box as syntax: theme names carry the rest.
THEME = "<script>alert(1)</script> theme"
FORMULA_THEME = "+cmd|' /C calc'!A0"
# A unit is at most 40 characters; two facts share it so that a chart draws it.
UNIT = "+<script>alert(1)</script>"
INTRO_QUOTE = f"-1+1 {SCRIPT} intro quote"
FIGURE_QUOTE = f"@SUM(1+1) {SCRIPT} figure quote"
DATED_QUOTE = f"{IMG} dated quote {BIDI}"
# A long answer within its TextField: shown whole.
LONG_ANSWER = " ".join(f"{SCRIPT}{n}" for n in range(400))[:10_000]

# The elements a sitemap page may hold: the sitemap protocol's and its hreflang links.
SITEMAP_NAMESPACES = ("{http://www.sitemaps.org/schemas/sitemap/0.9}", "{http://www.w3.org/1999/xhtml}link")
# What a spreadsheet runs as a formula at the start of a cell (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# CSV columns of numbers, where a leading "-" is a negative figure, not a formula.
NUMERIC_COLUMNS = {"id", "value"}

CORPUS = {
    Person: {
        "name": f"@SUM(1+1) person {SCRIPT}",
        "role": f"role {ATTACKS}",
        "country": f"country {HOVER} {BIDI}",
    },
    Source: {
        "name": f'=HYPERLINK("https://example.com","source") {SCRIPT}',
        "url": f"https://example.com/?q={IMG.replace(' ', '')}",
    },
    Theme: {
        "name": THEME,
        "description": f"description {ATTACKS}",
        "name_es": "'><img src=x onerror=alert(1)> tema",
        "description_es": f"descripción {ATTACKS}",
        "name_ko": f"<svg onload=alert(1)> 주제 {BIDI}",
        "description_ko": f"설명 {ATTACKS}",
    },
    Article: {
        "title": f"title {ATTACKS}",
        "standfirst": f"standfirst {ATTACKS}",
        "intro": f"intro {ATTACKS}\n\nThe minister said {INTRO_QUOTE} in Seoul.",
        "source_url": f"https://example.com/{SCRIPT.replace(' ', '')}",
    },
    QAPair: {
        "prompt": f"prompt {ATTACKS}?",
        "answer": f"answer {ATTACKS}\n\nHe said {FIGURE_QUOTE} and {DATED_QUOTE}.",
    },
}
TRANSLATION = {
    "title": f"título {ATTACKS}",
    "standfirst": f"entradilla {ATTACKS}",
    "intro": f"introducción {ATTACKS}",
}
FACTS = {
    "intro": {"statement": f"+cmd intro fact {ATTACKS}", "quote": INTRO_QUOTE},
    "figure": {
        "statement": f'=HYPERLINK("https://example.com","figure fact") {SCRIPT}',
        "quote": FIGURE_QUOTE,
        "value": "2000",
        "unit": UNIT,
    },
    # The admin strips the tab, leaving "-" first: still a formula to neutralise.
    "dated": {
        "statement": f"\t-1+1 dated fact {ATTACKS}",
        "quote": DATED_QUOTE,
        "value": "1000",
        "unit": UNIT,
        "date": "2023-01-01",
        "date_precision": "year",
    },
}


def add_through_admin(client, model, **values):
    """Save a new `model` with `values` through its admin add page and return it."""
    data = form_data(client, model)
    data.update({name: [value] for name, value in values.items()})
    save(client, model, data)
    return model.objects.get(**{name: value for name, value in values.items() if name in ("slug", "name")})


def words(text):
    """Return `text` with its whitespace collapsed, as the page's text is compared."""
    return " ".join(text.split())


class HostileContentTests(TestCase):
    """Hostile strings in every editable text field, saved through the admin by an Editor."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = create_editor()
        client = Client()
        client.force_login(cls.editor)
        cls.person = add_through_admin(client, Person, slug="hostile-person", **CORPUS[Person])
        cls.source = add_through_admin(client, Source, **CORPUS[Source])
        cls.theme = add_through_admin(
            client, Theme, slug="hostile-theme", slug_es="tema-hostil", slug_ko="적대적-주제", **CORPUS[Theme]
        )
        themes = f"{THEME}, {FORMULA_THEME}"
        data = form_data(client, Article)
        data.update(
            {name: [value] for name, value in CORPUS[Article].items()}
            | {
                "slug": ["hostile"],
                "kind": ["interview"],
                "interviewee": [str(cls.person.pk)],
                "source": [str(cls.source.pk)],
                "themes": [themes],
                "status": ["published"],
            }
        )
        add_rows(data, "pairs", [{"position": "1", "anchor": "", "themes": themes, **CORPUS[QAPair]}])
        add_rows(data, "facts", [{"pair": "", "themes": themes, **FACTS["intro"]}])
        save(client, Article, data)
        cls.article = Article.objects.get(slug="hostile")
        cls.pair = cls.article.pairs.get()
        for name in ["figure", "dated"]:
            data = form_data(client, Fact)
            data.update({name: [value] for name, value in FACTS[name].items()})
            data.update(
                article=[str(cls.article.pk)],
                pair=[str(cls.pair.pk)],
                person=[str(cls.person.pk)],
                themes=[themes],
                is_key_figure=["on"],
            )
            save(client, Fact, data)
        # A second pair on its own admin page, its answer 10,000 characters long.
        data = form_data(client, QAPair)
        data.update(article=[str(cls.article.pk)], position=["2"], prompt=[f"long {ATTACKS}"], answer=[LONG_ANSWER])
        data["themes"] = [THEME]
        save(client, QAPair, data)
        cls.long_pair = cls.article.pairs.get(position=2)
        # Every change page posted back untouched, as an editor saving without edits: the
        # values the form shows must be exactly those stored.
        for obj in [cls.person, cls.source, cls.theme, cls.article, cls.pair, *cls.article.facts.all()]:
            save(client, type(obj), form_data(client, type(obj), "change", obj.pk), "change", obj.pk)
        data = form_data(client, Article)
        data.update(
            {name: [value] for name, value in TRANSLATION.items()}
            | {
                "slug": ["hostil"],
                "language": ["es"],
                "translation_of": [str(cls.article.pk)],
                "interviewee": [str(cls.person.pk)],
                "themes": [THEME],
                "status": ["published"],
            }
        )
        add_rows(data, "pairs", [{"position": "1", "anchor": "", "themes": "", **CORPUS[QAPair]}])
        save(client, Article, data)
        cls.translation = Article.objects.get(slug="hostil")
        cls.facts = {fact.quote: fact for fact in cls.article.facts.all()}
        cls.formula_theme = Theme.objects.get(name=FORMULA_THEME)

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

    def feed_urls(self):
        for language in LANGUAGES:
            with override(language):
                slug = self.theme.local_slug
                for url, kind in [
                    (reverse("articles:feed-rss"), "rss"),
                    (reverse("articles:feed-atom"), "atom"),
                    (reverse("articles:theme-feed-rss", kwargs={"slug": slug}), "rss"),
                    (reverse("articles:theme-feed-atom", kwargs={"slug": slug}), "atom"),
                ]:
                    yield url, kind, language

    def test_feeds_are_well_formed_and_escape_hostile_text(self):
        """
        RSS readers may render titles and descriptions as HTML: those are escaped twice. A feed
        gives the interview in its language where it is translated (the Spanish feeds).
        """
        atom = "{http://www.w3.org/2005/Atom}"
        for url, kind, language in self.feed_urls():
            slug, texts = ("hostil", TRANSLATION) if language == "es" else ("hostile", CORPUS[Article])
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(b"<script", response.content)
                root = ElementTree.fromstring(response.content)
                if kind == "rss":
                    items = {item.findtext("link"): item for item in root.iter("item")}
                    item = next(item for link, item in items.items() if link.endswith(f"/articles/{slug}/"))
                    self.assertEqual(item.findtext("title"), escape(texts["title"]))
                    self.assertEqual(item.findtext("description").strip(), escape(texts["standfirst"]))
                    categories = [category.text for category in item.iter("category")]
                else:
                    entries = list(root.iter(f"{atom}entry"))
                    item = next(e for e in entries if e.find(f"{atom}link").get("href").endswith(f"/articles/{slug}/"))
                    self.assertEqual(item.findtext(f"{atom}title"), texts["title"])
                    categories = [category.get("term") for category in item.iter(f"{atom}category")]
                self.assertIn(FORMULA_THEME, categories)

    def test_sitemap_is_well_formed_and_lists_the_hostile_content(self):
        """Every page of it parses (sitemap_pages parses each) and holds sitemap elements alone."""
        pages = sitemap_pages(self.client)
        tags = {element.tag for page in pages for element in page.iter()}
        self.assertEqual({tag for tag in tags if not tag.startswith(SITEMAP_NAMESPACES)}, set())
        locations = [
            loc.text for page in pages for loc in page.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        ]
        self.assertTrue(any(location.endswith("/articles/hostile/") for location in locations))

    def exports(self, fmt):
        """Yield each export of the hostile facts in `fmt`, with the editor text of each of its rows by quote."""
        everything = self.expected_rows(self.facts.values())
        attributed = self.expected_rows(fact for fact in self.facts.values() if fact.person)
        for language in LANGUAGES:
            with override(language):
                yield reverse(f"articles:facts-{fmt}"), everything
                yield reverse(f"articles:theme-facts-{fmt}", kwargs={"slug": self.theme.local_slug}), everything
                query = urlencode({"person": self.person.slug, "from": SCRIPT})
                yield f"{reverse(f'articles:facts-{fmt}')}?{query}", attributed

    @staticmethod
    def expected_rows(facts):
        return {
            fact.quote: {
                "statement": fact.statement,
                "quote": fact.quote,
                "unit": fact.unit or None,
                "person": fact.person.name if fact.person else None,
                "source": CORPUS[Source]["name"],
            }
            for fact in facts
        }

    def test_json_exports_carry_hostile_text_intact(self):
        for url, expected_rows in self.exports("json"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response["Content-Type"], "application/json")
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                data = json.loads(body(response))
                rows = {row["quote"]: row for row in data["facts"]}
                self.assertEqual(rows.keys(), expected_rows.keys())
                for quote, expected in expected_rows.items():
                    self.assertEqual({name: rows[quote][name] for name in expected}, expected)
                    self.assertEqual(sorted(rows[quote]["themes"]), [FORMULA_THEME, THEME])

    def test_csv_exports_neutralise_every_formula_cell(self):
        for url, expected_rows in self.exports("csv"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                header, *rows = csv.reader(io.StringIO(body(response).decode()))
                rows = [dict(zip(header, row, strict=True)) for row in rows]
                for row in rows:
                    for column, cell in row.items():
                        if column not in NUMERIC_COLUMNS:
                            self.assertFalse(cell.startswith(FORMULA_STARTS), f"{column}: {cell!r}")
                by_quote = {row["quote"].removeprefix("'"): row for row in rows}
                self.assertEqual(by_quote.keys(), expected_rows.keys())
                for quote, expected in expected_rows.items():
                    row = by_quote[quote]
                    for column, text in expected.items():
                        text = text or ""
                        # Formula text gains a leading quote; other text is unchanged.
                        shown = f"'{text}" if text.startswith(FORMULA_STARTS) else text
                        self.assertEqual(row[column], shown, column)
                    self.assertEqual(row["themes"], f"'{FORMULA_THEME}; {THEME}")

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
