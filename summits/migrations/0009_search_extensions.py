# Forgiving reader search on PostgreSQL: trigram similarity (pg_trgm) for misspelt names and
# unaccent for accents. CreateExtension does nothing on other databases (SQLite).

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("summits", "0008_utterance"),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
    ]
