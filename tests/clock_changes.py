"""A conference whose sessions sit around the clock changes of its zone: the data that the tests of
the exports (calendar files, frab schedules) hand to parsers and consumers nobody here wrote, each
of which must place every session at the UTC instants the database holds."""

from datetime import UTC, date, datetime, timedelta

from tests.factories import ConferenceFactory, SessionFactory

# The instant the clocks went back in autumn 2026 and forward in spring 2027, in UTC; Istanbul keeps
# +03:00 all year, and gets Berlin's instants.
CLOCK_CHANGES = {
    "Europe/Berlin": (datetime(2026, 10, 25, 1, tzinfo=UTC), datetime(2027, 3, 28, 1, tzinfo=UTC)),
    "America/New_York": (datetime(2026, 11, 1, 6, tzinfo=UTC), datetime(2027, 3, 14, 7, tzinfo=UTC)),
    "Europe/Istanbul": (datetime(2026, 10, 25, 1, tzinfo=UTC), datetime(2027, 3, 28, 1, tzinfo=UTC)),
}


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sessions_around_clock_changes(zone: str) -> list:
    """Eight sessions: before, across and after the autumn change and in its repeated hour, across
    and after the spring one. The conference runs from the first to the last, so that the exports that
    list a conference's days (schedule.json and .xml) hold every one."""
    autumn, spring = CLOCK_CHANGES[zone]
    conference = ConferenceFactory(
        timezone=zone, starts_on=date(2026, 10, 23), ends_on=date(2027, 3, 30), title=f"Conference in {zone}"
    )
    spans = [
        (autumn - timedelta(hours=20), timedelta(hours=1)),  # the day before
        (autumn - timedelta(hours=2), timedelta(hours=5)),  # across the change
        (autumn - timedelta(minutes=45), timedelta(minutes=30)),  # repeated hour, first time
        (autumn + timedelta(minutes=15), timedelta(minutes=30)),  # repeated hour, second time
        (autumn - timedelta(minutes=30), timedelta(hours=1)),  # from the first into the second time
        (autumn + timedelta(hours=30), timedelta(minutes=90)),  # the day after
        (spring - timedelta(hours=1), timedelta(hours=2)),  # across the spring change
        (spring + timedelta(days=1), timedelta(hours=1)),  # the day after it
    ]
    return [
        SessionFactory(
            conference=conference, title=f"Session {number}", starts_at=start, ends_at=start + length
        )
        for number, (start, length) in enumerate(spans)
    ]
