from django import template

from ..filters import query_url

register = template.Library()


@register.filter
def export_query(params):
    """Return "?query" for an export of what a filtered page shows: `params` without `page`."""
    query = query_url(params)
    return "" if query == "?" else query
