"""Coverage bundles: import is atomic and idempotent, export round-trips, slugs match."""

import copy
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from summits.bundles import BundleError, export_bundle, import_bundle
from summits.models import Article, Attendance, Participant, Statement, Summit
from tests.factories import SEED


@pytest.fixture
def bundle() -> dict:
    return json.loads(SEED.read_text(encoding="utf-8"))


def lisbon_bundle() -> dict:
    """A second summit that Medvedev attended with another role, slugs left to derive."""
    body = (
        'Russian President Dmitry Medvedev said in Lisbon: "We are ready to discuss '
        'missile defense as equal partners." NATO welcomed the offer.'
    )
    return {
        "format": "loggerheads-coverage/1",
        "summit": {"name": "NATO Summit Lisbon 2010", "starts_on": "2010-11-19"},
        "participants": [
            {"name": "Dmitry Medvedev", "role": "President of the Russian Federation"},
            {"name": "NATO", "kind": "organization"},
        ],
        "issues": [{"name": "Missile defense"}],
        "articles": [{"key": "wire-1", "title": "Lisbon talks", "body": body}],
        "statements": [
            {
                "speaker": "dmitry-medvedev",
                "issues": ["missile-defense"],
                "article": "wire-1",
                "kind": "quote",
                "text": "We are ready to discuss missile defense as equal partners.",
                "stance": "conditional",
            },
            {
                "speaker": "nato",
                "article": "wire-1",
                "kind": "paraphrase",
                "text": "NATO welcomed Russia's offer.",
            },
        ],
    }


def database_counts() -> dict:
    return {model.__name__: model.objects.count() for model in (Summit, Participant, Statement)}


def write(tmp_path: Path, name: str, data) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def import_errors(tmp_path, data) -> str:
    path = write(tmp_path, "bad.json", data)
    with pytest.raises(CommandError):
        call_command("import_coverage", str(path), stdout=_Sink(), stderr=(err := _Sink()))
    return err.text


class _Sink:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_it_imports_the_seed_and_reports_what_it_created(db, bundle, tmp_path):
    out = _Sink()
    call_command("import_coverage", str(SEED), stdout=out)
    assert "created: 1 summit, 7 participants" in out.text
    assert Statement.objects.filter(status="published").count() == len(bundle["statements"])


def test_it_changes_nothing_on_reimport(db):
    call_command("import_coverage", str(SEED), stdout=_Sink())
    before = export_bundle(Summit.objects.get())
    history = Statement.history.count()
    out = _Sink()
    call_command("import_coverage", str(SEED), stdout=out)
    assert "created: nothing" in out.text and "updated: nothing" in out.text
    assert export_bundle(Summit.objects.get()) == before
    assert Statement.history.count() == history


def test_it_updates_an_edited_bundle_in_place_keeping_permalinks(db, bundle):
    import_bundle(bundle)
    statement = Statement.objects.get(text__startswith="NATO is pursuing")
    public_id = statement.public_id
    edited = copy.deepcopy(bundle)
    for entry in edited["statements"]:
        if entry["text"].startswith("NATO is pursuing"):
            entry["text"] = "NATO is seeking a ceasefire in Libya by every means."
            entry["stance"] = "conditional"
    edited["summit"]["city"] = "Sochi, Krasnodar Krai"
    report = import_bundle(edited)
    assert report.updated["statements"] == 1 and report.updated["summits"] == 1
    statement = Statement.objects.get(public_id=public_id)
    assert statement.text == "NATO is seeking a ceasefire in Libya by every means."
    assert statement.stance == "conditional"
    assert Statement.objects.count() == len(bundle["statements"])


def test_it_imports_nothing_from_a_bundle_with_one_bad_statement(db, bundle, tmp_path):
    bundle["statements"][5]["text"] = bundle["statements"][5]["text"].replace("mutual", "total")
    errors = import_errors(tmp_path, bundle)
    assert "statements[5].text: quote not found in article 'dw-2011-07-04'" in errors
    assert database_counts() == {"Summit": 0, "Participant": 0, "Statement": 0}


def test_it_names_an_unknown_speaker_by_its_json_path(db, bundle, tmp_path):
    bundle["statements"][3]["speaker"] = "lavrov"
    errors = import_errors(tmp_path, bundle)
    assert "statements[3].speaker: no participant 'lavrov' in this bundle" in errors


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda b: b["statements"][0].update(stance="furious"), "statements[0].stance"),
        (lambda b: b["statements"][1].update(mood="happy"), "statements[1]: Additional properties"),
        (lambda b: b["summit"].update(starts_on="4 July 2011"), "summit.starts_on"),
        (lambda b: b["participants"][0].update(slug="Dmitry Medvedev"), "participants[0].slug"),
        (lambda b: b.update(format="loggerheads-coverage/3"), "format"),
        (lambda b: b["statements"][2].update(issues=["arctic"]), "no issue 'arctic'"),
        (lambda b: b["statements"][2].update(article="nyt"), "no article 'nyt'"),
        (lambda b: b["participants"].append({"name": "Dmitry  Medvedev"}), "appears twice"),
        (lambda b: b["summit"].update(ends_on="2011-07-01"), "is before starts_on"),
        (
            lambda b: b["articles"][0].update(url="javascript:alert(1)"),
            "articles[0].url: must be an http:// or https:// address",
        ),
    ],
)
def test_it_explains_each_kind_of_invalid_bundle(db, bundle, tmp_path, change, expected):
    change(bundle)
    assert expected in import_errors(tmp_path, bundle)
    assert Summit.objects.count() == 0


def test_it_rejects_a_file_that_is_not_json(db, tmp_path):
    assert "line 1 column" in import_errors(tmp_path, "{not json")


def test_it_names_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError), open("/dev/null", "w") as devnull:
        call_command("import_coverage", str(tmp_path / "nope.json"), stderr=devnull)


def test_it_keeps_good_files_when_another_file_fails(db, bundle, tmp_path):
    good = write(tmp_path, "good.json", lisbon_bundle())
    bundle["statements"][0]["speaker"] = "nobody"
    bad = write(tmp_path, "bad.json", bundle)
    with pytest.raises(CommandError):
        call_command("import_coverage", str(good), str(bad), stdout=_Sink(), stderr=_Sink())
    assert list(Summit.objects.values_list("slug", flat=True)) == ["nato-summit-lisbon-2010"]


def test_it_imports_new_statements_as_drafts_when_asked(db):
    call_command("import_coverage", str(SEED), "--draft", stdout=_Sink())
    assert set(Statement.objects.values_list("status", flat=True)) == {"draft"}


def test_it_attaches_a_second_summit_to_the_same_participant(db, bundle):
    import_bundle(bundle)
    import_bundle(lisbon_bundle())
    medvedev = Participant.objects.get(slug="dmitry-medvedev")
    assert Participant.objects.filter(name="Dmitry Medvedev").count() == 1
    roles = dict(
        Attendance.objects.filter(participant=medvedev).values_list("summit__slug", "role")
    )
    assert roles == {
        "sochi-2011": "President of Russia",
        "nato-summit-lisbon-2010": "President of the Russian Federation",
    }
    assert medvedev.statements.values("summit").distinct().count() == 2


def test_it_round_trips_export_import_export(db, bundle):
    import_bundle(bundle)
    import_bundle(lisbon_bundle())
    first = {summit.slug: export_bundle(summit) for summit in Summit.objects.all()}
    Statement.objects.all().delete()
    Article.objects.all().delete()
    Summit.objects.all().delete()
    Participant.objects.all().delete()
    for exported in first.values():
        import_bundle(json.loads(json.dumps(exported)))
    second = {summit.slug: export_bundle(summit) for summit in Summit.objects.all()}
    assert json.dumps(second, sort_keys=False) == json.dumps(first, sort_keys=False)


def test_it_exports_every_field_with_a_value_and_derived_slugs(db, bundle):
    import_bundle(lisbon_bundle())
    exported = export_bundle(Summit.objects.get())
    assert exported["summit"] == {
        "name": "NATO Summit Lisbon 2010",
        "slug": "nato-summit-lisbon-2010",
        "starts_on": "2010-11-19",
    }
    assert exported["participants"][0]["slug"] == "dmitry-medvedev"
    assert exported["statements"][1] == {
        "speaker": "nato",
        "article": "wire-1",
        "kind": "paraphrase",
        "text": "NATO welcomed Russia's offer.",
    }


def test_it_exports_the_seed_as_the_bundle_it_came_from(db, bundle):
    import_bundle(bundle)
    exported = export_bundle(Summit.objects.get())
    by_slug = lambda entries: sorted(entries, key=lambda e: e["slug"])  # noqa: E731
    assert by_slug(exported["participants"]) == by_slug(bundle["participants"])
    assert exported["statements"] == bundle["statements"]
    assert exported["articles"] == bundle["articles"]


def test_it_leaves_drafts_out_of_the_export_unless_asked(db, bundle):
    import_bundle(bundle)
    Statement.objects.filter(kind="paraphrase").update(status="draft")
    summit = Summit.objects.get()
    assert {s["kind"] for s in export_bundle(summit)["statements"]} == {"quote"}
    assert len(export_bundle(summit, include_drafts=True)["statements"]) == 24


def test_it_writes_the_export_to_stdout(db, bundle):
    import_bundle(bundle)
    out = _Sink()
    call_command("export_coverage", "sochi-2011", stdout=out)
    assert json.loads(out.text)["summit"]["slug"] == "sochi-2011"


def test_it_names_an_unknown_summit_on_export(db):
    with pytest.raises(CommandError, match="no summit 'atlantis'"):
        call_command("export_coverage", "atlantis")


def test_it_raises_bundle_error_with_every_problem(db, bundle):
    bundle["statements"][0]["speaker"] = "x"
    bundle["statements"][1]["article"] = "y"
    with pytest.raises(BundleError) as caught:
        import_bundle(bundle)
    assert len(caught.value.problems) == 2


def test_it_refuses_nul_characters_and_overlong_keys_before_writing(db, bundle, tmp_path):
    bundle["statements"][0]["context"] = "said\u0000 quietly"
    bundle["articles"][0]["key"] = "k" * 300
    errors = import_errors(tmp_path, bundle)
    assert "statements[0].context: contains a NUL character" in errors
    assert "articles[0].key: longer than" in errors
    assert Summit.objects.count() == 0


def test_it_derives_slugs_that_the_schema_accepts(db):
    data = lisbon_bundle()
    data["summit"]["name"] = "G8 — Deauville_2011 (France)"
    import_bundle(data)
    assert Summit.objects.get().slug == "g8-deauville-2011-france"
