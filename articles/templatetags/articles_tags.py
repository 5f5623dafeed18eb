import re

from django import template
from django.utils.formats import localize
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from ..formatting import grouped
from ..i18n import active_language
from ..links import web_url

register = template.Library()

SELECTED = mark_safe(" selected")
# A Spanish word starting with the sound of i ("Inversión", "historia", not "hielo"), before which "y" is "e".
I_SOUND = re.compile(r"h?[ií](?![aeiouáéíóú])", re.IGNORECASE)


@register.filter
def lang_attr(language):
    """
    Return ` lang="<language>"` for an element holding text written in `language` (an
    article's), when the page is in another language; else "". For screen readers, which
    pronounce each language by its own rules, and for browsers' hyphenation and fonts.
    """
    if not language or language == active_language():
        return ""
    return format_html(' lang="{}"', language)


register.filter("web_url", web_url)


@register.filter
def highlight_quotes(text, facts):
    """
    Return `text` escaped, with the words each fact quotes wrapped in <mark>.

    Overlapping quotes share one mark; everything from the database stays escaped.
    """
    spans = sorted(
        (start, start + len(fact.quote)) for fact in facts if fact.quote and (start := text.find(fact.quote)) >= 0
    )
    merged = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, cursor = [], 0
    for start, end in merged:
        parts.append(escape(text[cursor:start]))
        parts.append(format_html("<mark>{}</mark>", text[start:end]))
        cursor = end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))


@register.filter
def isolated(text, language=None):
    """
    Return `text` escaped, in a <bdi>: editor text set inside a sentence keeps its own direction,
    and a direction override it holds (U+202E) cannot reorder the sentence around it. With the
    `language` it is written in, when that is not the page's, the <bdi> says so (lang_attr()).
    """
    return format_html("<bdi{}>{}</bdi>", lang_attr(language), text)


@register.filter
def counted(number):
    """Return a count with its digits grouped as the page's language groups them (12,345; 12.345)."""
    return grouped(number, active_language())


@register.filter
def local(obj, field):
    """
    Return `field` of `obj` (a model with translated fields) as readers of the page's language
    read it, isolated(), marked English where it is the English value for lack of theirs.
    """
    return isolated(obj.localized(field), "en" if obj.falls_back(field) else None)


@register.simple_tag
def theme_names(themes):
    """
    Return the names of `themes` as the page's language lists them: "A, B and C", "A, B y C",
    "A, B 및 C"; the Spanish "y" becomes "e" before the sound of i ("Comercio e Inversión").
    """
    names = [local(theme, "name") for theme in themes]
    if len(names) < 2:
        return names[0] if names else ""
    conjunction = pgettext("between theme names", "and")
    if conjunction == "y" and I_SOUND.match(themes[-1].localized("name")):
        conjunction = "e"
    listed = format_html_join(", ", "{}", ((name,) for name in names[:-1]))
    return format_html("{} {} {}", listed, conjunction, names[-1])


@register.simple_tag
def select_options(options, selected):
    """
    Return the <option> elements of a filter's `options` (filters.Option), each "label (count)",
    the one whose value is `selected` (any value, or None) selected. A tag rather than a template
    loop: a faceted page lists up to 80 of them, and the loop resolved five variables each.
    """
    chosen = None if selected in (None, "") else str(selected)
    return format_html_join(
        "",
        '<option value="{}"{}>{} ({})</option>',
        (
            (option.value, SELECTED if str(option.value) == chosen else "", option.label, localize(option.count))
            for option in options
        ),
    )


@register.filter
def breakable(name):
    """Return `name`, an identifier readers copy ("original_language"), escaped, free to wrap after each underscore."""
    return mark_safe(escape(name).replace("_", "_<wbr>"))
