"""ODT and DOCX files are zip archives: one that would unpack to something absurd is refused, from
its central directory, without being unpacked."""

import io
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from common import uploads

DOCX_PARTS = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def claimed_size(data: bytes, member: str, size: int) -> bytes:
    """The archive with `member`'s uncompressed size in the central directory changed to `size`."""
    data = bytearray(data)
    entry = data.find(b"PK\x01\x02")
    while entry != -1:
        name_length = struct.unpack_from("<H", data, entry + 28)[0]
        if data[entry + 46 : entry + 46 + name_length] == member.encode():
            struct.pack_into("<I", data, entry + 24, size)
            return bytes(data)
        entry = data.find(b"PK\x01\x02", entry + 4)
    raise AssertionError(member)


def refusal(data: bytes, name: str = "bomb.docx") -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(SimpleUploadedFile(name, data))
    return refused.value


def test_a_docx_with_too_many_members_is_refused():
    members = {**DOCX_PARTS, **{f"word/media/{n}.xml": b"" for n in range(2001)}}

    refused = refusal(zipped(members))

    assert (refused.code, refused.messages) == (
        "archive_too_big",
        ["This archive holds 2003 files; a document may hold at most 2000."],
    )


def test_a_docx_that_unpacks_past_200_mb_is_refused_from_its_directory():
    data = claimed_size(zipped(DOCX_PARTS), "word/document.xml", 250 * 1024 * 1024)

    refused = refusal(data)

    assert (refused.code, refused.messages) == (
        "archive_too_big",
        ["This archive would unpack to more than 200.0\xa0MB, the most a document may hold."],
    )


def test_a_docx_member_compressed_over_100_times_is_refused():
    data = zipped({**DOCX_PARTS, "word/document.xml": b" " * (5 * 1024 * 1024)})

    refused = refusal(data)

    assert (refused.code, refused.messages) == (
        "archive_too_big",
        ["word/document.xml is compressed more than 100 times: a zip bomb, not a document."],
    )


def test_an_odt_whose_mimetype_member_lies_about_its_size_is_read_no_further():
    # The directory says 5 bytes; the member holds more: only the 5 declared bytes are read,
    # and they do not say ODT.
    data = claimed_size(zipped({"mimetype": ODT_MIMETYPE, "content.xml": b"<office/>"}), "mimetype", 5)

    refused = refusal(data, "lying.odt")

    assert refused.code == "file_type"


def test_an_ordinary_docx_and_odt_pass():
    docx = SimpleUploadedFile("report.docx", zipped({**DOCX_PARTS, "word/document.xml": b"<w:p/>" * 2000}))
    odt = SimpleUploadedFile("report.odt", zipped({"mimetype": ODT_MIMETYPE, "content.xml": b"<office/>"}))

    assert (uploads.check_upload(docx), uploads.check_upload(odt)) == (uploads.DOCX, uploads.ODT)
