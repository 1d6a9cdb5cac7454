# The statement's text and context stored folded (upper case, unaccented: loggerheads_fold(),
# migration 0010), each with its trigram index, on PostgreSQL only.
#
# A search word's candidates from the trigram index on loggerheads_fold(text) were rechecked
# by folding every candidate row again: unaccent per row, 42 of the 59 ms that "clear"
# (20,000 of the 100k statements) took. Against a stored column the recheck is a plain LIKE.
#
# Generated columns, so PostgreSQL keeps them in step with every write (admin, desk, imports,
# history revert, raw SQL); no Python code has to remember them. They are not model fields:
# only reader search on PostgreSQL reads them (filters.StoredFold), and as fields every
# statement query would load them and SQLite would need a fold of its own. The expression
# indexes they replace are dropped.

from django.db import migrations

COLUMNS = {"text": "text_folded", "context": "context_folded"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(
        f"ADD COLUMN {folded} text GENERATED ALWAYS AS (loggerheads_fold({source})) STORED"
        for source, folded in COLUMNS.items()
    )
    schema_editor.execute(f"ALTER TABLE summits_statement {columns}")
    for source, folded in COLUMNS.items():
        schema_editor.execute(
            f"CREATE INDEX statement_{folded}_trgm ON summits_statement "
            f"USING gin ({folded} gin_trgm_ops)"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS statement_{source}_fold_trgm")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for source, folded in COLUMNS.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS statement_{source}_fold_trgm ON summits_statement "
            f"USING gin (loggerheads_fold({source}) gin_trgm_ops)"
        )
        schema_editor.execute(f"ALTER TABLE summits_statement DROP COLUMN {folded}")


class Migration(migrations.Migration):
    dependencies = [
        ("summits", "0010_search_indexes"),
    ]

    operations = [migrations.RunPython(create, drop)]
