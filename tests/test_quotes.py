"""The verbatim rule: what counts as the same words, and what does not."""

from summits.quotes import fold, locate, quote_occurs_in

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
