"""The reference conference's proceedings for the demo: two documents, the declaration with its
amendments (one of each outcome, the deferred one carried to the follow-up), and two statements.
The texts are short placeholders written for the demo, not the historical ones."""

from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile

from common import uploads
from proceedings.enums import AmendmentOutcome, DocumentStatus
from proceedings.models import Document, DocumentFile, Statement
from proceedings.services import amendments
from proceedings.services import declarations as service
from registrations.enums import ParticipantRole

DECLARATION_TITLE = "Declaration of the International Conference against the War (demo)"
DECLARATION_TEXT = "\n\n".join(
    [
        "**Against the war.** The conference condemns the war and those who wage it. (Demo placeholder.)",
        "**The causes of the war.** It names the interests the war serves. (Demo placeholder.)",
        "**The tasks of the workers' movement.** The organizations act together. (Demo placeholder.)",
        "**Solidarity across the front lines.** Greetings to all who refuse the war. (Demo placeholder.)",
        "**Towards an international campaign.** The work goes on in a follow-up. (Demo placeholder.)",
    ]
)

# (paragraph, kind, proposed text, rationale, outcome, tally)
AMENDMENTS = [
    (
        1,
        "replace",
        "**Against the war.** The conference condemns the war, its instigators and all who prolong it. "
        "(Demo placeholder.)",
        "Name everyone who prolongs it, not only those who began it.",
        AmendmentOutcome.ADOPTED,
        {"votes_for": 61, "votes_against": 4, "abstentions": 7},
    ),
    (
        3,
        "insert",
        "**Against the war budgets.** No vote for war credits. (Demo placeholder.)",
        "The report asks for it; the draft forgot it.",
        AmendmentOutcome.ADOPTED_MODIFIED,
        {"by_consensus": True},
    ),
    (
        2,
        "delete",
        "",
        "The causes are for the report, not the declaration.",
        AmendmentOutcome.REJECTED,
        {"votes_for": 9, "votes_against": 55, "abstentions": 8},
    ),
    (
        4,
        "replace",
        "**Solidarity.** A shorter text. (Demo placeholder.)",
        "Shorter.",
        AmendmentOutcome.WITHDRAWN,
        {},
    ),
    (
        5,
        "insert",
        "**A permanent committee.** The conference elects a committee. (Demo placeholder.)",
        "The campaign needs a body that meets between conferences.",
        AmendmentOutcome.DEFERRED,
        {},
    ),
]
ADOPTED_AS_MODIFIED = "**Against the war budgets.** No vote for war credits, anywhere. (Demo placeholder.)"

FRENCH_TITLES = [
    "Contre la guerre",
    "Les causes de la guerre",
    "Les tâches du mouvement ouvrier",
    "Contre les budgets de guerre",
    "Solidarité par-delà les lignes de front",
    "Vers une campagne internationale",
]

DOCUMENTS = [
    (
        "The political report (demo)",
        "Reporting committee (demo)",
        "International Anti-War Platform (demo)",
        "TR",
        "en",
        "md",
        "# The political report (demo)\n\n1. The war and its causes\n2. The tasks of the workers' "
        "movement\n3. Towards the declaration\n",
        {
            "fr": "# Le rapport politique (démo)\n\n1. La guerre et ses causes\n"
            "2. Les tâches du mouvement ouvrier\n"
            "3. Vers la déclaration\n"
        },
    ),
    (
        "Contribution on the national reports (demo)",
        "Delegation of Brazil (demo)",
        "Workers' Group of BR (demo)",
        "BR",
        "pt",
        "txt",
        "Contribuição sobre os relatórios nacionais (demo).\n\n"
        "Texto de exemplo escrito para a demonstração.\n",
        {},
    ),
]

STATEMENTS = [
    (
        "Statement on political prisoners (demo)",
        "en",
        "The conference demands the release of all imprisoned for opposing the war. (Demo placeholder.)",
        {
            "fr": (
                "Déclaration sur les prisonniers politiques (démo)",
                "La conférence exige la libération des prisonniers de la guerre. (Texte de démonstration.)",
            )
        },
    ),
    (
        "Greetings to the workers on strike (demo)",
        "en",
        "The conference sends its greetings to the workers on strike against the war. (Demo placeholder.)",
        {},
    ),
]


def _store(document: Document, language: str, kind_key: str, text: str, *, original: bool) -> None:
    kind = uploads.KIND_BY_KEY[kind_key]
    content = ContentFile(text.encode(), name=f"document{kind.extension}")
    item = DocumentFile(document=document, language=language, is_original=original)
    uploads.attach(item, content, kind)
    item.save()


def ensure_documents(conference) -> list[Document]:
    documents = []
    for title, authors, organization, country, language, kind, text, translations in DOCUMENTS:
        document, created = Document.objects.get_or_create(
            conference=conference,
            title=title,
            defaults={
                "authors": authors,
                "organization": organization,
                "country": country,
                "language": language,
                "abstract": "A document submitted to the conference, written for the demo.",
                "status": DocumentStatus.PUBLISHED,
                "published_at": _on(conference, 1, "10:00"),
            },
        )
        if created:
            submitted = datetime.combine(conference.starts_on, time(12), tzinfo=conference.zone) - timedelta(
                days=7
            )
            Document.objects.filter(pk=document.pk).update(created_at=submitted)
            _store(document, language, kind, text, original=True)
            for other, translated in translations.items():
                _store(document, other, kind, translated, original=False)
        documents.append(document)
    return documents


def _on(conference, day: int, clock: str) -> datetime:
    when = date.fromordinal(conference.starts_on.toordinal() + day)
    return datetime.combine(when, time.fromisoformat(clock), tzinfo=conference.zone)


def ensure_declaration(conference, follow_up, report: Document):
    """Drafted from the report, amended through the services (as the pages do), voted and published,
    then dated to the conference's two days."""
    existing = conference.declarations.filter(title=DECLARATION_TITLE).first()
    if existing is not None:
        return existing
    declaration = service.create_declaration(
        conference, title=DECLARATION_TITLE, language="en", text=DECLARATION_TEXT, based_on=report
    )
    now = datetime.now(tz=conference.zone)
    declaration = amendments.set_window(declaration, opens_at=now.replace(year=now.year - 1), closes_at=None)
    registered = conference.registrations.filter(role=ParticipantRole.DELEGATE, status="confirmed")
    first = registered.order_by("pk").first()
    delegates = [first, registered.exclude(organization=first.organization).order_by("pk").first()]
    proposed = [
        amendments.propose_amendment(
            declaration, registration=delegates[index % len(delegates)], paragraph_number=number, kind=kind,
            text=text, rationale=rationale,
        )
        for index, (number, kind, text, rationale, _outcome, _tally) in enumerate(AMENDMENTS)
    ]  # fmt: skip
    for amendment, (*_proposal, outcome, tally) in zip(proposed, AMENDMENTS, strict=True):
        adopted_text = ADOPTED_AS_MODIFIED if outcome == AmendmentOutcome.ADOPTED_MODIFIED else ""
        amendments.record_outcome(amendment, outcome=outcome, adopted_text=adopted_text, **tally)
    declaration = amendments.record_final_vote(
        declaration, adopted=True, tally_note="an overwhelming majority"
    )
    service.set_published(declaration, True)
    service.save_translation(
        declaration,
        language="fr",
        title="Déclaration de la Conférence internationale contre la guerre (démo)",
        text="\n\n".join(f"**{title}.** (Traduction de démonstration.)" for title in FRENCH_TITLES),
        published=True,
    )
    declaration.amendments_open_at = _on(conference, 0, "09:00")
    declaration.amendments_close_at = _on(conference, 1, "12:00")
    declaration.decided_at = _on(conference, 1, "16:30")
    declaration.save(update_fields=["amendments_open_at", "amendments_close_at", "decided_at"])
    declaration.amendments.update(decided_at=_on(conference, 1, "15:00"))
    declaration.versions.filter(number=1).update(created_at=_on(conference, 0, "09:00"))
    declaration.versions.filter(number__gt=1).update(created_at=_on(conference, 1, "15:00"))
    if follow_up is not None:
        amendments.carry_deferred(declaration, follow_up)
    return declaration


def ensure_statements(conference) -> None:
    for title, language, body, translations in STATEMENTS:
        original, _created = Statement.objects.update_or_create(
            conference=conference,
            title=title,
            defaults={"language": language, "body": body, "published_on": conference.ends_on},
        )
        for other, (translated_title, translated_body) in translations.items():
            Statement.objects.update_or_create(
                conference=conference,
                title=translated_title,
                defaults={
                    "language": other,
                    "body": translated_body,
                    "published_on": conference.ends_on,
                    "translation_of": original,
                },
            )


def ensure_proceedings(conference, follow_up) -> None:
    report, _contribution = ensure_documents(conference)
    ensure_declaration(conference, follow_up, report)
    ensure_statements(conference)
