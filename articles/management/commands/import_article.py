import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles.importer import ImportRefused, check_size, parse_interview, read_text
from articles.importer.drafts import create_draft, imported_from
from articles.models import Person, Source


class Command(BaseCommand):
    help = (
        "Import an interview text file (plain text or the HTML of a web page) as a draft article with "
        "its question/answer pairs, its language, the date of its dateline and the interviewer its "
        "byline names (when a person has that name). Start a statement prompt with '## '. The article "
        "is never published; review it, and its suggested facts, in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--interviewee", required=True, help="Slug of the person interviewed.")
        parser.add_argument("--source", help="Name of the source (default: the text's 'Source:' line).")
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Original publication date (YYYY-MM-DD; default: the text's dateline).",
        )

    def handle(self, *args, file, interviewee, source, date, **options):
        try:
            check_size(file.stat().st_size)
            text, encoding = read_text(file.read_bytes())
            parsed = parse_interview(text)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        except ImportRefused as refusal:
            raise CommandError(str(refusal)) from None
        existing = imported_from(text)
        if existing:
            raise CommandError(
                f"This text was already imported as “{existing}” (id {existing.pk}); nothing was created."
            )
        person = Person.objects.filter(slug=interviewee).first()
        if person is None:
            raise CommandError(f"No person has the slug {interviewee!r}; add them in the admin first.")
        source_name = source or parsed.source_name
        source_obj = Source.objects.filter(name__iexact=source_name).first() if source_name else None
        if source and source_obj is None:
            raise CommandError(f"No source is called {source!r}.")
        # The byline's journalist, when a person has that name; the command adds no one.
        interviewer = (
            Person.objects.filter(name__iexact=parsed.interviewer_name).first() if parsed.interviewer_name else None
        )
        try:
            article = create_draft(
                text=text,
                title=parsed.title,
                standfirst=parsed.standfirst,
                intro=parsed.intro,
                pairs=[(pair.prompt, pair.answer) for pair in parsed.pairs],
                interviewee=person,
                source=source_obj,
                original_date=date or parsed.original_date,
                language=parsed.language,
                interviewer=interviewer,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the draft “{article}” (id {article.pk}) with {len(parsed.pairs)} pairs "
                f"({', '.join(parsed.formats)})."
            )
        )
        if encoding:
            self.stdout.write(
                f"The file is not UTF-8: it was read as {encoding}. Check that its letters came out right."
            )
