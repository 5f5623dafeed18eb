"""The admin's "Import interview" page."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from ..importer import ImportRefused, check_size, parse_interview, read_text
from ..importer.drafts import create_draft, imported_from
from ..models import Article, Person, Source


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
