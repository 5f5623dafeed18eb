from operator import itemgetter

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ..i18n import active_language
from ..links import web_url

register = template.Library()

# Marks a name shown in English on a page in another language.
ENGLISH = mark_safe(' lang="en"')


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
def isolated(text):
    """
    Return `text` escaped, in a <bdi>: editor text set inside a sentence keeps its own direction,
    and a direction override it holds (U+202E) cannot reorder the sentence around it.
    """
    return format_html("<bdi>{}</bdi>", text)


@register.simple_tag
def theme_tags(themes):
    """
    Return `themes` as a list of links to their pages, by the names readers of the active
    language see, in the order of those names; "" for no themes. A tag rather than an include:
    pages show dozens of these lists, and a tag reads the active language once for each.
    """
    if not themes:
        return ""
    language = active_language()
    named = sorted(((theme.localized("name", language), theme) for theme in themes), key=itemgetter(0))
    links = mark_safe(
        "".join(
            format_html(
                '<li><a href="{}"{}>{}</a></li>',
                theme.get_absolute_url(),
                ENGLISH if theme.falls_back("name", language) else "",
                name,
            )
            for name, theme in named
        )
    )
    return format_html('<ul class="theme-tags" aria-label="{}">\n  {}\n</ul>', gettext("Themes"), links)


@register.simple_tag(takes_context=True)
def fact_card(context, fact, with_source=False):
    """
    Return the card of `fact` that pages list: its figure, its statement in the page's language,
    its date, with `with_source` the words it quotes and where, its permalink, its themes and,
    for staff, a link to edit it. A tag for the reason theme_tags() gives: a page lists dozens.
    """
    wording, pk = fact.wording, fact.pk
    lang = lang_attr(wording.language)
    lines = [format_html('<article class="fact-card" id="fact-{}">', pk)]
    if figure := fact.figure_display:
        lines.append(format_html('<p class="fact-figure">{}</p>', figure))
    lines.append(format_html('<p class="fact-statement" id="fact-{}-statement"{}>{}</p>', pk, lang, wording.statement))
    if date := fact.date_display:
        if iso := fact.date_iso:
            date = format_html('<time datetime="{}">{}</time>', iso, date)
        lines.append(format_html('<p class="fact-date">{} {}</p>', gettext("Date:"), date))
    if with_source:
        lines.append(format_html('<blockquote class="fact-quote"{}><p>“{}”</p></blockquote>', lang, wording.quote))
        # The translation is the translators' markup, as in {% blocktranslate %}; only the title is escaped.
        read = mark_safe(gettext("Read it in “%(title)s”") % {"title": isolated(wording.article.title)})
        person = format_html(", {}", isolated(fact.person.local_name)) if fact.person else ""
        link = format_html('<p class="fact-source"><a href="{}">{}</a>{}</p>', wording.get_absolute_url(), read, person)
        lines.append(link)
    permalink = '<p class="fact-permalink"><a href="{}" aria-describedby="fact-{}-statement">{}</a></p>'
    lines.append(format_html(permalink, fact.get_permalink(), pk, gettext("Permalink")))
    if themes := theme_tags(fact.theme_list):
        lines.append(themes)
    if context["user"].is_staff:
        edit = reverse("admin:articles_fact_change", args=[pk])
        lines.append(format_html('<p class="staff-tools"><a href="{}">{}</a></p>', edit, gettext("Edit this fact")))
    return mark_safe("\n  ".join(lines) + "\n</article>")
