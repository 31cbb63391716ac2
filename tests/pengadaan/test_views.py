"""The tender pages through HTTP: a vendor's journey, the officers' desk, and what stays hidden."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pengadaan.constants import PenyediaStatus, Status, Tahap
from pengadaan.models import Paket, Penawaran, Penyedia, Pertanyaan
from pengadaan.selectors import penyedia_versi
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.pengadaan import (
    bid,
    bid_parts,
    clock,
    during,
    members,
    opened,
    paket,
    paket_form,
    stage,
    ukpbj,
    vendor,
)

pytestmark = pytest.mark.django_db

PROFILE = {
    "nama_usaha": "CV Maju Jaya",
    "bentuk_usaha": "cv",
    "npwp": "098765432109876",
    "nib": "9876543210987",
    "kbli": "41011",
    "alamat": "Jl. Diponegoro 9, Tulungagung",
}


def _login(client, user):
    client.force_login(user)
    return client


def test_vendor_registers_and_an_officer_verifies(client):
    user = UserFactory(role=Role.WARGA)
    response = _login(client, user).post(reverse("pengadaan:penyedia"), PROFILE)
    assert response.status_code == 302
    profile = Penyedia.objects.get(user=user)
    assert profile.status == PenyediaStatus.DIAJUKAN and user.has_role(Role.PENYEDIA)
    officer = ukpbj()
    client.force_login(officer)
    assert PROFILE["nama_usaha"] in client.get(reverse("pengadaan:penyedia_list")).content.decode()
    url = reverse("pengadaan:penyedia_verifikasi", args=[profile.pk])
    seen = {f"penyedia-{profile.pk}-versi": penyedia_versi(profile)}
    response = client.post(url, {f"penyedia-{profile.pk}-approve": "0", **seen})
    assert response.status_code == 400 and "alasan" in response.content.decode()
    client.post(url, {f"penyedia-{profile.pk}-approve": "1", **seen})
    profile.refresh_from_db()
    assert profile.status == PenyediaStatus.TERVERIFIKASI


def test_a_profile_changed_after_the_officer_read_it_is_not_verified_unseen(client):
    first = _login(client, UserFactory(role=Role.WARGA))
    first.post(reverse("pengadaan:penyedia"), PROFILE)
    profile = Penyedia.objects.get(nama_usaha=PROFILE["nama_usaha"])
    Penyedia.objects.create(
        user=UserFactory(role=Role.WARGA), **{**PROFILE, "npwp": "1" * 15, "nib": "1" * 13}
    )
    _login(client, ukpbj())
    queue = client.get(reverse("pengadaan:penyedia_list")).content.decode()
    # One form per profile: a label never ticks another vendor's choice.
    assert queue.count('id="id_penyedia-') > 0 and queue.count('id="id_approve_0"') == 0
    seen = penyedia_versi(profile)
    Penyedia.objects.filter(pk=profile.pk).update(
        nama_usaha="PT Lain Sama Sekali"
    )  # the vendor edits meanwhile
    response = client.post(
        reverse("pengadaan:penyedia_verifikasi", args=[profile.pk]),
        {f"penyedia-{profile.pk}-approve": "1", f"penyedia-{profile.pk}-versi": seen},
    )
    assert response.status_code == 400
    assert "Penyedia mengubah profilnya sesudah halaman ini dibuka" in response.content.decode()
    assert Penyedia.objects.get(pk=profile.pk).status == PenyediaStatus.DIAJUKAN


def test_bad_profile_keeps_the_input_and_says_why(client):
    response = _login(client, UserFactory(role=Role.WARGA)).post(
        reverse("pengadaan:penyedia"), {**PROFILE, "npwp": "12.345"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "NPWP harus 15 atau 16 angka" in body and "CV Maju Jaya" in body


def test_vendor_types_the_npwp_and_nib_as_printed_and_their_digits_are_kept(client):
    user = UserFactory(role=Role.WARGA)
    printed = {**PROFILE, "npwp": "09.876.543.2-109.876", "nib": "9876 5432 10987"}
    response = _login(client, user).post(reverse("pengadaan:penyedia"), printed)
    assert response.status_code == 302, response.context["form"].errors
    profile = Penyedia.objects.get(user=user)
    assert (profile.npwp, profile.nib) == (PROFILE["npwp"], PROFILE["nib"])


def test_the_vendor_npwp_box_lets_a_printed_number_be_typed_and_says_so(client):
    page = _login(client, UserFactory(role=Role.WARGA)).get(reverse("pengadaan:penyedia")).content.decode()
    assert "01.234.567.8-901.234" in page and 'maxlength="16"' not in page and 'maxlength="13"' not in page


def test_vendor_joins_asks_bids_and_replaces_through_the_pages(client):
    tender = paket(now_in=Tahap.AANWIJZING)
    penyedia = vendor()
    _login(client, penyedia.user)
    client.post(reverse("pengadaan:daftar", args=[tender.pk]))
    client.post(
        reverse("pengadaan:tanya", args=[tender.pk]), {"pertanyaan": "Apakah ada kunjungan lapangan?"}
    )
    assert Pertanyaan.objects.filter(paket=tender).count() == 1
    with clock(during(tender, Tahap.PENAWARAN)):
        for price in ("850000000", "840000000"):
            response = client.post(
                reverse("pengadaan:penawaran", args=[tender.pk]), {"harga": price, **bid_parts()}
            )
            assert response.status_code == 302
    assert Penawaran.objects.filter(paket=tender, penyedia=penyedia, aktif=True).count() == 1
    page = client.get(reverse("pengadaan:paket", args=[tender.pk])).content.decode()
    assert Penawaran.objects.get(aktif=True, penyedia=penyedia).digest in page
    assert "840000000" not in page and "840.000.000" not in page


def test_late_bid_through_the_page_is_refused_with_a_clear_message(client):
    tender = paket(now_in=Tahap.PENAWARAN)
    penyedia = vendor()
    with clock(during(tender, Tahap.PENAWARAN)):
        _login(client, penyedia.user).post(reverse("pengadaan:daftar", args=[tender.pk]))
    with clock(stage(tender, Tahap.PENAWARAN).selesai + datetime.timedelta(seconds=1)):
        response = client.post(
            reverse("pengadaan:penawaran", args=[tender.pk]), {"harga": "1", **bid_parts()}
        )
    assert response.status_code == 400
    assert "tidak diterima dan tidak disimpan" in response.content.decode()
    assert not Penawaran.objects.exists()


def test_questions_are_shown_without_the_askers_name(client):
    tender = paket(now_in=Tahap.AANWIJZING)
    asker, other = vendor(name="CV Penanya Rahasia"), vendor()
    _login(client, asker.user).post(reverse("pengadaan:daftar", args=[tender.pk]))
    client.post(reverse("pengadaan:tanya", args=[tender.pk]), {"pertanyaan": "Berapa lama garansi?"})
    client.force_login(members(tender)[0])
    question = Pertanyaan.objects.get()
    client.post(
        reverse("pengadaan:jawab", args=[question.pk]), {f"tanya-{question.pk}-jawaban": "Dua belas bulan."}
    )
    _login(client, other.user).post(reverse("pengadaan:daftar", args=[tender.pk]))
    page = client.get(reverse("pengadaan:paket", args=[tender.pk])).content.decode()
    assert "Berapa lama garansi?" in page and "Dua belas bulan." in page and "Penanya Rahasia" not in page


def test_pokja_desk_opens_evaluates_and_decides(client):
    # The tender's opening started an hour ago: the pages run on the real clock.
    tender = paket(now_in=Tahap.PEMBUKAAN)
    penawaran = bid(tender, vendor(), 800_000_000)
    _login(client, members(tender)[0])
    client.post(reverse("pengadaan:buka", args=[tender.pk]))
    assert Paket.objects.get(pk=tender.pk).status == Status.EVALUASI
    # Without a declaration the documents stay closed.
    response = client.get(reverse("pengadaan:berkas", args=[penawaran.pk, "teknis"]))
    assert response.status_code == 302
    for member in members(tender):
        client.force_login(member)
        client.post(reverse("pengadaan:konflik", args=[tender.pk]), {"ada_konflik": "0"})
        response = client.get(reverse("pengadaan:berkas", args=[penawaran.pk, "teknis"]))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        client.post(
            reverse("pengadaan:evaluasi", args=[penawaran.pk]),
            {"administrasi_lulus": "on", "teknis_lulus": "on", "alasan": "Lengkap."},
        )
    client.post(reverse("pengadaan:tetapkan", args=[tender.pk]))
    assert Paket.objects.get(pk=tender.pk).status == Status.PEMENANG
    assert "800.000.000" in client.get(reverse("pengadaan:paket", args=[tender.pk])).content.decode()


def test_officer_registers_a_package_through_the_form(client):
    from tests.factories.pengadaan import pdf

    data = paket_form(hps=600_000_000)
    _login(client, ukpbj())
    response = client.post(reverse("pengadaan:paket_baru"), data)
    assert response.status_code == 400 and "HPS tidak boleh melebihi pagu" in response.content.decode()
    data.update(hps=450_000_000, dokumen=pdf())
    response = client.post(reverse("pengadaan:paket_baru"), data)
    assert response.status_code == 302
    created = Paket.objects.get()
    assert created.jadwal_set.count() == 10 and created.pokja_set.count() == 3


def test_opened_prices_only_after_opening_on_every_page(client):
    tender = paket(mulai=timezone.now() - datetime.timedelta(days=1))
    bid(tender, vendor(), 812_345_678)
    _login(client, members(tender)[0])
    urls = [reverse("pengadaan:paket", args=[tender.pk]), reverse("pengadaan:kelola_paket", args=[tender.pk])]
    for url in urls:
        body = client.get(url).content.decode()
        assert "812.345.678" not in body and "812345678" not in body
    assert client.get(reverse("pengadaan:berita_acara", args=[tender.pk])).status_code == 404
    opened(tender)
    assert "812.345.678" in client.get(urls[0]).content.decode()


def test_ppk_records_the_contract_and_ukpbj_retenders_a_failed_package(client):
    from pengadaan.services import paket_fail
    from tests.factories.pengadaan import decided, evaluated

    tender = paket(now_in=Tahap.PENAWARAN)
    bid(tender, vendor(), 800_000_000)
    tender = opened(tender)
    evaluated(tender)
    decided(tender)
    Paket.objects.filter(pk=tender.pk).update(sanggah_selesai=timezone.now() - datetime.timedelta(seconds=1))
    _login(client, tender.ppk)
    desk = reverse("pengadaan:kelola_paket", args=[tender.pk])
    assert "Catat SPPBJ dan kontrak" in client.get(desk).content.decode()
    today = timezone.localdate().isoformat()
    data = {
        "nomor_sppbj": "1/SPPBJ",
        "tanggal_sppbj": today,
        "nomor": "1/K",
        "tanggal_mulai": today,
        "tanggal_selesai": today,
    }
    response = client.post(reverse("pengadaan:kontrak", args=[tender.pk]), {**data, "nilai": "900000000"})
    assert response.status_code == 400  # above the winning price; the form keeps what was typed
    assert (
        "melebihi harga penawaran pemenang" in response.content.decode()
        and "1/SPPBJ" in response.content.decode()
    )
    client.post(
        reverse("pengadaan:kontrak", args=[tender.pk]),
        {**data, "nilai": "800000000", "tanggal_selesai": today},
    )
    assert Paket.objects.get(pk=tender.pk).status == Status.KONTRAK

    other = paket(now_in=Tahap.PENGUMUMAN)
    paket_fail(paket=other, actor=members(other)[0], alasan="Dokumen pemilihan keliru.")
    _login(client, ukpbj())
    assert (
        "Tenderkan ulang" in client.get(reverse("pengadaan:kelola_paket", args=[other.pk])).content.decode()
    )
    start = (timezone.localtime() + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    from tests.factories.pengadaan import pdf

    response = client.post(reverse("pengadaan:ulang", args=[other.pk]), {"mulai": start})
    assert response.status_code == 400 and not Paket.objects.filter(retender_dari=other).exists()
    response = client.post(reverse("pengadaan:ulang", args=[other.pk]), {"mulai": start, "dokumen": pdf()})
    assert response.status_code == 302
    again = Paket.objects.get(retender_dari=other)
    # Its vendors can read what they bid on.
    assert again.dokumen_set.filter(kind="dokumen_pemilihan").exists()
    page = client.get(reverse("pengadaan:paket", args=[other.pk])).content.decode()
    assert "Dokumen pemilihan keliru." in page and again.reference in page


def test_desk_answer_forms_have_ids_of_their_own_and_a_failed_one_keeps_its_errors(client):
    tender = paket(now_in=Tahap.AANWIJZING)
    asker = vendor()
    _login(client, asker.user).post(reverse("pengadaan:daftar", args=[tender.pk]))
    for text in ("Pertanyaan satu?", "Pertanyaan dua?"):
        client.post(reverse("pengadaan:tanya", args=[tender.pk]), {"pertanyaan": text})
    first, second = Pertanyaan.objects.order_by("pk")
    client.force_login(members(tender)[0])
    body = client.get(reverse("pengadaan:kelola_paket", args=[tender.pk])).content.decode()
    assert f'id="id_tanya-{first.pk}-jawaban"' in body and f'id="id_tanya-{second.pk}-jawaban"' in body
    response = client.post(reverse("pengadaan:jawab", args=[second.pk]), {f"tanya-{second.pk}-jawaban": " "})
    assert response.status_code == 400
    assert response.content.decode().count("is-invalid") == 1


def test_receipt_and_records_are_made_on_request_when_their_task_never_ran(client):
    # No on-commit callbacks run here: as if the broker had been down when the bid came in.
    tender = paket(now_in=Tahap.PENAWARAN)
    penyedia = vendor()
    penawaran = bid(tender, penyedia, 800_000_000)
    _login(client, penyedia.user)
    response = client.get(reverse("pengadaan:bukti", args=[penawaran.digest]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    opened(tender)
    response = client.get(reverse("pengadaan:berita_acara", args=[tender.pk]))
    assert response.status_code == 200


def test_a_past_announcement_start_is_refused_on_the_form_which_keeps_the_input(client):
    past = timezone.localtime() - datetime.timedelta(days=22)
    data = paket_form(mulai=past.strftime("%Y-%m-%dT%H:%M"))
    response = _login(client, ukpbj()).post(reverse("pengadaan:paket_baru"), data)
    body = response.content.decode()
    assert response.status_code == 400 and not Paket.objects.exists()
    assert response.context["form"].errors["mulai"][0].startswith("Mulai pengumuman tidak boleh sebelum")
    assert 'value="Pengadaan Komputer Mal Pelayanan Publik"' in body
    assert f'value="{past:%Y-%m-%dT%H:%M}"' in body


def test_after_the_deadline_the_bid_page_shows_the_bid_and_no_form(client):
    tender = paket(now_in=Tahap.PENAWARAN)
    bidder, idle = vendor(), vendor()
    sent = bid(tender, bidder, 850_000_000)
    with clock(during(tender, Tahap.PENAWARAN)):
        _login(client, idle.user).post(reverse("pengadaan:daftar", args=[tender.pk]))
    url = reverse("pengadaan:penawaran", args=[tender.pk])
    assert 'name="harga"' in _login(client, bidder.user).get(url).content.decode()
    late = stage(tender, Tahap.PENAWARAN).selesai + datetime.timedelta(seconds=1)
    with clock(late):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="harga"' not in body and "multipart/form-data" not in body
    assert "Batas penyampaian penawaran sudah lewat" in body
    assert sent.digest in body and reverse("pengadaan:bukti", args=[sent.digest]) in body
    assert f"/penawaran/{sent.pk}/" not in body  # a row number would count the bids sent before it
    assert "tetap tersegel" in body
    with clock(late):
        body = _login(client, idle.user).get(url).content.decode()
    assert 'name="harga"' not in body and "Anda tidak menyampaikan penawaran" in body
    opened(tender)
    body = _login(client, bidder.user).get(url).content.decode()
    assert 'name="harga"' not in body and "Penawaran dibuka Pokja" in body


def test_a_sanggah_or_question_sent_twice_is_kept_once(client):
    from pengadaan.models import Sanggah
    from tests.factories.pengadaan import decided, evaluated

    tender = paket(now_in=Tahap.AANWIJZING)
    penyedia = vendor()
    _login(client, penyedia.user)
    client.post(reverse("pengadaan:daftar", args=[tender.pk]))
    for expected in (302, 400):  # a double click, or the browser sending the form again
        response = client.post(
            reverse("pengadaan:tanya", args=[tender.pk]), {"pertanyaan": "Boleh subkontrak?"}
        )
        assert response.status_code == expected
    assert "Pertanyaan ini sudah terkirim dan menunggu jawaban Pokja." in response.content.decode()
    assert Pertanyaan.objects.filter(paket=tender).count() == 1

    tender = paket(now_in=Tahap.PENAWARAN)
    loser = vendor()
    bid(tender, loser, 880_000_000)
    bid(tender, vendor(), 850_000_000)
    decided(evaluated(opened(tender)))
    _login(client, loser.user)
    for expected in (302, 400):
        response = client.post(
            reverse("pengadaan:sanggah", args=[tender.pk]), {"alasan": "Harga tidak wajar."}
        )
        assert response.status_code == expected
    assert "Sanggah ini sudah terkirim dan menunggu jawaban Pokja." in response.content.decode()
    assert Sanggah.objects.filter(paket=tender).count() == 1


def test_a_bid_form_sent_twice_seals_one_bid_with_one_receipt(client):
    tender = paket(now_in=Tahap.AANWIJZING)
    penyedia = vendor()
    _login(client, penyedia.user)
    client.post(reverse("pengadaan:daftar", args=[tender.pk]))
    url = reverse("pengadaan:penawaran", args=[tender.pk])
    with clock(during(tender, Tahap.PENAWARAN)):
        token = client.get(url).context["form"]["submit_token"].initial
        for _double_click in range(2):
            response = client.post(
                url, {"submit_token": token, "harga": "850000000", **bid_parts()}, follow=True
            )
    assert "Kiriman ganda diabaikan" in response.content.decode()
    assert Penawaran.objects.filter(paket=tender, penyedia=penyedia).count() == 1


def test_a_question_or_sanggah_sent_from_a_stale_page_says_why_and_keeps_the_text(client):
    from tests.factories.pengadaan import decided, evaluated

    tender = paket(now_in=Tahap.PENAWARAN)  # the aanwijzing is over
    loser = vendor()
    bid(tender, loser, 880_000_000)
    bid(tender, vendor(), 850_000_000)
    _login(client, loser.user)
    response = client.post(reverse("pengadaan:tanya", args=[tender.pk]), {"pertanyaan": "Boleh subkontrak?"})
    body = response.content.decode()
    assert response.status_code == 400 and "Boleh subkontrak?" in body
    assert "Pertanyaan hanya dapat diajukan pada masa pemberian penjelasan (aanwijzing)." in body
    decided(evaluated(opened(tender)))
    Paket.objects.filter(pk=tender.pk).update(sanggah_selesai=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(reverse("pengadaan:sanggah", args=[tender.pk]), {"alasan": "Harga tidak wajar."})
    body = response.content.decode()
    assert response.status_code == 400 and "Harga tidak wajar." in body
    assert "Masa sanggah paket ini tidak sedang berlangsung." in body


def test_a_failed_package_is_retendered_once_however_often_the_button_is_pressed(client):
    from pengadaan.services import paket_fail

    failed = paket(now_in=Tahap.PENGUMUMAN)
    paket_fail(paket=failed, actor=members(failed)[0], alasan="Dokumen pemilihan keliru.")
    _login(client, ukpbj())
    start = (timezone.localtime() + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    from tests.factories.pengadaan import pdf

    sent = client.post(reverse("pengadaan:ulang", args=[failed.pk]), {"mulai": start, "dokumen": pdf()})
    assert sent.status_code == 302
    again = client.post(reverse("pengadaan:ulang", args=[failed.pk]), {"mulai": start, "dokumen": pdf()})
    first = Paket.objects.get(retender_dari=failed)
    assert again.status_code == 400
    assert f"Paket ini sudah ditenderkan ulang sebagai {first.reference}." in again.content.decode()
    desk = client.get(reverse("pengadaan:kelola_paket", args=[failed.pk])).content.decode()
    assert first.reference in desk and "Tenderkan ulang</button>" not in desk


def test_a_registered_vendor_whose_profile_change_waits_is_told_before_preparing_a_bid(client):
    from pengadaan.services import penyedia_register

    tender = paket(now_in=Tahap.PENAWARAN)
    penyedia = vendor()
    _login(client, penyedia.user)
    client.post(reverse("pengadaan:daftar", args=[tender.pk]))
    fields = {n: getattr(penyedia, n) for n in ("bentuk_usaha", "npwp", "nib", "kbli", "alamat")}
    penyedia_register(user=penyedia.user, nama_usaha="CV Nama Baru", **fields)
    page = client.get(reverse("pengadaan:paket", args=[tender.pk])).content.decode()
    assert "Profil penyedia Anda belum terverifikasi." in page
    assert reverse("pengadaan:penawaran", args=[tender.pk]) not in page  # no button to a form it cannot send
    form = client.get(reverse("pengadaan:penawaran", args=[tender.pk])).content.decode()
    assert "Profil penyedia Anda belum terverifikasi." in form and 'type="file"' not in form


def test_a_desk_action_refused_because_the_package_moved_on_says_why(client):
    from pengadaan.services import konflik_declare, paket_fail

    tender = paket(now_in=Tahap.PENAWARAN)
    member = members(tender)[0]
    konflik_declare(paket=tender, actor=member, ada_konflik=False)
    _login(client, member)
    again = client.post(reverse("pengadaan:konflik", args=[tender.pk]), {"ada_konflik": "0"})
    assert again.status_code == 400
    assert "pernyataan tidak dapat ditarik" in again.content.decode()
    paket_fail(paket=tender, actor=members(tender)[1], alasan="Dokumen pemilihan keliru.")
    late = client.post(reverse("pengadaan:gagal", args=[tender.pk]), {"alasan": "Tidak ada penawaran."})
    assert late.status_code == 400
    assert "Paket ini sudah selesai atau sudah dinyatakan gagal." in late.content.decode()


def test_the_join_button_shows_only_while_registration_is_open(client):
    penyedia = vendor()
    _login(client, penyedia.user)
    for when, shown in (
        (Tahap.PENGUMUMAN, True),
        (Tahap.PEMBUKAAN, False),
    ):  # before the opening, past the deadline
        tender = paket(now_in=when)
        assert tender.status == Status.DIUMUMKAN
        page = client.get(reverse("pengadaan:paket", args=[tender.pk])).content.decode()
        assert (reverse("pengadaan:daftar", args=[tender.pk]) in page) is shown
        assert ("Pendaftaran paket ini tidak sedang dibuka." in page) is not shown
    later = paket(mulai=timezone.now() + datetime.timedelta(days=2))  # announced for a later start
    page = client.get(reverse("pengadaan:paket", args=[later.pk])).content.decode()
    assert reverse("pengadaan:daftar", args=[later.pk]) not in page


def test_a_verified_vendor_saving_its_profile_unchanged_is_told_it_stays_verified(client):
    from pengadaan.forms import PenyediaForm

    penyedia = vendor()
    _login(client, penyedia.user)
    data = {name: getattr(penyedia, name) for name in PenyediaForm.Meta.fields}
    page = client.post(reverse("pengadaan:penyedia"), data, follow=True).content.decode()
    assert "tidak berubah dan tetap terverifikasi" in page and "menunggu verifikasi" not in page


@pytest.mark.parametrize("typed", ["41011,43211", "41011 , 43211", "41011 43211", " 41011, 43211, "])
def test_a_verified_vendor_typing_the_same_kbli_otherwise_stays_verified(typed):
    from pengadaan.constants import PenyediaStatus
    from pengadaan.forms import PenyediaForm
    from pengadaan.services import penyedia_register

    penyedia = vendor()
    data = {f: getattr(penyedia, f) for f in PenyediaForm.Meta.fields} | {"kbli": typed}
    form = PenyediaForm(data, instance=penyedia)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["kbli"] == "41011, 43211"
    saved = penyedia_register(user=penyedia.user, **form.cleaned_data)
    assert saved.status == PenyediaStatus.TERVERIFIKASI


def test_a_kbli_that_is_not_five_digits_is_named():
    from pengadaan.forms import PenyediaForm

    penyedia = vendor()
    data = {f: getattr(penyedia, f) for f in PenyediaForm.Meta.fields} | {"kbli": "41011, 4321"}
    form = PenyediaForm(data, instance=penyedia)
    assert form.errors["kbli"] == ["“4321” bukan kode KBLI: tiap kode 5 angka, misalnya 41011, 43211."]


def test_a_profile_change_saved_in_english_is_noted_in_the_portal_s_language():
    from django.utils import translation

    from pengadaan.forms import PenyediaForm
    from pengadaan.models import RiwayatPenyedia
    from pengadaan.services import penyedia_register

    penyedia = vendor()
    data = {f: getattr(penyedia, f) for f in PenyediaForm.Meta.fields} | {"alamat": "Jl. Baru 9, Tulungagung"}
    with translation.override("en"):
        penyedia_register(user=penyedia.user, **data)
    assert (
        RiwayatPenyedia.objects.filter(penyedia=penyedia).latest("pk").note
        == "Profil diubah; diperiksa ulang."
    )


def test_a_bid_refused_for_its_price_names_the_files_to_choose_again(client):
    tender = paket(now_in=Tahap.PENAWARAN)
    penyedia = vendor()
    with clock(during(tender, Tahap.PENAWARAN)):
        _login(client, penyedia.user).post(reverse("pengadaan:daftar", args=[tender.pk]))
        response = client.post(
            reverse("pengadaan:penawaran", args=[tender.pk]), {"harga": "430 juta", **bid_parts()}
        )
    body = response.content.decode()
    assert response.status_code == 400 and not Penawaran.objects.exists()
    assert "Berkas belum tersimpan: adm.pdf, teknis.pdf, surat.pdf. Pilih lagi berkasnya." in body


def test_a_vendor_verified_with_kbli_stored_otherwise_stays_verified_once_the_migration_ran():
    import importlib

    from django.apps import apps

    from pengadaan.constants import PenyediaStatus
    from pengadaan.forms import PenyediaForm
    from pengadaan.models import Penyedia
    from pengadaan.services import penyedia_register

    penyedia = vendor()
    Penyedia.objects.filter(pk=penyedia.pk).update(kbli="41011,43211,41011")  # as the old rule let in
    importlib.import_module("pengadaan.migrations.0010_kbli_normalised").normalise(apps, None)
    penyedia.refresh_from_db()
    assert penyedia.kbli == "41011, 43211"
    form = PenyediaForm({f: getattr(penyedia, f) for f in PenyediaForm.Meta.fields}, instance=penyedia)
    assert form.is_valid(), form.errors
    assert penyedia_register(user=penyedia.user, **form.cleaned_data).status == PenyediaStatus.TERVERIFIKASI


def test_a_receipt_link_by_row_number_from_an_earlier_email_leads_to_the_vendor_s_own_receipt(client):
    tender = paket(now_in=Tahap.PENAWARAN)
    penyedia, other = vendor(), vendor()
    sent = bid(tender, penyedia, 800_000_000)
    _login(client, penyedia.user)
    response = client.get(f"/pengadaan/penawaran/{sent.pk}/bukti.pdf")
    assert response.status_code == 302 and response["Location"] == reverse(
        "pengadaan:bukti", args=[sent.digest]
    )
    _login(client, other.user)
    assert client.get(f"/pengadaan/penawaran/{sent.pk}/bukti.pdf").status_code == 404
