"""Uploaded files are what their bytes say, whatever their names claim."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from common import uploads


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


ODT_BYTES = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})
DOCX_BYTES = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("report.pdf", b"%PDF-1.7\n1 0 obj\n", uploads.PDF),
        ("report.odt", ODT_BYTES, uploads.ODT),
        ("report.docx", DOCX_BYTES, uploads.DOCX),
        ("notes.txt", "Zimmerwald, 5\u20138 September 1915\n".encode(), uploads.TEXT),
        ("notes.md", b"# Declaration\n\n1. Peace\n", uploads.MARKDOWN),
        ("renamed.txt", b"%PDF-1.4\n", uploads.PDF),  # the content decides
    ],
)
def test_an_allowed_document_is_known_by_its_content(name, content, kind):
    assert uploads.check_upload(SimpleUploadedFile(name, content)) == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),  # a Windows program with a PDF name
        ("photo.docx", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("archive.odt", zipped({"mimetype": b"application/zip", "a.txt": b"x"})),
        ("broken.docx", b"PK\x03\x04 not really a zip"),
        ("latin1.txt", "Genève".encode("latin-1")),
        ("page.html.txt", b"<html>\x00</html>"),
    ],
)
def test_anything_else_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(SimpleUploadedFile(name, content))

    assert refused.value.code == "file_type"


def test_a_file_over_the_limit_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 10)

    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 20))

    assert refused.value.code == "too_big"
    assert "at most 10" in refused.value.messages[0]


def test_stored_names_are_random_and_keep_only_the_detected_extension():
    names = {uploads.random_name(uploads.PDF) for _ in range(50)}

    assert len(names) == 50
    assert all("/" not in name and name.endswith(".pdf") for name in names)


def test_download_names_lose_path_and_header_characters():
    assert uploads.download_name('../../etc/"passwd"\r\n', uploads.TEXT) == "....etcpasswd.txt"
    assert uploads.download_name("", uploads.PDF) == "document.pdf"


def test_a_damaged_archive_is_refused_not_a_crash():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
    damaged = bytearray(buffer.getvalue())
    data_starts = 30 + len("mimetype")  # after the member's local header
    damaged[data_starts : data_starts + 6] = b"\xff" * 6  # reading it now raises zlib.error

    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(SimpleUploadedFile("broken.odt", bytes(damaged)))

    assert refused.value.code == "file_type"
