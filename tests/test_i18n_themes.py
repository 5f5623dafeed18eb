"""
Themes in three languages: a name, slug and description per language (English the fallback),
unique in each language, translated in the admin and in the seed.
"""

import importlib
import json
from io import StringIO
from pathlib import Path
from urllib.parse import quote

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import override

from articles.admin.records import record_state
from articles.models import Theme, ThemeRedirect
from articles.services.themes import merge_themes

from .support.admin import AdminTestCase, admin_url
from .support.factories import FactFactory, ThemeFactory, UserFactory
from .support.i18n import KO_SLUG, ko_theme_url, trade_theme
from .support.pages import body

SEED_FILE = Path(__file__).resolve().parents[1] / "articles" / "seed" / "seed.json"
SEED_MIGRATION = importlib.import_module("articles.migrations.0008_seed_theme_translations")
TRANSLATED_FIELDS = ["name_es", "slug_es", "description_es", "name_ko", "slug_ko", "description_ko"]


class ThemeTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = trade_theme()
        # Not translated yet: Spanish and Korean readers see it in English.
        cls.space = ThemeFactory(name="Space", slug="space", description="Rockets and satellites.")
        cls.fact = FactFactory(themes=[cls.trade, cls.space])

    def test_name_slug_and_description_follow_the_active_language(self):
        expected = {
            "en": ("Trade and the FTA", "trade-and-the-fta", "Trade between Korea and Mexico."),
            "es": ("Comercio y el TLC", "comercio-y-el-tlc", "El comercio entre Corea y México."),
            "ko": ("무역과 FTA", KO_SLUG, "한국과 멕시코의 교역."),
        }
        for language, values in expected.items():
            with self.subTest(language=language), override(language):
                theme = self.trade
                self.assertEqual((theme.local_name, theme.local_slug, theme.local_description), values)
                self.assertFalse(theme.name_falls_back)

    def test_missing_translations_fall_back_to_english(self):
        for language in ["es", "ko"]:
            with self.subTest(language=language), override(language):
                space = self.space
                self.assertEqual((space.local_name, space.local_slug), ("Space", "space"))
                self.assertEqual(space.local_description, "Rockets and satellites.")
                self.assertTrue(space.name_falls_back)
                self.assertTrue(space.description_falls_back)
        self.assertEqual(self.space.missing_translations(), ["es", "ko"])
        self.assertEqual(self.trade.missing_translations(), [])
        self.assertQuerySetEqual(Theme.objects.missing_translation("es"), [self.space])

    def test_address_uses_the_slug_of_the_active_language(self):
        with override("es"):
            self.assertEqual(self.trade.get_absolute_url(), "/es/themes/comercio-y-el-tlc/")
            self.assertEqual(self.space.get_absolute_url(), "/es/themes/space/")
        with override("ko"):
            self.assertEqual(self.trade.get_absolute_url(), ko_theme_url())
        self.assertEqual(self.trade.get_absolute_url(), "/themes/trade-and-the-fta/")

    def test_theme_page_shows_the_name_and_description_of_the_pages_language(self):
        for url, name, description in [
            ("/themes/trade-and-the-fta/", "Trade and the FTA", "Trade between Korea and Mexico."),
            ("/es/themes/comercio-y-el-tlc/", "Comercio y el TLC", "El comercio entre Corea y México."),
            (ko_theme_url(), "무역과 FTA", "한국과 멕시코의 교역."),
        ]:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, f"<h1>{name}</h1>", html=True)
                self.assertContains(response, f'<p class="lede">{description}</p>', html=True)
                self.assertContains(response, f"<title>{name} — Kormex</title>", html=True)

    def test_theme_page_redirects_another_languages_slug_to_the_pages_keeping_the_query(self):
        """Each language has one address per theme: a slug of another language answers 301."""
        cases = [
            ("/themes/comercio-y-el-tlc/", "/themes/trade-and-the-fta/"),
            (ko_theme_url("trade-and-the-fta"), ko_theme_url()),
            ("/es/themes/trade-and-the-fta/", "/es/themes/comercio-y-el-tlc/"),
            (f"/es/themes/{quote(KO_SLUG)}/", "/es/themes/comercio-y-el-tlc/"),
        ]
        for url, target in cases:
            with self.subTest(url=url):
                response = self.client.get(url + "?kind=figure&page=1")
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], target + "?kind=figure&page=1")

    def test_untranslated_theme_answers_on_its_english_slug_in_every_language(self):
        for url in ["/es/themes/space/", "/ko/themes/space/"]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_fallback_is_marked_as_english_text_and_never_as_missing_on_public_pages(self):
        """Readers get lang="en" on the English name; the editors' "falls back" note stays in the admin."""
        self.client.force_login(UserFactory(editor=True))
        response = self.client.get("/es/themes/space/")
        self.assertContains(response, '<h1 lang="en">Space</h1>', html=True)
        self.assertContains(response, '<p class="lede" lang="en">Rockets and satellites.</p>', html=True)
        facts = self.client.get("/es/facts/")
        self.assertContains(facts, '<a href="/es/themes/space/" lang="en">Space</a>', html=True)
        self.assertContains(facts, '<a href="/es/themes/comercio-y-el-tlc/">Comercio y el TLC</a>', html=True)
        for page in [response, facts, self.client.get("/es/themes/"), self.client.get("/ko/")]:
            self.assertNotContains(page, "falls back", status_code=200)
            self.assertNotContains(page, "Missing", status_code=200)

    def test_filters_accept_the_slug_of_any_language(self):
        for slug in ["trade-and-the-fta", "comercio-y-el-tlc", KO_SLUG]:
            for prefix in ["", "/es", "/ko"]:
                with self.subTest(slug=slug, prefix=prefix):
                    response = self.client.get(f"{prefix}/facts/", {"theme": slug})
                    self.assertEqual(response.context["selected_themes"], [self.trade])
                    self.assertEqual(list(response.context["facts"]), [self.fact])
                    self.assertEqual(response.context["notices"], [])

    def test_the_same_theme_named_in_two_languages_is_one_filter(self):
        response = self.client.get("/facts/", {"theme": ["comercio-y-el-tlc", KO_SLUG]})
        self.assertEqual(response.context["selected_themes"], [self.trade])

    def test_facet_options_and_filters_are_named_in_the_pages_language(self):
        response = self.client.get("/es/facts/", {"theme": KO_SLUG})
        [chip] = response.context["active_filters"]
        self.assertTrue(chip.label.endswith("Comercio y el TLC"), chip.label)
        self.assertEqual(chip.value, "comercio-y-el-tlc")
        options = [(option.value, option.label) for option in response.context["theme_options"]]
        self.assertEqual(options, [("space", "Space")])
        self.assertContains(
            response,
            '<input type="checkbox" name="theme" value="comercio-y-el-tlc" id="theme-comercio-y-el-tlc" checked>',
            html=True,
        )
        response = self.client.get("/ko/facts/")
        options = [(option.value, option.label) for option in response.context["theme_options"]]
        self.assertEqual(options, [("space", "Space"), (KO_SLUG, "무역과 FTA")])

    def test_theme_list_is_ordered_by_the_names_readers_see(self):
        """ "Comercio y el TLC" comes before "Space" in Spanish; "Trade and the FTA" after it in English."""
        for prefix, expected in [("", [self.space, self.trade]), ("/es", [self.trade, self.space])]:
            with self.subTest(prefix=prefix):
                response = self.client.get(f"{prefix}/themes/")
                self.assertEqual(list(response.context["theme_list"]), expected)

    def test_theme_feed_is_named_in_its_language(self):
        response = self.client.get("/es/themes/comercio-y-el-tlc/feed/atom/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Comercio y el TLC", response.content.decode())
        self.assertIn("El comercio entre Corea y México.", response.content.decode())

    def test_a_chosen_theme_named_in_english_for_lack_of_a_name_is_marked_english(self):
        for url in ["/es/facts/", "/es/timeline/", "/es/search/"]:
            with self.subTest(url=url):
                response = self.client.get(url, {"theme": ["space", "comercio-y-el-tlc"], "q": "jobs"}, follow=True)
                self.assertContains(response, '<bdi lang="en">Space</bdi>')
                self.assertContains(response, "<bdi>Comercio y el TLC</bdi>")

    def test_downloads_name_themes_and_echo_their_query_in_the_page_language(self):
        """Regression: /es/ and /ko/ downloads named every theme in English and echoed its English slug."""
        languages = [
            ("", "trade-and-the-fta", ["Space", "Trade and the FTA"]),
            ("/es", "comercio-y-el-tlc", ["Comercio y el TLC", "Space"]),
            ("/ko", KO_SLUG, ["Space", "무역과 FTA"]),
        ]
        for prefix, slug, names in languages:
            with self.subTest(prefix=prefix):
                csv_body = body(self.client.get(f"{prefix}/facts.csv", {"theme": slug})).decode()
                self.assertEqual(csv_body.splitlines()[1].rsplit(",", 1)[1], "; ".join(names))
                document = json.loads(body(self.client.get(f"{prefix}/facts.json", {"theme": slug})))
                self.assertEqual((document["query"], document["facts"][0]["themes"]), ({"theme": [slug]}, names))
                response = self.client.get(f"{prefix}/themes/{quote(slug)}/facts.csv")
                self.assertIn(quote(f"kormex-facts-{slug}.csv"), response["Content-Disposition"])

    def test_theme_downloads_answer_on_the_pages_slug(self):
        url = reverse("articles:theme-facts-csv", kwargs={"slug": "trade-and-the-fta"})
        with override("es"):
            spanish = reverse("articles:theme-facts-csv", kwargs={"slug": "comercio-y-el-tlc"})
            url_es = reverse("articles:theme-facts-csv", kwargs={"slug": "trade-and-the-fta"})
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(self.client.get(spanish).status_code, 200)
        self.assertRedirects(self.client.get(url_es), spanish, status_code=301, fetch_redirect_response=False)


class ThemeSlugTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = trade_theme()
        cls.space = ThemeFactory(name="Space", slug="space")
        # Only themes published content uses have pages.
        FactFactory(themes=[cls.trade, cls.space])

    def test_changing_a_slug_in_any_language_leaves_a_redirect(self):
        self.trade.slug_es = "comercio"
        self.trade.slug_ko = ""
        self.trade.name_ko = ""
        self.trade.save()
        self.assertEqual(
            sorted(ThemeRedirect.objects.filter(theme=self.trade).values_list("old_slug", flat=True)),
            sorted(["comercio-y-el-tlc", KO_SLUG]),
        )
        response = self.client.get("/es/themes/comercio-y-el-tlc/?page=1")
        self.assertEqual((response.status_code, response["Location"]), (301, "/es/themes/comercio/?page=1"))
        response = self.client.get(ko_theme_url())
        self.assertEqual((response.status_code, response["Location"]), (301, ko_theme_url("trade-and-the-fta")))
        self.assertEqual(
            self.client.get("/facts/", {"theme": "comercio-y-el-tlc"}).context["selected_themes"], [self.trade]
        )

    def test_a_new_slug_takes_over_a_redirect(self):
        self.trade.slug_es = "comercio"
        self.trade.save()
        self.space.name_es, self.space.slug_es = "Espacio", "comercio-y-el-tlc"
        self.space.save()
        self.assertFalse(ThemeRedirect.objects.filter(old_slug="comercio-y-el-tlc").exists())
        self.assertEqual(self.client.get("/es/themes/comercio-y-el-tlc/").context["theme"], self.space)

    def test_a_slug_leads_to_one_theme_in_every_language(self):
        cases = [
            ("slug_es", "comercio-y-el-tlc"),
            ("slug_es", "trade-and-the-fta"),
            ("slug_ko", KO_SLUG),
            ("slug_ko", "comercio-y-el-tlc"),
            ("slug", "comercio-y-el-tlc"),
        ]
        for field, slug in cases:
            with self.subTest(field=field, slug=slug):
                space = Theme.objects.get(pk=self.space.pk)
                space.name_es, space.name_ko = "Espacio", "우주"
                setattr(space, field, slug)
                with self.assertRaises(ValidationError) as refused:
                    space.full_clean()
                self.assertEqual(
                    refused.exception.message_dict[field],
                    ["The theme “Trade and the FTA” has this slug in one of its languages."],
                )

    def test_the_database_refuses_a_translated_slug_twice(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            Theme.objects.filter(pk=self.space.pk).update(name_es="Espacio", slug_es="comercio-y-el-tlc")

    def test_spanish_slugs_are_ascii_and_korean_slugs_keep_hangul(self):
        self.space.name_es, self.space.slug_es = "Espacio", "espacio-aéreo"
        with self.assertRaises(ValidationError) as refused:
            self.space.full_clean()
        self.assertIn("slug_es", refused.exception.message_dict)
        self.space.slug_es, self.space.name_ko, self.space.slug_ko = "espacio", "우주", "우주-개발"
        self.space.full_clean()

    def test_a_translated_name_fills_its_slug_and_a_slug_needs_a_name(self):
        self.space.name_es, self.space.name_ko = "Espacio aéreo", "우주 개발"
        self.space.full_clean()
        self.assertEqual((self.space.slug_es, self.space.slug_ko), ("espacio-aereo", "우주-개발"))
        other = ThemeFactory(name="Energy", slug="energy", slug_es="energia")
        with self.assertRaises(ValidationError) as refused:
            other.full_clean()
        self.assertEqual(
            refused.exception.message_dict["slug_es"], ["Give the name this address belongs to, or leave both empty."]
        )

    def test_a_theme_created_by_name_passes_over_another_themes_translated_slug(self):
        """Regression guard: taggit's slug for a new theme must not take another theme's Spanish address."""
        created = Theme.objects.create(name="Comercio y el tlc")
        self.assertEqual(created.slug, "comercio-y-el-tlc_1")
        self.assertEqual(Theme.objects.by_slug(["comercio-y-el-tlc"]), {"comercio-y-el-tlc": self.trade})

    def test_a_translated_name_typed_as_a_theme_is_a_lookalike_of_the_theme(self):
        self.assertEqual(
            Theme.objects.lookalikes(["Comercio y el TLC", "무역과 fta"]),
            {
                "Comercio y el TLC": self.trade,
                "무역과 fta": self.trade,
            },
        )

    def test_merging_points_every_languages_slug_at_the_kept_theme(self):
        merge_themes(self.space, [self.trade], UserFactory())
        for url, target in [
            ("/es/themes/comercio-y-el-tlc/", "/es/themes/space/"),
            (ko_theme_url(), "/ko/themes/space/"),
            ("/themes/trade-and-the-fta/", "/themes/space/"),
        ]:
            with self.subTest(url=url):
                self.assertRedirects(self.client.get(url), target, status_code=301)


class ThemeAdminTranslationTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.trade = trade_theme()
        cls.space = ThemeFactory(name="Space", slug="space", description="Rockets.")

    def test_languages_are_edited_side_by_side_with_slugs_filled_from_names(self):
        response = self.client.get(admin_url("theme", "change", self.space.pk))
        fieldsets = [fieldset.name for fieldset in response.context["adminform"]]
        self.assertEqual(fieldsets, ["English (shown where a translation is missing)", "Spanish", "Korean"])
        prepopulated = json.loads(
            response.content.decode().split('data-prepopulated-fields="')[1].split('"')[0].replace("&quot;", '"')
        )
        self.assertEqual(
            {field["id"]: field["dependency_ids"] for field in prepopulated},
            {"#id_slug": ["#id_name"], "#id_slug_es": ["#id_name_es"], "#id_slug_ko": ["#id_name_ko"]},
        )

    def test_change_form_notes_each_missing_translation(self):
        response = self.client.get(admin_url("theme", "change", self.space.pk))
        self.assertContains(response, "Missing: falls back to English, “Space”.", count=2)
        self.assertContains(response, "Missing: falls back to English, “Rockets.”.", count=2)
        self.assertNotContains(self.client.get(admin_url("theme", "change", self.trade.pk)), "falls back to English")

    def test_fallback_note_escapes_the_english_text(self):
        hostile = ThemeFactory(name="<script>x</script>", slug="hostile")
        response = self.client.get(admin_url("theme", "change", hostile.pk))
        self.assertNotContains(response, "<script>x</script>")
        self.assertContains(response, "&lt;script&gt;x&lt;/script&gt;")

    def test_changelist_shows_and_filters_missing_translations(self):
        response = self.client.get(admin_url("theme", "changelist"))
        self.assertContains(response, '<td class="field-missing_translations">Spanish, Korean</td>', html=True)
        for value, expected in [("es", [self.space]), ("any", [self.space]), ("none", [self.trade])]:
            with self.subTest(missing=value):
                response = self.client.get(admin_url("theme", "changelist"), {"missing": value})
                self.assertEqual(list(response.context["cl"].result_list), expected)

    def test_saving_a_translation_fills_its_slug(self):
        data = {
            "name": "Space",
            "slug": "space",
            "description": "Rockets.",
            "name_es": "Espacio",
            "slug_es": "",
            "description_es": "Cohetes.",
            "name_ko": "",
            "slug_ko": "",
            "description_ko": "",
            "loaded_state": record_state(self.space),
        }
        self.assertSaved(self.client.post(admin_url("theme", "change", self.space.pk), data))
        self.space.refresh_from_db()
        self.assertEqual((self.space.name_es, self.space.slug_es), ("Espacio", "espacio"))
        self.assertEqual(self.space.missing_translations(), ["ko"])


class SeedThemeTranslationTests(TestCase):
    def test_seed_themes_ship_with_spanish_and_korean_names_slugs_and_descriptions(self):
        call_command("load_seed", stdout=StringIO())
        themes = list(Theme.objects.all())
        self.assertEqual(len(themes), 10)
        for theme in themes:
            with self.subTest(theme=theme.slug):
                self.assertTrue(all(getattr(theme, field) for field in TRANSLATED_FIELDS))
                self.assertEqual(theme.missing_translations(), [])
                self.assertTrue(theme.slug_es.isascii())
                self.assertEqual(theme.slug_es, slugify(theme.name_es))
                self.assertEqual(theme.slug_ko, slugify(theme.name_ko, allow_unicode=True))
        trade = Theme.objects.get(slug="trade-and-the-fta")
        self.assertEqual((trade.name_es, trade.slug_es), ("Comercio y el TLC", "comercio-y-el-tlc"))
        self.assertEqual((trade.name_ko, trade.slug_ko), ("무역과 FTA", KO_SLUG))

    def test_seed_file_and_migration_carry_the_same_translations(self):
        seed = json.loads(SEED_FILE.read_text(encoding="utf-8"))["themes"]
        from_seed = {theme["slug"]: {field: theme[field] for field in TRANSLATED_FIELDS} for theme in seed}
        self.assertEqual(from_seed, SEED_MIGRATION.SEED_THEME_TRANSLATIONS)

    def test_migration_fills_the_empty_translations_of_seed_themes_only(self):
        trade = ThemeFactory(name="Trade and the FTA", slug="trade-and-the-fta", description="Trade.")
        # An editor's own Spanish name is kept (and the seed's slug, made for the seed's name, is not used).
        energy = ThemeFactory(name="Energy", slug="energy", name_es="Energías", slug_es="energias")
        other = ThemeFactory(name="Fisheries", slug="fisheries")
        SEED_MIGRATION.fill_translations(apps, None)
        trade.refresh_from_db()
        self.assertEqual(
            {field: getattr(trade, field) for field in TRANSLATED_FIELDS},
            SEED_MIGRATION.SEED_THEME_TRANSLATIONS["trade-and-the-fta"],
        )
        energy.refresh_from_db()
        self.assertEqual((energy.name_es, energy.slug_es), ("Energías", "energias"))
        self.assertEqual(energy.description_es, "Cooperación en recursos energéticos y energías renovables.")
        self.assertEqual((energy.name_ko, energy.slug_ko), ("에너지", "에너지"))
        other.refresh_from_db()
        self.assertEqual(other.missing_translations(), ["es", "ko"])
        self.assertEqual(other.name_es, "")
