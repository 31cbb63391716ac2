"""Hostile values in the tender forms: refused with a reason or shown as text, never a 500."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pengadaan.constants import Tahap
from pengadaan.models import Penawaran, Penyedia, Pertanyaan
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.pengadaan import bid_parts, members, paket, vendor

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
HOSTILE = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "a\x00b",
    "'; DROP TABLE pengadaan_paket; --",
    "\u202eexe.fdp",
    "３５０４０２５００５９０００１",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999999999999999",
    "",
    " ",
    "x" * 5000,
]


PROFILE = {
    "nama_usaha": "CV Uji",
    "bentuk_usaha": "cv",
    "npwp": "012345678901234",
    "nib": "1234567890123",
    "kbli": "41011",
    "alamat": "Tulungagung",
}


@pytest.mark.parametrize("field", list(PROFILE))
@pytest.mark.parametrize("value", HOSTILE)
def test_vendor_profile_refuses_or_escapes(client, field, value):
    user = UserFactory(role=Role.WARGA)
    client.force_login(user)
    response = client.post(reverse("pengadaan:penyedia"), {**PROFILE, field: value})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert not Penyedia.objects.filter(user=user).exists()
        assert SCRIPT not in response.content.decode()
    else:
        page = client.get(reverse("pengadaan:penyedia")).content.decode()
        assert SCRIPT not in page


@pytest.mark.parametrize("value", HOSTILE + ["0", "1.5", "1000000000000000"])
def test_bid_price_refuses_anything_but_whole_rupiah(client, value):
    tender = paket(now_in=Tahap.PENAWARAN)
    penyedia = vendor()
    client.force_login(penyedia.user)
    client.post(reverse("pengadaan:daftar", args=[tender.pk]))
    response = client.post(reverse("pengadaan:penawaran", args=[tender.pk]), {"harga": value, **bid_parts()})
    assert response.status_code == 400
    assert not Penawaran.objects.exists()


def test_bid_with_a_file_that_is_not_a_pdf_is_refused_and_leaves_nothing(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    tender = paket(now_in=Tahap.PENAWARAN)
    penyedia = vendor()
    client.force_login(penyedia.user)
    parts = {
        **bid_parts(),
        "teknis": SimpleUploadedFile("teknis.pdf", b"<html>" + SCRIPT.encode(), "application/pdf"),
    }
    client.post(reverse("pengadaan:daftar", args=[tender.pk]))
    response = client.post(reverse("pengadaan:penawaran", args=[tender.pk]), {"harga": "1000", **parts})
    assert response.status_code == 400 and not Penawaran.objects.exists()


@pytest.mark.parametrize("value", HOSTILE)
def test_question_and_answer_are_text(client, value):
    tender = paket(now_in=Tahap.AANWIJZING)
    penyedia = vendor()
    client.force_login(penyedia.user)
    client.post(reverse("pengadaan:daftar", args=[tender.pk]))
    response = client.post(reverse("pengadaan:tanya", args=[tender.pk]), {"pertanyaan": value})
    assert response.status_code in (302, 400)
    question = Pertanyaan.objects.first()
    if question is not None:
        client.force_login(members(tender)[0])
        assert client.post(
            reverse("pengadaan:jawab", args=[question.pk]), {f"tanya-{question.pk}-jawaban": value}
        ).status_code in (302, 400)
        for url in (
            reverse("pengadaan:kelola_paket", args=[tender.pk]),
            reverse("pengadaan:paket", args=[tender.pk]),
        ):
            assert SCRIPT not in client.get(url).content.decode()


@pytest.mark.parametrize(
    "value",
    HOSTILE
    + ["2025-02-30T10:00", "0000-01-01T00:00", "99999-12-31T00:00", "0001-01-01T00:00", "9999-12-31T23:59"],
)
def test_schedule_amendment_refuses_impossible_times(client, value):
    tender = paket(mulai=timezone.now())
    client.force_login(members(tender)[0])
    response = client.post(
        reverse("pengadaan:jadwal", args=[tender.pk]),
        {"tahap": "penawaran", "mulai": value, "selesai": value, "alasan": value},
    )
    assert response.status_code == 400
    assert not tender.jadwal_set.filter(perubahan_set__isnull=False).exists()


@pytest.mark.parametrize("mulai", ["9999-12-31T23:59", "0001-01-01T00:00"])
def test_a_package_announced_in_an_impossible_year_is_refused_and_its_form_kept(client, mulai):
    from pengadaan.models import Paket
    from tests.factories.pengadaan import paket_form, ukpbj

    data = paket_form(mulai=mulai)
    client.force_login(ukpbj())
    response = client.post(reverse("pengadaan:paket_baru"), data)
    body = response.content.decode()
    assert response.status_code == 400 and "Isi tanggal dari tahun 2020 sampai 2100." in body
    assert "Pengadaan Komputer Mal Pelayanan Publik" in body and not Paket.objects.exists()


@pytest.mark.parametrize("year", ["0001", "9999"])
def test_a_stage_moved_to_an_impossible_year_is_refused(client, year):
    tender = paket(mulai=timezone.now())
    client.force_login(members(tender)[0])
    response = client.post(
        reverse("pengadaan:jadwal", args=[tender.pk]),
        {
            "tahap": "pengumuman",
            "mulai": f"{year}-01-01T00:00",
            "selesai": f"{year}-01-02T00:00",
            "alasan": "Uji",
        },
    )
    assert (
        response.status_code == 400
        and "Isi tanggal dari tahun 2020 sampai 2100." in response.content.decode()
    )
    assert not tender.jadwal_set.filter(perubahan_set__isnull=False).exists()


# Ids no table holds (past BIGINT, below zero, zero) and ids that are no number at all.
FORGED_IDS = ["99999999999999999999", "9223372036854775808", "-99999999999999999999", "0", "abc", "1.5"]
CHOICE_FIELDS = ["instansi", "kategori", "metode", "metode_evaluasi", "ppk", "pokja"]


def assert_wrong_choice_kept_the_rest(response, field):
    """The form came back with a wrong-choice error on `field` alone and what was typed elsewhere."""
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert {e.code for e in errors.as_data()[field]} <= {"invalid_choice", "invalid_pk_value"}
    body = response.content.decode()
    assert "Masukkan pilihan yang valid" in body or "bukan nilai yang valid" in body
    return body


@pytest.mark.parametrize("field", CHOICE_FIELDS)
@pytest.mark.parametrize("value", FORGED_IDS)
def test_a_forged_id_in_the_package_form_is_a_form_error_and_keeps_the_entries(client, field, value):
    from pengadaan.models import Paket
    from tests.factories.pengadaan import paket_form, ukpbj

    data = paket_form(lokasi="Gedung MPP Jl. Ki Hajar Dewantara")
    data[field] = [*data[field], value] if field == "pokja" else value
    client.force_login(ukpbj())
    body = assert_wrong_choice_kept_the_rest(client.post(reverse("pengadaan:paket_baru"), data), field)
    assert "Pengadaan Komputer Mal Pelayanan Publik" in body and "Gedung MPP Jl. Ki Hajar Dewantara" in body
    assert not Paket.objects.exists()


@pytest.mark.parametrize("field", ["instansi", "kategori", "metode", "ppk", "penyedia"])
@pytest.mark.parametrize("value", FORGED_IDS)
def test_a_forged_id_in_the_direct_procurement_form_is_a_form_error(client, field, value):
    from pengadaan.models import Paket
    from tests.factories.pengadaan import ppk
    from tests.factories.pengadaan_langsung import langsung_form, pejabat

    data = langsung_form(ppk_user=ppk(), penyedia=vendor(), lokasi="Kantor Bagian Umum Lantai 2")
    data[field] = value
    client.force_login(pejabat())
    body = assert_wrong_choice_kept_the_rest(client.post(reverse("pengadaan:langsung_baru"), data), field)
    assert "Pengadaan Alat Tulis Kantor Bagian Umum" in body and "Kantor Bagian Umum Lantai 2" in body
    assert not Paket.objects.exists()


@pytest.mark.parametrize("field", ["instansi", "kategori", "metode"])
@pytest.mark.parametrize("value", FORGED_IDS)
def test_a_forged_id_in_the_public_list_filters_is_dropped(client, field, value):
    response = client.get(reverse("pengadaan:index"), {field: value, "q": "Komputer"})
    assert response.status_code == 200
    assert response.context["form"].filters() == {"q": "Komputer"}
