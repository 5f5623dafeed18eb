"""
Links to other sites. Only web addresses (http and https) are stored and rendered: the models
refuse other schemes on validation, and every link to an address from the database (an href, a
cite, a JSON-LD url, an export's column) goes through web_url(), which drops any other value,
however it was stored (the importer, the shell, a restored backup or version).
"""

import re

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy

WEB_SCHEMES = ["http", "https"]
# A whole address that starts with a web scheme and a host, holding no space or control
# character (browsers drop a tab or a newline inside an address: "java\tscript:" is a script).
WEB_ADDRESS = re.compile(r"https?://[^\s/?#\\\x00-\x1f\x7f-\x9f][^\s\x00-\x1f\x7f-\x9f]*", re.IGNORECASE)

# A code of its own: model forms replace an "invalid" message with their form field's "Enter a valid URL.".
validate_web_address = URLValidator(
    schemes=WEB_SCHEMES,
    message=gettext_lazy("Enter a web address that starts with http:// or https://."),
    code="not_web_address",
)


def web_url(value):
    """
    Return `value` without its surrounding spaces if it is an http or https address, else "".
    Anything else, "javascript:", "data:" or "vbscript:" in any case, with spaces or control
    characters, entities or no scheme at all, is no link.
    """
    address = (value or "").strip()
    return address if WEB_ADDRESS.fullmatch(address) else ""
