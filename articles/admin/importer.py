"""The admin's "Suggest facts" page."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from ..importer import suggest_facts
from ..importer.drafts import create_facts
from ..models import Article, DatePrecision, Fact, QAPair
from .common import ThemesField


class SuggestionForm(forms.Form):
    accept = forms.BooleanField(required=False)
    statement = forms.CharField(max_length=300, widget=forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}))
    quote = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}))
    # Where the quote was found, shown with the suggestion rather than offered as a list of every
    # pair on every suggestion: that list made the page grow with pairs × suggestions (16 MB and
    # 39 s for a 300-question interview). A fact's own page can move it to another pair.
    pair = forms.ModelChoiceField(queryset=QAPair.objects.none(), required=False, widget=forms.HiddenInput)
    value = forms.DecimalField(max_digits=20, decimal_places=4, required=False)
    unit = forms.CharField(max_length=40, required=False)
    date = forms.DateField(required=False)
    date_precision = forms.ChoiceField(choices=[("", "—"), *DatePrecision.choices], required=False)
    themes = ThemesField(
        required=False,
        help_text="Comma-separated theme names.",
        widget=forms.TextInput(attrs={"class": "vLargeTextField"}),
    )

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.fields["pair"].queryset = article.pairs.all()

    def clean(self):
        """Validate an accepted suggestion exactly as the fact it becomes."""
        data = super().clean()
        if not data.get("accept") or self.errors:
            return data
        fields = {name: data[name] for name in ["statement", "quote", "pair", "value", "unit", "date"]}
        fields["date_precision"] = data["date_precision"]
        try:
            Fact(article=self.article, **fields).full_clean(exclude=["person"])
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                self.add_error(field if field in self.fields else None, field_errors)
        return data


SuggestionFormSet = forms.formset_factory(SuggestionForm, extra=0)


def suggest_facts_view(model_admin, request, object_id):
    """Propose facts from an article's text; the editor accepts, edits or rejects each one."""
    # The admin's lookup: an address that is not an id is "not found" rather than an error.
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    pairs = list(article.pairs.all())
    known = set(article.facts.values_list("quote", flat=True))
    reference = article.original_date or timezone.localdate(article.created_at)
    suggestions = [
        suggestion
        for suggestion in suggest_facts(article.intro, [(pair.position, pair.answer) for pair in pairs], reference)
        if suggestion.quote not in known
    ]
    by_position = {pair.position: pair for pair in pairs}
    initial = [
        {
            "statement": suggestion.statement,
            "quote": suggestion.quote,
            "pair": by_position.get(suggestion.pair_position),
            "value": suggestion.value,
            "unit": suggestion.unit,
            "date": suggestion.date,
            "date_precision": suggestion.date_precision,
        }
        for suggestion in suggestions
    ]
    formset = SuggestionFormSet(
        request.POST or None, initial=initial, prefix="suggestions", form_kwargs={"article": article}
    )
    if request.method == "POST" and formset.is_valid():
        accepted = [
            {key: value for key, value in row.items() if key != "accept"}
            for row in formset.cleaned_data
            if row.get("accept")
        ]
        create_facts(article, accepted, user=request.user)
        messages.success(
            request, f"Added {len(accepted)} fact(s); {len(formset.forms) - len(accepted)} suggestion(s) left out."
        )
        return redirect("admin:articles_article_change", article.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": f"Suggested facts for “{article}”",
        "formset": formset,
    }
    return TemplateResponse(request, "admin/articles/article/suggest_facts.html", context)
