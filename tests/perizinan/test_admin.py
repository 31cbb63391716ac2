import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from perizinan.constants import Status, StatusIzin
from perizinan.models import Izin
from perizinan.services import permohonan_izin_submit
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.perizinan import (
    izin_issued,
    office_day,
    permohonan_izin_advance,
    permohonan_izin_complete_draft,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(owner):
    return permohonan_izin_submit(permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner)


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def _act(client, permohonan, action, **data):
    permohonan.refresh_from_db()
    return client.post(
        reverse("admin:perizinan_aksi", args=[permohonan.pk, action]),
        {"status_seen": permohonan.status, **data},
        follow=True,
    )


def test_queue_lists_submitted_applications_with_filters(officer_client, submitted, owner):
    permohonan_izin_complete_draft(applicant=owner, nama_usaha="Draf Saja")
    url = reverse("admin:perizinan_permohonanizin_changelist")
    body = officer_client.get(url).content.decode()
    assert submitted.reference in body and "Draf Saja" not in body
    for query in ({"status__exact": "diajukan"}, {"jenis__exact": "baru"}, {"terlambat": "ya"}):
        assert officer_client.get(url, query).status_code == 200
    assert submitted.reference in officer_client.get(url, {"q": submitted.reference}).content.decode()


def test_buttons_take_a_siup_from_submitted_to_issued(officer_client, submitted):
    change = reverse("admin:perizinan_permohonanizin_change", args=[submitted.pk])
    page = officer_client.get(change).content.decode()
    assert "Verifikasi" in page and 'name="_save"' not in page  # a change goes through a button only
    assert "Berhasil" in _act(officer_client, submitted, "verifikasi").content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.DIJADWALKAN  # verifying confirms the day the owner booked
    moved = office_day(after=timezone.localtime(submitted.appointment_at).date())
    body = _act(
        officer_client, submitted, "jadwalkan", date=moved.isoformat(), time="10:00", note="KTP asli"
    ).content.decode()
    assert "Berhasil" in body
    submitted.refresh_from_db()
    assert submitted.status == Status.DIJADWALKAN and submitted.appointment_note == "KTP asli"
    assert timezone.localtime(submitted.appointment_at).date() == moved
    assert submitted.appointment_place == "Kantor DPMPTSP Kabupaten Tulungagung"
    assert "Berhasil" in _act(officer_client, submitted, "tanda_tangan", paid_amount="0").content.decode()
    assert "Berhasil" in _act(officer_client, submitted, "terbitkan").content.decode()
    izin = Izin.objects.get(permohonan=submitted)
    register = officer_client.get(reverse("admin:perizinan_izin_changelist")).content.decode()
    assert izin.nomor in register
    assert officer_client.get(reverse("admin:perizinan_izin_change", args=[izin.pk])).status_code == 200


def test_bad_officer_input_is_refused_with_a_message(officer_client, submitted):
    body = _act(officer_client, submitted, "tolak", note="").content.decode()
    assert "Tulis alasan penolakan" in body
    _act(officer_client, submitted, "verifikasi")
    body = _act(officer_client, submitted, "jadwalkan", date="bukan-tanggal").content.decode()
    assert "tanggal dan jam" in body
    body = _act(officer_client, submitted, "jadwalkan", date="2020-01-01").content.decode()
    assert "masa depan" in body
    sunday = office_day(weekday=6)
    body = _act(
        officer_client, submitted, "jadwalkan", date=sunday.isoformat(), time="09:00"
    ).content.decode()
    assert "tidak melayani tanda tangan" in body and "Berhasil" not in body
    body = _act(
        officer_client, submitted, "jadwalkan", date=office_day().isoformat(), time="15:00"
    ).content.decode()
    assert "Jam tanda tangan harus di antara 08.00–12.00" in body
    submitted.refresh_from_db()
    assert (
        submitted.status == Status.DIJADWALKAN and timezone.localtime(submitted.appointment_at).weekday() != 6
    )


def test_payment_amount_must_be_digits_and_match(officer_client, officer, owner):
    siup = izin_issued(
        applicant=owner,
        officer=officer,
        tanggal_terbit=timezone.localdate().replace(year=timezone.localdate().year - 5),
    )
    renewal = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(
            applicant=owner, jenis_permohonan="perpanjangan", izin_lama=siup
        ),
        actor=owner,
    )
    renewal = permohonan_izin_advance(renewal, officer=officer, to=Status.DIJADWALKAN)
    refusals = {"seratus": "Isi jumlah rupiah dengan angka", "150.000,50": "tidak memakai koma dan sen"}
    for typed, why in refusals.items():
        assert why in _act(officer_client, renewal, "tanda_tangan", paid_amount=typed).content.decode()
    assert "Rp150.000" in _act(officer_client, renewal, "tanda_tangan", paid_amount="100000").content.decode()
    body = _act(
        officer_client, renewal, "tanda_tangan", paid_amount="Rp150.000,00", payment_receipt="STS-77"
    ).content
    assert "Berhasil" in body.decode()
    renewal.refresh_from_db()
    assert renewal.paid_amount == 150_000 and renewal.payment_receipt == "STS-77"


def test_a_stale_click_is_refused_and_the_officers_own_second_click_is_told_so(client, officer, submitted):
    client.force_login(officer)
    _act(client, submitted, "verifikasi")
    url = reverse("admin:perizinan_aksi", args=[submitted.pk, "verifikasi"])
    again = client.post(url, {"status_seen": "diajukan"}, follow=True).content.decode()
    assert "sudah Anda proses" in again and "diubah orang lain" not in again
    assert client.post(url, {"status_seen": "diajukan\x00"}).status_code == 302  # a hand-made value: no 500
    client.force_login(UserFactory(role=Role.PETUGAS_PERIZINAN))  # a colleague's page drawn before it
    stale = client.post(url, {"status_seen": "diajukan"}, follow=True).content.decode()
    assert "baru saja diubah orang lain" in stale
    assert submitted.riwayat_set.count() == 3  # submitted, verified, scheduled on the booked day


def test_other_roles_see_nothing(client, submitted):
    kecamatan = UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")
    client.force_login(kecamatan)
    assert client.get(reverse("admin:perizinan_permohonanizin_changelist")).status_code == 403
    response = client.post(reverse("admin:perizinan_aksi", args=[submitted.pk, "verifikasi"]), {})
    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == Status.DIAJUKAN


def test_history_and_documents_are_visible_to_the_officer(officer_client, submitted):
    body = officer_client.get(
        reverse("admin:perizinan_permohonanizin_change", args=[submitted.pk])
    ).content.decode()
    assert "Akta pendirian" in body and "diajukan" in body
    doc = submitted.dokumen_set.first()
    response = officer_client.get(reverse("admin:perizinan_dokumen", args=[submitted.pk, doc.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_register_filters_by_status(officer_client, officer, owner):
    izin = izin_issued(applicant=owner, officer=officer, code="TDP")
    url = reverse("admin:perizinan_izin_changelist")
    assert izin.nomor in officer_client.get(url, {"status__exact": StatusIzin.AKTIF}).content.decode()
    assert (
        izin.nomor not in officer_client.get(url, {"status__exact": StatusIzin.KEDALUWARSA}).content.decode()
    )


def test_the_ho_survey_is_posted_with_the_verify_button(officer_client, owner):
    from perizinan.models import IndeksGangguan
    from tests.factories.perizinan import ho_levy_in_force

    ho_levy_in_force()
    p = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner, code="HO"), actor=owner
    )
    assert "hasil survei" in _act(officer_client, p, "verifikasi").content.decode()
    sedang = IndeksGangguan.objects.get(name="Gangguan sedang")
    body = _act(
        officer_client, p, "verifikasi", indeks_gangguan=sedang.pk, note="Bengkel las."
    ).content.decode()
    assert "Berhasil" in body
    p.refresh_from_db()
    assert p.indeks_gangguan == sedang and p.biaya == 480_000


def test_a_survey_index_not_on_the_list_is_refused_with_a_message(officer_client, owner):
    from tests.factories.perizinan import ho_levy_in_force

    ho_levy_in_force()
    p = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner, code="HO"), actor=owner
    )
    for chosen in ("abc", "9" * 30):
        response = _act(officer_client, p, "verifikasi", indeks_gangguan=chosen)
        assert response.status_code == 200 and "hasil survei" in response.content.decode()
    p.refresh_from_db()
    assert p.status == Status.DIAJUKAN


def test_the_verify_form_asks_for_the_ho_survey_only_for_an_ho_levy(officer_client, owner):
    from perizinan.models import IndeksGangguan

    ho = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner, code="HO"), actor=owner
    )
    page = officer_client.get(reverse("admin:perizinan_permohonanizin_change", args=[ho.pk])).content.decode()
    verify = page.split('value="verifikasi"')[0].rsplit("<form", 1)[1]
    assert 'name="indeks_gangguan"' in verify and 'name="note"' in verify
    for indeks in IndeksGangguan.objects.all():
        assert f'<option value="{indeks.pk}"' in verify
    siup = permohonan_izin_submit(permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner)
    page = officer_client.get(
        reverse("admin:perizinan_permohonanizin_change", args=[siup.pk])
    ).content.decode()
    assert 'name="indeks_gangguan"' not in page


def test_revision_request_names_only_what_the_owner_can_correct(officer_client, submitted):
    # A SIUP asks no HO floor area nor site plan: a request for them would leave the owner stuck.
    page = officer_client.get(reverse("admin:perizinan_permohonanizin_change", args=[submitted.pk]))
    body = page.content.decode()
    assert 'value="kekayaan_bersih"' in body and 'value="dokumen_ktp"' in body
    assert 'value="luas_ruang"' not in body and 'value="dokumen_denah"' not in body
    body = _act(
        officer_client, submitted, "minta_perbaikan", note="Lengkapi denah", fields=["dokumen_denah"]
    ).content.decode()
    assert "Pilih hanya isian atau dokumen yang ada pada permohonan ini." in body
    submitted.refresh_from_db()
    assert submitted.status == Status.DIAJUKAN


def test_the_signing_day_filter_looks_ahead(officer_client, submitted, officer):
    # Django's date filter offered "Tujuh hari terakhir": the desk prepares the days to come.
    url = reverse("admin:perizinan_permohonanizin_changelist")
    day = timezone.localtime(submitted.appointment_at).date()
    ahead = (day - timezone.localdate()).days
    page = officer_client.get(url).content.decode()
    assert "7 hari ke depan" in page and "Tujuh hari terakhir" not in page
    week = officer_client.get(url, {"tanda_tangan": "7_hari"}).content.decode()
    assert (submitted.reference in week) == (ahead <= 7)
    assert submitted.reference not in officer_client.get(url, {"tanda_tangan": "lewat"}).content.decode()
    assert officer_client.get(url, {"tanda_tangan": "besok", "_facets": "True"}).status_code == 200


def test_the_signing_day_filter_leaves_out_rejected_applications(officer_client, submitted, officer):
    from perizinan.services import permohonan_izin_reject

    permohonan_izin_reject(permohonan=submitted, actor=officer, note="Bukan usaha perdagangan.")
    url = reverse("admin:perizinan_permohonanizin_changelist")
    for value in ("hari_ini", "besok", "7_hari"):
        assert submitted.reference not in officer_client.get(url, {"tanda_tangan": value}).content.decode()
    assert submitted.reference in officer_client.get(url, {"selesai": "semua"}).content.decode()


def test_the_status_filter_offers_no_draf_which_no_queue_shows(officer_client, submitted):
    page = officer_client.get(reverse("admin:perizinan_permohonanizin_changelist")).content.decode()
    assert "status__exact=diajukan" in page and "status__exact=draf" not in page


def test_the_queue_finds_an_npwp_typed_as_printed(officer_client, submitted):
    url = reverse("admin:perizinan_permohonanizin_changelist")
    printed = f"{submitted.npwp[:2]}.{submitted.npwp[2:5]}.{submitted.npwp[5:8]}.{submitted.npwp[8]}-"
    printed += f"{submitted.npwp[9:12]}.{submitted.npwp[12:]}"
    assert submitted.reference in officer_client.get(url, {"q": printed}).content.decode()


def test_the_register_and_the_businesses_find_an_npwp_typed_as_printed(officer_client, officer, owner):
    izin = izin_issued(applicant=owner, officer=officer, code="TDP")
    npwp = izin.usaha.npwp
    printed = f"{npwp[:2]}.{npwp[2:5]}.{npwp[5:8]}.{npwp[8]}-{npwp[9:12]}.{npwp[12:]}"
    register = officer_client.get(reverse("admin:perizinan_izin_changelist"), {"q": printed})
    assert izin.nomor in register.content.decode()
    businesses = officer_client.get(reverse("admin:perizinan_usaha_changelist"), {"q": printed})
    assert izin.usaha.nama_usaha in businesses.content.decode()


def test_taking_an_application_from_a_stale_page_does_not_take_it_from_a_colleague(
    officer_client, submitted, officer
):
    url = reverse("admin:perizinan_tugaskan", args=[submitted.pk])
    page = officer_client.get(reverse("admin:perizinan_permohonanizin_change", args=[submitted.pk]))
    assert 'name="assigned_seen" value=""' in page.content.decode()
    colleague = UserFactory(role=Role.PETUGAS_PERIZINAN, role__instansi="DPMPTSP")
    submitted.assigned_to = colleague  # taken meanwhile, on another officer's screen
    submitted.save(update_fields=["assigned_to"])
    body = officer_client.post(url, {"officer": "me", "assigned_seen": ""}, follow=True).content.decode()
    assert "baru saja diubah orang lain" in body
    submitted.refresh_from_db()
    assert submitted.assigned_to == colleague
    officer_client.post(url, {"officer": "me", "assigned_seen": str(colleague.pk)})
    submitted.refresh_from_db()
    assert submitted.assigned_to == officer  # taken over knowingly, from the page that showed it


def test_the_register_filters_the_licences_ending_in_the_days_ahead_not_those_gone_by(
    officer_client, officer, owner
):
    today = timezone.localdate()
    ends = {"soon": 20, "later": 60, "gone": -20}
    licences = {
        name: izin_issued(applicant=owner, officer=officer, code=code)
        for name, code in zip(ends, ["SIUP", "TDP", "HO"], strict=True)
    }
    for name, days in ends.items():
        Izin.objects.filter(pk=licences[name].pk).update(berlaku_hingga=today + datetime.timedelta(days=days))
    url = reverse("admin:perizinan_izin_changelist")
    page = officer_client.get(url).content.decode()
    assert "Habis dalam 30 hari" in page and "Tujuh hari terakhir" not in page
    month = officer_client.get(url, {"habis": "30_hari"})
    assert month.status_code == 200
    assert {i.nomor for i in month.context["cl"].result_list} == {licences["soon"].nomor}
    quarter = officer_client.get(url, {"habis": "90_hari"}).context["cl"].result_list
    assert {i.nomor for i in quarter} == {licences["soon"].nomor, licences["later"].nomor}
    # A licence replaced by its renewal no longer ends: the new one does.
    Izin.objects.filter(pk=licences["soon"].pk).update(status=StatusIzin.DIPERBARUI)
    assert not officer_client.get(url, {"habis": "30_hari"}).context["cl"].result_list


def test_a_refused_schedule_gives_back_the_day_time_place_and_note(officer_client, submitted):
    _act(officer_client, submitted, "verifikasi")
    submitted.refresh_from_db()
    saturday = office_day(weekday=5)
    body = _act(
        officer_client,
        submitted,
        "jadwalkan",
        date=saturday.isoformat(),
        time="10:30",
        place="Ruang rapat lantai 2",
        note="KTP asli dan stempel usaha",
    ).content.decode()
    assert "Berhasil" not in body
    form = body.split('name="action" value="jadwalkan"')[0].rsplit("<form", 1)[1]
    assert f'value="{saturday.isoformat()}"' in form and 'value="10:30"' in form
    assert 'value="Ruang rapat lantai 2"' in form and ">KTP asli dan stempel usaha</textarea>" in form
