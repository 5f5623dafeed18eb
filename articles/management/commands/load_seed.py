import datetime
import json
from pathlib import Path

import reversion
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.history_comments import set_comment
from articles.models import Article, Fact, Person, QAPair, Source, Theme
from articles.services.translations import create_translation

SEED_DIR = Path(__file__).resolve().parents[2] / "seed"
SEED_FILE = SEED_DIR / "seed.json"
# The seed's Spanish and Korean translations, each a language's title, standfirst, intro, pairs
# (by position) and fact wordings (by the fact's place in seed.json), with who translated it.
TRANSLATIONS_FILE = SEED_DIR / "translations.json"


class Command(BaseCommand):
    help = (
        "Load the curated seed content (themes, people, sources and published articles). "
        "Only what is missing is created: running it again, or after editors changed the "
        "content, changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=SEED_FILE, help="The seed JSON file.")
        parser.add_argument(
            "--translations", type=Path, default=TRANSLATIONS_FILE, help="The seed translations' JSON file."
        )

    @transaction.atomic
    @reversion.create_revision()
    def handle(self, *args, file, translations, **options):
        set_comment("seed")
        data = json.loads(file.read_text(encoding="utf-8"))
        translated = json.loads(translations.read_text(encoding="utf-8"))
        for item in data["themes"]:
            Theme.objects.get_or_create(slug=item["slug"], defaults=item)
        for item in data["people"]:
            Person.objects.get_or_create(slug=item["slug"], defaults=item)
        for item in data["sources"]:
            Source.objects.get_or_create(name=item["name"], defaults=item)
        created = [item["slug"] for item in data["articles"] if self.load_article(item)]
        # The translations are of the first article, when editors have not deleted it.
        original = Article.objects.filter(slug=data["articles"][0]["slug"], translation_of=None).first()
        created += [
            slug
            for language, texts in translated["languages"].items()
            if original and (slug := self.load_translation(original, language, texts, translated["translated_on"]))
        ]
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

    def load_translation(self, original, language, texts, translated_on):
        """
        Create and publish the translation of `original` into `language` from `texts` unless it has
        one in that language; return its slug, or None.
        """
        if original.translations.filter(language=language).exists():
            return None
        anchors = dict(original.pairs.values_list("position", "anchor"))
        facts = list(original.facts.order_by("pk").values_list("pk", flat=True))
        translation = create_translation(
            original,
            language,
            texts={
                **{key: texts[key] for key in ("title", "slug", "standfirst", "intro", "translated_by")},
                "translated_on": datetime.date.fromisoformat(translated_on),
                "pairs": [{**pair, "anchor": anchors[pair["position"]]} for pair in texts["pairs"]],
                "facts": {facts[item["index"]]: item for item in texts["facts"]},
            },
        )
        translation.status, translation.published_at = Article.Status.PUBLISHED, original.published_at
        translation.save()
        return translation.slug


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
