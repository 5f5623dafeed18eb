"""A person's slug may be written in any script, as themes' and articles' are: 이상민 for a person known by a Korean name."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0027_search_terms_folded_first'),
    ]

    operations = [
        migrations.AlterField(
            model_name='person',
            name='slug',
            field=models.SlugField(allow_unicode=True, max_length=200, unique=True, verbose_name='slug'),
        ),
    ]
