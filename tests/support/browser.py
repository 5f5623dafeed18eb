"""What the browser tests do as editors: sign in, choose an article in an autocomplete, recognise an import."""

from playwright.sync_api import expect

PASSWORD = "correct horse battery staple"


def sign_in(page, user):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out"))).to_be_visible()


def choose_article(page, title):
    """Choose the article titled `title` in the fact form's article autocomplete."""
    page.locator(".field-article .select2-selection").click()
    page.locator(".select2-search__field").fill(title)
    page.locator(".select2-results__option", has_text=title).click()


def recognise(page, text):
    page.goto("/admin/articles/article/import/")
    page.get_by_label("Paste the interview").fill(text)
    page.get_by_role("button", name="Recognise").click()
    expect(page.get_by_role("heading", name="Review the imported interview")).to_be_visible()


def pair(page, number):
    return page.locator(f"#pair-{number}")
