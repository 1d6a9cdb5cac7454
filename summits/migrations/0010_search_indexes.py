# Reader search on PostgreSQL answered by indexes (summits/filters.py, indexed_word_matches):
# trigram indexes on the folded (upper case, unaccented) text, context, role and name, and on
# the name as written for misspelt names. unaccent() is only STABLE, so an index cannot use it
# directly; loggerheads_fold() is the immutable wrapper the indexes and the queries share
# (the unaccent dictionary named, as PostgreSQL's documentation advises for such wrappers).
# Nothing is done on other databases (SQLite).

from django.db import migrations

FOLD = """
CREATE OR REPLACE FUNCTION loggerheads_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT upper(public.unaccent('public.unaccent'::regdictionary, $1)) $$
"""
INDEXES = {
    "statement_text_fold_trgm": "summits_statement USING gin (loggerheads_fold(text) gin_trgm_ops)",
    "statement_context_fold_trgm": (
        "summits_statement USING gin (loggerheads_fold(context) gin_trgm_ops)"
    ),
    "attendance_role_fold_trgm": (
        "summits_attendance USING gin (loggerheads_fold(role) gin_trgm_ops)"
    ),
    "participant_name_fold_trgm": (
        "summits_participant USING gin (loggerheads_fold(name) gin_trgm_ops)"
    ),
    "participant_name_trgm": "summits_participant USING gin (name gin_trgm_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FOLD)
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("DROP FUNCTION IF EXISTS loggerheads_fold(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("summits", "0009_search_extensions"),
    ]

    operations = [migrations.RunPython(create, drop)]
