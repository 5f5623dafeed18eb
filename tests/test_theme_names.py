"""The chosen themes named in a sentence ("18 facts on A, B and C") as each language lists them."""

from django.template import Context, Template
from django.test import TestCase
from django.utils.translation import override

from .support.factories import FactFactory, ThemeFactory


def listed(themes, language):
    with override(language):
        return Template("{% load articles_tags %}{% theme_names themes %}").render(Context({"themes": themes}))


class ThemeNamesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = ThemeFactory(
            name="Trade and the FTA", name_es="Comercio y el TLC", slug_es="comercio-y-el-tlc", name_ko="무역과 FTA"
        )
        cls.investment = ThemeFactory(
            name="Investment", name_es="Inversión y nearshoring", slug_es="inversion-y-nearshoring", name_ko="투자"
        )
        cls.energy = ThemeFactory(name="Energy", name_es="Energía", name_ko="에너지")
        cls.steel = ThemeFactory(name="Steel", name_es="Hierro y acero", name_ko="철강")

    def test_names_are_listed_with_commas_and_the_languages_and_before_the_last(self):
        themes = [self.trade, self.energy, self.investment]
        self.assertEqual(
            listed(themes, "en"), "<bdi>Trade and the FTA</bdi>, <bdi>Energy</bdi> and <bdi>Investment</bdi>"
        )
        self.assertEqual(listed(themes, "ko"), "<bdi>무역과 FTA</bdi>, <bdi>에너지</bdi> 및 <bdi>투자</bdi>")
        self.assertEqual(listed(themes[:1], "en"), "<bdi>Trade and the FTA</bdi>")

    def test_spanish_says_e_before_the_sound_of_i(self):
        """Regression: "Comercio y el TLC y Inversión y nearshoring": Spanish writes "e" before an i sound."""
        before_i = listed([self.trade, self.investment], "es")
        self.assertEqual(before_i, "<bdi>Comercio y el TLC</bdi> e <bdi>Inversión y nearshoring</bdi>")
        before_hie = listed([self.trade, self.steel], "es")
        self.assertEqual(before_hie, "<bdi>Comercio y el TLC</bdi> y <bdi>Hierro y acero</bdi>")
        self.assertEqual(
            listed([self.investment, self.trade, self.energy], "es"),
            "<bdi>Inversión y nearshoring</bdi>, <bdi>Comercio y el TLC</bdi> y <bdi>Energía</bdi>",
        )

    def test_the_fact_list_heading_names_its_themes_so(self):
        FactFactory(themes=[self.trade, self.investment])
        with override("es"):
            response = self.client.get("/es/facts/", {"theme": ["comercio-y-el-tlc", "inversion-y-nearshoring"]})
        self.assertContains(response, "sobre <bdi>Comercio y el TLC</bdi> e <bdi>Inversión y nearshoring</bdi>")
