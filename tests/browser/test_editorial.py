"""Editors in a real Chromium: import, correct, suggest facts, publish; restore an earlier version."""

import pytest
from playwright.sync_api import expect
from reversion.models import Version

from articles.models import Article, Fact, QAPair

from ..support.admin import member_of
from ..support.browser import choose_article, sign_in
from ..support.factories import ArticleFactory, PersonFactory, QAPairFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seed", "roles")]

INTERVIEW = """Korea and Mexico look to the stars

The two space agencies signed an agreement.

The director of the agency spoke to the press in Mexico City.

Q: What did the agencies sing?

A: A memorandum on a launch base, signed last June by both agencies.

Q: How much will it cost?

A: About $120 million over five years, and it should create 1,500 jobs.
"""


def accept_suggestion(page, words, unit):
    """Tick the suggestion of `unit` whose quote holds `words`, and give it the Aerospace theme."""
    quote = page.locator("textarea[name$='-quote']", has_text=words)
    suggestion = (
        page.locator("fieldset.suggestion")
        .filter(has=quote)
        .filter(has=page.locator(f"input[name$='-unit'][value='{unit}']"))
    )
    expect(suggestion).to_have_count(1)
    suggestion.get_by_label("Accept").check()
    suggestion.get_by_label("Themes").fill("Aerospace")


def test_a_new_fact_offers_the_pairs_of_the_article_chosen_and_keeps_what_was_typed(new_page):
    seed = Article.objects.originals().get()
    other = ArticleFactory(title="Another interview")
    question = QAPairFactory(article=other, position=1, prompt="Is this the other question?")

    page = new_page()
    sign_in(page, member_of("Editor"))
    page.goto("/admin/articles/fact/add/")
    offered = page.locator("#id_pair option")
    expect(offered).to_have_text(["---------"])
    page.get_by_label("Statement").fill("Typed before the article was chosen.")

    choose_article(page, seed.title)
    expect(offered).to_have_text(["---------", *(str(pair) for pair in seed.pairs.order_by("position"))])
    choose_article(page, other.title)
    expect(offered).to_have_text(["---------", str(question)])
    expect(page.get_by_label("Statement")).to_have_value("Typed before the article was chosen.")


def test_contributor_imports_and_an_editor_publishes_what_readers_then_find(new_page):
    """The whole editorial path, from pasted text to the public theme page."""
    PersonFactory(name="Ana Ruiz", slug="ana-ruiz")
    contributor, editor = member_of("Contributor"), member_of("Editor")

    page = new_page()
    sign_in(page, contributor)
    page.goto("/admin/articles/article/")
    page.get_by_role("link", name="Import interview").click()
    page.get_by_label("Paste the interview").fill(INTERVIEW)
    page.get_by_role("button", name="Recognise").click()

    expect(page.get_by_text("Recognised: Q: and A: labels")).to_be_visible()
    page.locator("textarea[name='pairs-0-prompt']").fill("What did the agencies sign?")
    page.locator(".field-interviewee .select2-selection").click()
    page.locator(".select2-search__field").fill("Ana")
    page.locator(".select2-results__option", has_text="Ana Ruiz").click()
    page.get_by_label("Original publication date").fill("2024-10-01")
    page.get_by_role("button", name="Save draft").last.click()

    expect(page.get_by_text("as a draft. Review the suggested facts.")).to_be_visible()
    accept_suggestion(page, "About $120 million over five years", "USD")
    accept_suggestion(page, "it should create 1,500 jobs", "jobs")
    page.get_by_role("button", name="Add the accepted facts").click()
    expect(page.get_by_text("Added 2 facts.")).to_be_visible()

    article = Article.objects.get(title="Korea and Mexico look to the stars")
    assert article.status == Article.Status.DRAFT
    assert list(article.pairs.values_list("prompt", flat=True)) == [
        "What did the agencies sign?",
        "How much will it cost?",
    ]
    assert sorted(Fact.objects.filter(article=article).values_list("unit", flat=True)) == ["USD", "jobs"]

    page = new_page()
    sign_in(page, editor)
    page.goto("/admin/articles/article/")
    page.get_by_role("row").filter(has_text="Korea and Mexico look to the stars").get_by_role("checkbox").check()
    page.locator("select[name='action']").select_option("publish")
    page.get_by_role("button", name="Run").or_(page.get_by_role("button", name="Go")).click()
    expect(page.get_by_text("Published 1 article now.")).to_be_visible()

    reader = new_page()
    reader.goto("/themes/aerospace/")
    facts = reader.locator(".fact-card").filter(has_text="Korea and Mexico look to the stars")
    expect(facts).to_have_count(2)
    facts.first.get_by_role("link", name="Read it in").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Korea and Mexico look to the stars")


def test_editor_restores_an_earlier_version_and_readers_see_the_old_answer(new_page):
    article = Article.objects.originals().get()
    pair = QAPair.objects.get(article=article, anchor="space")
    seed_version = Version.objects.get_for_object(article).get()

    page = new_page()
    sign_in(page, member_of("Editor"))
    page.goto(f"/admin/articles/qapair/{pair.pk}/change/")
    answer = page.get_by_label("Answer")
    answer.fill(answer.input_value() + "\n\nA later addition by the editors.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    page.goto(article.get_absolute_url())
    expect(page.locator("#space")).to_contain_text("A later addition by the editors.")

    page.goto(f"/admin/articles/article/{article.pk}/history/")
    page.locator(f"a[href$='/history/{seed_version.pk}/']").first.click()
    expect(page.get_by_text("Press the save button below to revert to this version")).to_be_visible()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("The article stays published.")).to_be_visible()

    page.goto(article.get_absolute_url())
    expect(page.locator("#space")).not_to_contain_text("A later addition by the editors.")
    expect(page.locator("#space")).to_contain_text("Among other topics on the bilateral agenda is space.")
