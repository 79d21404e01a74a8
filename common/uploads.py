"""Uploaded files, the one way for every app: what a file is (read from its bytes, never from its
name), the random name it is stored under, and how it is served back.

Storage goes through Django's default storage, so S3-compatible storage is a setting (README).
"""

from __future__ import annotations

import hashlib
import secrets
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# What an ODT or DOCX archive may unpack to: past these it is a zip bomb, not a document.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 1024 * 1024  # small members compress as they like


@dataclass(frozen=True)
class FileKind:
    key: str
    content_type: str
    extension: str
    label: str
    inline: bool = False  # shown in the browser rather than downloaded


# PDFs are downloaded: a browser's PDF viewer does not run under the sandbox these responses carry.
PDF = FileKind("pdf", "application/pdf", ".pdf", "PDF")
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text", ".odt", "ODT")
DOCX = FileKind(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "DOCX"
)
TEXT = FileKind("txt", "text/plain; charset=utf-8", ".txt", "TXT", inline=True)
MARKDOWN = FileKind("md", "text/markdown; charset=utf-8", ".md", "Markdown")
DOCUMENT_KINDS = (PDF, ODT, DOCX, TEXT, MARKDOWN)
KIND_BY_KEY = {kind.key: kind for kind in DOCUMENT_KINDS}
# For the file picker only: what is accepted is decided by the content.
ACCEPTED_NAMES = ",".join([*(kind.extension for kind in DOCUMENT_KINDS), ".markdown"])


def _zipped_kind(upload) -> FileKind | None:
    """ODT says what it is in a first, uncompressed `mimetype` member; DOCX has its main part."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                # zipfile stops at the member's declared size; we read no more than a type's length.
                with archive.open("mimetype") as member:
                    if member.read(100).strip() == ODT.content_type.encode():
                        return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except Exception:  # a damaged archive fails in many ways (zlib, lzma, EOF, bad headers): not a document
        return None
    return None


def check_archive_sizes(upload) -> None:
    """Refuse an archive that would unpack to something absurd, from its central directory alone:
    nothing is decompressed here."""
    upload.seek(0)
    with zipfile.ZipFile(upload) as archive:
        members = archive.infolist()
    upload.seek(0)
    if len(members) > MAX_MEMBERS:
        raise ValidationError(
            _("This archive holds %(count)s files; a document may hold at most %(limit)s.")
            % {"count": len(members), "limit": MAX_MEMBERS},
            code="archive_too_big",
        )
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        limit = filesizeformat(MAX_UNPACKED_BYTES)
        raise ValidationError(
            _("This archive would unpack to more than %(limit)s, the most a document may hold.")
            % {"limit": limit},
            code="archive_too_big",
        )
    for member in members:
        big = member.file_size >= RATIO_CHECKED_FROM_BYTES
        if big and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1):
            raise ValidationError(
                _("%(name)s is compressed more than %(ratio)s times: a zip bomb, not a document.")
                % {"name": member.filename[:100], "ratio": MAX_COMPRESSION_RATIO},
                code="archive_too_big",
            )


def _is_text(upload) -> bool:
    upload.seek(0)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def detect(upload) -> FileKind | None:
    """The kind of document these bytes are, or None. Only between plain text and Markdown, which
    no content tells apart, does the name decide."""
    upload.seek(0)
    head = upload.read(8)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"PK\x03\x04"):
        kind = _zipped_kind(upload)
    elif _is_text(upload):
        suffix = PurePosixPath(getattr(upload, "name", "") or "").suffix.lower()
        kind = MARKDOWN if suffix in {".md", ".markdown"} else TEXT
    upload.seek(0)
    return kind


def check_upload(upload: UploadedFile, allowed=DOCUMENT_KINDS) -> FileKind:
    """The upload's kind, or a ValidationError that says what is wrong, in the user's words."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s is accepted.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
            code="too_big",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = detect(upload)
    if kind not in allowed:
        raise ValidationError(
            _("This file is not one of: %(kinds)s. Its content decides, not its name.")
            % {"kinds": ", ".join(kind.label for kind in allowed)},
            code="file_type",
        )
    if kind in (ODT, DOCX):
        check_archive_sizes(upload)
    return kind


def random_name(kind: FileKind) -> str:
    """A file name nobody can guess or take for another file's; the field's upload_to adds the folder."""
    return f"{secrets.token_urlsafe(18)}{kind.extension}"


# The files stored inside the innermost `atomic()` block of this thread or task, if any.
_stored_in_block: ContextVar[list[str] | None] = ContextVar("stored_in_block", default=None)


@contextmanager
def atomic() -> Iterator[None]:
    """transaction.atomic() for a change that stores files: the files `attach` stored inside are
    deleted again when the block rolls back (Django has no on_rollback hook). Nested blocks hand
    their files to the enclosing one, so that its rollback removes them too."""
    stored: list[str] = []
    outer = _stored_in_block.get()
    token = _stored_in_block.set(stored)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    else:
        if outer is not None:
            outer.extend(stored)
    finally:
        _stored_in_block.reset(token)


def attach(instance, upload, kind: FileKind) -> None:
    """Put a checked upload on a row with `file`, `file_kind` and `file_size` fields: the file is
    written to storage under a random name; the row is the caller's to save. Call it inside
    `atomic()`, which removes the file again if the change rolls back."""
    instance.file.save(random_name(kind), upload, save=False)
    instance.file_kind, instance.file_size = kind.key, upload.size
    stored = _stored_in_block.get()
    if stored is not None:
        stored.append(instance.file.name)


def delete_after_commit(names) -> None:
    """Remove stored files once the change that dropped them is committed (never before: a rollback
    would leave rows pointing at nothing)."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


def download_name(title: str, kind: FileKind) -> str:
    cleaned = "".join(char for char in title if char.isprintable() and char not in '/\\:*?"<>|').strip()
    return f"{cleaned[:80] or 'document'}{kind.extension}"


def file_etag(field_file, size: int | None) -> str:
    """A stored file never changes under its random name: its name and size identify the content."""
    digest = hashlib.sha256(f"{field_file.name}:{size}".encode()).hexdigest()[:32]
    return f'"{digest}"'


def file_response(request, field_file, kind: FileKind, title: str, *, public: bool, size: int | None = None):
    """Serve a stored file with its own type, never sniffed, never run as a page.

    A public file may be kept by browsers and proxies, but only to be revalidated on every use
    (`no-cache` with an ETag, answered by a 304): once it is unpublished, the next use gets the 404.
    A file that is not public is never stored at all."""
    if public:
        etag = file_etag(field_file, size)
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            not_modified["Cache-Control"], not_modified["ETag"] = "public, no-cache", etag
            return not_modified
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=not kind.inline,
        filename=download_name(title, kind),
        content_type=kind.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, no-cache" if public else "private, no-store"
    if public:
        response["ETag"] = etag
    return response
