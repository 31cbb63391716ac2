import re

import pytest
from django.urls import reverse

from ktp.constants import JENIS_INFO, Jenis
from ktp.rules import required_documents
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted():
    return permohonan_verified()


def _track(client, reference, born="1990-05-10", **extra):
    return client.post(reverse("public:track"), {"reference": reference, "tanggal_lahir": born, **extra})


def _main(response):
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return re.sub(r'<input type="hidden" name="csrfmiddlewaretoken"[^>]*>', "", body)


def test_tracking_shows_status_and_timeline_without_nik_or_name(client, submitted):
    response = _track(client, submitted.reference.lower())
    body = response.content.decode()
    assert response.status_code == 200
    assert submitted.reference in body and "Terverifikasi" in body and "Diajukan" in body
    for private in (submitted.nik, submitted.nik_masked, submitted.nama, submitted.alamat, submitted.no_kk):
        assert private not in body


def test_a_wrong_birth_date_answers_exactly_like_an_unknown_reference(client, submitted):
    wrong = _track(client, submitted.reference, born="1990-05-11")
    unknown = _track(client, "KTP-2026-999999", born="1990-05-11")
    assert wrong.status_code == unknown.status_code == 200
    assert "tidak ditemukan" in wrong.content.decode()
    assert _main(wrong).replace(submitted.reference, "X") == _main(unknown).replace("KTP-2026-999999", "X")


def test_the_rate_limit_per_reference_triggers_with_a_clear_message(client, submitted, settings):
    settings.TRACK_RATE_PER_REFERENCE = "3/10m"
    for _ in range(3):
        assert _track(client, submitted.reference, born="2000-01-01").status_code == 200
    limited = _track(client, submitted.reference)
    assert limited.status_code == 429
    assert "Terlalu banyak percobaan" in limited.content.decode()
    assert submitted.nik not in limited.content.decode()
    assert _track(client, "KTP-2026-000777").status_code == 200  # another reference still answers


def test_with_the_cache_down_tracking_stops_with_a_page_saying_so(client, submitted, settings):
    settings.CACHES = {"default": {"BACKEND": "portal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    assert client.get(reverse("public:track")).status_code == 200
    refused = _track(client, submitted.reference)
    body = refused.content.decode()
    assert refused.status_code == 503 and refused["Retry-After"] == "300"
    assert "sedang tidak tersedia" in body and "Terlalu banyak" not in body
    assert "Terverifikasi" not in body  # nothing looked up while attempts cannot be counted


def test_the_rate_limit_per_address_triggers(client, settings):
    settings.TRACK_RATE_PER_IP = "4/10m"
    codes = [_track(client, f"KTP-2026-00000{i}").status_code for i in range(6)]
    assert codes[:4] == [200] * 4 and codes[4:] == [429, 429]


def test_the_standard_page_and_the_form_list_the_same_documents(client):
    client.force_login(UserFactory())
    standard = client.get(reverse("ktp:standar")).content.decode()
    form = client.get(reverse("ktp:start")).content.decode()
    assert "Gratis" in standard and "79A" in standard
    for jenis in Jenis:
        row = re.search(rf'<tr id="jenis-{jenis.value}">(.*?)</tr>', standard, re.S).group(1)
        help_text = re.search(rf'id="jenis-{jenis.value}-help">(.*?)</div>', form, re.S).group(1)
        for document in required_documents(jenis=jenis, is_wna=False):
            assert str(document.label) in row and str(document.label) in help_text
        assert str(JENIS_INFO[jenis]["who"]) in row and str(JENIS_INFO[jenis]["who"]) in help_text


def test_the_navigation_offers_tracking(client):
    assert reverse("public:track") in client.get("/").content.decode()


def test_a_reference_sent_without_its_security_detail_asks_for_it(client, submitted):
    body = _track(client, submitted.reference, born="").content.decode()
    assert "Isi tanggal lahir pemohon (KTP-el) atau 4 angka terakhir NPWP (izin usaha)." in body
    assert "Permohonan tidak ditemukan" not in body


def test_a_rescheduled_visit_reads_jadwal_diubah_in_the_timeline(client, submitted):
    from ktp.models import LayananKecamatan
    from ktp.services import permohonan_reschedule, slot_days_offered

    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    day = slot_days_offered(layanan=LayananKecamatan.objects.get(kecamatan=submitted.kecamatan))[-1]
    permohonan_reschedule(permohonan=submitted, actor=officer, date=day)
    body = _track(client, submitted.reference).content.decode()
    # "Terverifikasi" as its status and once in the timeline, then the move as what it was
    assert "Jadwal diubah" in body and body.count("Terverifikasi") == 2


def test_a_request_for_corrections_is_tracked_with_what_to_correct_and_no_personal_data(client):
    from ktp.services import permohonan_revision_request, permohonan_submit
    from tests.factories.ktp import permohonan_complete_draft

    warga = UserFactory(role=Role.WARGA)
    p = permohonan_submit(permohonan=permohonan_complete_draft(applicant=warga), actor=warga)
    officer = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    permohonan_revision_request(permohonan=p, actor=officer, note="Foto KK buram", fields=["alamat", "kk"])
    body = _track(client, p.reference).content.decode()
    assert "Yang diminta diperbaiki" in body and "Alamat, Kartu Keluarga (KK)" in body
    assert p.alamat not in body and "Foto KK buram" not in body  # the note may name the citizen: not shown
