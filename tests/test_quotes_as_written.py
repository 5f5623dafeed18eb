"""A quote typed by hand is taken as its text writes it: quotation marks, apostrophes and spaces aside."""

import pytest

from articles.models import Fact
from articles.models.common import as_written

from .support.admin import AdminTestCase, admin_url, fact_data
from .support.factories import FactFactory, QAPairFactory

ANSWER = "Hay unos 12.000 “dreamers” coreanos;\u00a0el embajador dijo: ‘vamos  bien’.\nOtro párrafo “dreamers”."


@pytest.mark.parametrize(
    ("typed", "taken"),
    [
        ('unos 12.000 "dreamers" coreanos', "unos 12.000 “dreamers” coreanos"),
        ("coreanos; el embajador", "coreanos;\u00a0el embajador"),
        ("dijo: 'vamos bien'", "dijo: ‘vamos  bien’"),
        ("“dreamers”", "“dreamers”"),
        ("12.000 dreamers", None),
        ("bien’. Otro párrafo", None),
        ("unos 12,000", None),
    ],
)
def test_a_quote_is_found_as_its_text_writes_it(typed, taken):
    assert as_written(typed, ANSWER) == taken


class TypedQuoteTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.fact = FactFactory(pair=QAPairFactory(answer=ANSWER), statement="Hay dreamers.", quote="12.000")

    def test_a_quote_typed_with_straight_marks_and_plain_spaces_is_saved_as_the_answer_writes_it(self):
        """
        Regression: the fact form refused 'Los "dreamers"' where the answer has “dreamers”, and a
        plain space for a no-break one.
        """
        data = fact_data(self.fact, quote='unos 12.000 "dreamers" coreanos; el embajador')
        response = self.client.post(admin_url("fact", "change", self.fact.pk), data)
        self.assertSaved(response)
        self.assertEqual(Fact.objects.get(pk=self.fact.pk).quote, "unos 12.000 “dreamers” coreanos;\u00a0el embajador")

    def test_words_the_answer_does_not_hold_are_still_refused(self):
        data = fact_data(self.fact, quote="unos 12.000 dreamers coreanos")
        errors = self.assertRefused(self.client.post(admin_url("fact", "change", self.fact.pk), data))
        self.assertIn("do not appear verbatim", errors["quote"][0])
