import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from koordinasi.attachments import OLE_HEAD, lampiran_clean
from portal.documents.samples import sample_jpeg_bytes
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
        ("foto.jpg", sample_jpeg_bytes(), "jpeg"),
        ("laporan.docx", ooxml("word/document.xml"), "docx"),
        ("anggaran.xlsx", ooxml("xl/workbook.xml"), "xlsx"),
        ("lama.doc", OLE_HEAD + b"0" * 100, "doc"),
        ("lama.xls", OLE_HEAD + b"0" * 100, "xls"),
    ],
)
def test_accepted_kinds_are_detected_by_content(name, content, kind):
    assert lampiran_clean(uploaded_file=upload(name, content)).kind == kind


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
        lampiran_clean(uploaded_file=upload(name, content))
    assert error.value.code == "invalid_kind"


def test_the_refusal_names_the_accepted_kinds_in_the_reader_s_language():
    from django.utils.functional import Promise

    with pytest.raises(ValidationError) as error:
        lampiran_clean(uploaded_file=upload("catatan.txt", b"teks biasa"))
    # Wrapped for translation: the English page must not read "... DOC atau XLS".
    assert isinstance(error.value.params["kinds"], Promise)


def test_size_limit_and_empty_files(settings):
    with pytest.raises(ValidationError) as error:
        lampiran_clean(uploaded_file=upload("besar.docx", ooxml("word/document.xml")), max_bytes=10)
    assert error.value.code == "too_large"
    with pytest.raises(ValidationError) as error:
        lampiran_clean(uploaded_file=upload("kosong.pdf", b""))
    assert error.value.code == "empty"


@pytest.mark.django_db
def test_an_image_attachment_is_stored_re_encoded_without_its_exif():
    from PIL import Image

    from tests.factories.koordinasi import naskah_draft, officer

    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"  # Make
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 120, 30)).save(buffer, format="JPEG", exif=exif)
    photo = SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")

    naskah = naskah_draft(sender=officer(), files=[photo])

    lampiran = naskah.lampiran_set.get()
    with lampiran.berkas.open("rb") as stored:
        data = stored.read()
    assert b"KameraPonsel" not in data
    assert Image.open(io.BytesIO(data)).format == "JPEG"
    assert lampiran.ukuran == len(data)
