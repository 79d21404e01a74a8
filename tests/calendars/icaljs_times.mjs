// Reads an iCalendar file on stdin with Mozilla's ical.js (Thunderbird's parser) and prints, as JSON,
// each VEVENT's UID with its start and end in UTC, as ical.js understands them from the file's own
// VTIMEZONEs, and its URL and RFC 7986 CONFERENCE. Run by tests/events/test_calendar_parsers.py.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const utc = (time) => time.convertToZone(ICAL.Timezone.utcTimezone).toString();
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    start: utc(event.startDate),
    end: utc(event.endDate),
    url: component.getFirstPropertyValue("url"),
    conference: component.getFirstPropertyValue("conference"),
  };
});
process.stdout.write(JSON.stringify(events));
