"""
Tags for pages served in several languages: the language switcher's links, the Open Graph
locales, today's date as the page's language writes it, and {% capture %}, which lets a
translated sentence take a rendered list as one of its placeholders.
"""

from django import template
from django.conf import settings
from django.utils import timezone

from ..formatting import format_date
from ..i18n import active_language, address_in

register = template.Library()

# Open Graph wants a territory with each language: the one Kormex's readers of it live in.
OPEN_GRAPH_LOCALES = {"en": "en_US", "es": "es_MX", "ko": "ko_KR"}


@register.simple_tag(takes_context=True)
def language_links(context):
    """
    Return, for each language of settings.LANGUAGES, its code, its name in itself, the address of
    the page being rendered in it (query string included) and whether it is the current one.
    """
    request, current = context["request"], active_language()
    path = request.get_full_path()
    return [
        {"code": code, "name": name, "url": address_in(code, path), "current": code == current}
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
