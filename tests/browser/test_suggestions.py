"""The Suggest facts page in a real Chromium: select all or none, then accept."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.importer.drafts import create_draft
from articles.models import Article, Fact

from ..support.factories import PersonFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

PAIRS = [
    (
        "The agencies signed a memorandum in 2023. What does it cover?",
        "A memorandum on a launch base, signed last June by both agencies.",
    ),
    ("How much will it cost?", "About $120 million over five years, and it should create 1,500 jobs."),
]


@pytest.fixture
def article():
    article = create_draft(
        text="Korea and Mexico look to the stars",
        title="Korea and Mexico look to the stars",
        standfirst="",
        intro="",
        pairs=PAIRS,
        interviewee=PersonFactory(),
        source=None,
        original_date=None,
    )
    Article.objects.filter(pk=article.pk).update(original_date="2024-10-01", original_date_precision="day")
    return article


def open_suggestions(page, article):
    page.goto("/admin/login/")
    user = UserFactory(editor=True)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.goto(reverse("admin:articles_article_suggest_facts", args=[article.pk]))


def test_select_all_ticks_every_suggestion_and_select_none_unticks_them(page, article):
    open_suggestions(page, article)
    boxes = page.get_by_label("Accept")
    expect(boxes).to_have_count(5)
    boxes.nth(1).check()
    page.get_by_role("button", name="Select all").click()
    for index in range(5):
        expect(boxes.nth(index)).to_be_checked()
    page.get_by_role("button", name="Select none").click()
    for index in range(5):
        expect(boxes.nth(index)).not_to_be_checked()

    page.get_by_role("button", name="Select all").click()
    page.get_by_role("button", name="Add the accepted facts").click()
    expect(page.get_by_text("Added 5 facts. 0 suggestions left out.")).to_be_visible()
    assert Fact.objects.filter(article=article).count() == 5


def test_without_javascript_the_buttons_stay_hidden_and_boxes_are_ticked_by_hand(new_page, article):
    page = new_page(java_script_enabled=False)
    open_suggestions(page, article)
    expect(page.get_by_role("button", name="Select all")).to_be_hidden()
    page.get_by_label("Accept").first.check()
    page.get_by_role("button", name="Add the accepted facts").click()
    expect(page.get_by_text("Added 1 fact. 4 suggestions left out.")).to_be_visible()
