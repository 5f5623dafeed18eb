"""
An index on (published_at, id), the order of the admin's article list and autocompletes: a page is
read by walking it rather than by sorting every article. Reversed, the index goes.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_search_entries"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["published_at", "id"], name="article_published_at_id"),
        ),
    ]
