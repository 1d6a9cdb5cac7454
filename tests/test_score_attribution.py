"""score_attribution: the extractor measured on the hand-labelled real articles.

The thresholds sit just under what the extractor reaches on all 825 articles today
(recall 99.0%, precision 95.9%, speaker 88.5%, full name 86.9%, 89 confidently wrong
names (1.14 per 50 quotes), paraphrases by a named speaker 69.0%): a change that makes
attribution worse fails here. Recall and precision meet issue 11's targets; speaker, full
name, wrong names and paraphrases are short of them. Most of the set was tuned on,
so these figures overstate unseen copy: each fresh set scored 68-88% speaker and
1.3-13.9 wrong names per 50 quotes before it joined (tests/attribution/README.md).
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from summits.management.commands.score_attribution import (
    defined_abbreviations,
    same_person,
    score_directory,
)

ARTICLES = Path(__file__).parent / "attribution" / "articles"


def test_it_meets_the_bar_on_the_labelled_articles():
    row = score_directory(ARTICLES)["overall"].row()

    assert row["articles"] >= 40
    assert row["recall"] >= 0.98
    assert row["precision"] >= 0.957
    assert row["speaker"] >= 0.885
    assert row["full_name"] >= 0.868
    assert row["wrong"] <= 89
    assert row["paraphrase_recall"] >= 0.690


def test_it_prints_the_table_overall_and_by_style():
    out = StringIO()

    call_command("score_attribution", str(ARTICLES), stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].split()[:5] == ["style", "articles", "quotes", "recall", "precision"]
    assert lines[1].startswith("overall")
    assert any(line.startswith("british") for line in lines)


def test_it_prints_right_wrong_and_empty_by_route():
    out = StringIO()

    call_command("score_attribution", str(ARTICLES), "--routes", stdout=out)

    text = out.getvalue()
    assert "route" in text and "wrong%" in text
    assert "after-verb" in text and "surname" in text


def test_it_refuses_a_missing_directory(tmp_path):
    with pytest.raises(CommandError, match="no such directory"):
        call_command("score_attribution", str(tmp_path / "nowhere"))


def test_it_names_an_invalid_label_file(tmp_path):
    (tmp_path / "a.txt").write_text("Leaders met.", "utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"quotes": [{"speaker": "X"}]}), "utf-8")

    with pytest.raises(CommandError, match=r"a\.json: quotes\[0\] has no 'text'"):
        call_command("score_attribution", str(tmp_path))


def test_it_counts_an_abbreviation_the_article_defines_as_the_body_it_names():
    body = "Talks ended, the Prime Minister\u2019s Office (PMO) said. The PMO was pleased."

    defined = defined_abbreviations(body)

    assert defined == {"PMO": "Prime Minister\u2019s Office"}
    assert same_person("PMO", "Prime Minister\u2019s Office", defined)
    assert not same_person("PMO", "Prime Minister\u2019s Office", {})
    assert not same_person("MEA", "Prime Minister\u2019s Office", defined)


def test_it_counts_paraphrases_by_named_speakers_only(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Chancellor Ilse Brandt met Premier Li Wen.\n\n"
        "Brandt said the talks had gone well.\n\n"
        "The summit would end early, a diplomat said.",
        "utf-8",
    )
    labels = {
        "style": "european",
        "quotes": [],
        "paraphrases": [
            {"sentence": "Brandt said the talks had gone well.", "speaker": "Ilse Brandt"},
            {
                "sentence": "The summit would end early, a diplomat said.",
                "speaker": "a diplomat",
                "named": False,
            },
        ],
    }
    (tmp_path / "a.json").write_text(json.dumps(labels), "utf-8")

    row = score_directory(tmp_path)["overall"].row()

    assert row["paraphrase_recall"] == 1.0
