"""
Kormex in English, Spanish and Korean: every page type in each language, the language switcher,
the admin in the editor's language, and catalogues that match the source.
"""

import gettext
import os
import re
import shutil
import subprocess
import sys
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.paginator import Paginator
from django.http import QueryDict
from django.template import Context, Template
from django.test import SimpleTestCase, TestCase
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import ngettext, override

from articles.models import Article, Fact, QAPair, Theme

from .support.admin import admin_url, opened
from .support.i18n import LANGUAGE_LABELS, MAIN_NAVIGATION, PageParser

LANGUAGES = ["en", "es", "ko"]
PREFIXES = {"en": "", "es": "/es", "ko": "/ko"}
OPEN_GRAPH_LOCALES = {"en": "en_US", "es": "es_MX", "ko": "ko_KR"}
# The options `make messages` gives makemessages (see the Makefile), without --no-obsolete, so
# that a message the source no longer has shows up as obsolete.
MAKEMESSAGES_OPTIONS = ["--locale", "es", "--locale", "ko", "--add-location", "file", "--ignore", "staticfiles"]


def in_language(code, url):
    """Return English address `url` under the prefix of language `code`."""
    return PREFIXES[code] + url


def local(url):
    """Return the path and query string of `url`, as the test client's request() takes them."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


class SeedTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", stdout=StringIO())
        article = Article.objects.get(slug="south-korea-desires-an-fta-with-mexico")
        fact = Fact.objects.exclude(value=None).filter(article=article).first()
        # English addresses: requests leave their language active, and addresses follow it.
        with override("en"):
            cls.article_url, cls.fact_url = article.get_absolute_url(), fact.get_permalink()

    def page_types(self):
        return {
            "home": "/",
            "articles": "/articles/",
            "article": self.article_url,
            "themes": "/themes/",
            "theme": "/themes/aerospace/",
            "facts": "/facts/",
            "fact": self.fact_url,
            "timeline": "/timeline/",
            "search": "/search/?q=satellite",
            "data": "/data/",
        }


class PageLanguageTests(SeedTestCase):
    def test_every_page_type_renders_in_each_language(self):
        """
        Guards the interface translation: each page type answers under each language's prefix
        with that language in <html lang>, Content-Language and Open Graph, and its navigation
        in words of that language.
        """
        for name, url in self.page_types().items():
            for code in LANGUAGES:
                with self.subTest(page=name, language=code):
                    response = self.client.get(in_language(code, url), follow=True)
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual(response["Content-Language"], code)
                    page = PageParser(response.content.decode())
                    self.assertEqual(page.lang, code)
                    self.assertEqual(page.og_locale, OPEN_GRAPH_LOCALES[code])
                    others = sorted(locale for other, locale in OPEN_GRAPH_LOCALES.items() if other != code)
                    self.assertEqual(sorted(page.og_alternates), others)
                    main, languages = page.navs[0], page.navs[1]
                    self.assertEqual([link["text"].strip() for link in main["links"]], MAIN_NAVIGATION[code])
                    self.assertEqual(languages["label"], LANGUAGE_LABELS[code])
                    self.assertEqual(page.language_links(), languages["links"])

    def test_unprefixed_pages_are_english_whatever_the_browser_asks(self):
        """Guards English's addresses: only the prefix chooses a reader page's language."""
        response = self.client.get("/facts/", headers={"accept-language": "ko"})
        self.assertEqual(response["Content-Language"], "en")
        self.assertEqual(PageParser(response.content.decode()).lang, "en")

    def test_switcher_links_every_language_and_marks_the_current_one(self):
        # The theme named by its English slug on the Spanish page: each link names it as its language does.
        response = self.client.get("/es/facts/?theme=aerospace&kind=figure")
        links = PageParser(response.content.decode()).language_links()
        self.assertEqual(
            [(link["hreflang"], link["lang"], link["text"], link["href"]) for link in links],
            [
                ("en", "en", "English", "/facts/?theme=aerospace&kind=figure"),
                ("es", "es", "Español", "/es/facts/?theme=aeroespacial&kind=figure"),
                ("ko", "ko", "한국어", f"/ko/facts/?theme={quote('항공우주')}&kind=figure"),
            ],
        )
        self.assertEqual([link.get("aria-current") for link in links], [None, "true", None])

    def test_switcher_round_trips_to_the_same_page_and_filters(self):
        """
        Guards the switcher: from each page type, the link to another language leads to the
        same page in it, filters and all (themes named by their slug in that language), and that
        page's English link leads back.
        """
        urls = {
            **self.page_types(),
            "facts, filtered": "/facts/?theme=aerospace&kind=figure",
            "timeline, filtered": "/timeline/?theme=energy",
            "theme, filtered": "/themes/aerospace/?kind=dated",
            "search, with a theme": "/search/?q=satellite&theme=aerospace",
        }
        for name, url in urls.items():
            for code in ["es", "ko"]:
                with self.subTest(page=name, language=code):
                    english = self.client.get(url)
                    there = self.follow_language_link(english, code)
                    self.assertEqual(there.status_code, 200)
                    self.assertEqual(PageParser(there.content.decode()).lang, code)
                    self.assertEqual(urlsplit(self.address(there)).query, self.query_in(code, url))
                    back = self.follow_language_link(there, "en")
                    self.assertEqual(back.status_code, 200)
                    self.assertEqual(self.address(back), url)

    @staticmethod
    def query_in(code, url):
        query = QueryDict(urlsplit(url).query, mutable=True)
        query.setlist(
            "theme", [Theme.objects.get(slug=slug).localized("slug", code) for slug in query.getlist("theme")]
        )
        return query.urlencode()

    def follow_language_link(self, response, code):
        links = {link["hreflang"]: link["href"] for link in PageParser(response.content.decode()).language_links()}
        return self.client.get(local(links[code]), follow=True)

    @staticmethod
    def address(response):
        query = response.request["QUERY_STRING"]
        return response.request["PATH_INFO"] + (f"?{query}" if query else "")


class TranslatedTextTests(SeedTestCase):
    def test_notices_and_active_filters_are_in_the_pages_language(self):
        response = self.client.get("/es/facts/?theme=nope&theme=aerospace&from=dos")
        self.assertContains(response, "Ningún tema se llama nope; se ignoró.")
        self.assertContains(response, "“dos” no es un año; se ignoró.")
        self.assertContains(response, "Aplicar filtros")
        response = self.client.get("/ko/search/?q=%21%21")
        self.assertContains(response, "검색어에는 글자나 숫자가 있어야 합니다.")

    def test_counts_take_each_languages_plural_forms(self):
        """Spanish has a third form for exact millions ("1000000 de datos"); Korean has one form."""
        forms = {}
        for code in LANGUAGES:
            with override(code):
                forms[code] = [
                    ngettext("%(number)s fact", "%(number)s facts", n) % {"number": n} for n in (1, 2, 10**6)
                ]
        self.assertEqual(forms["en"], ["1 fact", "2 facts", "1000000 facts"])
        self.assertEqual(forms["es"], ["1 dato", "2 datos", "1000000 de datos"])
        self.assertEqual(forms["ko"], ["사실 1건", "사실 2건", "사실 1000000건"])

    def test_counts_group_their_digits_as_the_pages_language_does(self):
        """Regression: at 20,000 interviews the lists said "54480 facts" and "(54480)" in every language."""
        headings = {"en": "12,345 articles", "es": "12.345 artículos", "ko": "기사 12,345건"}
        pages = {"en": "Page 1 of 618", "es": "Página 1 de 618", "ko": "618쪽 중 1쪽"}
        with mock.patch.object(Paginator, "count", new_callable=mock.PropertyMock, return_value=12345):
            for code, heading in headings.items():
                with self.subTest(code):
                    response = self.client.get(f"{PREFIXES[code]}/articles/")
                    self.assertContains(response, heading)
                    self.assertContains(response, pages[code])
        template = Template("{% load articles_tags %}{{ number|counted }}")
        for code, written in {"en": "1,234,567", "es": "1.234.567", "ko": "1,234,567"}.items():
            with override(code):
                self.assertEqual(template.render(Context({"number": 1234567})), written)

    def test_feeds_and_the_data_page_are_translated(self):
        feed = self.client.get("/es/feeds/rss/")
        self.assertContains(feed, "<language>es</language>")
        self.assertContains(feed, "Las entrevistas más recientes sobre las relaciones entre Corea y México")
        data = self.client.get("/ko/data/")
        self.assertContains(data, "<h1>데이터: 사실 내려받기</h1>", html=True)
        self.assertContains(data, "사실의 근거가 되는 출처의 원문 그대로의 말.")

    def test_citations_give_the_day_of_access_as_the_page_writes_dates(self):
        today = timezone.localdate()
        expected = {
            "en": f"(accessed {today.day} {date_format(today, 'F')} {today.year})",
            "es": "(consultado el ",
            "ko": f"({today.year}년 {today.month}월 {today.day}일 접속)",
        }
        for code, text in expected.items():
            with self.subTest(language=code):
                self.assertContains(self.client.get(in_language(code, self.fact_url)), text)

    def test_admin_follows_the_editors_browser_language(self):
        """
        Guards the admin's language: Django's LocaleMiddleware would serve every unprefixed
        address, the admin's included, in English whatever the browser asks.
        """
        for code, username in [("ko", "사용자 이름"), ("es", "Nombre de usuario"), ("en", "Username")]:
            with self.subTest(language=code):
                response = self.client.get("/admin/login/", headers={"accept-language": code})
                self.assertEqual(response["Content-Language"], code)
                self.assertContains(response, f'<html lang="{code}"')
                self.assertContains(response, username)
        self.assertContains(self.client.get("/admin/login/", headers={"accept-language": "ko"}), "Kormex 관리")

    def test_the_admins_own_actions_filters_and_columns_speak_the_editors_language(self):
        self.client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "x"))
        expected = {
            "es": [
                "Seleccione artículo a modificar",
                "Publicar los artículos seleccionados",
                "Programado",
                "Importar entrevista",
            ],
            "ko": ["변경할 기사 선택", "선택한 기사 게시", "예약됨", "초안으로 되돌리기"],
        }
        for code, texts in expected.items():
            with self.subTest(language=code):
                response = self.client.get("/admin/articles/article/", headers={"accept-language": code})
                for text in texts:
                    self.assertContains(response, text)
                themes = self.client.get("/admin/articles/theme/", headers={"accept-language": code})
                self.assertContains(themes, {"es": "Fusionar los temas seleccionados", "ko": "선택한 주제 병합"}[code])

    def test_the_admins_forms_label_their_fields_in_the_editors_language(self):
        """Regression: the article, pair and fact forms and lists labelled Title, Prompt, Statement… in English."""
        self.client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "x"))
        article = Article.objects.get(slug="south-korea-desires-an-fta-with-mexico")
        fact = article.facts.first()
        pages = [f"/admin/articles/article/{article.pk}/change/", f"/admin/articles/fact/{fact.pk}/change/"]
        expected = {
            "es": ['for="id_title">Título:', 'for="id_interviewee">Entrevistado:', 'for="id_statement">Enunciado:'],
            "ko": ['for="id_title">제목:', 'for="id_interviewee">인터뷰 대상:', 'for="id_statement">진술:'],
        }
        for code, labels in expected.items():
            with self.subTest(language=code):
                html = "".join(
                    self.client.get(url, headers={"accept-language": code}).content.decode() for url in pages
                )
                for label in labels:
                    self.assertIn(label, html)

    def test_the_models_refusals_speak_the_editors_language(self):
        """Regression: a fact's unit and a pair's quoted words were refused in English in the Spanish admin."""
        self.client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "x"))
        fact = Fact.objects.filter(pair__isnull=False, value__isnull=False).first()
        spanish = {"accept-language": "es"}
        data = opened(self.client, "fact", fact.pk) | {"unit": ""}
        response = self.client.post(admin_url("fact", "change", fact.pk), data, headers=spanish)
        self.assertContains(response, "Indique la unidad de este valor")
        data = opened(self.client, "qapair", fact.pair_id) | {"answer": "Otra respuesta."}
        response = self.client.post(admin_url("qapair", "change", fact.pair_id), data, headers=spanish)
        self.assertContains(response, "Hay datos que citan palabras que este texto ya no contiene")

    def test_every_field_editors_see_has_a_translatable_label(self):
        untranslated = [
            f"{model.__name__}.{field.name}"
            for model in admin.site._registry
            if model._meta.app_label == "articles"
            for field in model._meta.get_fields()
            if field.concrete and not field.auto_created and not isinstance(field.verbose_name, Promise)
        ]
        self.assertEqual(untranslated, [])
        # Korean words them all (a library's own label may have no Korean: taggit's theme name and slug had
        # none), and the sign-in lockouts editors lift (django-axes has no Korean: its words are AXES_WORDS).
        with override("ko"):
            english = [
                f"{model.__name__}.{field.name}"
                for model in admin.site._registry
                if model._meta.app_label in ("articles", "axes")
                for field in model._meta.get_fields()
                if field.concrete and not field.auto_created and not re.search("[가-힣]", str(field.verbose_name))
            ]
            english += [
                str(name)
                for model in admin.site._registry
                if model._meta.app_label == "axes"
                for name in [
                    model._meta.verbose_name,
                    model._meta.verbose_name_plural,
                    model._meta.app_config.verbose_name,
                ]
                if not re.search("[가-힣]", str(name))
            ]
        self.assertEqual(english, [])
        # Regression: "Agregar un tema a los Preguntas y respuestas seleccionados": the model's name inside a
        # sentence is in lower case, and the sentence agrees with any gender.
        with override("es"):
            self.assertEqual(str(QAPair._meta.verbose_name_plural), "preguntas y respuestas")
        # One Korean name for a Q&A pair: the admin's menu said 문답, its forms and history 질의응답.
        with override("ko"):
            self.assertEqual({str(QAPair._meta.verbose_name), str(QAPair._meta.verbose_name_plural)}, {"문답"})


def gettext_tool(name):
    path = shutil.which(name)
    if path is None:
        raise AssertionError(f"{name} is missing: install Debian's gettext package (make test-tools).")
    return path


def entries(po_text):
    """Return the msgids of the entries in `po_text`, without the header."""
    msgids = re.findall(r'^msgid ((?:".*"\n)+)', po_text, flags=re.MULTILINE)
    texts = ["".join(re.findall(r'"(.*)"', msgid)) for msgid in msgids]
    return [text for text in texts if text]


class CatalogueTests(SimpleTestCase):
    """
    The Spanish and Korean catalogues (locale/*/LC_MESSAGES/django.po) hold every message the
    templates and Python mark for translation, each translated, and their compiled .mo files
    are up to date: run `make messages`, translate, and commit both files when one fails.
    """

    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.base = Path(settings.BASE_DIR)
        cls.workdir = tempfile.TemporaryDirectory()
        cls.catalogues = cls.extract()

    @classmethod
    def tearDownClass(cls):
        cls.workdir.cleanup()
        super().tearDownClass()

    @classmethod
    def extract(cls):
        """
        Run makemessages, as `make messages` does, on a copy of the project with a copy of the
        committed catalogues, and return each language's resulting catalogue file. The copy
        keeps the run from touching the checkout, and makes the project's BASE_DIR (so
        LOCALE_PATHS) the copy's.
        """
        gettext_tool("xgettext")
        project = Path(cls.workdir.name) / "project"
        shutil.copytree(
            cls.base,
            project,
            ignore=shutil.ignore_patterns(".*", "staticfiles", "__pycache__", "*.sqlite3", "test-results"),
        )
        result = subprocess.run(
            [sys.executable, "manage.py", "makemessages", *MAKEMESSAGES_OPTIONS],
            cwd=project,
            env={**os.environ, "PYTHONPATH": str(project)},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise AssertionError(f"makemessages failed:\n{result.stderr}")
        return {code: project / "locale" / code / "LC_MESSAGES" / "django.po" for code in ["es", "ko"]}

    def attributes(self, po, *options):
        return subprocess.run(
            [gettext_tool("msgattrib"), *options, str(po)], capture_output=True, text=True, check=True
        ).stdout

    def test_every_marked_message_is_in_the_catalogues_and_translated(self):
        """
        A message new to the source comes out of makemessages untranslated, or fuzzy when it
        resembles an old one; either way it shows here.
        """
        for code, po in self.catalogues.items():
            with self.subTest(language=code):
                self.assertEqual(entries(self.attributes(po, "--untranslated", "--no-obsolete")), [])
                self.assertEqual(entries(self.attributes(po, "--only-fuzzy", "--no-obsolete")), [])

    def test_the_catalogues_hold_no_message_the_source_dropped(self):
        for code, po in self.catalogues.items():
            with self.subTest(language=code):
                self.assertEqual(entries(self.attributes(po, "--only-obsolete")), [])

    def test_translations_keep_their_placeholders_and_the_compiled_catalogues_are_current(self):
        """msgfmt --check refuses a translation that drops or renames a %(name)s placeholder."""
        for code in ["es", "ko"]:
            with self.subTest(language=code):
                po = self.base / "locale" / code / "LC_MESSAGES" / "django.po"
                mo = Path(self.workdir.name) / f"{code}.mo"
                subprocess.run([gettext_tool("msgfmt"), "--check", "-o", str(mo), str(po)], check=True)
                with open(mo, "rb") as fresh, open(po.with_suffix(".mo"), "rb") as committed:
                    self.assertEqual(
                        gettext.GNUTranslations(committed)._catalog,
                        gettext.GNUTranslations(fresh)._catalog,
                        f"locale/{code}/LC_MESSAGES/django.mo is out of date: run make messages.",
                    )


# Where reader-facing messages come from: the public pages, feeds, embeds and share cards.
READER_SOURCES = re.compile(
    r"templates/(articles|includes|feeds|seo)/|templates/base\.html"
    r"|articles/(views|templatetags|share_cards)/|articles/(feeds|embeds|filters|citations|charts|facet_index)\.py"
)
# "Usted" imperatives (the admin's among them); a reader is addressed as "tú": "Léelo", "Cita".
USTED = re.compile(
    r"\b(usted|Léalo|Cite|Inserte|Copie|Descargue|Indique|Ingrese|Elija|Escriba|Pegue|Revise|Agregue|Añada|"
    r"Edite|Corrija|Guarde|Marque|Déjelo)\b",
    re.IGNORECASE,
)
# "Tú" imperatives at a sentence's start, and tú's verbs and possessive; the admin addresses editors as "usted".
TU = re.compile(
    r"(?:^|[.:;]\s+)(sube|describe|agrega|añade|copia|recarga|indica|elige|escribe|pega|revisa|guarda|usa|quita|"
    r"corrige)\b|\b(dejas|tus|tienes|puedes|abriste|guardaste)\b",
    re.IGNORECASE,
)


def spanish_translations():
    """Yield each Spanish catalogue entry's source references and translation."""
    po = (Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po").read_text()
    for entry in po.split("\n\n"):
        references = " ".join(re.findall(r"^#: (.*)", entry, flags=re.MULTILINE))
        yield references, "".join(re.findall(r'"(.*)"', entry.partition("\nmsgstr")[2]))


class SpanishAddressTests(SimpleTestCase):
    def test_reader_facing_spanish_says_tu(self):
        """Prevents "Léalo en Kormex" on the embed beside "Léelo en contexto" on the fact page."""
        found = [
            translation
            for references, translation in spanish_translations()
            if READER_SOURCES.search(references) and USTED.search(translation)
        ]
        self.assertEqual(found, [])

    def test_the_spanish_admin_says_usted(self):
        """Regression: "Si lo dejas vacío" and "sube una imagen" beside "Déjelo vacío" and "Escriba"."""
        found = [
            translation
            for references, translation in spanish_translations()
            if references and not READER_SOURCES.search(references) and TU.search(translation)
        ]
        self.assertEqual(found, [])
