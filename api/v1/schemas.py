"""What the API reads and writes, field by field. Texts written in several languages are read in the
caller's language (Accept-Language, `?lang=`), as the pages read them."""

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from ninja import Field, Schema
from pydantic import BeforeValidator, field_validator

from events.enums import ConferenceStatus, InvitationAnswer
from proceedings.enums import AmendmentOutcome
from program.enums import PersonRole, SessionKind, SessionStatus
from registrations.enums import ParticipantRole, RegistrationStatus

Title = Field(..., min_length=1, max_length=300)
# A CountryField's value (a Country, empty for none) as its ISO 3166 code.
CountryCode = Annotated[str, BeforeValidator(lambda country: str(getattr(country, "code", country) or ""))]


class Problem(Schema):
    """RFC 9457 problem details; `errors` names each field at fault."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[dict[str, str]] = []


class Me(Schema):
    email: str
    token_name: str | None
    scope: str
    conference: str | None


class Conference(Schema):
    slug: str
    title: str
    tagline: str
    description: str
    venue: str
    starts_on: date
    ends_on: date
    timezone: str
    status: ConferenceStatus
    capacity: int | None
    working_languages: list[str]
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    registration_requires_approval: bool


class ConferenceChange(Schema):
    """Only the fields sent change."""

    title: str | None = Field(None, min_length=1, max_length=300)
    tagline: str | None = Field(None, max_length=300)
    description: str | None = None
    venue: str | None = Field(None, max_length=200)
    starts_on: date | None = None
    ends_on: date | None = None
    capacity: int | None = Field(None, ge=0, le=1_000_000)
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    registration_requires_approval: bool | None = None


class Room(Schema):
    id: int
    name: str
    position: int


class RoomIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    position: int = Field(0, ge=0, le=10_000)


class Track(Schema):
    id: int
    name: str
    colour: str


class TrackIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    colour: str = Field("#2f6f9f", pattern=r"^#[0-9a-fA-F]{6}$")


class Person(Schema):
    name: str
    role: PersonRole
    organization: str


class PersonIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    role: PersonRole = PersonRole.SPEAKER
    organization: str = Field("", max_length=200)
    email: str = Field("", max_length=254, description="for calendar updates; never shown")


class SessionBase(Schema):
    """What the public and the team both read of a session."""

    uid: UUID
    title: str
    abstract: str
    kind: SessionKind
    status: SessionStatus
    starts_at: datetime
    ends_at: datetime
    language: str
    people: list[Person]


class Session(SessionBase):
    id: int
    room_id: int | None
    track_id: int | None
    sequence: int
    updated_at: datetime


class SessionIn(Schema):
    title: str = Title
    abstract: str = Field("", max_length=20_000)
    kind: SessionKind = SessionKind.PLENARY
    starts_at: datetime
    ends_at: datetime
    room_id: int | None = None
    track_id: int | None = None
    language: str = Field("", max_length=10)
    people: list[PersonIn] = Field([], max_length=50)

    @field_validator("starts_at", "ends_at")
    @classmethod
    def aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("give the time zone, e.g. 2027-05-01T09:00:00+03:00")
        return value


class SessionChange(Schema):
    title: str | None = Field(None, min_length=1, max_length=300)
    abstract: str | None = Field(None, max_length=20_000)
    kind: SessionKind | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    room_id: int | None = None
    track_id: int | None = None
    language: str | None = Field(None, max_length=10)
    people: list[PersonIn] | None = Field(None, max_length=50, description="replaces the speakers and chair")

    @field_validator("starts_at", "ends_at")
    @classmethod
    def aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("give the time zone, e.g. 2027-05-01T09:00:00+03:00")
        return value


class Registration(Schema):
    id: int
    full_name: str
    email: str
    country: CountryCode
    organization_id: int | None
    organization_name: str
    role: ParticipantRole
    status: RegistrationStatus
    language: str
    languages: list[str]
    public_name: bool
    created_at: datetime
    updated_at: datetime
    checked_in_at: datetime | None

    @staticmethod
    def resolve_organization_name(registration) -> str:
        if registration.organization_id:
            return str(registration.organization.name)
        return registration.proposed_organization_name


class RegistrationIn(Schema):
    full_name: str = Field(..., min_length=1, max_length=200)
    email: str = Field(..., min_length=3, max_length=254)
    country: str = Field(..., min_length=2, max_length=2)
    role: ParticipantRole = ParticipantRole.DELEGATE
    organization_id: int | None = None
    language: str = Field("", max_length=10)
    public_name: bool = False
    note: str = Field("", max_length=5_000)


class RegistrationChange(Schema):
    full_name: str | None = Field(None, min_length=1, max_length=200)
    email: str | None = Field(None, min_length=3, max_length=254)
    country: str | None = Field(None, min_length=2, max_length=2)
    language: str | None = Field(None, max_length=10)
    public_name: bool | None = None
    note: str | None = Field(None, max_length=5_000)


class CheckIn(Schema):
    present: bool = True


class CountryCount(Schema):
    code: str
    name: str
    count: int


class Participation(Schema):
    total: int
    countries: int
    continents: int
    by_continent: list[tuple[str, int]]
    by_country: list[CountryCount]
    other_countries: int
    threshold: int


class PublicSession(SessionBase):
    room: str
    track: str

    @staticmethod
    def resolve_room(session) -> str:
        return str(session.room.name) if session.room_id else ""

    @staticmethod
    def resolve_track(session) -> str:
        return str(session.track.name) if session.track_id else ""


def page_of(item_schema):
    """A page of a list: the items and the cursor of the next page (null on the last)."""
    return type(
        f"{item_schema.__name__}Page",
        (Schema,),
        {"__annotations__": {"items": list[item_schema], "next_cursor": str | None}},
    )


class Campaign(Schema):
    id: int
    name: str
    default_language: str
    created_at: datetime
    last_sent_at: datetime | None
    languages: list[str]
    recipients: int

    @staticmethod
    def resolve_languages(campaign) -> list[str]:
        return sorted(message.language for message in campaign.messages.all())

    @staticmethod
    def resolve_recipients(campaign) -> int:
        return campaign.recipient_count


class CampaignIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    default_language: str = Field(..., min_length=2, max_length=10)


class CampaignMessageIn(Schema):
    subject: str = Field(..., min_length=1, max_length=300)
    body: str = Field(..., min_length=1, max_length=50_000)


class CampaignMessage(Schema):
    language: str
    subject: str
    body: str


class RecipientIn(Schema):
    email: str = Field(..., max_length=254)
    name: str = Field(..., max_length=200)
    organization: str = Field("", max_length=200)
    country: str = Field("", max_length=100, description="an ISO 3166 code (DE) or an English name")
    language: str = Field("", max_length=10)


class RowProblem(Schema):
    field: str
    detail: str


class RecipientReport(Schema):
    added: int
    duplicates: list[RowProblem]
    errors: list[RowProblem]


class SendReport(Schema):
    invited: int
    already_invited: int


class InvitationIn(Schema):
    email: str = Field(..., max_length=254)
    name: str = Field("", max_length=200)
    organization_id: int | None = None
    country: str = Field("", max_length=2)
    language: str = Field("", max_length=10)


class Invitation(Schema):
    id: int
    email: str
    name: str
    organization_id: int | None
    language: str
    campaign_id: int | None
    answer: InvitationAnswer
    answer_message: str
    answered_at: datetime | None
    expires_at: datetime
    created_at: datetime


class PublicOrganization(Schema):
    id: int
    name: str
    kind: str
    country: CountryCode


class Organization(PublicOrganization):
    """An entry of the directory as organizers read it, its contact included."""

    website: str
    contact_email: str
    languages: list[str]


class CoOrganizer(Schema):
    position: int
    organization: PublicOrganization


class Meeting(Schema):
    id: int
    uid: UUID
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    agenda: str
    status: str
    sequence: int


class Document(Schema):
    id: int
    title: str
    authors: str
    organization: str
    language: str
    abstract: str
    status: str
    published_at: datetime | None


class Paragraph(Schema):
    key: int
    text: str


class Amendment(Schema):
    id: int
    paragraph_number: int
    kind: str
    text: str
    rationale: str
    proposer_name: str
    organization: str
    outcome: str
    adopted_text: str
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None
    by_consensus: bool


class Declaration(Schema):
    id: int
    title: str
    language: str
    status: str
    is_published: bool
    version: int
    paragraphs: list[Paragraph]

    @staticmethod
    def resolve_version(declaration) -> int:
        versions = declaration.current_versions
        return versions[0].number if versions else 0

    @staticmethod
    def resolve_paragraphs(declaration) -> list:
        versions = declaration.current_versions
        return versions[0].paragraphs if versions else []


class DeclarationDetail(Declaration):
    amendments: list[Amendment]

    @staticmethod
    def resolve_amendments(declaration) -> list:
        return declaration.amendment_list


class OutcomeIn(Schema):
    outcome: AmendmentOutcome
    votes_for: int | None = Field(None, ge=0, le=1_000_000)
    votes_against: int | None = Field(None, ge=0, le=1_000_000)
    abstentions: int | None = Field(None, ge=0, le=1_000_000)
    by_consensus: bool = False
    tally_note: str = Field("", max_length=200)
    adopted_text: str = Field("", max_length=20_000)


class Statement(Schema):
    id: int
    title: str
    body: str
    language: str
    translation_of_id: int | None
    published_on: date | None
