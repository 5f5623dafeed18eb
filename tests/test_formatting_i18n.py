import csv
import io
import re
from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.test import SimpleTestCase, TestCase
from django.utils import translation

from articles.charts import figure_groups
from articles.demo import CLAIMS
from articles.formatting import UNITS, format_date, format_figure, format_number, unit_name
from articles.models import Article, Fact

from .support.factories import FactFactory


def figure(value, unit):
    return format_figure(Decimal(value), unit)


class FigureTests(SimpleTestCase):
    def test_money_reads_natively_in_each_language(self):
        expected = {
            "en": ["$19.8 billion", "$9.3 billion", "$120 million"],
            "es": ["19.800 millones de dólares", "9.300 millones de dólares", "120 millones de dólares"],
            "ko": ["198억 달러", "93억 달러", "1억 2,000만 달러"],
        }
        for language, figures in expected.items():
            with self.subTest(language), translation.override(language):
                values = [figure(value, "USD") for value in ["19800000000", "9300000000.0000", "120000000"]]
                self.assertEqual(values, figures)

    def test_counts_read_natively_in_each_language(self):
        expected = {
            "en": ["150,000 jobs", "16 million people", "1,234,567 people", "430 companies", "33.3%"],
            "es": ["150.000 empleos", "16 millones de personas", "1.234.567 personas", "430 empresas", "33,3 %"],
            "ko": ["일자리 15만 개", "1,600만 명", "123만 4,567명", "기업 430곳", "33.3%"],
        }
        for language, figures in expected.items():
            with self.subTest(language), translation.override(language):
                values = [
                    figure("150000", "jobs"),
                    figure("16000000", "people"),
                    figure("1234567", "people"),
                    figure("430", "companies"),
                    figure("33.3", "%"),
                ]
                self.assertEqual(values, figures)

    def test_english_is_written_as_before(self):
        """Prevents the per-language rules from changing the English the site always showed."""
        with translation.override("en"):
            self.assertEqual(figure("4", "consecutive first places"), "4 consecutive first places")
            self.assertEqual(figure("-2.5", "%"), "-2.5%")
            self.assertEqual(figure("1250000", "USD"), "$1.25 million")
            self.assertEqual(format_figure(None, ""), "")

    def test_english_says_one_in_the_singular_and_groups_scaled_numbers(self):
        """Regression: "1 jobs", "1 years", "$1000.5 million"; and a Spanish unit showed as stored, "10 años"."""
        with translation.override("en"):
            self.assertEqual(figure("1", "jobs"), "1 job")
            self.assertEqual(figure("1", "people"), "1 person")
            self.assertEqual(figure("1", "años"), "1 year")
            self.assertEqual(figure("10", "años"), "10 years")
            self.assertEqual(figure("1", "times"), "once")
            self.assertEqual(figure("2", "times"), "2 times")
            self.assertEqual(figure("1000500000", "USD"), "$1,000.5 million")

    def test_spanish_scales_and_singulars(self):
        with translation.override("es"):
            self.assertEqual(figure("1000000000", "USD"), "mil millones de dólares")
            self.assertEqual(figure("1500000000", "MXN"), "1.500 millones de pesos")
            self.assertEqual(figure("1000000", "EUR"), "1 millón de euros")
            self.assertEqual(figure("2500000000000", "MXN"), "2,5 billones de pesos")
            self.assertEqual(figure("1234567.5", "USD"), "1.234.567,5 dólares")
            self.assertEqual(figure("1", "years"), "1 año")
            self.assertEqual(figure("4", "consecutive first places"), "4 primeros lugares consecutivos")
            self.assertEqual(figure("-2.5", "%"), "-2,5 %")

    def test_korean_groups_by_man_eok_jo(self):
        with translation.override("ko"):
            self.assertEqual(format_number(Decimal("5000")), "5,000")
            self.assertEqual(format_number(Decimal("10000")), "1만")
            self.assertEqual(format_number(Decimal("123456789")), "1억 2,345만 6,789")
            self.assertEqual(format_number(Decimal("2500000000000")), "2조 5,000억")
            self.assertEqual(format_number(Decimal("-19800000000")), "-198억")
            self.assertEqual(format_number(Decimal("12345.5")), "12,345.5")
            self.assertEqual(figure("5000", "USD"), "5,000달러")
            self.assertEqual(figure("500000000000", "KRW"), "5,000억 원")
            self.assertEqual(figure("10", "years"), "10년")
            self.assertEqual(figure("4", "consecutive first places"), "4회 연속 1위")

    def test_unknown_units_are_shown_as_stored(self):
        for language, expected in [
            ("en", "16 million widgets"),
            ("es", "16 millones de widgets"),
            ("ko", "1,600만 widgets"),
        ]:
            with self.subTest(language), translation.override(language):
                self.assertEqual(figure("16000000", "widgets"), expected)

    def test_spanish_units_from_the_importer_read_in_korean(self):
        with translation.override("ko"):
            self.assertEqual(figure("16000000", "personas"), "1,600만 명")
            self.assertEqual(figure("10", "años"), "10년")

    def test_unit_names_for_captions(self):
        for language, expected in [("en", "US dollars"), ("es", "dólares estadounidenses"), ("ko", "미국 달러")]:
            with self.subTest(language), translation.override(language):
                self.assertEqual(unit_name("USD"), expected)
                self.assertEqual(unit_name("widgets"), "widgets")

    def test_every_unit_generate_demo_writes_reads_in_spanish_and_korean(self):
        """Prevents "6 meetings" on /es/ and "meetings 단위 수치" on /ko/ for units without an entry."""
        units = {claim.unit for claim in CLAIMS if claim.unit} - {"USD", "%"}
        for language in ["es", "ko"]:
            for unit in sorted(units):
                with self.subTest(language=language, unit=unit), translation.override(language):
                    self.assertIn(unit, UNITS[language])
                    self.assertNotIn(unit, figure("6", unit))
                    self.assertNotIn(unit, figure("1", unit))
                    self.assertNotIn(unit, unit_name(unit))

    def test_demo_counts_read_natively(self):
        expected = {
            "es": ["6 reuniones", "1 ronda", "59.500 conjuntos de datos", "5.500 estudiantes", "1.200 megavatios"],
            "ko": ["회담 6회", "1차례", "데이터셋 5만 9,500개", "학생 5,500명", "1,200메가와트"],
        }
        for language, figures in expected.items():
            with self.subTest(language), translation.override(language):
                values = [
                    figure("6", "meetings"),
                    figure("1", "rounds"),
                    figure("59500", "datasets"),
                    figure("5500", "students"),
                    figure("1200", "megawatts"),
                ]
                self.assertEqual(values, figures)


class DateTests(SimpleTestCase):
    def test_dates_read_natively_at_their_precision(self):
        dates = [(date(2000, 1, 1), "decade"), (date(2023, 1, 1), "year"), (date(2024, 5, 1), "month")]
        dates.append((date(2024, 6, 7), "day"))
        expected = {
            "en": ["2000s", "2023", "May 2024", "7 June 2024"],
            "es": ["década de 2000", "2023", "mayo de 2024", "7 de junio de 2024"],
            "ko": ["2000년대", "2023년", "2024년 5월", "2024년 6월 7일"],
        }
        for language, texts in expected.items():
            with self.subTest(language), translation.override(language):
                self.assertEqual([format_date(value, precision) for value, precision in dates], texts)
                self.assertEqual(format_date(None, ""), "")

    def test_an_unsupported_or_regional_language_falls_back_sensibly(self):
        with translation.override("es-mx"):
            self.assertEqual(figure("150000", "jobs"), "150.000 empleos")
        with translation.override(None):
            self.assertEqual(figure("150000", "jobs"), "150,000 jobs")


def fact(value, unit, statement="A figure."):
    return Fact(statement=statement, value=Decimal(value), unit=unit, article=Article(language="en"))


class ChartTests(SimpleTestCase):
    def charts(self):
        return figure_groups([fact("19800000000", "USD", "Trade."), fact("9300000000", "USD", "Investment.")])

    def test_chart_under_korean_shows_korean_figures_and_title(self):
        with translation.override("ko"):
            (chart,) = self.charts()
            svg = chart.svg()
        self.assertIn('<tspan class="chart-value">198억 달러</tspan> <tspan xml:lang="en">Trade.</tspan>', svg)
        self.assertIn('<tspan class="chart-value">93억 달러</tspan>', svg)
        self.assertIn("미국 달러", svg)

    def test_a_label_in_the_pages_language_carries_no_language(self):
        """Regression: English statements in the charts of Spanish and Korean pages were not marked English."""
        with translation.override("en"):
            (chart,) = self.charts()
            self.assertIn("<tspan>Trade.</tspan>", chart.svg())

    def test_chart_title_is_translatable_and_english_unchanged(self):
        with translation.override("en"):
            (chart,) = self.charts()
            self.assertEqual(chart.title, "Figures in US dollars")
        with translation.override("es"):
            (chart,) = self.charts()
            self.assertIn("dólares estadounidenses", chart.title)

    def test_chart_titles_name_demo_units_in_the_page_language(self):
        """Prevents "Cifras en rounds" and "meetings 단위 수치" under demo content."""
        facts = [fact("6", "meetings", "Met."), fact("8", "meetings", "Met."), fact("3", "rounds", "Talks.")]
        facts.append(fact("5", "rounds", "Talks."))
        for language, titles in [
            ("es", ["Cifras en reuniones", "Cifras en rondas"]),
            ("ko", ["회담 수 단위 수치", "회차 단위 수치"]),
        ]:
            with self.subTest(language), translation.override(language):
                self.assertEqual([chart.title for chart in figure_groups(facts)], titles)

    def test_svg_geometry_keeps_svg_number_syntax_in_every_language(self):
        """Prevents a decimal comma from breaking bar widths on Spanish pages."""
        with translation.override("es"):
            (chart,) = self.charts()
            svg = chart.svg()
        self.assertIn('<tspan class="chart-value">19.800 millones de dólares</tspan>', svg)
        self.assertIn('width="360.0"', svg)
        self.assertIn('width="169.1"', svg)
        self.assertNotRegex(svg, r'(width|height|x|y)="\d+,\d')


class LocalizedPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.trade = FactFactory(statement="Trade.", value=Decimal("19800000000"), unit="USD")
        cls.trade.date, cls.trade.date_precision = date(2024, 5, 1), "month"
        cls.trade.save()
        cls.investment = FactFactory(statement="Investment.", value=Decimal("9300000000"), unit="USD")
        cls.jobs = FactFactory(statement="Jobs.", value=150000, unit="jobs")

    def setUp(self):
        # LocaleMiddleware leaves a request's language active in the thread after the response;
        # restore English afterwards so that later tests in this thread do not run in Spanish.
        self.enterContext(translation.override("en"))

    def test_fact_page_shows_the_figure_and_date_in_the_page_language(self):
        pages = {
            "": ["$19.8 billion", "May 2024"],
            "/es": ["19.800 millones de dólares", "mayo de 2024"],
            "/ko": ["198억 달러", "2024년 5월"],
        }
        for prefix, texts in pages.items():
            with self.subTest(prefix):
                response = self.client.get(f"{prefix}/facts/{self.trade.pk}/")
                for text in texts:
                    self.assertContains(response, text)
                self.assertContains(response, '<time datetime="2024-05">')

    def test_fact_list_charts_and_tables_follow_the_page_language(self):
        response = self.client.get("/ko/facts/")
        html = response.content.decode()
        self.assertIn('<tspan class="chart-value">198억 달러</tspan>', html)
        self.assertIn("<td>198억 달러</td>", html)
        self.assertIn("일자리 15만 개", html)

    def test_timeline_follows_the_page_language(self):
        response = self.client.get("/es/timeline/")
        self.assertContains(response, "mayo de 2024")
        self.assertContains(response, "19.800 millones de dólares")

    def test_figures_partial_table_equals_its_bars_in_korean(self):
        with translation.override("ko"):
            html = render_to_string("includes/figures.html", {"figures": figure_groups([self.trade, self.investment])})
        bars = re.findall(r'<tspan class="chart-value">([^<]+)</tspan>', html)
        self.assertEqual(bars, ["198억 달러", "93억 달러"])
        self.assertEqual(re.findall(r"<td>([^<]+)</td>", html), bars)

    def csv_rows(self, url):
        # Read the stream now: its rows are built lazily, in whatever language is active then.
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return list(csv.DictReader(io.StringIO(response.getvalue().decode())))

    def test_exports_keep_machine_readable_values_under_a_language_prefix(self):
        """
        Prevents localized figures ("19.800 millones") or dates from leaking into the downloads.
        Links may lead to the pages in the language of the address the file came from.
        """
        english = self.csv_rows("/facts.csv")
        spanish = self.csv_rows("/es/facts.csv")
        for row in spanish:
            for column in ["article_url", "pair_url"]:
                row[column] = row[column].replace("http://testserver/es/", "http://testserver/", 1)
        self.assertEqual(len(english), 3)
        self.assertEqual(spanish, english)
        trade = next(row for row in spanish if row["id"] == str(self.trade.pk))
        self.assertEqual((trade["value"], trade["unit"], trade["date"]), ("19800000000", "USD", "2024-05-01"))
