import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from koordinasi.attachments import OLE_HEAD, lampiran_validate
from tests.factories.koordinasi import PDF


def ooxml(part):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("surat.pdf", PDF, "pdf"),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + b"0" * 20, "jpeg"),
        ("laporan.docx", ooxml("word/document.xml"), "docx"),
        ("anggaran.xlsx", ooxml("xl/workbook.xml"), "xlsx"),
        ("lama.doc", OLE_HEAD + b"0" * 100, "doc"),
        ("lama.xls", OLE_HEAD + b"0" * 100, "xls"),
    ],
)
def test_accepted_kinds_are_detected_by_content(name, content, kind):
    assert lampiran_validate(uploaded_file=upload(name, content)) == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("surat.pdf", b"MZ\x90\x00executable"),
        ("arsip.docx", b"PK\x03\x04 not really a zip"),
        ("kode.docx", ooxml("src/main.py")),
        ("lama.exe", OLE_HEAD + b"0" * 100),
        ("halaman.html", b"<html><script></script></html>"),
    ],
)
def test_other_content_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError) as error:
        lampiran_validate(uploaded_file=upload(name, content))
    assert error.value.code == "invalid_kind"


def test_size_limit_and_empty_files(settings):
    with pytest.raises(ValidationError) as error:
        lampiran_validate(uploaded_file=upload("besar.docx", ooxml("word/document.xml")), max_bytes=10)
    assert error.value.code == "too_large"
    with pytest.raises(ValidationError) as error:
        lampiran_validate(uploaded_file=upload("kosong.pdf", b""))
    assert error.value.code == "empty"
