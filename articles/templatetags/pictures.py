"""
{% picture %}: an uploaded picture as a <figure> of a <picture> element, AVIF and WebP sources
and a JPEG fallback, each a srcset of its renditions, with its credit and licence under it.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ..images import CONTENT_TYPES
from ..links import web_url

register = template.Library()


def srcset(storage, sizes):
    return ", ".join(f"{storage.url(name)} {width}w" for width, name in sizes)


def caption(picture):
    """Return the picture's credit and licence, the credit a link to its source when it has one."""
    credit = picture.credit
    if credit and (link := web_url(picture.source_url)):
        credit = format_html('<a href="{}">{}</a>', link, credit)
    parts = [part for part in (credit, picture.licence) if part]
    if not parts:
        return ""
    return format_html(
        '<figcaption class="picture-credit">{}</figcaption>', format_html_join(" · ", "{}", ((p,) for p in parts))
    )


@register.simple_tag
def picture(picture, language, sizes="100vw", lead=False, css_class="picture"):
    """
    Return `picture` with its alt text in `language`: the lead picture at the top of a page
    (`lead`) loads at once and first, any other when it nears the screen.
    """
    if picture is None or not picture.renditions:
        return ""
    storage = picture.image.storage
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (CONTENT_TYPES[key], srcset(storage, picture.renditions[key]), sizes)
            for key in picture.renditions
            if key != "jpeg"
        ),
    )
    jpegs = picture.renditions["jpeg"]
    loading = mark_safe(' fetchpriority="high"') if lead else mark_safe(' loading="lazy"')
    image = format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" decoding="async"{}>',
        storage.url(jpegs[-1][1]),
        srcset(storage, jpegs),
        sizes,
        picture.width,
        picture.height,
        picture.alt_in(language),
        loading,
    )
    return format_html(
        '<figure class="{}"><picture>{}{}</picture>{}</figure>', css_class, sources, image, caption(picture)
    )
