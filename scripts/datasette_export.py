"""The published statements as one denormalised SQLite table, for `make bench-compare`.

Run against a bench database (DATABASE_URL); writes the file named. One row a published
statement, as Datasette would serve it: speaker, stance, kind, issues (a JSON array, for
`_facet_array`), summit, the words, with indexes on the faceted columns and a full-text
index on the words, as anyone publishing this table with Datasette would add.
"""

import json
import os
import sqlite3
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loggerheads.settings")
django.setup()

from summits.models import Statement, StatementIssue  # noqa: E402 -- after django.setup()

SCHEMA = """
CREATE TABLE statements (
    public_id TEXT PRIMARY KEY,
    summit TEXT NOT NULL,
    speaker TEXT NOT NULL,
    speaker_name TEXT NOT NULL,
    stance TEXT NOT NULL,
    kind TEXT NOT NULL,
    issues TEXT NOT NULL,
    text TEXT NOT NULL,
    context TEXT NOT NULL,
    said_on TEXT,
    article TEXT NOT NULL,
    outlet TEXT NOT NULL
);
CREATE INDEX statements_summit ON statements (summit);
CREATE INDEX statements_speaker ON statements (speaker);
CREATE INDEX statements_stance ON statements (stance);
CREATE INDEX statements_kind ON statements (kind);
CREATE VIRTUAL TABLE statements_fts USING fts5 (text, context, content="statements");
"""


def main() -> None:
    path = Path(sys.argv[1])
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    issues: dict[int, list[str]] = {}
    links = StatementIssue.objects.filter(statement__status="published").order_by("issue__slug")
    for statement_id, slug in links.values_list("statement_id", "issue__slug").iterator():
        issues.setdefault(statement_id, []).append(slug)
    rows = (
        Statement.objects.published()
        .order_by("pk")
        .values_list(
            "pk",
            "public_id",
            "summit__slug",
            "speaker__slug",
            "speaker__name",
            "stance",
            "kind",
            "text",
            "context",
            "said_on",
            "article__title",
            "article__outlet",
        )
    )
    database = sqlite3.connect(partial)
    database.executescript(SCHEMA)
    database.executemany(
        "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                public_id,
                summit,
                speaker,
                speaker_name,
                stance,
                kind,
                json.dumps(issues.get(pk, [])),
                text,
                context,
                said_on.isoformat() if said_on else None,
                article,
                outlet,
            )
            for pk, public_id, summit, speaker, speaker_name, stance, kind, text, context, said_on, article, outlet in rows.iterator()  # noqa: E501
        ),
    )
    database.execute(
        "INSERT INTO statements_fts (rowid, text, context) "
        "SELECT rowid, text, context FROM statements"
    )
    database.commit()
    count = database.execute("SELECT COUNT(*) FROM statements").fetchone()[0]
    database.execute("ANALYZE")
    database.close()
    partial.rename(path)
    print(count)


if __name__ == "__main__":
    main()
