"""Editors in a real Chromium on an article's page: its pages of pairs."""

import re

import pytest
from playwright.sync_api import expect
from reversion.models import Version

from ..test_long_interviews import interview
from .test_editorial import member, roles, sign_in  # noqa: F401 (roles is a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seed", "roles")]


def test_the_pages_of_a_long_interview_open_without_saving_and_save_what_was_typed(new_page):
    article = interview(25, 1, title="A long interview")
    page = new_page()
    sign_in(page, member("Editor"))
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    expect(page.get_by_text("Q&A pairs 1–20 of 25")).to_be_visible()

    page.get_by_role("button", name="21–25").click()
    expect(page).to_have_url(re.compile(rf"/admin/articles/article/{article.pk}/change/\?page=2$"))
    expect(page.get_by_text("Q&A pairs 21–25 of 25")).to_be_visible()
    assert not Version.objects.get_for_object(article).exists(), "opening another page saved the article"

    page.locator("#id_pairs-0-answer").fill("Sector 21 exported $21.0 billion, a record.")
    page.get_by_role("button", name="1–20").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    expect(page.get_by_text("Q&A pairs 1–20 of 25")).to_be_visible()
    assert article.pairs.get(position=21).answer == "Sector 21 exported $21.0 billion, a record."
