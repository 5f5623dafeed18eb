"""The admin's "Import interview" page: paste or upload a text, review what was recognised, save a draft."""

import math

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent, ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.csrf import csrf_protect

from ..i18n import language_label
from ..importer import MAX_IMPORT_BYTES, ImportRefused, check_size, parse_interview, read_text
from ..importer.drafts import MISALIGNED, create_draft, imported_from
from ..importer.language import detect
from ..importer.review import EditRefused, Review, apply_edit, paragraph_choices
from ..models import Article, Language, Person, Source
from .import_alignment import ALIGNED_WITH, aligned_initial, alignment_of, original_chosen, original_pair_field

REVIEW_TEMPLATE = "admin/articles/article/import_review.html"
IMPORT_TEMPLATE = "admin/articles/article/import.html"


def plain_newlines(text):
    """Return `text` with the CRLF line endings browsers post textareas with made "\\n", as imported text has them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class ParagraphsField(forms.CharField):
    """A text field whose paragraphs are separated as the importer separates them."""

    def to_python(self, value):
        return plain_newlines(super().to_python(value))


def duplicate_error(article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return format_html(
        gettext('This text was already imported as <a href="{}">{}</a>; nothing was created.'), url, article
    )


class ImportForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Paste the interview"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 20, "class": "vLargeTextField"}),
        help_text=gettext_lazy(
            "Plain text or the HTML of a web page. Title first; then the standfirst, the intro and the "
            "questions and answers. Start a statement prompt that nothing else marks with “## ”."
        ),
    )
    file = forms.FileField(label=gettext_lazy("or upload a .txt or .html file"), required=False)

    def clean(self):
        # A field refused (a NUL in the text) is the one thing to say.
        if self.errors:
            return self.cleaned_data
        text, upload = self.cleaned_data.get("text", ""), self.cleaned_data.get("file")
        if bool(text.strip()) == bool(upload):
            raise ValidationError(gettext("Paste a text or upload a file (one of the two)."))
        try:
            if upload:
                check_size(upload.size)
                text, encoding = read_text(upload.read())
            else:
                text, encoding = read_text(text.encode())
            parsed = parse_interview(text)
            parsed.encoding = encoding
        except ImportRefused as refusal:
            raise ValidationError(str(refusal)) from None
        existing = imported_from(text)
        if existing:
            raise ValidationError(duplicate_error(existing))
        return {"text": text, "parsed": parsed}


SAVED_MEANWHILE = gettext_lazy(
    "The original was given a translation in this language while you were reviewing; nothing was saved."
)
TRANSLATION_HELP = gettext_lazy(
    "Leave empty for an original. For a translation, choose its original, in another language: its pairs are "
    "aligned with the original's, and the people, source and date left empty are the original's."
)


class ReviewForm(forms.Form):
    """
    The article's fields as read from the text, for the editor to correct; people and source
    chosen as on the article form (autocomplete, and a link to add one).
    """

    text = ParagraphsField(widget=forms.HiddenInput, strip=False)
    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=300, widget=forms.TextInput(attrs={"class": "vLargeTextField"})
    )
    standfirst = ParagraphsField(
        label=gettext_lazy("Standfirst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
    )
    intro = ParagraphsField(
        label=gettext_lazy("Intro"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "class": "vLargeTextField"}),
        help_text=gettext_lazy("Paragraphs separated by a blank line."),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        choices=Language.choices,
        help_text=gettext_lazy("Detected from the text; the language the interview is written in."),
    )

    new_interviewer = forms.CharField(
        label=gettext_lazy("New interviewer"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "The byline names a journalist who is not among the people yet: saving adds them as the "
            "interviewer. Empty this field, or choose a person above, to do otherwise."
        ),
    )
    original_date = forms.DateField(
        label=gettext_lazy("Original publication date"),
        required=False,
        help_text=gettext_lazy(
            "YYYY-MM-DD, read from the dateline when there is one. Resolves relative dates such as "
            "“last June” in the fact suggestions."
        ),
    )

    field_order = ["title", "standfirst", "intro", "language", "translation_of", "interviewee", "interviewer"]

    def __init__(self, *args, model_admin, request, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["interviewee", "interviewer", "source", "translation_of"]:
            field = self.fields[name] = model_admin.formfield_for_dbfield(Article._meta.get_field(name), request)
            field.required = False
        # A plain form does not apply the model field's limit_choices_to as a ModelForm does.
        self.fields["translation_of"].queryset = Article.objects.originals()
        self.fields["translation_of"].label = gettext_lazy("Translation of")
        self.fields["translation_of"].help_text = TRANSLATION_HELP
        if not self["new_interviewer"].value():
            del self.fields["new_interviewer"]
        self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
        if data.get("interviewer") and data.get("new_interviewer"):
            self.add_error(
                "new_interviewer", gettext("Choose an interviewer or name a new one, not both: empty one of the two.")
            )
        original = data.get("translation_of")
        if original is None and not data.get("interviewee") and "interviewee" not in self.errors:
            self.add_error("interviewee", self.fields["interviewee"].error_messages["required"])
        if original is not None and original.language == data.get("language"):
            self.add_error(
                "translation_of",
                gettext(
                    "“%(original)s” is in %(language)s too: a translation is in another language than its original."
                )
                % {"original": original, "language": language_label(original.language)},
            )
        return data


class PairForm(forms.Form):
    prompt = ParagraphsField(
        label=gettext_lazy("Prompt"), widget=forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"})
    )
    answer = ParagraphsField(
        label=gettext_lazy("Answer"), widget=forms.Textarea(attrs={"rows": 6, "class": "vLargeTextField"})
    )

    def __init__(self, *args, original_pairs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if original_pairs is not None:
            self.fields["original"] = original_pair_field(original_pairs)


PairFormSet = forms.formset_factory(PairForm, extra=0, min_num=1, validate_min=True)


def import_interview_view(model_admin, request):
    """
    Parse a pasted or uploaded interview, let the editor correct it, then save a draft.

    The URL is exempt from the CSRF middleware so that the body is read here first: a request
    larger than Django accepts (DATA_UPLOAD_MAX_MEMORY_SIZE) gets this page saying the limit,
    where the middleware answered a bare 400. The CSRF check then runs as the middleware runs it.
    """
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    try:
        request.POST  # noqa: B018 (reads the body, and the files, within Django's limits)
    except (RequestDataTooBig, TooManyFieldsSent):
        return _too_big(model_admin, request)
    return _recognise_or_review(request, model_admin)


@csrf_protect
def _recognise_or_review(request, model_admin):
    if request.method == "POST" and request.POST.get("stage") == "save":
        return _review_import(model_admin, request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        parsed = form.cleaned_data["parsed"]
        review = ReviewForm(
            initial=_initial(form.cleaned_data["text"], parsed), model_admin=model_admin, request=request
        )
        pairs = PairFormSet(initial=[{"prompt": p.prompt, "answer": p.answer} for p in parsed.pairs], prefix="pairs")
        return _render_review(model_admin, request, review, pairs, parsed)
    return TemplateResponse(request, IMPORT_TEMPLATE, {**_context(model_admin, request), "form": form})


def _initial(text, parsed):
    """The review form's initial values: what was read, people and source matched by name."""
    name = parsed.interviewer_name
    interviewer = Person.objects.filter(name__iexact=name).first() if name else None
    return {
        "text": text,
        "title": parsed.title,
        "standfirst": parsed.standfirst,
        "intro": parsed.intro,
        "language": parsed.language,
        "interviewer": interviewer,
        "new_interviewer": "" if interviewer else name,
        "source": Source.objects.named(parsed.source_name) if parsed.source_name else None,
        "original_date": parsed.original_date,
    }


def _review_import(model_admin, request):
    """
    Apply the editing button pressed to the posted review, or save the draft: an original, or
    the translation of the original chosen, its pairs aligned with the original's in order when
    the counts match, else as the editor aligns them.
    """
    form = ReviewForm(request.POST, model_admin=model_admin, request=request)
    original = original_chosen(form)
    original_pairs = list(original.pairs.order_by("position")) if original else None
    aligning = original is not None and request.POST.get(ALIGNED_WITH) == str(original.pk)
    pairs = PairFormSet(
        request.POST, prefix="pairs", form_kwargs={"original_pairs": original_pairs if aligning else None}
    )
    if operation := request.POST.get("edit"):
        review = Review(
            intro=plain_newlines(form["intro"].value() or ""),
            rows=[(_posted(row, "prompt"), _posted(row, "answer")) for row in pairs.forms] or [("", "")],
        )
        try:
            review, done = apply_edit(review, operation)
        except EditRefused as refusal:
            messages.warning(request, str(refusal))
        else:
            messages.info(request, done)
        initial = {name: form[name].value() for name in form.fields} | {
            "intro": review.intro,
            "text": _posted(form, "text"),
        }
        form = ReviewForm(initial=initial, model_admin=model_admin, request=request)
        pairs = _aligned_pairs(review.rows, original_pairs)
    elif form.is_valid() and pairs.is_valid() and not _refuse_duplicate(form):
        data = form.cleaned_data
        rows = [(row["prompt"], row["answer"]) for row in pairs.cleaned_data]
        originals = alignment_of(pairs, original_pairs) if aligning else None
        if aligning and originals is None:
            return _render_review(model_admin, request, form, pairs)
        if original is not None and not aligning and len(rows) != len(original_pairs):
            form.add_error(None, MISALIGNED % {"pairs": len(rows), "originals": len(original_pairs)})
            return _render_review(model_admin, request, form, _aligned_pairs(rows, original_pairs))
        try:
            article = create_draft(**data, pairs=rows, originals=originals, user=request.user)
        except ValidationError as error:
            form.add_error(None, ValidationError(error.messages))
        except IntegrityError:
            # Saved twice at once: the second save meets the first's import fingerprint, or the
            # translation into this language another editor saved meanwhile.
            existing = imported_from(data["text"])
            form.add_error(None, duplicate_error(existing) if existing else SAVED_MEANWHILE)
        else:
            return _saved(request, article)
    return _render_review(model_admin, request, form, pairs)


def _aligned_pairs(rows, original_pairs):
    """Return the pair forms of `rows`, each with the choice of the pair of the original it translates."""
    return PairFormSet(
        initial=aligned_initial(rows, original_pairs), prefix="pairs", form_kwargs={"original_pairs": original_pairs}
    )


def _saved(request, article):
    """Say what was saved, and go on: to the suggested facts of an original, to the translation's page otherwise."""
    original = article.translation_of
    if original is None:
        messages.success(
            request, gettext("Saved “%(title)s” as a draft. Review the suggested facts.") % {"title": article}
        )
        return redirect("admin:articles_article_suggest_facts", article.pk)
    aligned = article.pairs.exclude(original=None).count()
    messages.success(
        request,
        gettext(
            "Saved “%(title)s” as a draft translation of “%(original)s”, %(aligned)d of its %(count)d pairs aligned "
            "with the original's. Its facts are the original's: suggest facts on the original."
        )
        % {"title": article, "original": original, "aligned": aligned, "count": article.pairs.count()},
    )
    return redirect("admin:articles_article_change", article.pk)


def _posted(form, name):
    """Return the text posted for field `name` of `form`, valid or not, with plain newlines."""
    return plain_newlines(form[name].value() or "")


def _refuse_duplicate(form):
    """Add the duplicate-import error to the valid `form` if its text was imported already; tell whether it was."""
    existing = imported_from(form.cleaned_data["text"])
    if existing:
        form.add_error(None, duplicate_error(existing))
    return bool(existing)


def _render_review(model_admin, request, form, pairs, parsed=None):
    """Show the review page, with what was recognised in the text and what was left out of it."""
    if parsed is None:
        try:
            parsed = parse_interview(_posted(form, "text"))
        except ImportRefused:
            parsed = None
    rows = [{"form": row, "paragraphs": paragraph_choices(row["answer"].value() or "")[1:]} for row in pairs.forms]
    aligning = bool(pairs.forms) and "original" in pairs.forms[0].fields
    detection = detect(_posted(form, "text"))
    # On the bound field: it copies its field's help text when first used, as validating does.
    form["language"].help_text = gettext(
        "Detected from the text: %(language)s. %(evidence)s Correct it if the interview is written in another language."
    ) % {"language": language_label(detection.language), "evidence": detection.evidence}
    context = {
        **_context(model_admin, request),
        "title": gettext("Review the imported interview"),
        "form": form,
        "pairs": pairs,
        "rows": rows,
        "intro_paragraphs": paragraph_choices(form["intro"].value() or ""),
        "parsed": parsed,
        "unknown_source": _unknown_source(parsed),
        "aligned_with": original_chosen(form).pk if aligning else "",
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, REVIEW_TEMPLATE, context)


def _unknown_source(parsed):
    """Return the source the text names when no source has that name (Source.objects.named()), else ""."""
    name = parsed.source_name if parsed else ""
    return name if name and Source.objects.named(name) is None else ""


def _too_big(model_admin, request):
    """The import page saying that the request was larger than the importer takes, with status 413."""
    size = request.META.get("CONTENT_LENGTH") or ""
    limit = {"limit": f"{MAX_IMPORT_BYTES / 1000:g}", "page_limit": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1000:,}"}
    if size.isdigit():
        message = gettext(
            "What you sent was %(size)s KB, more than a page can send (%(page_limit)s KB); nothing was saved. "
            "The importer takes interviews of up to %(limit)s KB: paste or upload a shorter text."
        ) % {**limit, "size": f"{math.ceil(int(size) / 1000):,}"}
    else:
        message = (
            gettext(
                "What you sent was more than a page can send (%(page_limit)s KB); nothing was saved. "
                "The importer takes interviews of up to %(limit)s KB: paste or upload a shorter text."
            )
            % limit
        )
    context = {**_context(model_admin, request), "form": ImportForm(), "refusal": message}
    return TemplateResponse(request, IMPORT_TEMPLATE, context, status=413)


def _context(model_admin, request):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "title": gettext("Import interview"),
        "max_kb": f"{MAX_IMPORT_BYTES / 1000:g}",
    }
