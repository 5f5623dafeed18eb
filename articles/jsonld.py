"""schema.org structured data as JSON-LD, safe inside a page."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# As django.utils.html.json_script() escapes, so that no editor text can close the <script>
# element ("</script>") or open a comment in it ("<!--").
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """Return a <script type="application/ld+json"> element holding `data`."""
    text = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
