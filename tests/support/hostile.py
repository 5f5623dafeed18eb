"""Hostile strings saved through the admin into every editable text field, for the hostile tests to read back."""

from django.test import Client, TestCase

from articles.models import Article, Fact, Person, QAPair, Source, Theme

from .admin import add_rows, create_editor, form_data, save

SCRIPT = '<script>alert("kormex")</script>'
IMG = '"><img src=x onerror=alert(1)>'
HOVER = "' onmouseover='alert(1)"
# Right-to-left override and its pop, an isolate and a right-to-left mark.
BIDI = "\u202egnp.exe\u202c \u2067isolated\u2069 \u200f"
# Every kind of attack in one string, named by the field it goes in so that a page shows which.
ATTACKS = f"{SCRIPT} {IMG} {HOVER} {BIDI}"
# Taggit reads quotes and commas in a themes box as syntax: theme names carry the rest.
THEME = "<script>alert(1)</script> theme"
FORMULA_THEME = "+cmd|' /C calc'!A0"
# A unit is at most 40 characters; two facts share it so that a chart draws it.
UNIT = "+<script>alert(1)</script>"
INTRO_QUOTE = f"-1+1 {SCRIPT} intro quote"
FIGURE_QUOTE = f"@SUM(1+1) {SCRIPT} figure quote"
DATED_QUOTE = f"{IMG} dated quote {BIDI}"
# A long answer within its TextField: shown whole.
LONG_ANSWER = " ".join(f"{SCRIPT}{n}" for n in range(400))[:10_000]

# The elements a sitemap page may hold: the sitemap protocol's and its hreflang links.
SITEMAP_NAMESPACES = ("{http://www.sitemaps.org/schemas/sitemap/0.9}", "{http://www.w3.org/1999/xhtml}link")
# What a spreadsheet runs as a formula at the start of a cell (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# CSV columns of numbers, where a leading "-" is a negative figure, not a formula.
NUMERIC_COLUMNS = {"id", "value"}

CORPUS = {
    Person: {
        "name": f"@SUM(1+1) person {SCRIPT}",
        "role": f"role {ATTACKS}",
        "country": f"country {HOVER} {BIDI}",
    },
    Source: {
        "name": f'=HYPERLINK("https://example.com","source") {SCRIPT}',
        "url": f"https://example.com/?q={IMG.replace(' ', '')}",
    },
    Theme: {
        "name": THEME,
        "description": f"description {ATTACKS}",
        "name_es": "'><img src=x onerror=alert(1)> tema",
        "description_es": f"descripción {ATTACKS}",
        "name_ko": f"<svg onload=alert(1)> 주제 {BIDI}",
        "description_ko": f"설명 {ATTACKS}",
    },
    Article: {
        "title": f"title {ATTACKS}",
        "standfirst": f"standfirst {ATTACKS}",
        "intro": f"intro {ATTACKS}\n\nThe minister said {INTRO_QUOTE} in Seoul.",
        "source_url": f"https://example.com/{SCRIPT.replace(' ', '')}",
    },
    QAPair: {
        "prompt": f"prompt {ATTACKS}?",
        "answer": f"answer {ATTACKS}\n\nHe said {FIGURE_QUOTE} and {DATED_QUOTE}.",
    },
}
TRANSLATION = {
    "title": f"título {ATTACKS}",
    "standfirst": f"entradilla {ATTACKS}",
    "intro": f"introducción {ATTACKS}",
}
FACTS = {
    "intro": {"statement": f"+cmd intro fact {ATTACKS}", "quote": INTRO_QUOTE},
    "figure": {
        "statement": f'=HYPERLINK("https://example.com","figure fact") {SCRIPT}',
        "quote": FIGURE_QUOTE,
        "value": "2000",
        "unit": UNIT,
    },
    # The admin strips the tab, leaving "-" first: still a formula to neutralise.
    "dated": {
        "statement": f"\t-1+1 dated fact {ATTACKS}",
        "quote": DATED_QUOTE,
        "value": "1000",
        "unit": UNIT,
        "date": "2023-01-01",
        "date_precision": "year",
    },
}


def add_through_admin(client, model, **values):
    """Save a new `model` with `values` through its admin add page and return it."""
    data = form_data(client, model)
    data.update({name: [value] for name, value in values.items()})
    save(client, model, data)
    return model.objects.get(**{name: value for name, value in values.items() if name in ("slug", "name")})


def words(text):
    """Return `text` with its whitespace collapsed, as the page's text is compared."""
    return " ".join(text.split())


class HostileContentTestCase(TestCase):
    """Hostile strings in every editable text field, saved through the admin by an Editor."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = create_editor()
        client = Client()
        client.force_login(cls.editor)
        cls.person = add_through_admin(client, Person, slug="hostile-person", **CORPUS[Person])
        cls.source = add_through_admin(client, Source, **CORPUS[Source])
        cls.theme = add_through_admin(
            client, Theme, slug="hostile-theme", slug_es="tema-hostil", slug_ko="적대적-주제", **CORPUS[Theme]
        )
        themes = f"{THEME}, {FORMULA_THEME}"
        data = form_data(client, Article)
        data.update(
            {name: [value] for name, value in CORPUS[Article].items()}
            | {
                "slug": ["hostile"],
                "kind": ["interview"],
                "interviewee": [str(cls.person.pk)],
                "source": [str(cls.source.pk)],
                "themes": [themes],
                "status": ["published"],
            }
        )
        add_rows(data, "pairs", [{"position": "1", "anchor": "", "themes": themes, **CORPUS[QAPair]}])
        add_rows(data, "facts", [{"pair": "", "themes": themes, **FACTS["intro"]}])
        save(client, Article, data)
        cls.article = Article.objects.get(slug="hostile")
        cls.pair = cls.article.pairs.get()
        for name in ["figure", "dated"]:
            data = form_data(client, Fact)
            data.update({name: [value] for name, value in FACTS[name].items()})
            data.update(
                article=[str(cls.article.pk)],
                pair=[str(cls.pair.pk)],
                person=[str(cls.person.pk)],
                themes=[themes],
                is_key_figure=["on"],
            )
            save(client, Fact, data)
        # A second pair on its own admin page, its answer 10,000 characters long.
        data = form_data(client, QAPair)
        data.update(article=[str(cls.article.pk)], position=["2"], prompt=[f"long {ATTACKS}"], answer=[LONG_ANSWER])
        data["themes"] = [THEME]
        save(client, QAPair, data)
        cls.long_pair = cls.article.pairs.get(position=2)
        # Every change page posted back untouched, as an editor saving without edits: the
        # values the form shows must be exactly those stored.
        for obj in [cls.person, cls.source, cls.theme, cls.article, cls.pair, *cls.article.facts.all()]:
            save(client, type(obj), form_data(client, type(obj), "change", obj.pk), "change", obj.pk)
        data = form_data(client, Article)
        data.update(
            {name: [value] for name, value in TRANSLATION.items()}
            | {
                "slug": ["hostil"],
                "language": ["es"],
                "translation_of": [str(cls.article.pk)],
                "interviewee": [str(cls.person.pk)],
                "themes": [THEME],
                "status": ["published"],
            }
        )
        add_rows(data, "pairs", [{"position": "1", "anchor": "", "themes": "", **CORPUS[QAPair]}])
        save(client, Article, data)
        cls.translation = Article.objects.get(slug="hostil")
        cls.facts = {fact.quote: fact for fact in cls.article.facts.all()}
        cls.formula_theme = Theme.objects.get(name=FORMULA_THEME)
