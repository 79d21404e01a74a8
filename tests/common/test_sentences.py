from common.sentences import interpolate


def test_a_value_that_ends_the_sentence_gives_up_its_full_stop():
    assert interpolate("Registration closed on %(when)s.", when="June 24, 2022, 6 p.m.") == (
        "Registration closed on June 24, 2022, 6 p.m."
    )


def test_a_value_inside_the_sentence_keeps_its_full_stop():
    assert interpolate("On %(when)s registration closed.", when="June 24, 2022, 6 p.m.") == (
        "On June 24, 2022, 6 p.m. registration closed."
    )


def test_values_without_a_full_stop_and_numbers_are_put_in_as_they_are():
    assert interpolate("%(count)d seats until %(when)s.", count=3, when="24 juin 2022 18:00") == (
        "3 seats until 24 juin 2022 18:00."
    )
