"""Who a signed-in person is at a conference, for the proceedings: a confirmed participant, a delegate."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from proceedings import permissions
from proceedings.enums import DeclarationStatus, DocumentStatus
from proceedings.models import Amendment, DeclarationVersion, DocumentFile
from program.selectors import recordings_by_day
from registrations.enums import ParticipantRole, RegistrationStatus
from registrations.models import Registration
from registrations.services import registration_window


def confirmed_registration(user, conference, *, role: str | None = None) -> Registration | None:
    """The person's confirmed registration at the conference under one of their verified addresses
    (of that role, if given), or None."""
    if not user.is_authenticated:
        return None
    registrations = (
        Registration.objects.filter(conference=conference, status=RegistrationStatus.CONFIRMED)
        .annotate(address=Lower("email"))
        .filter(address__in=user.verified_addresses())
        .select_related("organization")
    )
    if role is not None:
        registrations = registrations.filter(role=role)
    return registrations.order_by("pk").first()


def delegate_registration(user, conference) -> Registration | None:
    return confirmed_registration(user, conference, role=ParticipantRole.DELEGATE)


def visible_statements(conference, membership=None):
    """Published statements; the team also sees those not yet published."""
    statements = conference.statements.select_related("translation_of")
    if membership is None:
        statements = statements.filter(published_on__isnull=False, published_on__lte=timezone.localdate())
    return statements


def published_statements(conference) -> list:
    """For the conference page: each original with its published translations."""
    statements = list(visible_statements(conference))
    originals = [item for item in statements if item.translation_of_id is None]
    by_original: dict[int, list] = {}
    for item in statements:
        if item.translation_of_id:
            by_original.setdefault(item.translation_of_id, []).append(item)
    for item in originals:
        item.published_translations = by_original.get(item.pk, [])
    return originals


def declaration_for(user, conference, membership, pk: int):
    """The declaration if this person may read it, else 404: published ones for all; the work in
    progress (once amendments open) for the conference's confirmed participants; everything for
    the team."""
    declaration = get_object_or_404(conference.declarations.select_related("based_on"), pk=pk)
    if declaration.is_published or membership is not None:
        return declaration
    if declaration.status != DeclarationStatus.DRAFT and confirmed_registration(user, conference):
        return declaration
    raise Http404


@dataclass
class ParagraphView:
    number: int
    key: int
    text: str
    amendments: list = field(default_factory=list)


AMENDMENT_RELATIONS = (
    "applied_in",
    "carried_from__declaration__conference",
    "carried_to__declaration__conference",
)


def declaration_amendments(declaration) -> list:
    """Its amendments, with what the pages show of them, in one query."""
    return list(declaration.amendments.select_related(*AMENDMENT_RELATIONS))


def published_declarations(conference):
    """The published declarations, with their texts and amendments (see with_texts)."""
    return with_texts(conference.declarations.filter(is_published=True))


def with_texts(declarations):
    """Each declaration with its current version (`current_versions`, a list of one), its translations
    and its amendments (`amendment_list`): four queries, however many there are."""
    latest = DeclarationVersion.objects.filter(declaration=OuterRef("declaration")).order_by("-number")
    return declarations.prefetch_related(
        "translations",
        Prefetch(
            "versions",
            queryset=DeclarationVersion.objects.filter(number=Subquery(latest.values("number")[:1])),
            to_attr="current_versions",
        ),
        Prefetch(
            "amendments",
            queryset=Amendment.objects.select_related(*AMENDMENT_RELATIONS),
            to_attr="amendment_list",
        ),
    )


def annotated_text(
    declaration, version, translation=None, amendments=None
) -> tuple[list[ParagraphView], list]:
    """The version's paragraphs (in the translation's words, if given), each with the amendments
    that concerned it, and the amendments whose paragraph this version no longer has. The amendments
    are read here unless given."""
    words = {
        paragraph["key"]: paragraph["text"] for paragraph in (translation.paragraphs if translation else [])
    }
    paragraphs = [
        ParagraphView(number, paragraph["key"], words.get(paragraph["key"], paragraph["text"]))
        for number, paragraph in enumerate(version.paragraphs, start=1)
    ]
    by_key = {paragraph.key: paragraph for paragraph in paragraphs}
    orphans = []
    for amendment in declaration_amendments(declaration) if amendments is None else amendments:
        target = by_key.get(amendment.paragraph_key)
        if target is None:
            orphans.append(amendment)
        else:
            target.amendments.append(amendment)
    return paragraphs, orphans


def submission_offered(user, conference, membership) -> bool:
    """Whether the documents list offers its "Submit a document" button: to whoever may submit, and
    to everyone while registration is open, as registering comes first. Past that, anyone else would
    only meet a refusal."""
    if membership is not None or registration_window(conference).is_open:
        return True
    return permissions.may_submit(confirmed_registration(user, conference), membership)


def on_conference_page(conference, user, membership) -> dict:
    """What the conference page shows of its proceedings and recordings; declarations open for
    amendments only to those who may read them (its participants and team)."""
    in_progress = conference.declarations.filter(status=DeclarationStatus.AMENDING)
    reader = membership is not None or confirmed_registration(user, conference) is not None
    return {
        "declarations_in_progress": list(in_progress) if reader else [],
        "statements": published_statements(conference),
        "declarations_published": conference.declarations.filter(is_published=True).exists(),
        "documents_published": conference.documents.filter(status=DocumentStatus.PUBLISHED).exists(),
        "recordings": recordings_by_day(conference),
    }


def current_version(declaration) -> DeclarationVersion:
    return declaration.versions.order_by("-number").first()


def declaration_reading(declaration, language: str, version=None):
    """The version and translation to show: the published translation in that language, if any.
    The current version is read unless given."""
    version = version or current_version(declaration)
    translations = [item for item in declaration.translations.all() if item.is_published]
    translation = next((item for item in translations if item.language == language), None)
    return version, translation, translations


def with_files(documents):
    return documents.prefetch_related("files")


def published_documents(conference):
    return with_files(conference.documents.filter(status=DocumentStatus.PUBLISHED)).order_by(
        Lower("title"), "pk"
    )


def filter_documents(documents, filters: dict):
    """The filters of the lists, each optional: `q` over the text, a language the document is
    available in (original or translation), organization, country and status."""
    text = (filters.get("q") or "").replace("\x00", "").strip()
    if text:
        documents = documents.filter(
            Q(title__icontains=text)
            | Q(authors__icontains=text)
            | Q(abstract__icontains=text)
            | Q(organization__icontains=text)
        )
    if filters.get("language"):
        in_language = DocumentFile.objects.filter(document=OuterRef("pk"), language=filters["language"])
        documents = documents.filter(Exists(in_language))
    for name in ("organization", "country", "status"):
        if filters.get(name):
            documents = documents.filter(**{name: filters[name]})
    return documents


def published_facets(conference) -> dict[str, list[str]]:
    """What the published documents can be filtered by: their languages, organizations, countries."""
    published = conference.documents.filter(status=DocumentStatus.PUBLISHED)
    languages = (
        DocumentFile.objects.filter(document__in=published)
        .order_by("language")
        .values_list("language", flat=True)
        .distinct()
    )
    organizations = (
        published.exclude(organization="").order_by("organization").values_list("organization", flat=True)
    )
    countries = published.exclude(country="").order_by("country").values_list("country", flat=True)
    return {
        "languages": list(languages),
        "organizations": list(organizations.distinct()),
        "countries": list(countries.distinct()),
    }


def team_documents(conference):
    return conference.documents.annotate(file_count=Count("files")).order_by("-created_at", "pk")


def status_counts(conference) -> dict[str, int]:
    counted = dict(conference.documents.order_by().values_list("status").annotate(count=Count("pk")))
    return {status: counted.get(status, 0) for status in DocumentStatus.values}


def documents_of(user, conference):
    """The documents this person submitted, or that were submitted for them, newest first."""
    if not user.is_authenticated:
        return conference.documents.none()
    addresses = user.verified_addresses()
    return with_files(
        conference.documents.annotate(address=Lower("submitter_email")).filter(
            Q(submitted_by=user) | Q(address__in=addresses)
        )
    ).order_by("-created_at", "pk")
