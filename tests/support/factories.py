from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from articles.models import Article, Fact, Person, QAPair, Source, Theme


def add_themes(obj, create, extracted, **kwargs):
    if create and extracted:
        obj.themes.set(extracted)


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        skip_postgeneration_save = True
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = factory.LazyAttribute(lambda o: f"Everything about {o.name}.")


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    role = "Minister"
    country = "South Korea"


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Interview {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    standfirst = "A minister speaks about trade."
    intro = "The minister visited Mexico City in 2024."
    interviewee = factory.SubFactory(PersonFactory)
    source = factory.SubFactory(SourceFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    themes = factory.PostGeneration(add_themes)

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1)))


class QAPairFactory(DjangoModelFactory):
    class Meta:
        model = QAPair
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n + 1)
    prompt = factory.Sequence(lambda n: f"What happens next in sector {n}?")
    answer = "About 100 companies create 5,000 jobs.\n\nTrade reached $2 billion in 2023."
    themes = factory.PostGeneration(add_themes)


class FactFactory(DjangoModelFactory):
    class Meta:
        model = Fact
        skip_postgeneration_save = True

    pair = factory.SubFactory(QAPairFactory)
    article = factory.LazyAttribute(lambda o: o.pair.article)
    statement = "Companies create 5,000 jobs."
    quote = "create 5,000 jobs"
    value = 5000
    unit = "jobs"
    themes = factory.PostGeneration(add_themes)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    class Params:
        editor = factory.Trait(is_staff=True, is_superuser=True)
