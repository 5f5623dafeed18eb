"""The history pages' filter: a saved version's comment in the reader's language (history_comments.py)."""

from django import template

from ..history_comments import said

register = template.Library()
register.filter("said", said)
