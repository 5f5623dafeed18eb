import json
from pathlib import Path

import reversion
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Fact, Person, QAPair, Source, Theme

SEED_FILE = Path(__file__).resolve().parents[2] / "seed" / "seed.json"


class Command(BaseCommand):
    help = (
        "Load the curated seed content (themes, people, sources and published articles). "
        "Only what is missing is created: running it again, or after editors changed the "
        "content, changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=SEED_FILE, help="The seed JSON file.")

    @transaction.atomic
    @reversion.create_revision()
    def handle(self, *args, file, **options):
        reversion.set_comment("Loaded from the seed content.")
        data = json.loads(file.read_text(encoding="utf-8"))
        for item in data["themes"]:
            Theme.objects.get_or_create(slug=item["slug"], defaults=item)
        for item in data["people"]:
            Person.objects.get_or_create(slug=item["slug"], defaults=item)
        for item in data["sources"]:
            Source.objects.get_or_create(name=item["name"], defaults=item)
        created = [item["slug"] for item in data["articles"] if self.load_article(item)]
        if created:
            self.stdout.write(self.style.SUCCESS(f"Loaded {', '.join(created)}."))
        else:
            self.stdout.write("Seed content already present; nothing changed.")

    def load_article(self, item):
        """Create the article described by `item` unless one with its slug exists."""
        if Article.objects.filter(slug=item["slug"]).exists():
            return False
        fields = {key: value for key, value in item.items() if key not in {"pairs", "facts", "themes"}}
        fields["interviewee"] = Person.objects.get(slug=fields["interviewee"])
        fields["source"] = Source.objects.get(name=fields["source"])
        article = Article(**fields, status=Article.Status.PUBLISHED, published_at=timezone.now())
        saved(article).themes.set(themes(item["themes"]))

        pairs = {}
        for pair_item in item["pairs"]:
            pair = QAPair(article=article, **{k: v for k, v in pair_item.items() if k != "themes"})
            pairs[pair.position] = saved(pair)
            pair.themes.set(themes(pair_item["themes"]))

        for fact_item in item["facts"]:
            fields = {key: value for key, value in fact_item.items() if key not in {"pair", "person", "themes"}}
            fact = Fact(
                article=article,
                pair=pairs.get(fact_item["pair"]),
                person=Person.objects.get(slug=fact_item["person"]) if fact_item["person"] else None,
                **fields,
            )
            saved(fact).themes.set(themes(fact_item["themes"]))
        return True


def saved(obj):
    """Validate `obj` as the admin would, save it and return it."""
    obj.full_clean()
    obj.save()
    return obj


def themes(slugs):
    found = list(Theme.objects.filter(slug__in=slugs))
    if len(found) != len(slugs):
        raise CommandError(f"Unknown theme among {slugs}.")
    return found
