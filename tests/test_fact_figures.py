"""A fact's value typed in the admin's language, and one message for a value or date the form cannot read."""

from decimal import Decimal

import pytest

from articles.admin.figures import plain_number
from articles.models import Fact

from .support.admin import AdminTestCase, admin_url, fact_data
from .support.factories import FactFactory, QAPairFactory


@pytest.mark.parametrize(
    ("language", "typed", "plain"),
    [
        ("es", "12.000", "12000"),
        ("es", "1,5", "1.5"),
        ("es", "19.800.000.000", "19800000000"),
        ("es", "-3,25", "-3.25"),
        ("es", ",5", "0.5"),
        ("es", "150 000", "150000"),
        ("es", "150\u00a0000,75", "150000.75"),
        ("es", "12000", "12000"),
        ("es", "12.5", None),
        ("es", "1.50", None),
        ("es", "12.000.5", None),
        ("en", "150,000", "150000"),
        ("en", "12.000", "12.000"),
        ("en", "19.8", "19.8"),
        ("en", "1,5", None),
        ("en", "1500,000", None),
        ("ko", "150,000.5", "150000.5"),
        ("ko", "1,5", None),
        ("en", "$1,000", None),
        ("en", "19.8 billion", None),
        ("en", "+", None),
        ("en", "", None),
    ],
)
def test_a_number_is_read_with_the_separators_of_its_language(language, typed, plain):
    assert plain_number(typed, language) == plain


class FactValueInTheAdminLanguageTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        pair = QAPairFactory(answer="Hay unos 12.000 coreanos y el 1,5 % de ellos invierte 19.800 millones.")
        cls.fact = FactFactory(pair=pair, statement="Hay coreanos.", quote="12.000 coreanos", value=None, unit="")

    def post(self, language, **values):
        data = fact_data(self.fact, **values)
        return self.client.post(admin_url("fact", "change", self.fact.pk), data, HTTP_ACCEPT_LANGUAGE=language)

    def test_a_spanish_editor_types_thousands_and_decimals_as_spanish_writes_them(self):
        """Regression: "12.000" in the Spanish admin was saved as 12, with no warning."""
        for typed, saved in [("12.000", Decimal(12000)), ("1,5", Decimal("1.5")), ("19.800.000.000", Decimal(19.8e9))]:
            with self.subTest(typed):
                self.assertSaved(self.post("es", value=typed, unit="personas"))
                self.fact.refresh_from_db()
                self.assertEqual(self.fact.value, saved)

    def test_an_english_or_korean_editor_types_them_as_english_does(self):
        for language in ["en", "ko"]:
            with self.subTest(language):
                self.assertSaved(self.post(language, value="150,000.5", unit="jobs"))
                self.fact.refresh_from_db()
                self.assertEqual(self.fact.value, Decimal("150000.5"))

    def test_a_number_the_language_does_not_write_so_is_refused_with_one_message_and_kept(self):
        response = self.post("es", value="12.5", unit="personas")
        errors = self.assertRefused(response)
        self.assertEqual(errors["value"], ["Escriba el número como 12.000,5."])
        self.assertContains(response, 'value="12.5"')
        self.fact.refresh_from_db()
        self.assertIsNone(self.fact.value)

    def test_a_date_the_form_cannot_read_has_its_own_message_alone(self):
        errors = self.assertRefused(self.post("en", date="2008", date_precision="year"))
        self.assertEqual(errors["date"], ["Enter a valid date."])

    def test_the_form_shows_a_value_in_the_admin_language(self):
        Fact.objects.filter(pk=self.fact.pk).update(value=Decimal("19800000000.5"), unit="USD")
        url = admin_url("fact", "change", self.fact.pk)
        for language, shown in [("es", "19.800.000.000,5"), ("ko", "19,800,000,000.5"), ("en", "19,800,000,000.5")]:
            with self.subTest(language):
                response = self.client.get(url, HTTP_ACCEPT_LANGUAGE=language)
                self.assertContains(response, f'name="value" value="{shown}"')
                self.assertContains(response, 'inputmode="decimal"')
