"""The admin in tests: addresses, users of each role, the data its forms post, their errors."""

from html.parser import HTMLParser

from django.contrib.auth.models import Group, User
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from articles.admin.articles import article_state
from articles.admin.facts import fact_state
from articles.admin.pairs import pair_state

from .factories import UserFactory


def admin_url(model, view, *args):
    """The address of the admin's `view` page of `model` (a model or its name)."""
    name = model if isinstance(model, str) else model._meta.model_name
    return reverse(f"admin:articles_{name}_{view}", args=args)


def management_form(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def formset_data(prefix, rows, initial=0):
    """POST data for an inline formset: its management form, then each row's fields."""
    data = management_form(prefix, len(rows), initial)
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def blank(value):
    return "" if value is None else str(value)


def article_data(article=None, **values):
    """The article change form's fields as the admin posts them, from `article` (or a new draft)."""
    if article is None:
        data = {
            "kind": "interview",
            "title": "Ambassador on trade",
            "slug": "ambassador-on-trade",
            "standfirst": "",
            "intro": "The ambassador spoke in Seoul.",
            "themes": "",
            "interviewee": "",
            "source": "",
            "source_url": "",
            "original_date": "",
            "original_date_precision": "",
            "language": "en",
            "status": "draft",
            "published_at_0": "",
            "published_at_1": "",
        }
    else:
        published = timezone.localtime(article.published_at) if article.published_at else None
        data = {
            "kind": article.kind,
            "title": article.title,
            "slug": article.slug,
            "standfirst": article.standfirst,
            "intro": article.intro,
            "themes": ", ".join(theme.name for theme in article.themes.all()),
            "interviewee": blank(article.interviewee_id),
            "source": blank(article.source_id),
            "source_url": article.source_url,
            "original_date": article.original_date.isoformat() if article.original_date else "",
            "original_date_precision": article.original_date_precision,
            "language": article.language,
            "status": article.status,
            "published_at_0": published.date().isoformat() if published else "",
            "published_at_1": published.strftime("%H:%M:%S") if published else "",
            "loaded_state": article_state(article.pk),
        }
    # The lead picture's inline, empty.
    return {**data, **management_form("lead_picture", 0), **values}


def pair_row(pair=None, **values):
    """One QAPairInline row: an existing pair's current values, or a new pair's."""
    row = {"id": "", "position": "", "prompt": "", "answer": "", "anchor": "", "themes": ""}
    if pair is not None:
        row.update(
            id=str(pair.pk),
            article=str(pair.article_id),
            position=str(pair.position),
            prompt=pair.prompt,
            answer=pair.answer,
            anchor=pair.anchor,
            themes=", ".join(theme.name for theme in pair.themes.all()),
        )
    return {**row, **values}


def fact_data(fact, **values):
    """The FactAdmin change form's fields for `fact`, with `values` changed."""
    data = {
        "article": str(fact.article_id),
        "pair": blank(fact.pair_id),
        "statement": fact.statement,
        "quote": fact.quote,
        "value": blank(fact.value),
        "unit": fact.unit,
        "date": fact.date.isoformat() if fact.date else "",
        "date_precision": fact.date_precision,
        "person": blank(fact.person_id),
        "themes": ", ".join(theme.name for theme in fact.themes.all()),
        "loaded_state": fact_state(fact.pk),
    }
    if fact.is_key_figure:
        data["is_key_figure"] = "on"
    return {**data, **values}


def pair_data(pair, **values):
    """The QAPairAdmin change form's fields for `pair`, with `values` changed."""
    row = pair_row(pair)
    del row["id"]
    return {**row, "loaded_state": pair_state(pair.pk), **values}


def form_errors(response):
    """Every form and inline error on an admin page, to explain an unexpected refusal."""
    if response.context is None or "adminform" not in response.context:
        return f"status {response.status_code}"
    errors = {"form": response.context["adminform"].form.errors}
    for inline in response.context.get("inline_admin_formsets", []):
        errors[inline.formset.prefix] = [inline.formset.non_form_errors(), *inline.formset.errors]
    return repr(errors)


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = UserFactory(editor=True)

    def setUp(self):
        self.client.force_login(self.editor)

    def assertSaved(self, response):
        self.assertEqual(response.status_code, 302, form_errors(response))

    def assertRefused(self, response):
        self.assertEqual(response.status_code, 200, "the admin accepted the form")
        return response.context["adminform"].form.errors


def member_of(group_name):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def resubmit(response):
    """The POST data of the admin form on `response`, as a browser would send it unchanged."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for bound in form:
            widget, value = bound.field.widget, bound.value()
            if hasattr(widget, "widgets"):
                parts = value if isinstance(value, list) else widget.decompress(value)
                for index, (part_widget, part) in enumerate(zip(widget.widgets, parts, strict=True)):
                    data[f"{bound.html_name}_{index}"] = part_widget.format_value(part) or ""
            elif isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif value is not None:
                data[bound.html_name] = widget.format_value(value) or ""
    return data


def opened(client, model, pk):
    """Open the change page of `model` `pk` as `client` and return what its form would post unchanged."""
    response = client.get(admin_url(model, "change", pk))
    assert response.status_code == 200, response.status_code
    return resubmit(response)


def refusal(response):
    """Return the non-field errors of a refused admin form, failing if it was saved."""
    assert response.status_code == 200, f"the admin accepted the form ({response.status_code})"
    return " ".join(response.context["adminform"].form.non_field_errors())


def article_form(article, **values):
    """The article change form with its pairs unchanged and no facts."""
    pairs = list(article.pairs.all())
    return {
        **article_data(article, **values),
        **formset_data("pairs", [pair_row(pair) for pair in pairs], initial=len(pairs)),
        **formset_data("facts", []),
    }


def post_news_article(client, **values):
    """Post the admin's add page for a news article with `values`, one Q&A pair and no facts."""
    data = {
        **article_data(kind="news", **values),
        **formset_data("pairs", [pair_row(position="1", prompt="Old question?", answer="The old answer.")]),
        **formset_data("facts", []),
    }
    return client.post(admin_url("article", "add"), data)


class AdminForm(HTMLParser):
    """
    Read the values a browser would post from an admin add or change page's form: inputs,
    checked boxes, textareas and selected options, without the inlines' empty templates.
    """

    def __init__(self, html, form_id):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, {}
        self.textarea = self.select = None
        self.first_option = None
        self.feed(html)

    def add(self, name, value):
        if "__prefix__" not in name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.add(attrs["name"], attrs.get("value", "on"))
            elif kind not in ("submit", "button", "reset", "image", "file"):
                self.add(attrs["name"], attrs.get("value") or "")
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
        elif tag == "select":
            self.select = [attrs["name"], "multiple" in attrs, False]
            self.first_option = None
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = attrs.get("value", "")
            if "selected" in attrs:
                self.add(self.select[0], attrs.get("value", ""))
                self.select[2] = True

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea:
            name, text = self.textarea
            # Browsers drop the newline that Django writes right after <textarea>.
            self.add(name, text.removeprefix("\n"))
            self.textarea = None
        elif tag == "select" and self.select:
            name, multiple, chosen = self.select
            if not chosen and not multiple and self.first_option is not None:
                self.add(name, self.first_option)
            self.select = None


def form_data(client, model, view="add", *args):
    """Return what the admin's `view` page of `model` posts when nothing is changed."""
    response = client.get(admin_url(model, view, *args))
    assert response.status_code == 200, response.status_code
    return AdminForm(response.content.decode(), f"{model._meta.model_name}_form").data


def add_rows(data, prefix, rows):
    """Append `rows` to the inline formset `prefix` of posted `data`."""
    total = int(data[f"{prefix}-TOTAL_FORMS"][0])
    for offset, row in enumerate(rows):
        data.update({f"{prefix}-{total + offset}-{name}": [value] for name, value in row.items()})
    data[f"{prefix}-TOTAL_FORMS"] = [str(total + len(rows))]
    return data


def save(client, model, data, view="add", *args):
    """Post `data` to the admin page of `model`; fail with the form's errors unless it saved."""
    response = client.post(admin_url(model, view, *args), data)
    assert response.status_code == 302, form_errors(response)
    return response


def create_editor():
    """Return a staff user of the Editor group, who may publish."""
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    return editor


def formset(response, prefix):
    return next(
        inline.formset for inline in response.context["inline_admin_formsets"] if inline.formset.prefix == prefix
    )


def error_codes(response):
    """Return the errors of an admin form page and its inlines as {field: [codes]}."""
    if response.context is None or "adminform" not in response.context:
        return {}
    errors = {
        field: [e.code for e in errs] for field, errs in response.context["adminform"].form.errors.as_data().items()
    }
    for inline in response.context["inline_admin_formsets"]:
        for index, form in enumerate(inline.formset.forms):
            for field, errs in form.errors.as_data().items():
                errors[f"{inline.formset.prefix}-{index}-{field}"] = [e.code for e in errs]
    return errors
