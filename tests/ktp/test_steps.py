"""What the documents and schedule steps tell the citizen, as the office and its settings stand."""

import pytest
from django.urls import reverse

from ktp.models import LayananKecamatan, PermohonanKTP
from ktp.services import permohonan_slot_book, slot_days_offered
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.ktp import permohonan_complete_draft

pytestmark = pytest.mark.django_db


def test_a_day_that_filled_up_after_the_page_loaded_is_explained(client):
    warga = UserFactory(role=Role.WARGA)
    draft = permohonan_complete_draft(applicant=warga)
    layanan = LayananKecamatan.objects.get(kecamatan=draft.kecamatan)
    day = slot_days_offered(layanan=layanan)[1]
    layanan.daily_capacity = 1
    layanan.save()
    other = permohonan_complete_draft(applicant=UserFactory(), nik="3504021005900002", jenis_kelamin="L")
    permohonan_slot_book(permohonan=PermohonanKTP.objects.get(pk=other.pk), date=day)
    client.force_login(warga)
    body = client.post(reverse("ktp:jadwal", args=[draft.pk]), {"appointment_date": day.isoformat()})
    body = body.content.decode()
    assert "Jadwal tanggal itu sudah penuh atau tidak tersedia. Pilih tanggal lain." in body
    assert "bukan salah satu dari pilihan" not in body


def test_the_documents_step_states_the_size_limit_in_force_and_who_sees_the_files(client, settings):
    settings.DOCUMENT_MAX_BYTES = 2 * 1024 * 1024
    warga = UserFactory(role=Role.WARGA)
    draft = permohonan_complete_draft(applicant=warga, documents=())
    client.force_login(warga)
    body = client.get(reverse("ktp:dokumen", args=[draft.pk])).content.decode()
    assert "5 MB" not in body and "paling besar 2,0\xa0MB" in body
    assert "petugas kecamatan Anda dan petugas Dispendukcapil" in body


def test_an_office_that_opens_no_days_ahead_says_so_instead_of_failing(client):
    warga = UserFactory(role=Role.WARGA)
    draft = permohonan_complete_draft(applicant=warga)
    LayananKecamatan.objects.filter(kecamatan=draft.kecamatan).update(booking_days_ahead=0)
    client.force_login(warga)
    response = client.get(reverse("ktp:jadwal", args=[draft.pk]))
    assert response.status_code == 200
    assert "Semua jadwal yang dibuka sudah penuh" in response.content.decode()


def test_moving_to_another_office_drops_the_day_booked_at_the_first():
    from ktp.services import permohonan_biodata_update, permohonan_problems
    from portal.wilayah.models import Kecamatan

    draft = permohonan_complete_draft(applicant=UserFactory(role=Role.WARGA))
    assert draft.appointment_date is not None
    kedungwaru = Kecamatan.objects.get(code="35.04.03")
    draft = permohonan_biodata_update(permohonan=draft, data={"kecamatan": kedungwaru})
    draft.refresh_from_db()
    assert draft.appointment_date is None
    assert "appointment_date" in permohonan_problems(permohonan=draft)


def test_a_document_uploaded_alone_is_kept_while_the_others_are_missing(client):
    from ktp.constants import Jenis
    from tests.factories.ktp import pdf_upload

    warga = UserFactory(role=Role.WARGA)
    draft = permohonan_complete_draft(applicant=warga, jenis=Jenis.HILANG, documents=())
    client.force_login(warga)
    response = client.post(reverse("ktp:dokumen", args=[draft.pk]), {"kk": pdf_upload("kk.pdf")})
    assert response.status_code == 200  # the police report is still missing
    assert list(draft.dokumen_set.values_list("kind", flat=True)) == ["kk"]
    assert "Tersimpan: Kartu Keluarga" in response.content.decode()


def test_the_schedule_step_of_a_draft_says_how_long_the_day_is_held(client, settings):
    settings.KTP_DRAFT_SLOT_HOLD_HOURS = 36
    warga = UserFactory(role=Role.WARGA)
    draft = permohonan_complete_draft(applicant=warga)
    client.force_login(warga)
    body = client.get(reverse("ktp:jadwal", args=[draft.pk])).content.decode()
    assert "kami tahan selama 36 jam sejak draf terakhir disimpan" in body
