"""The penanggung jawab's NIK is encrypted at rest, found by its keyed hash, and masked."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import FieldError
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from perizinan.models import PermohonanIzin, Usaha
from perizinan.receipts import permohonan_izin_receipt
from perizinan.services import permohonan_izin_submit
from portal.audit.models import AksesData
from portal.crypto import personal_decrypt, personal_digest
from tests.factories.perizinan import izin_issued, permohonan_izin_complete_draft

pytestmark = pytest.mark.django_db

NIK = "3504021005800001"


@pytest.fixture
def submitted(owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return permohonan_izin_submit(permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner)


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def test_the_columns_hold_a_token_and_a_keyed_hash_never_the_nik(owner, officer):
    izin_issued(applicant=owner, officer=officer)
    for table in ("perizinan_permohonanizin", "perizinan_usaha"):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT penanggung_jawab_nik, penanggung_jawab_nik_hash FROM {table}")  # noqa: S608
            rows = cursor.fetchall()
        assert rows, table
        for token, digest in rows:
            assert NIK not in token and NIK[4:12] not in token
            assert personal_decrypt(token) == NIK and digest == personal_digest(NIK)
    assert Usaha.objects.get().penanggung_jawab_nik == NIK
    with pytest.raises(FieldError):
        PermohonanIzin.objects.filter(penanggung_jawab_nik=NIK).exists()


def test_officer_finds_the_application_and_the_business_by_exact_nik(
    officer_client, owner, officer, submitted
):
    url = reverse("admin:perizinan_permohonanizin_changelist")
    assert submitted.reference in officer_client.get(url, {"q": NIK}).content.decode()
    assert submitted.reference not in officer_client.get(url, {"q": NIK[:12]}).content.decode()
    body = officer_client.get(url).content.decode()
    assert submitted.reference in body and NIK not in body
    detail = officer_client.get(reverse("admin:perizinan_permohonanizin_change", args=[submitted.pk]))
    assert NIK in detail.content.decode() and personal_digest(NIK) not in detail.content.decode()

    izin = izin_issued(applicant=owner, officer=officer, nama_usaha="Toko Cari NIK")
    url = reverse("admin:perizinan_usaha_changelist")
    body = officer_client.get(url, {"q": NIK}).content.decode()
    assert "Toko Cari NIK" in body and "3504********0001" in body
    assert "Toko Cari NIK" not in officer_client.get(url, {"q": "3504021005800009"}).content.decode()
    assert "Toko Cari NIK" in officer_client.get(url, {"q": "Cari NIK"}).content.decode()
    # The business page shows the full NIK to the officer and writes the view to the access log.
    detail = officer_client.get(reverse("admin:perizinan_usaha_change", args=[izin.usaha.pk]))
    assert NIK in detail.content.decode()
    assert AksesData.objects.filter(
        actor=officer,
        subject=owner,
        content_type=ContentType.objects.get_for_model(Usaha),
        object_id=izin.usaha.pk,
    ).exists()


def test_receipt_email_and_owner_pages_show_only_the_masked_nik(client, owner, submitted):
    receipt = permohonan_izin_receipt(permohonan=submitted)
    with receipt.file.open("rb") as f:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(f.read())).pages)
    assert submitted.reference in text and "3504********0001" in text and NIK not in text
    emails = [m for m in mail.outbox if owner.email in m.to]
    assert emails
    for message in emails:
        assert NIK not in message.body
        assert all(NIK not in alt[0] for alt in getattr(message, "alternatives", []))
    client.force_login(owner)
    for name in ("perizinan:list", "perizinan:detail"):
        args = [submitted.pk] if name.endswith("detail") else []
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200 and NIK not in response.content.decode(), name


def test_check_answers_page_masks_the_nik_and_reveals_it_only_on_request(client, owner):
    draft = permohonan_izin_complete_draft(applicant=owner)
    client.force_login(owner)
    body = client.get(reverse("perizinan:periksa", args=[draft.pk])).content.decode()
    summary = body.split("<summary>", 1)[1].split("</summary>", 1)[0]
    assert "3504********0001" in summary and NIK not in summary
    assert NIK in body.split("</summary>", 1)[1].split("</details>", 1)[0]
