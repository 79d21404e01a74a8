# ruff: noqa: RUF001 (Turkish and Greek texts)
"""The reference conference of DESIGN.md as demo data. Every function here is idempotent.

Organization names are invented for the demo and say so; the dates are the story's own.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.db import transaction
from django_countries import countries

from accounts.models import User
from common import uploads
from demo.proceedings import ensure_proceedings
from events.enums import ConferenceFormat, ConferenceStatus, OrganizationKind, RecipientSource, TeamRole
from events.models import (
    Campaign,
    CampaignMessage,
    CampaignRecipient,
    Conference,
    ConferenceMembership,
    ConferenceOrganizer,
    MeetingParticipant,
    Organization,
    PreparatoryMeeting,
)
from events.services.creators import grant_conference_creation
from program.models import Room, Session, SessionMaterial, SessionPerson
from registrations.enums import RegistrationStatus
from registrations.models import Registration

DEMO_ORGANIZER_EMAIL = "organizer@example.org"
DEMO_ORGANIZER_PASSWORD = "zimmerwald-demo"  # noqa: S105 - printed on purpose: demo data only
REFERENCE_SLUG = "international-conference-2022"
FOLLOW_UP_SLUG = "second-international-conference"
ISTANBUL = ZoneInfo("Europe/Istanbul")

CO_ORGANIZERS = [
    ("International Anti-War Platform (demo)", OrganizationKind.NETWORK, "", "platform@example.org"),
    (
        "Coordination of Workers' Organizations (demo)",
        OrganizationKind.ORGANIZATION,
        "TR",
        "coordination@example.org",
    ),
]
ORGANIZATIONS = [
    ("Workers' Party (demo)", OrganizationKind.PARTY, "UA"),
    ("Movement for Peace and Bread (demo)", OrganizationKind.MOVEMENT, "IT"),
    ("Federation of Dock Workers (demo)", OrganizationKind.TRADE_UNION, "GR"),
    ("Internationalist Review (demo)", OrganizationKind.JOURNAL, "FR"),
    ("Network of Anti-War Students (demo)", OrganizationKind.NETWORK, "BR"),
    ("Centre for Labour History (demo)", OrganizationKind.CENTRE, "AR"),
    ("Independent participants", OrganizationKind.INDEPENDENT, ""),
]

DESCRIPTION = """\
Two days of intensive work against the war, called by two co-organizing bodies and open to
parties, organizations, movements, journals and independent individuals.

- **25 June**: opening plenary on the war, the political report, national reports by region.
- **26 June**: the debate on the draft declaration and its amendments, and the vote.

All written documents submitted to the conference will be published.
"""


CAMPAIGN_MESSAGES = {
    "en": (
        "Invitation: {conference}",
        "Dear {name},\n\n{organization} is invited to {conference}, {dates}: two days of work against the "
        "war, open to parties, organizations, movements, journals and independent individuals.\n\n"
        "Please answer at your personal link:\n{link}\n",
    ),
    "es": (
        "Invitación: {conference}",
        "Estimada, estimado {name}:\n\n{organization} está invitada a {conference}, {dates}.\n\n"
        "Responda en su enlace personal:\n{link}\n",
    ),
    "fr": (
        "Invitation : {conference}",
        "Chère, cher {name},\n\n{organization} est invitée à {conference}, {dates}.\n\n"
        "Merci de répondre à votre lien personnel :\n{link}\n",
    ),
}
# Invented addresses for the demo organizations, in the language each is written to.
CAMPAIGN_RECIPIENTS = [
    ("Workers' Party (demo)", "UA", "workers-party@example.org", "en"),
    ("Movement for Peace and Bread (demo)", "IT", "peace-and-bread@example.org", "en"),
    ("Federation of Dock Workers (demo)", "GR", "dock-workers@example.org", "en"),
    ("Internationalist Review (demo)", "FR", "review@example.org", "fr"),
    ("Network of Anti-War Students (demo)", "BR", "students@example.org", "pt"),
    ("Centre for Labour History (demo)", "AR", "labour-history@example.org", "es"),
]


# The 26 countries the reference conference's report names, with how many came from each (invented).
PARTICIPANT_COUNTRIES = [
    ("UA", 4), ("RU", 3), ("BY", 1), ("PL", 2), ("HU", 1), ("BG", 1), ("AZ", 1), ("UZ", 1), ("FI", 1),
    ("IT", 3), ("FR", 3), ("ES", 2), ("GB", 2), ("GR", 2), ("US", 2), ("CU", 1), ("VE", 1), ("BR", 2),
    ("AR", 2), ("ZA", 1), ("DZ", 1), ("LB", 1), ("PS", 1), ("IR", 1), ("TR", 5), ("AU", 1),
]  # fmt: skip


# The two days of the reference conference (times in Istanbul): (day, start, end, title, kind, room, people).
PROGRAM = [
    (0, "10:00", "11:30", "Opening plenary: the war and the tasks of the workers' movement", "plenary",
     "Main hall", [("Chair of the Platform (demo)", "chair", "TR"),
                   ("Speaker on the war (demo)", "speaker", "UA")]),
    (0, "11:30", "12:00", "Break", "break", "Main hall", []),
    (0, "12:00", "13:30", "The political report", "plenary", "Main hall",
     [("Reporter of the Coordination (demo)", "speaker", "TR")]),
    (0, "15:00", "17:00", "National reports: Europe", "panel", "Main hall",
     [("Delegate from Italy (demo)", "speaker", "IT"), ("Delegate from Greece (demo)", "speaker", "GR")]),
    (0, "15:00", "17:00", "National reports: the Americas, Africa, Asia and Oceania", "panel", "Room B",
     [("Delegate from Brazil (demo)", "speaker", "BR"),
      ("Delegate from South Africa (demo)", "speaker", "ZA")]),
    (1, "10:00", "12:30", "Debate on the draft declaration and its amendments", "plenary", "Main hall",
     [("Chair of the drafting commission (demo)", "chair", "FR")]),
    (1, "14:00", "15:30", "Statements: on political prisoners, and others", "plenary", "Main hall", []),
    (1, "15:30", "16:30", "Vote on the declaration, and closing", "plenary", "Main hall",
     [("Chair of the Platform (demo)", "chair", "TR")]),
]  # fmt: skip
RECORDING_URL = "https://video.example.org/international-conference-2022"

# The demo conference's texts in some of its working languages besides English (written for the demo);
# the rest of its texts are in English only, and readers of other languages see them marked as such.
CONFERENCE_TEXTS = {
    "title": {
        "tr": "Savaşa Karşı Uluslararası Konferans",
        "ar": "المؤتمر الدولي ضد الحرب",
        "fa": "کنفرانس بین‌المللی علیه جنگ",
        "el": "Διεθνής Διάσκεψη ενάντια στον Πόλεμο",
    },
    "tagline": {
        "tr": "Beş kıtada 26 ülkeden katılımcılar",
        "ar": "مشاركون من 26 بلدًا في القارات الخمس",
        "fa": "شرکت‌کنندگانی از ۲۶ کشور در هر پنج قاره",
        "el": "Συμμετέχοντες από 26 χώρες και από τις πέντε ηπείρους",
    },
    "venue": {
        "tr": "Konferans salonu (demo)",
        "ar": "قاعة المؤتمرات (تجريبي)",
        "fa": "سالن کنفرانس (نمایشی)",
        "el": "Αίθουσα συνεδρίων (επίδειξη)",
    },
}
SESSION_TITLES = {
    "Opening plenary: the war and the tasks of the workers' movement": {
        "tr": "Açılış oturumu: savaş ve işçi hareketinin görevleri",
        "ar": "الجلسة العامة الافتتاحية: الحرب ومهام الحركة العمالية",
        "fa": "نشست عمومی افتتاحیه: جنگ و وظایف جنبش کارگری",
        "el": "Εναρκτήρια ολομέλεια: ο πόλεμος και τα καθήκοντα του εργατικού κινήματος",
    },
    "Break": {"tr": "Ara", "ar": "استراحة", "fa": "استراحت", "el": "Διάλειμμα"},
    "The political report": {
        "tr": "Siyasi rapor",
        "ar": "التقرير السياسي",
        "fa": "گزارش سیاسی",
        "el": "Η πολιτική εισήγηση",
    },
    "Vote on the declaration, and closing": {
        "tr": "Bildirgenin oylanması ve kapanış",
        "ar": "التصويت على الإعلان والختام",
        "fa": "رأی‌گیری دربارهٔ بیانیه و اختتامیه",
        "el": "Ψηφοφορία για τη διακήρυξη και λήξη",
    },
}
ROOM_NAMES = {
    "Main hall": {"tr": "Büyük salon", "ar": "القاعة الرئيسية", "fa": "سالن اصلی", "el": "Κεντρική αίθουσα"},
    "Room B": {"tr": "B salonu", "ar": "القاعة ب", "fa": "سالن ب", "el": "Αίθουσα Β"},
}


def write_texts(instance, texts: dict[str, dict[str, str]]) -> None:
    """Put the texts ({field: {language: text}}) in their languages' columns and save."""
    for field, by_language in texts.items():
        for language, text in by_language.items():
            setattr(instance, f"{field}_{language}", text)
    instance.save()


@dataclass(frozen=True)
class DemoData:
    organizer: User
    conference: Conference
    follow_up: Conference
    meeting: PreparatoryMeeting


def ensure_demo_organizer() -> User:
    """The demo organizer account, with a verified primary address so that it can sign in at once."""
    user, _created = User.objects.update_or_create(
        email=DEMO_ORGANIZER_EMAIL,
        defaults={"full_name": "Demo Organizer", "language": "en", "timezone": "Europe/Istanbul"},
    )
    if not user.check_password(DEMO_ORGANIZER_PASSWORD):
        user.set_password(DEMO_ORGANIZER_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_ORGANIZER_EMAIL, defaults={"verified": True, "primary": True}
    )
    grant_conference_creation(user)  # so that the demo organizer can try "Create a conference"
    return user


def ensure_organization(name: str, kind: str, country: str, email: str = "") -> Organization:
    organization, _created = Organization.objects.update_or_create(
        name=name, country=country, defaults={"kind": kind, "contact_email": email}
    )
    return organization


def ensure_reference_conference() -> Conference:
    """The two-day international conference of 25 and 26 June 2022, in Istanbul's time zone."""
    conference, _created = Conference.objects.update_or_create(
        slug=REFERENCE_SLUG,
        defaults={
            "title": "International Conference against the War",
            "tagline": "Participants from 26 countries on all five continents",
            "description": DESCRIPTION,
            "starts_on": date(2022, 6, 25),
            "ends_on": date(2022, 6, 26),
            "timezone": "Europe/Istanbul",
            "format": ConferenceFormat.HYBRID,
            "venue": "Conference hall (demo)",
            "working_languages": ["tr", "en", "ar", "fa", "it", "el", "kmr", "hy", "es", "fr", "pt"],
            "interpretation_languages": ["en", "tr", "ar"],
            "registration_opens_at": datetime(2022, 6, 1, 9, 0, tzinfo=ISTANBUL),
            "registration_closes_at": datetime(2022, 6, 24, 18, 0, tzinfo=ISTANBUL),
            "status": ConferenceStatus.PUBLISHED,
        },
    )
    write_texts(conference, CONFERENCE_TEXTS)
    for position, (name, kind, country, email) in enumerate(CO_ORGANIZERS):
        organization = ensure_organization(name, kind, country, email)
        ConferenceOrganizer.objects.update_or_create(
            conference=conference, organization=organization, defaults={"position": position}
        )
    return conference


def ensure_follow_up(reference: Conference) -> Conference:
    """ "The next international conference later this year": a draft that follows the reference one."""
    follow_up, _created = Conference.objects.update_or_create(
        slug=FOLLOW_UP_SLUG,
        defaults={
            "title": "Second International Conference against the War",
            "starts_on": date(2022, 12, 10),
            "ends_on": date(2022, 12, 11),
            "timezone": "Europe/Istanbul",
            "follows": reference,
            "status": ConferenceStatus.DRAFT,
        },
    )
    return follow_up


def ensure_preparatory_meeting(conference: Conference, organizer: User) -> PreparatoryMeeting:
    """The meeting of 22 May 2022 that decided to call the conference."""
    meeting, _created = PreparatoryMeeting.objects.update_or_create(
        conference=conference,
        title="Preparatory meeting of the co-organizing bodies",
        defaults={
            "starts_at": datetime(2022, 5, 22, 15, 0, tzinfo=ISTANBUL),
            "ends_at": datetime(2022, 5, 22, 18, 0, tzinfo=ISTANBUL),
            "place": "Online",
            "agenda": "1. The situation since February\n2. Calling a conference\n3. The invitation",
            "minutes": "Both co-organizing bodies were represented. The draft invitation was amended.",
            "decisions": (
                "**Decided** to call an international conference on 25 and 26 June 2022, and to send the "
                "invitation to parties, organizations, movements, journals and independent individuals "
                "on 1 June 2022."
            ),
        },
    )
    attendees = [(organizer.full_name, organizer.email, None, organizer)]
    for name, _kind, country, email in CO_ORGANIZERS:
        organization = Organization.objects.get(name=name, country=country)
        attendees.append((f"Delegate of {name}", email, organization, None))
    for name, email, organization, user in attendees:
        MeetingParticipant.objects.update_or_create(
            meeting=meeting,
            email=email,
            defaults={"name": name, "organization": organization, "user": user, "attended": True},
        )
    return meeting


def ensure_campaign(conference: Conference, organizer: User) -> Campaign:
    """The call of 1 June 2022 as a campaign, its list and its message in three languages, not sent:
    the conference is over, so the demo shows the list, the messages and the preview."""
    campaign, _created = Campaign.objects.update_or_create(
        conference=conference,
        name="Call of 1 June 2022",
        defaults={"default_language": "en", "created_by": organizer},
    )
    for language, (subject, body) in CAMPAIGN_MESSAGES.items():
        CampaignMessage.objects.update_or_create(
            campaign=campaign, language=language, defaults={"subject": subject, "body": body}
        )
    for name, country, email, language in CAMPAIGN_RECIPIENTS:
        organization = Organization.objects.get(name=name, country=country)
        CampaignRecipient.objects.update_or_create(
            campaign=campaign,
            email=email,
            defaults={
                "name": name,
                "organization": organization,
                "organization_name": name,
                "country": country,
                "language": language,
                "source": RecipientSource.DIRECTORY,
            },
        )
    return campaign


def ensure_participants(conference: Conference) -> int:
    """Confirmed participants from the 26 countries, written directly: the registration window of this
    past conference is closed, so the registration service (rightly) refuses them. Every third agreed
    to be named publicly."""
    number = 0
    for country, count in PARTICIPANT_COUNTRIES:
        organization, _created = Organization.objects.get_or_create(
            name=f"Workers' Group of {country} (demo)", country=country,
            defaults={"kind": OrganizationKind.ORGANIZATION},
        )  # fmt: skip
        for _index in range(count):
            number += 1
            Registration.objects.update_or_create(
                conference=conference,
                email=f"participant{number}@example.org",
                defaults={
                    "full_name": f"Participant {number} (demo)",
                    "country": country,
                    "organization": organization,
                    "status": RegistrationStatus.CONFIRMED,
                    "public_name": number % 3 == 0,
                    "language": "en",
                },
            )
    return number


def ensure_program(conference: Conference) -> int:
    """The two days as sessions in two rooms, with the recording of the whole conference."""
    rooms = {
        name: Room.objects.update_or_create(
            conference=conference, name=name, defaults={"position": position}
        )[0]
        for position, name in enumerate(["Main hall", "Room B"])
    }
    for name, room in rooms.items():
        write_texts(room, {"name": ROOM_NAMES[name]})
    for day, start, end, title, kind, room, people in PROGRAM:
        date_of = conference.starts_on + timedelta(days=day)
        session, _created = Session.objects.update_or_create(
            conference=conference,
            title=title,
            defaults={
                "kind": kind,
                "room": rooms[room],
                "starts_at": datetime.combine(date_of, time.fromisoformat(start), tzinfo=conference.zone),
                "ends_at": datetime.combine(date_of, time.fromisoformat(end), tzinfo=conference.zone),
                "recording_url": RECORDING_URL if kind != "break" else "",
                "language": "en",
                "interpretation_languages": ["tr", "ar"],
            },
        )
        if title in SESSION_TITLES:
            write_texts(session, {"title": SESSION_TITLES[title]})
        session.people.all().delete()
        SessionPerson.objects.bulk_create(
            SessionPerson(session=session, name=name, role=role, country=country, position=position)
            for position, (name, role, country) in enumerate(people)
        )
    ensure_report_outline(conference.sessions.get(title="The political report"))
    return len(PROGRAM)


REPORT_OUTLINE = """The political report: outline (demo)

1. The war and its causes
2. The tasks of the workers' movement
3. Solidarity across the front lines
4. Towards the declaration
"""


def ensure_report_outline(session) -> None:
    """A small text file as the report's material, stored as the editor stores uploads."""
    if session.materials.filter(title="Outline of the report").exists():
        return
    content = ContentFile(REPORT_OUTLINE.encode(), name="outline.txt")
    material = SessionMaterial(session=session, title="Outline of the report", language="en")
    uploads.attach(material, content, uploads.TEXT)
    material.save()


@transaction.atomic
def seed_demo() -> DemoData:
    organizer = ensure_demo_organizer()
    for name, kind, country in ORGANIZATIONS:
        ensure_organization(name, kind, country)
    conference = ensure_reference_conference()
    follow_up = ensure_follow_up(conference)
    for event in (conference, follow_up):
        ConferenceMembership.objects.update_or_create(
            conference=event, user=organizer, defaults={"role": TeamRole.OWNER}
        )
    meeting = ensure_preparatory_meeting(conference, organizer)
    ensure_campaign(conference, organizer)
    ensure_participants(conference)
    ensure_program(conference)
    ensure_proceedings(conference, follow_up)
    return DemoData(organizer=organizer, conference=conference, follow_up=follow_up, meeting=meeting)


SCALE_COUNTRY_COUNT = 60


def seed_scale(size: int) -> Conference:
    """A separate conference, slug scale-<size>, for benchmarks and for trying the pages with a big
    program and many people: size sessions over three days in ten rooms, with speakers, and 5 x size
    confirmed registrations from 60 countries. Running it again refreshes it."""
    today = date.today()
    conference, _created = Conference.objects.update_or_create(
        slug=f"scale-{size}",
        defaults={
            "title": f"Scale test {size}",
            "starts_on": today + timedelta(days=60),
            "ends_on": today + timedelta(days=62),
            "timezone": "Europe/Istanbul",
            "status": ConferenceStatus.PUBLISHED,
            "working_languages": ["en"],
        },
    )
    codes = [code for code, _name in countries][:: max(len(countries) // SCALE_COUNTRY_COUNT, 1)]
    codes = codes[:SCALE_COUNTRY_COUNT]
    organizations = [
        Organization.objects.get_or_create(
            name=f"Scale organization {code} (demo)", country=code,
            defaults={"kind": OrganizationKind.ORGANIZATION},
        )[0]
        for code in codes
    ]  # fmt: skip
    seed_scale_program(conference, size)
    Registration.objects.filter(conference=conference).delete()
    Registration.objects.bulk_create(
        (
            Registration(
                conference=conference,
                full_name=f"Participant {number} (demo)",
                email=f"scale{size}-{number}@example.org",
                country=codes[number % len(codes)],
                organization=organizations[number % len(organizations)],
                status=RegistrationStatus.CONFIRMED,
                public_name=number % 4 == 0,
                language="en",
            )
            for number in range(5 * size)
        ),
        batch_size=1000,
    )
    return conference


def seed_scale_program(conference: Conference, size: int) -> None:
    """size sessions over the conference's three days in ten rooms, one or two speakers each."""
    conference.sessions.all().delete()
    rooms = [
        Room.objects.update_or_create(
            conference=conference, name=f"Room {number + 1}", defaults={"position": number}
        )[0]
        for number in range(10)
    ]
    per_room_day = max(1, -(-size // 30))  # sessions a room holds in a day, from 08:00
    minutes = max(10, min(90, (14 * 60) // per_room_day))
    sessions = []
    for number in range(size):
        room, slot = rooms[number % 10], number // 10
        day, index = slot % 3, slot // 3
        starts_at = datetime.combine(
            conference.starts_on + timedelta(days=day), time(8), tzinfo=conference.zone
        )
        starts_at += timedelta(minutes=index * minutes)
        ends_at = starts_at + timedelta(minutes=minutes - 5)
        sessions.append(
            Session(conference=conference, title=f"Session {number + 1}", room=room, starts_at=starts_at,
                    ends_at=ends_at, language="en")
        )  # fmt: skip
    created = Session.objects.bulk_create(sessions, batch_size=1000)
    SessionPerson.objects.bulk_create(
        (SessionPerson(session=session, name=f"Speaker {number % 700 + speaker} (demo)", position=speaker)
         for number, session in enumerate(created) for speaker in range(1 + number % 2)),
        batch_size=1000,
    )  # fmt: skip
