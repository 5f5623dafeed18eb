"""schema.org structured data as JSON-LD, safe inside a page."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# As django.utils.html.json_script() escapes, so that no editor text can close the <script>
# element ("</script>") or open a comment in it ("<!--").
# (str.replace, not str.translate: translating a long non-ASCII text with a dict is slow.)
JSON_SCRIPT_ESCAPES = [("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E")]


def json_ld_script(data):
    """Return a <script type="application/ld+json"> element holding `data`."""
    text = json.dumps(data, ensure_ascii=False)
    for character, escape in JSON_SCRIPT_ESCAPES:
        text = text.replace(character, escape)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
