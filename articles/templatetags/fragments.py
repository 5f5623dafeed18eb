"""
{% keep %}: a fragment of a page kept for the content version it was drawn at (kept.py).

    {% keep "theme-lists" theme.pk %}…{% endkeep %}

keeps what it encloses under its name, the page's language and the values after the name, which
must name everything else the fragment shows that may differ between the requests that draw it:
the object, the site's address when it writes absolute links. The querysets it alone reads are
never read while it is kept. A value that is None or does not resolve keeps nothing: the
fragment is drawn for that request alone.
"""

from django import template

from ..i18n import active_language
from ..kept import kept_fragment

register = template.Library()


class KeepNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist, self.name, self.values = nodelist, name, values

    def render(self, context):
        values = [value.resolve(context, ignore_failures=True) for value in self.values]
        if any(value is None for value in values):
            return self.nodelist.render(context)
        return kept_fragment(
            context, ("fragment", self.name, active_language(), *values), lambda: self.nodelist.render(context)
        )


@register.tag
def keep(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a quoted name, then the values the fragment varies on.")
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
