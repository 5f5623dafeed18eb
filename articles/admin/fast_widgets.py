"""
Form widgets that write their HTML directly instead of rendering a template, for pages with
thousands of inputs (a Suggest facts page of 900 suggestions has 10,000): a template render, and
format_html's lazy-aware escaping of each part, cost more than the rest of an input's work. They
write the markup of Django's own widget templates, from the same context, every value escaped.
"""

from html import escape

from django import forms
from django.utils.safestring import mark_safe


def attributes(attrs):
    """Return `attrs` as HTML attributes, as Django's attrs.html writes them (True bare, False and None left out)."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class DirectRender:
    def render(self, name, value, attrs=None, renderer=None):
        return mark_safe(self.markup(self.get_context(name, value, attrs)["widget"]))

    def markup(self, widget):
        value = "" if widget["value"] is None else f' value="{escape(str(widget["value"]))}"'
        return f'<input type="{widget["type"]}" name="{escape(widget["name"])}"{value}{attributes(widget["attrs"])}>'


class TextInput(DirectRender, forms.TextInput):
    pass


class DateInput(DirectRender, forms.DateInput):
    pass


class HiddenInput(DirectRender, forms.HiddenInput):
    pass


class CheckboxInput(DirectRender, forms.CheckboxInput):
    pass


class Textarea(DirectRender, forms.Textarea):
    def markup(self, widget):
        # The line break after the tag keeps a value's own leading line break (HTML drops the first).
        value = escape(str(widget["value"] or ""))
        return f'<textarea name="{escape(widget["name"])}"{attributes(widget["attrs"])}>\n{value}</textarea>'


class Select(DirectRender, forms.Select):
    """A select of flat choices (no groups)."""

    def markup(self, widget):
        options = "".join(
            f'<option value="{escape(str(option["value"]))}"{attributes(option["attrs"])}>'
            f"{escape(str(option['label']))}</option>"
            for _, group, _ in widget["optgroups"]
            for option in group
        )
        return f'<select name="{escape(widget["name"])}"{attributes(widget["attrs"])}>{options}</select>'
