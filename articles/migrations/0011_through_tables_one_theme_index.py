"""
Drop each through-table's index on the theme alone: the unique (theme, content) constraint is
an index led by the theme already (0001), and serves every lookup by theme; the second index
only made every tagging cost one more index write.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0010_search_documents'),
    ]

    operations = [
        migrations.AlterField(
            model_name='taggedarticle',
            name='tag',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='tagged_articles', to='articles.theme', verbose_name='theme'),
        ),
        migrations.AlterField(
            model_name='taggedfact',
            name='tag',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='tagged_facts', to='articles.theme', verbose_name='theme'),
        ),
        migrations.AlterField(
            model_name='taggedqapair',
            name='tag',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='tagged_pairs', to='articles.theme', verbose_name='theme'),
        ),
    ]
