"""The admin's "Import interview" and "Suggest facts" pages."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from ..importer import ImportRefused, check_size, parse_interview, read_text, suggest_facts
from ..importer.drafts import create_draft, create_facts, imported_from
from ..models import Article, DatePrecision, Fact, Person, QAPair, Source
from .common import ThemesField


def duplicate_error(article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return format_html('This text was already imported as <a href="{}">{}</a>; nothing was created.', url, article)


class ImportForm(forms.Form):
    text = forms.CharField(
        label="Paste the interview",
        required=False,
        widget=forms.Textarea(attrs={"rows": 20, "class": "vLargeTextField"}),
        help_text="Title first, then the standfirst, the intro and the questions and answers. "
        "Start a statement prompt with “## ”.",
    )
    file = forms.FileField(label="or upload a .txt file", required=False)

    def clean(self):
        text, upload = self.cleaned_data.get("text", ""), self.cleaned_data.get("file")
        if bool(text.strip()) == bool(upload):
            raise ValidationError("Paste a text or upload a file (one of the two).")
        try:
            if upload:
                check_size(upload.size)
                text = read_text(upload.read())
            else:
                text = read_text(text.encode())
            parsed = parse_interview(text)
        except ImportRefused as refusal:
            raise ValidationError(str(refusal)) from None
        existing = imported_from(text)
        if existing:
            raise ValidationError(duplicate_error(existing))
        return {"text": text, "parsed": parsed}


class ReviewForm(forms.Form):
    text = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(max_length=300, widget=forms.TextInput(attrs={"class": "vLargeTextField"}))
    standfirst = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}))
    intro = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5, "class": "vLargeTextField"}))
    interviewee = forms.ModelChoiceField(queryset=Person.objects.all())
    source = forms.ModelChoiceField(queryset=Source.objects.all(), required=False)
    original_date = forms.DateField(
        label="Original publication date",
        required=False,
        help_text="Resolves relative dates such as “last June” in the fact suggestions.",
    )


class PairForm(forms.Form):
    prompt = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}))
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 6, "class": "vLargeTextField"}))


PairFormSet = forms.formset_factory(PairForm, extra=0, can_delete=True, min_num=1, validate_min=True)


def import_view(model_admin, request):
    """Parse a pasted or uploaded interview, let the editor correct it, then save a draft."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    context = {**model_admin.admin_site.each_context(request), "opts": Article._meta, "title": "Import interview"}
    if request.method == "POST" and request.POST.get("stage") == "save":
        form, pairs = ReviewForm(request.POST), PairFormSet(request.POST, prefix="pairs")
        if form.is_valid() and pairs.is_valid():
            existing = imported_from(form.cleaned_data["text"])
            if existing:
                form.add_error(None, duplicate_error(existing))
            else:
                try:
                    article = create_draft(
                        **form.cleaned_data,
                        pairs=[(row["prompt"], row["answer"]) for row in pairs.cleaned_data if not row.get("DELETE")],
                        user=request.user,
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, f"Saved “{article}” as a draft. Review the suggested facts.")
                    return redirect("admin:articles_article_suggest_facts", article.pk)
        return TemplateResponse(
            request, "admin/articles/article/import_review.html", {**context, "form": form, "pairs": pairs}
        )

    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        parsed = form.cleaned_data["parsed"]
        source = Source.objects.filter(name__iexact=parsed.source_name).first() if parsed.source_name else None
        review = ReviewForm(
            initial={
                "text": form.cleaned_data["text"],
                "title": parsed.title,
                "standfirst": parsed.standfirst,
                "intro": parsed.intro,
                "source": source,
            }
        )
        pairs = PairFormSet(initial=[{"prompt": p.prompt, "answer": p.answer} for p in parsed.pairs], prefix="pairs")
        context.update(form=review, pairs=pairs, formats=parsed.formats, source_name=parsed.source_name)
        return TemplateResponse(request, "admin/articles/article/import_review.html", context)
    return TemplateResponse(request, "admin/articles/article/import.html", {**context, "form": form})


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
        for suggestion in suggest_facts(
            article.intro, [(pair.position, pair.prompt, pair.answer) for pair in pairs], reference
        )
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
