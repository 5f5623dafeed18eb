"""Importing the seed interview's Spanish text, in a real Chromium, as the translation of its English original."""

import pytest
from playwright.sync_api import expect

from articles.models import Article

from ..support.admin import member_of
from ..support.browser import pair, recognise, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seed", "roles")]


def spanish_text(leave_out=None):
    """
    Return the seed's Spanish translation as a newspaper prints it, without the pair at
    position `leave_out`, and delete that translation: an original has one a language.
    """
    translation = Article.objects.get(language="es")
    pairs = [pair for pair in translation.pairs.order_by("position") if pair.position != leave_out]
    parts = [translation.title, translation.standfirst, translation.intro]
    for qa in pairs:
        parts += [f"Pregunta: {qa.prompt}", f"Respuesta: {qa.answer}"]
    translation.delete()
    return "\n\n".join(parts)


def choose_original(page, title):
    page.locator(".field-translation_of .select2-selection").click()
    page.locator(".select2-search__field").fill(title[:20])
    page.locator(".select2-results__option", has_text=title).click()


def test_a_spanish_text_with_a_pair_missing_is_aligned_by_the_editor_with_the_english_original(new_page):
    original = Article.objects.get(language="en")
    originals = list(original.pairs.order_by("position"))
    page = new_page()
    sign_in(page, member_of("Contributor"))
    recognise(page, spanish_text(leave_out=3))
    expect(page.get_by_label("Language")).to_have_value("es")
    expect(page.get_by_text("Detected from the text: Spanish.")).to_be_visible()
    expect(page.locator("fieldset.pair")).to_have_count(len(originals) - 1)

    choose_original(page, original.title)
    page.get_by_role("button", name="Save draft").last.click()
    expect(
        page.get_by_text(f"This text has {len(originals) - 1} pairs and the original {len(originals)}")
    ).to_be_visible()
    assert not Article.objects.filter(language="es").exists()

    # Aligned in order by default; pair 2 said to translate the original's fourth, before pair 3's third, is refused.
    pair(page, 2).get_by_label("Translates").select_option(str(originals[3].pk))
    page.get_by_role("button", name="Save draft").last.click()
    expect(page.get_by_text("keep the original's order")).to_be_visible()
    pair(page, 2).get_by_label("Translates").select_option(str(originals[1].pk))
    for number in range(3, len(originals)):
        pair(page, number).get_by_label("Translates").select_option(str(originals[number].pk))
    page.get_by_role("button", name="Save draft").last.click()
    expect(page.get_by_text("as a draft translation of")).to_be_visible()

    translation = Article.objects.get(language="es")
    assert translation.translation_of == original
    aligned = list(translation.pairs.order_by("position"))
    assert [qa.original for qa in aligned] == originals[:2] + originals[3:]
    assert [qa.anchor for qa in aligned] == [qa.anchor for qa in originals[:2] + originals[3:]]
    expect(page.get_by_role("link", name="Suggest facts")).to_have_count(0)
