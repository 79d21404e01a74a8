from tests.config.test_startup import show


def test_open_conference_creation_is_off_by_default_and_read_from_the_environment():
    assert show("settings.OPEN_CONFERENCE_CREATION", OPEN_CONFERENCE_CREATION="") == "False"
    assert show("settings.OPEN_CONFERENCE_CREATION", OPEN_CONFERENCE_CREATION="1") == "True"
