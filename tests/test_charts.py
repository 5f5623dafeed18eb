import re
from decimal import Decimal

from django.template.loader import render_to_string
from django.test import SimpleTestCase, TestCase
from django.utils.translation import override

from articles.charts import LABEL_CHARS, MAX_BARS, WIDTH, figure_groups
from articles.models import Article, Fact

from .support.factories import FactFactory

HOSTILE = '<script>alert("x")</script>'


def fact(value, unit, statement="A figure."):
    value = None if value is None else Decimal(value)
    return Fact(statement=statement, value=value, unit=unit, article=Article(language="en"))


class FigureGroupTests(SimpleTestCase):
    def test_one_chart_per_unit_in_order_of_appearance_largest_first(self):
        charts = figure_groups([fact(5, "USD"), fact(1000, "jobs"), fact(10, "USD"), fact(250, "jobs")])
        self.assertEqual([chart.unit for chart in charts], ["USD", "jobs"])
        self.assertEqual([bar.value for bar in charts[0].bars], ["$10", "$5"])
        self.assertEqual([bar.value for bar in charts[1].bars], ["1,000 jobs", "250 jobs"])

    def test_bars_are_scaled_within_their_unit_only(self):
        usd, jobs = figure_groups([fact(10, "USD"), fact(5, "USD"), fact(1000, "jobs"), fact(250, "jobs")])
        self.assertEqual([bar.length for bar in usd.bars], [WIDTH, WIDTH / 2])
        self.assertEqual([bar.length for bar in jobs.bars], [WIDTH, WIDTH / 4])

    def test_facts_without_value_and_units_with_one_figure_get_no_chart(self):
        charts = figure_groups([fact(None, ""), fact(3, "%"), fact(10, "USD"), fact(5, "USD")])
        self.assertEqual([chart.unit for chart in charts], ["USD"])
        self.assertEqual(figure_groups([]), [])

    def test_a_chart_shows_at_most_max_bars_the_largest(self):
        (chart,) = figure_groups([fact(n, "jobs") for n in range(1, MAX_BARS + 4)])
        self.assertEqual(len(chart.bars), MAX_BARS)
        self.assertEqual(chart.total, MAX_BARS + 3)
        self.assertEqual(chart.bars[-1].value, "4 jobs")

    def test_negative_and_zero_figures_get_no_bar(self):
        (chart,) = figure_groups([fact(-5, "%"), fact(0, "%")])
        self.assertEqual([bar.length for bar in chart.bars], [0, 0])

    def test_labels_fit_the_chart_counting_hangul_as_wide(self):
        """Korean labels of 44 characters ran past the chart's edge, cut mid-word without an ellipsis."""
        korean = "한국 기업들은 니어쇼어링을 통한 긍정적 외부 효과가 멕시코 북부에서 크게 나타나고 있다고 말했다."
        (chart,) = figure_groups([fact(10, "USD", korean), fact(5, "USD", "Investment " * 8)])
        for bar in chart.bars:
            width = sum(2 if "가" <= char <= "힣" else 1 for char in bar.value + bar.label)
            self.assertLessEqual(width, LABEL_CHARS)
            self.assertTrue(bar.label.endswith("…"))
        self.assertTrue(korean.startswith(chart.bars[0].label[:-1]))

    def test_svg_is_an_image_named_by_its_title_and_described(self):
        (chart,) = figure_groups([fact(10, "USD", "Trade."), fact(5, "USD", "Investment.")])
        svg = chart.svg()
        self.assertIn('role="img" aria-labelledby="figure-1-title figure-1-desc"', svg)
        self.assertIn('<title id="figure-1-title">Figures in US dollars</title>', svg)
        # The table after it gives each figure and fact, each statement marked with its language:
        # a description repeating them would speak other languages' words in the page's.
        self.assertIn('<desc id="figure-1-desc">The table that follows gives each bar’s figure and fact.</desc>', svg)
        with override("es"):
            description = re.search(r"<desc[^>]*>(.*?)</desc>", chart.svg())[1]
        self.assertEqual(description, "La tabla que sigue da la cifra y el dato de cada barra.")

    def test_svg_escapes_labels_and_units_and_has_no_style_attribute(self):
        (chart,) = figure_groups([fact(10, HOSTILE, HOSTILE), fact(5, HOSTILE, "x" * 300)])
        svg = chart.svg()
        self.assertNotIn("<script", svg)
        self.assertIn("&lt;script&gt;", svg)
        self.assertNotIn("style", svg)
        self.assertNotIn("x" * 60, svg)


class FiguresPartialTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.facts = [
            FactFactory(statement="Trade.", value=19800000000, unit="USD"),
            FactFactory(statement="Investment.", value=9300000000, unit="USD"),
            FactFactory(statement=HOSTILE, value=150000, unit="jobs"),
            FactFactory(statement="Other jobs.", value=5000, unit="jobs"),
        ]

    def render(self):
        return render_to_string("includes/figures.html", {"figures": figure_groups(self.facts)})

    def test_table_numbers_equal_the_bars(self):
        html = self.render()
        charts = re.findall(r"<svg.*?</svg>\s*<table.*?</table>", html, re.S)
        self.assertEqual(len(charts), 2)
        for chart in charts:
            bars = re.findall(r'<tspan class="chart-value">([^<]+)</tspan>', chart)
            cells = re.findall(r"<td>([^<]+)</td>", chart)
            self.assertEqual(bars, cells)
        self.assertIn("$19.8 billion", charts[0])
        self.assertIn("150,000 jobs", charts[1])

    def test_table_has_a_caption_and_scoped_headers_linking_each_fact_page(self):
        html = self.render()
        self.assertIn("<caption><bdi>Figures in US dollars</bdi>, as a table</caption>", html)
        self.assertIn('<th scope="col">Figure</th>', html)
        self.assertIn(f'<th scope="row"><a href="/facts/{self.facts[0].pk}/">Trade.</a></th>', html)

    def test_partial_escapes_editor_text_and_uses_no_inline_style(self):
        html = self.render()
        self.assertNotIn("<script", html)
        self.assertIn("&lt;script&gt;", html)
        self.assertNotIn("style=", html)

    def test_partial_renders_nothing_without_figures(self):
        self.assertEqual(render_to_string("includes/figures.html", {"figures": []}).strip(), "")
