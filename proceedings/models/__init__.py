from proceedings.models.declarations import Amendment, Declaration, DeclarationTranslation, DeclarationVersion
from proceedings.models.documents import Document, DocumentFile
from proceedings.models.statements import Statement

__all__ = [
    "Amendment",
    "Declaration",
    "DeclarationTranslation",
    "DeclarationVersion",
    "Document",
    "DocumentFile",
    "Statement",
]
