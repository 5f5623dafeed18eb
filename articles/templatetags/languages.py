"""
Tags for pages served in several languages: the language switcher's links, the Open Graph
locales, today's date as the page's language writes it, and {% capture %}, which lets a
translated sentence take a rendered list as one of its placeholders.
"""

from urllib.parse import unquote, urlsplit

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ..formatting import format_date
from ..i18n import active_language, address_in, language_codes, language_label, url_in
from ..models import Article

register = template.Library()
# A language's name as a sentence of the active language writes it: "en español", "스페인어".
register.filter("language_label", language_label)

# Open Graph wants a territory with each language: the one Kormex's readers of it live in.
OPEN_GRAPH_LOCALES = {"en": "en_US", "es": "es_MX", "ko": "ko_KR"}


def language_paths(context, obj=None):
    """
    Return the path of the page being rendered in each language of settings.LANGUAGES. An
    article's is, in each language, the published version written in it, else its original,
    among the article and the published `translations` in the context (Article.language_versions());
    a theme (or any `obj` whose address depends on the language) is at its own address in each;
    without `obj` the page is the same under each language's prefix.
    """
    if isinstance(obj, Article):
        versions = obj.language_versions(context.get("translations") or [])
        return {code: url_in(code, version) for code, version in versions.items()}
    if obj:
        return {code: url_in(code, obj) for code in language_codes()}
    return {code: address_in(code, context["request"].path_info) for code in language_codes()}


def query_in(language, context):
    """
    Return the query string of the page being rendered as its address in `language` spells it:
    each chosen theme (`selected_themes` in the context) by its slug in that language, as that
    language's pages link to it. A value that names none of them stays as it is.
    """
    query = context["request"].GET
    themes = context.get("selected_themes")
    if themes and "theme" in query:
        slugs = [
            next((theme.localized("slug", language) for theme in themes if value in theme.slugs()), value)
            for value in query.getlist("theme")
        ]
        query = query.copy()
        query.setlist("theme", list(dict.fromkeys(slugs)))
    return query.urlencode()


def with_query(path, query):
    return f"{path}?{query}" if query else path


@register.simple_tag(takes_context=True)
def language_links(context, obj=None, home=False):
    """
    Return, for each language of settings.LANGUAGES, its code, its name in itself, the address of
    the page being rendered in it (language_paths(), with the query string as that language
    spells it: query_in()) and whether it is the current one, the page's language with a link to
    the page itself: an article's links lead to its versions, as its hreflang alternates do, and
    the English text read under /es/ beside a Spanish version has no current one. With `home`,
    the address is the language's home page: a missing page (404) has no address in other
    languages, and its links do not repeat the address asked for.
    """
    request, current = context["request"], active_language()
    if home:
        urls = {code: address_in(code, reverse("articles:home")) for code in language_codes()}
    elif obj:
        urls = {code: with_query(path, query_in(code, context)) for code, path in language_paths(context, obj).items()}
    else:
        urls = {code: address_in(code, with_query(request.path, query_in(code, context))) for code in language_codes()}
    here = home or unquote(urlsplit(urls[current]).path) == request.path
    return [
        {"code": code, "name": name, "url": urls[code], "current": code == current and here}
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag
def open_graph_locales():
    """Return the current language's Open Graph locale ("es_MX") and the other languages' as alternates."""
    current = OPEN_GRAPH_LOCALES[active_language()]
    return {"locale": current, "alternates": [locale for locale in OPEN_GRAPH_LOCALES.values() if locale != current]}


@register.simple_tag
def today():
    """Return today's date as the active language writes a day: "28 November 2026", "2026년 11월 28일"."""
    return format_date(timezone.localdate(), "day")


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        context[self.name] = self.nodelist.render(context)
        return ""


@register.tag
def capture(parser, token):
    """
    Render the tag's content into a variable instead of the page: {% capture as themes %}...
    {% endcapture %}. The content is escaped as usual when it is rendered, so the variable is
    safe to place in a {% blocktranslate %} sentence, where translators can move it.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}...{% endcapture %}.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
