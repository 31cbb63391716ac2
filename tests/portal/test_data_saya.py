"""Data saya as a citizen reads it: a PDF with labels and WIB times, labelled JSON, a grouped access log."""

import datetime
import io
import json
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from ktp.services import permohonan_submit
from portal.accounts.roles import Role
from portal.audit import exports
from portal.audit.models import AksesData
from portal.audit.views import GROUPS_PER_PAGE
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft

pytestmark = pytest.mark.django_db
WIB = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def warga():
    return UserFactory(role=Role.WARGA, name="Siti Aminah")


@pytest.fixture
def submitted(warga):
    return permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)


def _officer(name="Rina Wulandari"):
    return UserFactory(name=name, role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")


def _access(officer, subject, *, at=None, action="lihat", description="Membuka permohonan KTP-1"):
    return AksesData.objects.create(
        actor=officer,
        subject=subject,
        action=action,
        description=description,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        created_at=at or timezone.now(),
    )


def test_the_json_gives_labels_beside_codes_local_times_and_the_access_log(client, warga, monkeypatch):
    officer = _officer()
    entry = _access(officer, warga, at=datetime.datetime(2026, 12, 3, 22, 24, 26, tzinfo=datetime.UTC))
    fields = ["action", "actor", "created_at"]
    monkeypatch.setitem(exports.PROVIDERS, "contoh", lambda user: exports.model_fields(entry, fields))
    client.force_login(warga)
    document = json.loads(client.get(reverse("audit:data_saya_json")).content)
    example = document["bagian"]["contoh"]["isi"]
    assert example["action"] == {"label": "Tindakan", "nilai": "Melihat biodata", "kode": "lihat"}
    assert example["actor"] == {"label": "Petugas", "nilai": str(officer), "kode": officer.pk}
    assert example["created_at"]["nilai"] == "2026-12-04T05:24:26+07:00"
    assert document["bagian"]["akun"]["isi"]["name"] == {"label": "Nama lengkap", "nilai": "Siti Aminah"}
    assert document["dibuat"].endswith("+07:00")
    (logged,) = document["akses_data"]
    assert logged["petugas"]["nilai"] == "Rina Wulandari" and logged["unit"]["nilai"] == "Kecamatan Boyolangu"
    assert logged["tindakan"] == {"label": "Tindakan", "nilai": "Melihat biodata", "kode": "lihat"}
    assert logged["waktu"]["nilai"] == "2026-12-04T05:24:26+07:00"


def test_the_pdf_reads_as_sections_with_labels_and_wib_times(client, submitted):
    _access(_officer(), submitted.applicant, description=f"Membuka permohonan {submitted.reference}")
    client.force_login(submitted.applicant)
    response = client.get(reverse("audit:data_saya_pdf"))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = re.sub(r"\\s+", " ", text)
    assert "datetime" not in text and "{'" not in text and "tzinfo" not in text
    assert "Akun" in text and "Permohonan KTP-el" in text and "Akses oleh petugas" in text
    assert submitted.reference in text and "Siti Aminah" in text and "Rina Wulandari" in text
    submitted_local = timezone.localtime(submitted.submitted_at)
    assert f"{submitted_local:%H.%M} WIB" in text


def test_the_page_groups_the_log_by_officer_action_and_day(client, warga):
    rina, agus = _officer(), _officer("Agus Prasetyo")
    morning = timezone.make_aware(datetime.datetime(2026, 12, 3, 8, 0))
    for minute in range(35):
        _access(rina, warga, at=morning + datetime.timedelta(minutes=minute))
    _access(rina, warga, at=morning, action="unduh_dokumen", description="KK")
    _access(rina, warga, at=morning - datetime.timedelta(days=1))
    _access(agus, warga, at=morning)
    client.force_login(warga)
    response = client.get(reverse("audit:data_saya"))
    groups = response.context["groups"]
    assert [(g["officer"].name, g["action"], g["day"].day, g["count"]) for g in groups] == [
        ("Rina Wulandari", "lihat", 3, 35),
        ("Rina Wulandari", "unduh_dokumen", 3, 1),
        ("Agus Prasetyo", "lihat", 3, 1),
        ("Rina Wulandari", "lihat", 2, 1),
    ]
    assert groups[0]["descriptions"] == ["Membuka permohonan KTP-1"]
    assert response.content.decode().count("Melihat biodata") == 3


def test_the_day_is_the_local_day(client, warga):
    # 00.30 WIB on the 4th is still the 3rd in UTC.
    _access(_officer(), warga, at=datetime.datetime(2026, 12, 4, 0, 30, tzinfo=WIB))
    client.force_login(warga)
    (group,) = client.get(reverse("audit:data_saya")).context["groups"]
    assert group["day"] == datetime.date(2026, 12, 4)


def test_the_page_pages_through_the_groups(client, warga):
    for n in range(GROUPS_PER_PAGE + 3):
        _access(_officer(f"Petugas {n}"), warga)
    client.force_login(warga)
    first = client.get(reverse("audit:data_saya"))
    assert len(first.context["groups"]) == GROUPS_PER_PAGE and "?halaman=2" in first.content.decode()
    second = client.get(reverse("audit:data_saya") + "?halaman=2")
    assert len(second.context["groups"]) == 3
    assert client.get(reverse("audit:data_saya") + "?halaman=x").status_code == 200


def test_a_service_holding_nothing_or_a_single_value_still_gives_a_pdf(client, warga, monkeypatch):
    monkeypatch.setitem(exports.PROVIDERS, "kosong", lambda user: None)
    monkeypatch.setitem(exports.PROVIDERS, "satu", lambda user: "nilai tunggal")
    monkeypatch.setitem(exports.PROVIDERS, "daftar", lambda user: [["a", "b"], "c"])
    client.force_login(warga)
    document = json.loads(client.get(reverse("audit:data_saya_json")).content)
    assert "kosong" not in document["bagian"]
    assert document["bagian"]["satu"]["isi"]["nilai"] == "nilai tunggal"
    response = client.get(reverse("audit:data_saya_pdf"))
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "nilai tunggal" in text


def test_the_download_holds_the_phone_number_the_account_keeps(client):
    warga = UserFactory(role=Role.WARGA, phone="081234567890")
    client.force_login(warga)
    document = json.loads(client.get(reverse("audit:data_saya_json")).content)
    assert document["bagian"]["akun"]["isi"]["phone"] == {"label": "Nomor HP", "nilai": "081234567890"}


def test_the_download_holds_the_language_notifications_are_written_in(client):
    client.force_login(UserFactory(role=Role.WARGA, language="en"))
    document = json.loads(client.get(reverse("audit:data_saya_json")).content)
    assert document["bagian"]["akun"]["isi"]["language"] == {
        "label": "Bahasa pemberitahuan",
        "nilai": "Inggris",  # the download is in Indonesian
        "kode": "en",
    }
