"""The import review in a real Chromium: fixing what the importer missed, and adding a person on the way."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, Person

from ..support.admin import member_of
from ..support.browser import pair, recognise, sign_in
from ..support.factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seed", "roles")]

# Read as question lines: the statement that opens the interview stays in the intro, another
# is taken for part of an answer, and a rhetorical question becomes a pair of its own.
INTERVIEW = """Seoul's envoy on trade

The ambassador spoke to us in Mexico City.

Let us start with trade.

It has never been better: $21.3 billion last year.

How many Korean firms are there?

About 430.

They employ about 150,000 people.

Tell us about the treaty.

Talks restarted in 2022.

Will it be signed?

Not before 2026.

Why rush?

A good treaty takes time.
"""


def paragraph_button(page, number, words, name):
    """The button `name` beside the answer paragraph of pair `number` that starts with `words`."""
    return pair(page, number).locator("li", has_text=words).get_by_role("button", name=name)


def choose_person(page, field, name):
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-search__field").fill(name)
    page.locator(".select2-results__option", has_text=name).click()


def test_an_editor_fixes_missed_prompts_with_the_review_buttons_and_keeps_what_was_typed(new_page):
    PersonFactory(name="Kim Sang-woo", slug="kim-sang-woo")
    page = new_page()
    sign_in(page, member_of("Contributor"))
    recognise(page, INTERVIEW)
    expect(page.locator("fieldset.pair")).to_have_count(3)
    page.get_by_label("Title").fill("Seoul's envoy on trade and treaties")

    page.locator(".field-intro + .review-tools li", has_text="Let us start").get_by_role("button").click()
    expect(page.get_by_text("The paragraph is now the prompt of pair 1")).to_be_visible()
    expect(pair(page, 1).get_by_label("Prompt")).to_have_value("Let us start with trade.")
    expect(page.get_by_label("Intro")).to_have_value("")

    paragraph_button(page, 2, "Tell us about", "Make prompt").click()
    paragraph_button(page, 2, "They employ", "Split here").click()
    expect(pair(page, 3).get_by_label("Answer")).to_have_value("They employ about 150,000 people.")
    pair(page, 3).get_by_label("Prompt").fill("How many jobs?")

    pair(page, 5).get_by_role("button", name="Merge with the next pair").click()
    expect(pair(page, 5).get_by_label("Answer")).to_have_value(
        "Not before 2026.\n\nWhy rush?\n\nA good treaty takes time."
    )
    pair(page, 5).get_by_role("button", name="Add a pair after").click()
    pair(page, 6).get_by_label("Prompt").fill("A pair added by mistake?")
    pair(page, 6).get_by_role("button", name="Move up").click()
    expect(pair(page, 5).get_by_label("Prompt")).to_have_value("A pair added by mistake?")
    pair(page, 5).get_by_role("button", name="Delete pair").click()
    expect(page.locator("fieldset.pair")).to_have_count(5)

    expect(page.get_by_label("Title")).to_have_value("Seoul's envoy on trade and treaties")
    expect(page.get_by_label("Language")).to_have_value("en")
    choose_person(page, "interviewee", "Kim Sang-woo")
    page.get_by_role("button", name="Save draft").last.click()
    expect(page.get_by_text("as a draft. Review the suggested facts.")).to_be_visible()

    article = Article.objects.get(title="Seoul's envoy on trade and treaties")
    assert (article.intro, article.interviewee.name, article.language) == ("", "Kim Sang-woo", "en")
    assert list(article.pairs.values_list("prompt", "answer")) == [
        ("Let us start with trade.", "It has never been better: $21.3 billion last year."),
        ("How many Korean firms are there?", "About 430."),
        ("How many jobs?", "They employ about 150,000 people."),
        ("Tell us about the treaty.", "Talks restarted in 2022."),
        ("Will it be signed?", "Not before 2026.\n\nWhy rush?\n\nA good treaty takes time."),
    ]


def test_an_editor_adds_the_interviewee_from_the_review_page(new_page):
    page = new_page()
    sign_in(page, member_of("Contributor"))
    recognise(page, "Five minutes with the consul\n\nQ: How long have you lived in Mexico?\n\nA: Three years.")

    with page.expect_popup() as opened:
        page.locator("#add_id_interviewee").click()
    popup = opened.value
    popup.get_by_label("Name:", exact=True).fill("Park Ji-min")
    popup.get_by_label("Slug").fill("park-ji-min")
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".field-interviewee .select2-selection__rendered")).to_contain_text("Park Ji-min")
    page.get_by_role("button", name="Save draft").last.click()
    expect(page.get_by_text("as a draft. Review the suggested facts.")).to_be_visible()
    assert Article.objects.get(title="Five minutes with the consul").interviewee == Person.objects.get(
        name="Park Ji-min"
    )
