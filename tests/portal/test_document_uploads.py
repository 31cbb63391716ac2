"""Uploads end to end: through a citizen's real form and the document service, down to the stored bytes."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from ktp.models import DokumenPermohonan, PermohonanKTP
from portal.accounts.roles import Role
from portal.documents.services import document_replace
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft

pytestmark = pytest.mark.django_db

JAVASCRIPT_REFUSED = (
    "Berkas PDF ini berisi JavaScript dan tidak dapat diterima. "
    "Cetak ulang sebagai PDF biasa lalu unggah lagi."
)


def _pdf_with_javascript():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _jpeg_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (8.0, 4.0, 12.5)
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 120, 10)).save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def warga(client):
    user = UserFactory(role=Role.WARGA)
    client.force_login(user)
    return user


@pytest.fixture
def draft(client, warga):
    assert client.post(reverse("ktp:start"), {"jenis": "baru"}).status_code == 302
    return PermohonanKTP.objects.get(applicant=warga)


def test_the_ktp_form_refuses_a_pdf_with_javascript_in_indonesian_and_saves_nothing(client, draft):
    upload = SimpleUploadedFile("kk.pdf", _pdf_with_javascript(), content_type="application/pdf")
    response = client.post(reverse("ktp:dokumen", args=[draft.pk]), {"kk": upload})
    assert response.status_code == 200
    assert JAVASCRIPT_REFUSED in response.content.decode()
    assert not DokumenPermohonan.objects.exists()


def test_the_ktp_form_stores_a_photo_without_its_gps_position(client, draft, tmp_path, settings):
    upload = SimpleUploadedFile("kk-foto.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(reverse("ktp:dokumen", args=[draft.pk]), {"kk": upload})
    assert response.status_code == 302
    document = draft.dokumen_set.get(kind="kk")
    with document.file.open("rb") as stored_file:
        stored = stored_file.read()
    assert b"Exif" not in stored and b"KameraPonsel" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert document.content_kind == "jpeg" and document.size == len(stored)


def test_document_replace_stores_the_re_encoded_image(settings):
    applicant = UserFactory()
    draft = permohonan_complete_draft(applicant=applicant, documents=())
    upload = SimpleUploadedFile("kk-siti.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    document = document_replace(documents=draft.dokumen_set, kind="kk", uploaded_file=upload)
    stored = (settings.PRIVATE_MEDIA_ROOT / document.file.name).read_bytes()
    assert document.content_kind == "jpeg" and document.file.name.endswith(".jpg")
    assert document.size == len(stored)
    assert b"Exif" not in stored and not Image.open(io.BytesIO(stored)).getexif()
    assert document.original_name == "kk-siti.jpg"


@pytest.mark.django_db
def test_an_upload_whose_row_fails_to_save_leaves_no_file_on_disk(settings, monkeypatch):
    from django.db import DatabaseError

    from ktp.models import DokumenPermohonan
    from ktp.services import permohonan_document_attach
    from portal.accounts.roles import Role
    from tests.factories import UserFactory
    from tests.factories.ktp import pdf_upload, permohonan_complete_draft

    draft = permohonan_complete_draft(applicant=UserFactory(role=Role.WARGA))
    before = sorted(p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file())

    def lost(*args, **kwargs):
        raise DatabaseError("connection lost")

    monkeypatch.setattr(DokumenPermohonan, "save", lost)
    with pytest.raises(DatabaseError):
        permohonan_document_attach(permohonan=draft, kind="kk", uploaded_file=pdf_upload("kk-baru.pdf"))
    assert sorted(p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()) == before
