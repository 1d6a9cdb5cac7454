"""The verbatim rule: what counts as the same words, and what does not."""

from summits.quotes import (
    closest_passage,
    fold,
    locate,
    misquote_diagnosis,
    quote_occurs_in,
    source_sentence,
)

BODY = (
    "\u201cGood weather, good relations,\u201d Medvedev joked.\n\n"
    "Lavrov gave a more direct \u2013 and negative \u2013 assessment.\n"
    "\"We have saved numerous   lives, so I would say we succeeded.''"
)


def test_it_folds_curly_quotes_dashes_and_whitespace():
    assert fold("\u201cit\u2019s \u2014 here\u201d\n  now") == '"it\'s - here" now'


def test_it_accepts_a_quote_with_or_without_the_trailing_comma():
    assert quote_occurs_in("Good weather, good relations", BODY)
    assert quote_occurs_in("Good weather, good relations,", BODY)


def test_it_accepts_straight_marks_for_curly_ones_and_pasted_quotation_marks():
    assert quote_occurs_in('"Good weather, good relations,"', BODY)
    assert quote_occurs_in("a more direct - and negative - assessment", BODY)


def test_it_accepts_a_quote_across_line_breaks_and_runs_of_spaces():
    assert quote_occurs_in("We have saved numerous lives, so I would say we succeeded.", BODY)


def test_it_rejects_a_changed_word():
    assert not quote_occurs_in("Good weather, great relations", BODY)
    assert not quote_occurs_in("We have saved countless lives", BODY)


def test_it_rejects_an_empty_quote():
    assert not quote_occurs_in('  ""  ', BODY)


def test_it_locates_the_quote_in_the_original_text():
    start, end = locate("a more direct - and negative - assessment", BODY)
    assert BODY[start:end] == "a more direct \u2013 and negative \u2013 assessment"
    start, end = locate("We have saved numerous lives", BODY)
    assert BODY[start:end] == "We have saved numerous   lives"
    assert locate("not there", BODY) is None


WIRE = (
    'Lavrov was blunt. "We did not agree. We accepted the NATO position as an accomplished '
    'fact," he said.\n\nMedvedev said the weather in Sochi matched the mood of the talks.'
)


def test_it_finds_the_closest_passage_to_a_misquote():
    passage = closest_passage("We agreed. We accepted NATO's position", WIRE)

    assert passage.text == "We did not agree. We accepted the NATO position"
    assert WIRE[passage.start : passage.end] == passage.text
    assert quote_occurs_in(passage.text, WIRE)
    assert closest_passage("Nothing like it at all", WIRE) is None


def test_it_names_the_words_that_differ():
    assert misquote_diagnosis("We agreed", WIRE) == (
        "The closest passage is “We did not agree”: "
        "it says “did not agree” where the quote has “agreed”."
    )


def test_it_places_a_paraphrase_at_the_sentence_it_retells():
    assert source_sentence("The weather in Sochi matched the talks' mood", WIRE) == WIRE.index(
        "Medvedev said"
    )
    assert source_sentence("Zuma presented African Union plans", WIRE) is None
