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
