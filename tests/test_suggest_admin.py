"""The admin's Suggest facts page: what it proposes and shows, and accepting suggestions as facts."""

from unittest import mock

from django.contrib.messages import get_messages
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.formatting import format_date
from articles.history_comments import said
from articles.importer.drafts import create_draft
from articles.models import Article, Fact, QAPair, TaggedFact, Theme

from .support.admin import member_of
from .support.factories import ArticleFactory, PersonFactory, QAPairFactory, ThemeFactory

INTERVIEW = """Korea and Mexico look to the stars

The two space agencies signed an agreement.

The director of the agency spoke to the press in Mexico City in May 2024.

Q: The agencies signed a memorandum in 2023. What does it cover?

A: A memorandum on a launch base, signed last June by both agencies.

It covers a feasibility study.

Q: How much will it cost?

A: About $120 million over five years, and it should create 1,500 jobs.
"""
INTRO = "The director of the agency spoke to the press in Mexico City in May 2024."
PAIRS = [
    (
        "The agencies signed a memorandum in 2023. What does it cover?",
        "A memorandum on a launch base, signed last June by both agencies.\n\nIt covers a feasibility study.",
    ),
    ("How much will it cost?", "About $120 million over five years, and it should create 1,500 jobs."),
]


def draft(person, pairs=PAIRS, text=INTERVIEW, original_date="2024-10-01", **fields):
    """An imported draft interview, with an original date unless given None."""
    article = create_draft(
        text=text,
        title="Korea and Mexico look to the stars",
        standfirst="",
        intro=INTRO,
        pairs=pairs,
        interviewee=person,
        source=None,
        original_date=None,
    )
    if original_date:
        fields.update(original_date=original_date, original_date_precision="day")
    Article.objects.filter(pk=article.pk).update(**fields)
    article.refresh_from_db()
    return article


def suggest_url(article):
    return reverse("admin:articles_article_suggest_facts", args=[article.pk])


def rows(response):
    """POST data accepting nothing, from the suggestions the page shows."""
    formset = response.context["formset"]
    data = {f"{formset.prefix}-{key}": str(value) for key, value in formset.management_form.initial.items()}
    for form in formset.forms:
        for name in form.fields:
            value = form.initial.get(name)
            data[form.add_prefix(name)] = "" if value is None or value is False else str(value)
    return data


def index_of(response, words, **initial):
    """Return the index of the suggestion whose quote holds `words` and whose initial values include `initial`."""
    return next(
        index
        for index, form in enumerate(response.context["formset"].forms)
        if words in form.initial["quote"] and all(form.initial[name] == value for name, value in initial.items())
    )


def accept(data, index, **values):
    data[f"suggestions-{index}-accept"] = "on"
    data.update({f"suggestions-{index}-{name}": value for name, value in values.items()})


class SuggestFactsPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = member_of("Contributor")
        cls.person = PersonFactory(name="Sang Min Lee", slug="sang-min-lee")
        cls.interviewer = PersonFactory(name="Ana Ruiz", slug="ana-ruiz")
        cls.theme = ThemeFactory(name="Aerospace", slug="aerospace")
        cls.article = draft(cls.person, interviewer=cls.interviewer)
        cls.url = suggest_url(cls.article)

    def setUp(self):
        self.client.force_login(self.user)

    def test_page_proposes_money_counts_and_resolved_dates_with_their_pairs(self):
        response = self.client.get(self.url)
        initial = [form.initial for form in response.context["formset"].forms]
        second = QAPair.objects.get(article=self.article, position=2)
        money = next(row for row in initial if row["unit"] == "USD")
        self.assertEqual((money["value"], money["pair"], money["category"]), (120_000_000, second.pk, "money"))
        june = next(row for row in initial if row["date_precision"] == "month" and row["pair"])
        self.assertEqual(str(june["date"]), "2024-06-01")

    def test_each_suggestion_names_where_it_comes_from_and_its_category(self):
        """A list of every pair on every suggestion made the page grow with pairs × suggestions."""
        response = self.client.get(self.url)
        self.assertContains(response, "From the answer to 2. How much will it cost?", count=3)
        self.assertContains(
            response, "From the prompt of 1. The agencies signed a memorandum in 2023. What does it cover?", count=1
        )
        self.assertContains(response, "From the intro", count=1)
        self.assertNotContains(response, '<select name="suggestions-0-pair"')
        headings = [form.category_label for form in response.context["formset"].forms]
        self.assertEqual([str(label) for label in headings], ["Date", "Date", "Date", "Money", "Duration", "Count"])
        self.assertContains(response, "<h2>Suggestion 4: Money</h2>", html=True)
        self.assertContains(response, "<h2>Suggestion 6: Count</h2>", html=True)

    def test_the_categories_are_shown_in_the_editors_language(self):
        response = self.client.get(self.url, HTTP_ACCEPT_LANGUAGE="es")
        self.assertEqual(str(response.context["formset"].forms[4].category_label), "Duración")

    def test_select_all_and_none_are_offered_to_javascript_only(self):
        response = self.client.get(self.url)
        self.assertContains(response, '<p class="select-suggestions" hidden>')
        self.assertRegex(response.content.decode(), r'<script src="[^"]*js/suggestions(\.[0-9a-f]+)?\.js" defer>')

    def test_the_page_takes_the_same_queries_however_many_suggestions(self):
        longer = draft(self.person, pairs=PAIRS * 10, text=INTERVIEW * 2)
        with CaptureQueriesContext(connection) as short_page:
            self.client.get(self.url)
        with CaptureQueriesContext(connection) as long_page:
            self.assertEqual(len(self.client.get(suggest_url(longer)).context["formset"].forms), 1 + 5 * 10)
        self.assertEqual(len(long_page), len(short_page))

    def test_accepting_two_suggestions_creates_exactly_those_facts(self):
        page = self.client.get(self.url)
        data = rows(page)
        accept(data, index_of(page, "$120 million", unit="USD"), themes="aerospace")
        accept(data, index_of(page, "1,500 jobs"), themes="aerospace")
        response = self.client.post(self.url, data)
        self.assertRedirects(response, reverse("admin:articles_article_change", args=[self.article.pk]))
        facts = Fact.objects.order_by("value")
        self.assertEqual([fact.unit for fact in facts], ["jobs", "USD"])
        for fact in facts:
            self.assertEqual((fact.person, fact.in_prompt), (self.person, False))
            self.assertEqual(list(fact.themes.all()), [self.theme])
            self.assertIn(fact.quote, fact.pair.answer)
        messages = [str(message) for message in response.wsgi_request._messages]
        self.assertEqual(messages, ["Added 2 facts. 4 suggestions left out."])

    def test_accepting_one_suggestion_is_named_in_the_history_in_the_singular(self):
        page = self.client.get(self.url)
        data = rows(page)
        accept(data, index_of(page, "1,500 jobs"))
        self.client.post(self.url, data)
        latest = Version.objects.get_for_object(Article.objects.get(pk=self.article.pk)).first()
        self.assertEqual(said(latest.revision), "Added 1 suggested fact.")

    def test_accepting_none_saves_nothing(self):
        """Regression: it wrote a history entry "Added 0 suggested fact(s)." and changed the article's updated time."""
        versions = Version.objects.get_for_object(self.article).count()
        updated = Article.objects.get(pk=self.article.pk).updated_at
        response = self.client.post(self.url, rows(self.client.get(self.url)))
        self.assertRedirects(response, reverse("admin:articles_article_change", args=[self.article.pk]))
        self.assertEqual(Version.objects.get_for_object(self.article).count(), versions)
        self.assertEqual(Article.objects.get(pk=self.article.pk).updated_at, updated)
        # Regression: it said, as a success, "Added 0 facts. 6 suggestions left out.".
        said = [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]
        self.assertEqual(said, [("info", "No fact added: the 6 suggestions were left out.")])

    def test_a_refused_page_says_so_at_its_top(self):
        """Regression: a refused submit reloaded the page with its one error at suggestion 24 of 50, nothing above."""
        page = self.client.get(self.url)
        data = rows(page)
        accept(data, index_of(page, "1,500 jobs"), quote="no such words")
        response = self.client.post(self.url, data)
        self.assertContains(response, '<p class="errornote">Please correct the error below.</p>')

    def test_a_prompt_figure_becomes_a_prompt_fact_of_the_interviewer(self):
        page = self.client.get(self.url)
        data = rows(page)
        accept(data, index_of(page, "in 2023", in_prompt=True))
        self.client.post(self.url, data)
        fact = Fact.objects.get()
        self.assertEqual((fact.in_prompt, fact.person, fact.date_precision), (True, self.interviewer, "year"))
        self.assertIn(fact.quote, fact.pair.prompt)

    def test_prompt_figures_without_an_interviewer_and_intro_figures_are_attributed_to_nobody(self):
        Article.objects.filter(pk=self.article.pk).update(interviewer=None)
        page = self.client.get(self.url)
        data = rows(page)
        accept(data, index_of(page, "in 2023", in_prompt=True))
        accept(data, index_of(page, "May 2024"))
        self.client.post(self.url, data)
        self.assertEqual(
            sorted(Fact.objects.values_list("in_prompt", "pair__position", "person")),
            [(False, None, None), (True, 1, None)],
        )

    def test_accepting_is_one_history_entry_in_as_many_queries_for_many_facts_as_for_few(self):
        """Accepting 900 suggestions took 11 s and about ten queries a fact."""
        longer = draft(self.person, pairs=PAIRS * 4, text=INTERVIEW * 2, interviewer=self.interviewer)

        def accept_all(article, count):
            url = suggest_url(article)
            page = self.client.get(url)
            data = rows(page)
            for index in range(count):
                accept(data, index, themes="Aerospace, Space law")
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.post(url, data).status_code, 302)
            return len(queries)

        ThemeFactory(name="Space law", slug="space-law")
        self.assertEqual(accept_all(self.article, 2), accept_all(longer, 20))
        self.assertEqual(Fact.objects.filter(article=longer).count(), 20)
        self.assertEqual(TaggedFact.objects.filter(content_object__article=longer).count(), 40)
        versions = Version.objects.get_for_object(Article.objects.get(pk=longer.pk))
        self.assertEqual(versions.count(), 2)
        revision = versions.first().revision
        self.assertEqual(revision.version_set.filter(content_type__model="fact").count(), 20)
        self.assertEqual(revision.version_set.filter(content_type__model="taggedfact").count(), 40)
        self.assertEqual(revision.user, self.user)

    def test_a_new_theme_name_makes_one_theme_for_every_suggestion_that_gives_it(self):
        page = self.client.get(self.url)
        data = rows(page)
        accept(data, index_of(page, "$120 million", unit="USD"), themes="Space law, aerospace")
        accept(data, index_of(page, "1,500 jobs"), themes="space law")
        self.client.post(self.url, data)
        space_law = Theme.objects.get(name__iexact="space law")
        self.assertEqual(Theme.objects.count(), 2)
        self.assertEqual(TaggedFact.objects.filter(tag=space_law).count(), 2)
        self.assertEqual(TaggedFact.objects.filter(tag=self.theme).count(), 1)

    def test_a_theme_named_twice_in_one_suggestion_is_linked_once(self):
        page = self.client.get(self.url)
        data = rows(page)
        accept(data, index_of(page, "1,500 jobs"), themes="Space law, space law, AEROSPACE")
        self.assertEqual(self.client.post(self.url, data).status_code, 302)
        self.assertEqual(sorted(Fact.objects.get().themes.values_list("name", flat=True)), ["Aerospace", "Space law"])

    def test_a_theme_name_too_long_is_refused_on_its_suggestion(self):
        page = self.client.get(self.url)
        data = rows(page)
        index = index_of(page, "1,500 jobs")
        accept(data, index, themes="x" * 101)
        response = self.client.post(self.url, data)
        self.assertIn("A theme name has at most 100 characters", str(response.context["formset"].forms[index].errors))
        self.assertEqual((Fact.objects.count(), Theme.objects.count()), (0, 1))

    def test_refused_suggestions_are_checked_in_as_many_queries_for_many_as_for_few(self):
        longer = draft(self.person, pairs=PAIRS * 4, text=INTERVIEW * 2)

        def refuse_all(article, count):
            url = suggest_url(article)
            data = rows(self.client.get(url))
            for index in range(count):
                accept(data, index, quote="Words nobody said", themes="Aero-space")
            with CaptureQueriesContext(connection) as queries:
                response = self.client.post(url, data)
            self.assertEqual(sum(bool(form.errors) for form in response.context["formset"].forms), count)
            return len(queries)

        self.assertEqual(refuse_all(self.article, 2), refuse_all(longer, 20))
        self.assertEqual(Fact.objects.count(), 0)

    def test_an_edited_quote_that_is_not_verbatim_is_refused_on_the_quote(self):
        page = self.client.get(self.url)
        data = rows(page)
        index = index_of(page, "$120 million", unit="USD")
        accept(data, index, quote="about 120 million dollars", statement="Edited by the editor.")
        response = self.client.post(self.url, data)
        form = response.context["formset"].forms[index]
        self.assertIn("do not appear verbatim", str(form.errors["quote"]))
        self.assertContains(response, "Edited by the editor.")
        self.assertEqual(Fact.objects.count(), 0)

    def test_a_theme_that_looks_like_an_existing_one_is_refused_on_its_suggestion(self):
        page = self.client.get(self.url)
        data = rows(page)
        index = index_of(page, "1,500 jobs")
        accept(data, index, themes="Aero-space")
        accept(data, index_of(page, "$120 million", unit="USD"), themes="aerospace")
        response = self.client.post(self.url, data)
        self.assertIn("looks like the existing theme “Aerospace”", str(response.context["formset"].forms[index].errors))
        self.assertEqual((Fact.objects.count(), Theme.objects.count()), (0, 1))

    def test_a_themes_spanish_or_korean_name_tags_the_suggestion_with_the_theme(self):
        Theme.objects.filter(name="Aerospace").update(name_es="Aeroespacial", name_ko="항공우주")
        page = self.client.get(self.url)
        data = rows(page)
        accept(data, index_of(page, "1,500 jobs"), themes="항공우주")
        accept(data, index_of(page, "$120 million", unit="USD"), themes="aeroespacial")
        self.assertEqual(self.client.post(self.url, data).status_code, 302)
        self.assertEqual(Theme.objects.count(), 1)
        self.assertEqual(
            [list(fact.themes.values_list("name", flat=True)) for fact in Fact.objects.all()], [["Aerospace"]] * 2
        )

    def test_a_forged_pair_or_category_is_refused_with_a_message(self):
        other = QAPairFactory(article=ArticleFactory(), prompt="Other?", answer="About $120 million over five years")
        page = self.client.get(self.url)
        data = rows(page)
        index = index_of(page, "$120 million", unit="USD")
        accept(data, index, pair=str(other.pk))
        accept(data, index_of(page, "1,500 jobs"), category="bogus")
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 200)
        errors = str(response.context["formset"].errors)
        self.assertIn("This Q&A pair is not part of the article.", errors)
        self.assertIn("Select a valid choice", errors)
        self.assertEqual(Fact.objects.count(), 0)

    def test_facts_already_made_are_not_suggested_again_but_their_quotes_other_figures_are(self):
        page = self.client.get(self.url)
        data = rows(page)
        accept(data, index_of(page, "$120 million", unit="USD"))
        self.client.post(self.url, data)
        left = [(form.initial["quote"], form.initial["unit"]) for form in self.client.get(self.url).context["formset"]]
        self.assertNotIn(("About $120 million over five years", "USD"), left)
        self.assertIn(("About $120 million over five years", "years"), left)

    def test_a_figure_recorded_with_a_shorter_or_longer_quote_is_not_suggested_again(self):
        """Regression: a fact whose quote an editor had shortened was suggested again, and accepted twice."""
        second = QAPair.objects.get(article=self.article, position=2)
        for quote in ["$120 million", "About $120 million over five years, and it should create"]:
            with self.subTest(quote):
                Fact.objects.all().delete()
                Fact.objects.create(
                    article=self.article, pair=second, statement="Money.", quote=quote, value=120_000_000, unit="USD"
                )
                left = [
                    (form.initial["quote"], form.initial["unit"])
                    for form in self.client.get(self.url).context["formset"]
                ]
                self.assertNotIn(("About $120 million over five years", "USD"), left)
                self.assertIn(("About $120 million over five years", "years"), left)

    def test_relative_dates_read_against_the_import_date_are_named_in_a_warning(self):
        article = draft(self.person, text=f"{INTERVIEW}\nSource: Space Weekly", original_date=None)
        response = self.client.get(suggest_url(article))
        imported = timezone.localdate(article.created_at)
        june = format_date(imported.replace(month=6, day=1, year=imported.year - (imported.month <= 6)), "month")
        self.assertContains(response, "This article has no original publication date")
        self.assertContains(
            response, f"“last June”, read as {june}, in the answer to 1. The agencies signed a memorandum"
        )
        change = reverse("admin:articles_article_change", args=[article.pk])
        self.assertContains(response, f'<a href="{change}">Set the article’s original publication date</a>')
        self.assertNotContains(self.client.get(self.url), "This article has no original publication date")

    def test_korean_relative_dates_are_named_in_the_warning_too(self):
        pairs = [("올해 계획은 무엇입니까?", "지난해 교역액은 198억 달러에 달했습니다.")]
        article = draft(self.person, pairs=pairs, text="한국어 인터뷰", original_date=None, language="ko")
        response = self.client.get(suggest_url(article))
        last_year = timezone.localdate(article.created_at).year - 1
        self.assertContains(response, f"“지난해”, read as {last_year}, in the answer to 1. 올해 계획은 무엇입니까?")
        money = next(form.initial for form in response.context["formset"].forms if form.initial["unit"] == "USD")
        self.assertEqual((money["value"], money["unit"], money["date"].year), (19_800_000_000, "USD", last_year))

    def test_past_a_page_of_suggestions_pages_hold_whole_pairs(self):
        with mock.patch("articles.admin.suggestions.MAX_PER_PAGE", 3):
            page = self.client.get(self.url)
            self.assertEqual(len(page.context["formset"].forms), 3)  # the intro and pair 1
            self.assertContains(page, f'href="{self.url}?start=2"')
            data = rows(page)
            accept(data, 0)
            response = self.client.post(self.url, data)
            self.assertRedirects(response, f"{self.url}?start=2", fetch_redirect_response=False)
            second = self.client.get(f"{self.url}?start=2")
        self.assertEqual([form.initial["unit"] for form in second.context["formset"]], ["USD", "years", "jobs"])
        self.assertEqual(Fact.objects.count(), 1)

    def test_a_pair_with_more_suggestions_than_a_page_says_how_many_are_left_out(self):
        with mock.patch("articles.admin.suggestions.MAX_PER_PAGE", 2):
            response = self.client.get(f"{self.url}?start=2")
        self.assertEqual(len(response.context["formset"].forms), 2)
        self.assertContains(response, "One more suggestion from this pair is not shown")

    def test_a_start_that_is_not_a_position_is_not_found(self):
        for start in ["abc", "-1", "1e3", "9" * 12]:
            with self.subTest(start=start):
                self.assertEqual(self.client.get(f"{self.url}?start={start}").status_code, 404)

    def test_contributor_cannot_add_facts_to_a_published_article(self):
        published = ArticleFactory()
        self.assertEqual(self.client.get(suggest_url(published)).status_code, 403)

    def test_an_address_that_is_not_an_article_id_is_not_found(self):
        """Regression: a non-numeric id reached the database and answered 500."""
        for object_id in ["abc", "1\x00", "999999"]:
            with self.subTest(object_id=object_id):
                url = reverse("admin:articles_article_suggest_facts", args=[object_id])
                self.assertEqual(self.client.get(url).status_code, 404)
                self.assertEqual(self.client.post(url, {}).status_code, 404)
