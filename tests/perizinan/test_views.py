import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from perizinan.constants import Jenis, Status
from perizinan.models import IndeksGangguan, IndeksLokasi, Izin, PermohonanIzin
from perizinan.rules import months_add
from portal.wilayah.models import Desa
from tests.factories import UserFactory
from tests.factories.perizinan import NPWP, PDF, izin_issued, permohonan_izin_complete_draft
from tests.utils import problems_link_to_their_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, owner):
    client.force_login(owner)
    return owner


def _new_draft(client, code="SIUP"):
    assert client.post(reverse("perizinan:start"), {"jenis_izin": code}).url == reverse(
        "perizinan:jenis", args=[code]
    )
    assert client.post(reverse("perizinan:jenis", args=[code]), {"jenis": "baru"}).url == reverse(
        "perizinan:baru", args=[code]
    )
    response = client.post(reverse("perizinan:baru", args=[code]), {"usaha": "baru"})
    permohonan = PermohonanIzin.objects.latest("pk")
    assert response.url == reverse("perizinan:step", args=[permohonan.pk, "identitas"])
    return permohonan


def _step(client, permohonan, step, data):
    return client.post(reverse("perizinan:step", args=[permohonan.pk, step]), data)


def _fill(client, permohonan, kekayaan="750000000"):
    desa = Desa.objects.filter(kecamatan__code="35.04.02").first()
    _step(client, permohonan, "identitas", {"nama_usaha": "CV Maju", "bentuk": "cv", "npwp": NPWP})
    alamat = {"alamat_usaha": "Jl. Pahlawan 3", "desa_kecamatan": desa.kecamatan_id, "desa_id": desa.pk}
    _step(client, permohonan, "alamat", alamat)
    _step(
        client,
        permohonan,
        "penanggung-jawab",
        {"penanggung_jawab": "Siti Aminah", "penanggung_jawab_nik": "3504025005900001"},
    )
    return _step(client, permohonan, "skala", {"kekayaan_bersih": kekayaan})


def test_the_owner_journey_ends_on_a_confirmation_with_the_reference_and_fee(client, logged_in):
    permohonan = _new_draft(client)
    response = _fill(client, permohonan)
    assert response.url == reverse("perizinan:dokumen", args=[permohonan.pk])
    files = {kind: _pdf(kind) for kind in ("akta", "ktp", "npwp", "neraca")}
    response = client.post(reverse("perizinan:dokumen", args=[permohonan.pk]), files)
    assert response.url == reverse("perizinan:jadwal", args=[permohonan.pk])
    page = client.get(response.url).content.decode()
    day = re.search(r'name="day" value="([0-9-]+)"', page).group(1)
    response = client.post(reverse("perizinan:jadwal", args=[permohonan.pk]), {"day": day})
    assert response.url == reverse("perizinan:periksa", args=[permohonan.pk])
    body = client.get(response.url).content.decode()
    assert "SIUP Menengah" in body and "Tanpa biaya" in body and "SIUP baru tidak dipungut biaya" in body
    assert body.count(">Ubah<") >= 5
    response = client.post(reverse("perizinan:periksa", args=[permohonan.pk]))
    assert response.url == reverse("perizinan:konfirmasi", args=[permohonan.pk])
    permohonan.refresh_from_db()
    assert permohonan.status == Status.DIAJUKAN and permohonan.biaya == 0
    assert permohonan.reference in client.get(response.url).content.decode()
    assert permohonan.reference in client.get(reverse("perizinan:list")).content.decode()


def _pdf(kind):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(f"{kind}.pdf", PDF, content_type="application/pdf")


def test_siup_at_50_juta_says_it_is_optional(client, logged_in):
    permohonan = _new_draft(client)
    _fill(client, permohonan, kekayaan="50000000")
    body = client.get(reverse("perizinan:periksa", args=[permohonan.pk])).content.decode()
    assert "tidak wajib memiliki SIUP" in body and "Rp50.000.000" in body


def _penanggung_jawab(nik):
    return {"penanggung_jawab": "Siti", "penanggung_jawab_nik": nik}


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("skala", {"kekayaan_bersih": "-5"}, "tidak boleh negatif"),
        ("skala", {"kekayaan_bersih": "99999999999999999"}, "tidak masuk akal"),
        ("skala", {"kekayaan_bersih": "9" * 25}, "tidak masuk akal"),  # past the column's range
        ("skala", {"kekayaan_bersih": "satu juta"}, "Isi jumlah rupiah dengan angka"),
        ("identitas", {"nama_usaha": "CV Maju", "bentuk": "cv", "npwp": "12345678901234"}, "15 atau 16"),
        ("identitas", {"nama_usaha": "CV Maju", "bentuk": "cv", "npwp": NPWP, "nib": "12"}, "13 angka"),
        ("penanggung-jawab", _penanggung_jawab("35040250059"), "16 angka"),
        ("penanggung-jawab", _penanggung_jawab("3504029913990001"), "01–12"),  # no 13th month
        ("penanggung-jawab", _penanggung_jawab("3504029910990001"), "41–71"),  # no 99th day
    ],
)
def test_bad_input_saves_nothing_and_says_why(client, logged_in, step, data, message):
    permohonan = _new_draft(client)
    before = PermohonanIzin.objects.filter(pk=permohonan.pk).values().get()
    response = _step(client, permohonan, step, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert PermohonanIzin.objects.filter(pk=permohonan.pk).values().get() == before


def test_ho_asks_floor_area_and_location_and_shows_the_levy_range_not_a_nuisance_choice(client, logged_in):
    from tests.factories.perizinan import ho_levy_in_force

    ho_levy_in_force()
    permohonan = _new_draft(client, code="HO")
    body = client.get(reverse("perizinan:step", args=[permohonan.pk, "skala"])).content.decode()
    assert "luas_ruang" in body and "kekayaan_bersih" not in body and "indeks_gangguan" not in body
    _step(
        client,
        permohonan,
        "skala",
        {
            "luas_ruang": "50",
            "indeks_lokasi": IndeksLokasi.objects.get(name="Jalan arteri").pk,
            "indeks_gangguan": IndeksGangguan.objects.get(name="Gangguan kecil").pk,
        },
    )
    permohonan.refresh_from_db()
    assert permohonan.indeks_gangguan is None  # a posted value is ignored
    body = client.get(reverse("perizinan:periksa", args=[permohonan.pk])).content.decode()
    assert "Rp150.000 – Rp450.000" in body  # 50 m² × 3 × 1..3 × Rp1.000


def test_tdp_has_no_assets_step(client, logged_in):
    permohonan = _new_draft(client, code="TDP")
    assert client.get(reverse("perizinan:step", args=[permohonan.pk, "skala"])).status_code == 404


def test_another_owners_application_licence_and_renewal_are_404(client, logged_in, officer):
    other = UserFactory()
    izin = izin_issued(
        applicant=other, officer=officer, code="TDP", tanggal_terbit=months_add(timezone.localdate(), -59)
    )
    assert client.post(reverse("perizinan:izin_renew", args=[izin.pk])).status_code == 404
    assert client.get(reverse("perizinan:izin_pdf", args=[izin.pk])).status_code == 404
    assert client.get(reverse("perizinan:detail", args=[izin.permohonan.pk])).status_code == 404
    assert client.get(reverse("perizinan:periksa", args=[izin.permohonan.pk])).status_code == 404
    assert not PermohonanIzin.objects.filter(jenis=Jenis.PERPANJANGAN).exists()


def test_renewal_outside_the_window_by_url_saves_nothing_and_names_the_date(
    client, logged_in, owner, officer
):
    izin = izin_issued(applicant=owner, officer=officer, code="TDP")
    response = client.post(reverse("perizinan:izin_renew", args=[izin.pk]), follow=True)
    opens = izin.berlaku_hingga - datetime.timedelta(days=izin.jenis_izin.renewal_window_days)
    assert f"baru dibuka pada {opens.day} " in response.content.decode()
    assert not PermohonanIzin.objects.filter(jenis=Jenis.PERPANJANGAN).exists()


def test_renewal_inside_the_window_prefills_and_goes_to_check_answers(client, logged_in, owner, officer):
    izin = izin_issued(
        applicant=owner, officer=officer, code="TDP", tanggal_terbit=months_add(timezone.localdate(), -59)
    )
    body = client.get(reverse("perizinan:list")).content.decode()
    assert izin.nomor in body and "Perpanjang" in body
    response = client.post(reverse("perizinan:izin_renew", args=[izin.pk]))
    renewal = PermohonanIzin.objects.get(jenis=Jenis.PERPANJANGAN)
    assert response.url == reverse("perizinan:periksa", args=[renewal.pk])
    assert renewal.nama_usaha == izin.usaha.nama_usaha and renewal.izin_lama == izin
    desa = izin.usaha.desa
    alamat = {"alamat_usaha": "Jl. Baru 9", "desa_kecamatan": desa.kecamatan_id, "desa_id": desa.pk}
    response = _step(client, renewal, "alamat", alamat)
    assert response.url == reverse("perizinan:periksa", args=[renewal.pk])


def test_a_tdp_past_its_daftar_ulang_day_still_renews_and_is_told_it_is_late(
    client, logged_in, owner, officer
):
    # Issued 59 months ago: it ends in a month, two months after its daftar ulang was due.
    izin = izin_issued(
        applicant=owner, officer=officer, code="TDP", tanggal_terbit=months_add(timezone.localdate(), -59)
    )
    body = client.get(reverse("perizinan:list")).content.decode()
    assert f"daftar ulang paling lambat {izin.renewal_due.day} " in body and "(sudah lewat)" in body
    page = client.post(reverse("perizinan:izin_renew", args=[izin.pk]), follow=True).content.decode()
    assert "Batas daftar ulang izin ini" in page and "sudah lewat" in page
    assert PermohonanIzin.objects.filter(jenis=Jenis.PERPANJANGAN, izin_lama=izin).exists()


def test_renewal_clicked_twice_continues_one_draft(client, logged_in, owner, officer):
    izin = izin_issued(
        applicant=owner, officer=officer, code="TDP", tanggal_terbit=months_add(timezone.localdate(), -59)
    )
    first = client.post(reverse("perizinan:izin_renew", args=[izin.pk]))
    second = client.post(reverse("perizinan:izin_renew", args=[izin.pk]))
    renewal = PermohonanIzin.objects.get(jenis=Jenis.PERPANJANGAN)
    assert first.url == second.url == reverse("perizinan:periksa", args=[renewal.pk])


def test_detail_shows_the_signing_appointment_and_fee(client, logged_in, owner, officer):
    from perizinan.services import permohonan_izin_submit
    from tests.factories.perizinan import ho_levy_in_force, permohonan_izin_advance

    ho_levy_in_force()
    permohonan = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner, code="HO"), actor=owner
    )
    permohonan_izin_advance(permohonan, officer=officer, to=Status.DIJADWALKAN)
    body = client.get(reverse("perizinan:detail", args=[permohonan.pk])).content.decode()
    assert "Jadwal tanda tangan basah" in body and "Rp480.000" in body and "KTP asli" in body


def test_licence_pdf_is_rendered_after_issue_and_downloads(
    client, logged_in, owner, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        izin = izin_issued(applicant=owner, officer=officer, code="TDP")
    response = client.get(reverse("perizinan:izin_pdf", args=[izin.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(reverse("perizinan:receipt", args=[izin.permohonan.pk])).status_code == 200
    body = client.get(reverse("perizinan:detail", args=[izin.permohonan.pk])).content.decode()
    assert izin.nomor in body and "Unduh izin (PDF)" in body
    subjects = [m.subject for m in mail.outbox]
    assert f"Permohonan izin {izin.permohonan.reference}: Izin diterbitkan" in subjects
    # One email per change the owner needs: submitted, scheduled (verifying confirms the booked day),
    # signed, issued.
    assert len(subjects) == len(set(subjects)) == 4


def test_index_lists_types_and_siup_classes(client):
    body = client.get(reverse("perizinan:index")).content.decode()
    assert "Surat Izin Usaha Perdagangan" in body and "Izin Gangguan" in body
    assert "Rp500.000.000" in body and "Rp10.000.000.000" in body and "Rp300.000" in body


def test_pages_need_login(client):
    assert client.get(reverse("perizinan:start")).status_code == 302
    assert Izin.objects.count() == 0


def test_the_second_click_of_a_double_click_on_ajukan_shows_the_confirmation(client, logged_in, monkeypatch):
    from perizinan import views

    permohonan = permohonan_izin_complete_draft(applicant=logged_in)
    submit = views.permohonan_izin_submit

    def first_click_submits_meanwhile(*, permohonan, actor):
        submit(permohonan=PermohonanIzin.objects.get(pk=permohonan.pk), actor=actor)
        return submit(permohonan=permohonan, actor=actor)  # this click, on the row as it read it

    monkeypatch.setattr(views, "permohonan_izin_submit", first_click_submits_meanwhile)
    response = client.post(reverse("perizinan:periksa", args=[permohonan.pk]))
    assert response.status_code == 302
    assert response.url == reverse("perizinan:konfirmasi", args=[permohonan.pk])
    permohonan.refresh_from_db()
    assert permohonan.status == Status.DIAJUKAN
    assert permohonan.riwayat_set.filter(to_status=Status.DIAJUKAN).count() == 1


def test_a_refused_submission_points_to_the_labelled_list_instead_of_repeating_bare_messages(
    client, logged_in, owner
):
    draft = permohonan_izin_complete_draft(applicant=owner)
    draft.dokumen_set.all().delete()
    response = client.post(reverse("perizinan:periksa", args=[draft.pk]))
    banner = [str(message) for message in response.context["messages"]]
    assert banner == ["Permohonan belum bisa diajukan: lengkapi dulu yang tercantum di bawah."]
    assert "Unggah dokumen ini." in response.content.decode()  # listed with the document's name


def test_confirmation_and_receipt_name_the_signing_day_the_owner_booked(client, logged_in, owner):
    from django.template.loader import render_to_string
    from django.utils import formats

    permohonan = permohonan_izin_complete_draft(applicant=owner)
    client.post(reverse("perizinan:periksa", args=[permohonan.pk]))
    permohonan.refresh_from_db()
    day = formats.date_format(timezone.localtime(permohonan.appointment_at), "l, j F Y")
    page = client.get(reverse("perizinan:konfirmasi", args=[permohonan.pk])).content.decode()
    assert f"pada hari yang Anda pilih, {day}" in page and "Anda mendapat jadwal" not in page
    receipt = render_to_string("pdf/perizinan/bukti_pendaftaran.html", {"permohonan": permohonan})
    assert f"pada hari yang Anda pilih, {day}" in receipt and "Anda mendapat jadwal" not in receipt


def test_a_document_uploaded_alone_is_kept_while_others_are_missing(client, logged_in, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    permohonan = permohonan_izin_complete_draft(applicant=owner)
    permohonan.dokumen_set.all().delete()
    upload = SimpleUploadedFile("ktp.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("perizinan:dokumen", args=[permohonan.pk]), {"ktp": upload})
    assert response.status_code == 200  # the other documents are still missing
    assert list(permohonan.dokumen_set.values_list("kind", flat=True)) == ["ktp"]
    assert "Tersimpan: KTP penanggung jawab." in response.content.decode()


def test_npwp_and_nib_typed_as_printed_are_kept_as_digits(client, logged_in):
    permohonan = _new_draft(client)
    data = {"nama_usaha": "UD Maju", "bentuk": "perorangan", "npwp": "01.234.567.8-901.234"}
    page = client.get(reverse("perizinan:step", args=[permohonan.pk, "identitas"])).content.decode()
    assert 'name="npwp"' in page and 'maxlength="16"' not in page  # the browser cuts nothing
    response = _step(client, permohonan, "identitas", data | {"nib": "1234 5678 90123", "kbli": ""})
    assert response.status_code == 302
    permohonan.refresh_from_db()
    assert (permohonan.npwp, permohonan.nib) == ("012345678901234", "1234567890123")


def test_the_owner_s_lists_fit_a_phone_in_three_columns(client, logged_in, owner, officer):
    # At 360 px a table of five or six columns broke words such as "Unduh" letter by letter.
    izin = izin_issued(applicant=owner, officer=officer, code="TDP")
    body = client.get(reverse("perizinan:list")).content.decode()
    tables = re.findall(r"<thead>(.*?)</thead>", body, re.S)
    assert len(tables) == 2 and all(head.count('scope="col"') == 3 for head in tables)
    assert izin.nomor in body and izin.permohonan.reference in body


def test_withdraw_ends_an_application_only_once_the_owner_confirms(client, logged_in, owner):
    from perizinan.services import permohonan_izin_submit

    permohonan = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner
    )
    url = reverse("perizinan:withdraw", args=[permohonan.pk])
    page = client.get(reverse("perizinan:detail", args=[permohonan.pk])).content.decode()
    assert 'name="yakin"' in page and "Pembatalan tidak bisa diurungkan." in page
    body = client.post(url, follow=True).content.decode()
    assert "Centang kotak konfirmasi untuk membatalkan permohonan." in body
    permohonan.refresh_from_db()
    assert permohonan.status == "diajukan"
    client.post(url, {"yakin": "1"})
    permohonan.refresh_from_db()
    assert permohonan.status == "dibatalkan"


def test_withdrawing_after_verification_says_why_in_plain_words(client, logged_in, owner, officer):
    from perizinan.services import permohonan_izin_submit, permohonan_izin_verify

    permohonan = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner
    )
    permohonan_izin_verify(permohonan=permohonan, actor=officer)  # while the owner's page was open
    response = client.post(reverse("perizinan:withdraw", args=[permohonan.pk]), {"yakin": "1"}, follow=True)
    body = response.content.decode()
    assert "sudah diverifikasi petugas dan tidak bisa dibatalkan lagi" in body
    assert "Status tidak bisa diubah dari" not in body


def test_a_rejected_application_shows_no_signing_day_to_come_to(client, logged_in, owner, officer):
    from perizinan.services import permohonan_izin_reject, permohonan_izin_submit

    permohonan = permohonan_izin_submit(
        permohonan=permohonan_izin_complete_draft(applicant=owner), actor=owner
    )
    permohonan_izin_reject(permohonan=permohonan, actor=officer, note="Bukan usaha perdagangan.")
    page = client.get(reverse("perizinan:detail", args=[permohonan.pk])).content.decode()
    assert "Bukan usaha perdagangan." in page and "Jadwal tanda tangan" not in page


@pytest.mark.parametrize(("code", "title"), [("SIUP", "Kekayaan bersih"), ("HO", "Tempat usaha")])
def test_the_scale_step_is_named_after_what_it_asks(client, logged_in, code, title):
    permohonan = _new_draft(client, code=code)
    step = client.get(reverse("perizinan:step", args=[permohonan.pk, "skala"])).content.decode()
    periksa = client.get(reverse("perizinan:periksa", args=[permohonan.pk])).content.decode()
    for page in (step, periksa):
        assert f"{title} <" in page or f">{title}<" in page
        assert "Kekayaan dan tempat usaha" not in page


def test_a_form_sent_from_a_stale_page_says_what_to_do(owner):
    # As after signing out and in again in another tab: the page's token is no longer the valid one.
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    permohonan = permohonan_izin_complete_draft(applicant=owner)
    url = reverse("perizinan:step", args=[permohonan.pk, "identitas"])
    client.get(url)
    response = client.post(url, {"csrfmiddlewaretoken": "x" * 64, "nama_usaha": "UD Baru"})
    body = response.content.decode()
    assert response.status_code == 403 and "Halaman sudah kedaluwarsa" in body and "CSRF" not in body
    permohonan.refresh_from_db()
    assert permohonan.nama_usaha != "UD Baru"


@pytest.mark.parametrize("luas", ["0", "-5"])
def test_a_floor_area_below_one_square_metre_gets_one_message(client, logged_in, luas):
    from tests.factories.perizinan import ho_levy_in_force

    ho_levy_in_force()
    permohonan = _new_draft(client, code="HO")
    lokasi = IndeksLokasi.objects.get(name="Jalan arteri").pk
    response = _step(client, permohonan, "skala", {"luas_ruang": luas, "indeks_lokasi": lokasi})
    assert response.status_code == 200
    assert "Luas ruang usaha paling sedikit 1 m²." in response.content.decode()


def test_each_unfinished_answer_links_to_its_question(client, logged_in):
    permohonan = _new_draft(client, code="HO")
    labels = problems_link_to_their_questions(client, reverse("perizinan:periksa", args=[permohonan.pk]))
    assert {"Nama usaha", "Desa/kelurahan", "Luas ruang usaha (m²)", "Denah lokasi dan ruang usaha"} <= set(
        labels
    )
    assert "Jadwal tanda tangan" in labels


def test_a_withdrawn_draft_is_listed_as_such_and_has_no_confirmation_page(client, logged_in, owner):
    from portal.workflow import applicant_withdraw

    draft = permohonan_izin_complete_draft(applicant=owner)
    applicant_withdraw(instance=draft, actor=owner)
    body = client.get(reverse("perizinan:list")).content.decode()
    assert "Draf dibatalkan" in body and "None" not in body and "Bukti disiapkan" not in body
    detail = reverse("perizinan:detail", args=[draft.pk])
    assert client.get(reverse("perizinan:konfirmasi", args=[draft.pk]))["Location"] == detail
