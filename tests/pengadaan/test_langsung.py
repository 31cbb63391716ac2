"""Pengadaan langsung: each step, each refusal, the officers' and vendor's pages, the public side."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from pengadaan.constants import Status
from pengadaan.models import Aturan, Kategori, Langsung, Metode, RiwayatPaket
from pengadaan.services import (
    langsung_cancel,
    langsung_negotiate,
    langsung_offer,
    langsung_order,
    paket_register,
)
from portal.accounts.landing import work_page_url
from portal.accounts.roles import Role
from portal.accounts.services import user_assign_role
from tests.factories import UserFactory
from tests.factories.pengadaan import clock, pdf, pokja_member, ppk, ukpbj, vendor
from tests.factories.pengadaan_langsung import (
    langsung_form,
    negotiated,
    offered,
    ordered,
    pejabat,
    undangan,
    whole_langsung,
)
from tests.pengadaan.journey import STAFF, staffed_vendor

pytestmark = pytest.mark.django_db


def _messages(exc):
    return " ".join(exc.value.messages)


def history(paket):
    return list(RiwayatPaket.objects.filter(paket=paket).values_list("from_status", "to_status"))


# ---------------------------------------------------------------------------------------------
# Services: each transition leaves one history row.


def test_the_whole_course_one_history_row_per_step():
    paket = whole_langsung()
    assert paket.status == Status.KONTRAK
    assert paket.metode.ocds_method == "direct" and paket.metode_evaluasi is None
    assert history(paket) == [
        ("", Status.UNDANGAN),
        (Status.UNDANGAN, Status.PENAWARAN),
        (Status.PENAWARAN, Status.NEGOSIASI),
        (Status.NEGOSIASI, Status.KONTRAK),
    ]
    langsung = paket.langsung
    assert langsung.harga_penawaran == 165_000_000 and langsung.harga_negosiasi == 160_000_000
    assert langsung.nilai_pesanan == 160_000_000 and langsung.nomor_pesanan == "027/SPK/PL/2026"
    assert langsung.berkas_penawaran.name and paket.reference.startswith("PBJ-2026-")


def test_the_invited_vendor_is_told_by_email(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        paket = undangan()
    (mail,) = [m for m in mailoutbox if paket.reference in m.subject]
    assert mail.to == [paket.langsung.penyedia.user.email] and "Undangan pengadaan langsung" in mail.subject
    assert reverse("pengadaan:langsung_penawaran", args=[paket.pk]) in mail.body


def test_only_a_pejabat_pengadaan_creates_one():
    for role in (Role.PPK, Role.POKJA_PEMILIHAN, Role.ADMIN_UKPBJ, Role.WARGA):
        with pytest.raises(PermissionDenied):
            undangan(actor=UserFactory(role=role))


def test_the_invited_vendor_must_be_verified_and_hold_a_required_kbli():
    with pytest.raises(ValidationError) as exc:
        undangan(penyedia=vendor(verified=False))
    assert "belum terverifikasi" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        undangan(kbli_syarat="62019")
    assert "KBLI 62019" in _messages(exc)


def test_the_pagu_must_be_within_the_categorys_ceiling_in_force():
    with pytest.raises(ValidationError) as exc:
        undangan(pagu=250_000_000, hps=190_000_000)
    text = _messages(exc)
    assert "Rp250.000.000 melebihi batas pengadaan langsung Barang, Rp200.000.000" in text
    assert "Gunakan tender atau seleksi" in text
    # Construction: Rp400 jt since Perpres 46/2025; consultancy: Rp100 jt.
    assert undangan(kategori="pekerjaan-konstruksi", pagu=390_000_000, hps=380_000_000).pk
    with pytest.raises(ValidationError):
        undangan(kategori="jasa-konsultansi", pagu=150_000_000, hps=140_000_000)


def test_the_ceiling_is_dated_data_the_procurement_unit_edits():
    row = Aturan.objects.get(code="batas_pl_barang")
    assert row.value == 200_000_000
    Aturan.objects.create(
        code="batas_pl_barang", value=300_000_000, valid_from=timezone.localdate(), source="Uji"
    )
    assert undangan(pagu=250_000_000, hps=240_000_000).pk
    Aturan.objects.filter(code="batas_pl_barang").delete()
    with pytest.raises(ValidationError) as exc:
        undangan()
    assert "belum diisi oleh UKPBJ" in _messages(exc)


def test_other_refusals_at_creation():
    officer = pejabat()
    with pytest.raises(ValidationError) as exc:
        undangan(metode=Metode.objects.get(code="tender"))
    assert "metode pengadaan langsung" in _messages(exc)
    with pytest.raises(ValidationError):
        undangan(ppk=UserFactory(role=Role.WARGA))
    with pytest.raises(ValidationError):
        undangan(batas_penawaran=timezone.now() - datetime.timedelta(minutes=1))
    user_assign_role(user=officer, role=Role.PPK)
    with pytest.raises(ValidationError) as exc:
        undangan(actor=officer, ppk=officer)
    assert "tidak boleh sekaligus menjadi PPK" in _messages(exc)


def test_a_tender_cannot_be_registered_with_the_direct_method():
    with pytest.raises(ValidationError) as exc:
        paket_register(
            actor=ukpbj(),
            pokja=[pokja_member() for _ in range(3)],
            mulai=timezone.now(),
            instansi=undangan().instansi,
            nama="Tender yang salah metode sama sekali",
            kategori=Kategori.objects.get(code="barang"),
            metode=Metode.objects.get(code="pengadaan-langsung"),
            metode_evaluasi=None,
            tahun_anggaran=2026,
            pagu=100,
            hps=100,
            kbli_syarat="",
            syarat_pengalaman="",
            lokasi="Tulungagung",
            ppk=ppk(),
        )
    assert "Pejabat Pengadaan" in _messages(exc)


def test_only_the_invited_vendor_offers_once_before_the_deadline():
    paket = undangan()
    with pytest.raises(PermissionDenied):
        langsung_offer(paket=paket, penyedia=vendor(), harga=1, dokumen=pdf())
    late = paket.langsung.batas_penawaran + datetime.timedelta(seconds=1)
    with clock(late), pytest.raises(ValidationError) as exc:
        langsung_offer(paket=paket, penyedia=paket.langsung.penyedia, harga=1, dokumen=pdf())
    assert "Batas penawaran sudah lewat" in _messages(exc)
    with pytest.raises(ValidationError):
        langsung_offer(paket=paket, penyedia=paket.langsung.penyedia, harga="0", dokumen=pdf())
    offered(paket)
    with pytest.raises(ValidationError) as exc:
        langsung_offer(paket=paket, penyedia=paket.langsung.penyedia, harga=1, dokumen=pdf())
    assert "sudah disampaikan" in _messages(exc)
    assert paket.status == Status.PENAWARAN


def test_negotiated_price_at_most_the_offer_and_the_hps_by_the_pejabat_only():
    paket = offered(undangan(hps=170_000_000), harga=175_000_000)
    langsung = paket.langsung
    with pytest.raises(PermissionDenied):
        langsung_negotiate(paket=paket, actor=paket.ppk, harga=1, catatan="x")
    with pytest.raises(ValidationError) as exc:
        langsung_negotiate(paket=paket, actor=langsung.pejabat, harga=176_000_000, catatan="x")
    assert "melebihi harga penawaran" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        langsung_negotiate(paket=paket, actor=langsung.pejabat, harga=172_000_000, catatan="x")
    assert "melebihi HPS" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        langsung_negotiate(paket=paket, actor=langsung.pejabat, harga=160_000_000, catatan=" ")
    assert "klarifikasi" in _messages(exc)
    negotiated(paket, harga=170_000_000)
    paket.refresh_from_db()
    assert paket.status == Status.NEGOSIASI


def test_the_order_by_the_ppk_only_at_most_the_negotiated_price():
    paket = undangan()
    with pytest.raises(ValidationError):  # not negotiated yet
        ordered(paket)
    paket = negotiated(offered(paket))
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        langsung_order(
            paket=paket,
            actor=paket.langsung.pejabat,
            nomor="1",
            tanggal=today,
            nilai=1,
            tanggal_selesai=today,
        )
    with pytest.raises(ValidationError) as exc:
        ordered(paket, nilai=160_000_001)
    assert "melebihi harga hasil negosiasi" in _messages(exc)
    with pytest.raises(ValidationError) as exc:
        langsung_order(
            paket=paket,
            actor=paket.ppk,
            nomor="1",
            tanggal=today,
            nilai=1,
            tanggal_selesai=today - datetime.timedelta(days=1),
        )
    assert "Akhir pelaksanaan" in _messages(exc)
    assert ordered(paket, nilai=159_000_000).status == Status.KONTRAK


def test_cancel_with_a_reason_by_the_pejabat_before_the_order():
    paket = offered(undangan())
    with pytest.raises(PermissionDenied):
        langsung_cancel(paket=paket, actor=paket.ppk, alasan="x")
    with pytest.raises(ValidationError):
        langsung_cancel(paket=paket, actor=paket.langsung.pejabat, alasan=" ")
    paket = langsung_cancel(paket=paket, actor=paket.langsung.pejabat, alasan="Kebutuhan dibatalkan.")
    assert paket.status == Status.BATAL and paket.alasan_gagal == "Kebutuhan dibatalkan."
    with pytest.raises(ValidationError):
        langsung_cancel(paket=paket, actor=paket.langsung.pejabat, alasan="Lagi.")
    done = whole_langsung()
    with pytest.raises(ValidationError):
        langsung_cancel(paket=done, actor=done.langsung.pejabat, alasan="Terlambat.")


def test_the_pejabat_lands_on_the_officers_desk():
    assert work_page_url(pejabat()) == reverse("pengadaan:kelola")


# ---------------------------------------------------------------------------------------------
# Pages.


def test_the_pejabat_creates_one_on_the_desk_and_sees_the_threshold_error(client):
    from portal.wilayah.models import Instansi

    officer, ppk_user, invited = pejabat(), ppk(), vendor()
    client.force_login(officer)
    desk = client.get(reverse("pengadaan:kelola")).content.decode()
    assert reverse("pengadaan:langsung_baru") in desk
    instansi = Instansi.objects.get(code="BAGIAN-UMUM")
    data = langsung_form(ppk_user=ppk_user, penyedia=invited, instansi=instansi.pk)
    too_big = client.post(reverse("pengadaan:langsung_baru"), {**data, "pagu": "250000000"})
    assert too_big.status_code == 400 and "melebihi batas pengadaan langsung" in too_big.content.decode()
    response = client.post(reverse("pengadaan:langsung_baru"), data)
    assert response.status_code == 302
    # The tender registration form never offers the direct method.
    client.force_login(ukpbj())
    assert "Pengadaan Langsung" not in client.get(reverse("pengadaan:paket_baru")).content.decode()


def test_the_vendor_offers_the_pejabat_negotiates_the_ppk_orders_on_their_pages(client):
    paket = undangan()
    langsung = paket.langsung
    client.force_login(langsung.penyedia.user)
    assert paket.reference in client.get(reverse("pengadaan:penyedia")).content.decode()
    page = client.get(reverse("pengadaan:paket", args=[paket.pk])).content.decode()
    assert reverse("pengadaan:langsung_penawaran", args=[paket.pk]) in page
    url = reverse("pengadaan:langsung_penawaran", args=[paket.pk])
    assert client.post(url, {"harga": "1.000"}).status_code == 400
    response = client.post(url, {"harga": "165000000", "dokumen": pdf("penawaran.pdf")})
    assert response.status_code == 302
    assert client.get(url).status_code == 302  # once only
    assert client.get(reverse("pengadaan:langsung_berkas", args=[paket.pk])).status_code == 200

    client.force_login(langsung.pejabat)
    desk = client.get(reverse("pengadaan:kelola_paket", args=[paket.pk])).content.decode()
    assert "Rp165.000.000" in desk or "165.000.000" in desk or "165,000,000" in desk
    nego = reverse("pengadaan:langsung_negosiasi", args=[paket.pk])
    assert client.post(nego, {"harga": "171000000", "catatan": "x"}).status_code == 400
    assert client.post(nego, {"harga": "160000000", "catatan": "Sepakat."}).status_code == 302
    assert client.post(reverse("pengadaan:langsung_pesanan", args=[paket.pk]), {}).status_code == 403

    client.force_login(paket.ppk)
    today = timezone.localdate()
    order = {
        "nomor": "027/SPK/PL/2026",
        "tanggal": today.isoformat(),
        "nilai": "160000000",
        "tanggal_selesai": (today + datetime.timedelta(days=30)).isoformat(),
    }
    assert client.post(reverse("pengadaan:langsung_negosiasi", args=[paket.pk]), {}).status_code == 403
    assert client.post(reverse("pengadaan:langsung_pesanan", args=[paket.pk]), order).status_code == 302
    paket.refresh_from_db()
    assert paket.status == Status.KONTRAK


def test_the_offer_document_is_refused_to_everyone_else(client):
    paket = offered(undangan())
    url = reverse("pengadaan:langsung_berkas", args=[paket.pk])
    for reader in (paket.langsung.penyedia.user, paket.langsung.pejabat, paket.ppk, ukpbj()):
        client.force_login(reader)
        assert client.get(url).status_code == 200
    for other in (vendor().user, pokja_member(), ppk(), pejabat()):
        client.force_login(other)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_cancel_form_on_the_desk(client):
    paket = undangan()
    client.force_login(paket.langsung.pejabat)
    url = reverse("pengadaan:langsung_batal", args=[paket.pk])
    assert client.post(url, {"alasan": ""}).status_code == 400
    assert client.post(url, {"alasan": "Anggaran dialihkan."}).status_code == 302
    body = client.get(reverse("pengadaan:paket", args=[paket.pk])).content.decode()
    assert "Dibatalkan" in body and "Anggaran dialihkan." in body


# ---------------------------------------------------------------------------------------------
# Public pages.


def test_nothing_of_the_offer_is_public_before_the_order(client):
    paket = negotiated(offered(undangan(penyedia=vendor(name="CV Undangan Rahasia")), harga=166_123_456))
    body = client.get(reverse("pengadaan:paket", args=[paket.pk])).content.decode()
    assert "CV Undangan Rahasia" not in body and "166.123.456" not in body and "166,123,456" not in body
    assert "Sepakat" not in body and "Sudah diterima" in body
    csv_body = client.get(reverse("pengadaan:index_csv")).content.decode()
    assert "CV Undangan Rahasia" not in csv_body and "166123456" not in csv_body


def test_the_public_pages_show_a_finished_one_without_staff_data(client):
    paket = whole_langsung(penyedia=staffed_vendor("CV Langsung Terbuka"))
    body = client.get(reverse("pengadaan:paket", args=[paket.pk])).content.decode()
    for shown in (
        "CV Langsung Terbuka",
        "165.000.000",
        "160.000.000",
        "027/SPK/PL/2026",
        "Pengadaan Langsung",
    ):
        assert shown in body
    profile = paket.langsung.penyedia
    for secret in (profile.user.name, profile.user.email, profile.npwp, profile.alamat, STAFF["phone"]):
        assert secret not in body
    assert len(body.encode()) < 60_000
    listing = client.get(reverse("pengadaan:index"), {"metode": paket.metode_id}).content.decode()
    assert paket.reference in listing
    tender_only = client.get(reverse("pengadaan:index"), {"metode": Metode.objects.get(code="tender").pk})
    assert paket.reference not in tender_only.content.decode()
    rows = (
        client.get(reverse("pengadaan:index_csv"), {"metode": paket.metode_id}).content.decode().splitlines()
    )
    (row,) = [r for r in rows if paket.reference in r]
    assert "CV Langsung Terbuka,160000000,160000000" in row and ",1,1," in row


def test_an_offer_the_proxy_received_before_the_deadline_is_in_time_though_handled_after_it(client, settings):
    settings.REQUEST_START_META_KEY = "HTTP_X_REQUEST_START"
    paket = undangan()
    deadline = paket.langsung.batas_penawaran
    client.force_login(paket.langsung.penyedia.user)
    url = reverse("pengadaan:langsung_penawaran", args=[paket.pk])

    def send(stamp):
        with clock(deadline + datetime.timedelta(seconds=3)):
            return client.post(
                url,
                {"harga": "165000000", "dokumen": pdf("penawaran.pdf")},
                HTTP_X_REQUEST_START=f"t={stamp.timestamp():.3f}",
            )

    assert send(deadline + datetime.timedelta(seconds=1)).status_code == 302  # refused: back to the page
    assert Langsung.objects.get(paket=paket).penawaran_at is None
    assert send(deadline - datetime.timedelta(seconds=2)).status_code == 302
    stored = Langsung.objects.get(paket=paket)
    assert abs((stored.penawaran_at - (deadline - datetime.timedelta(seconds=2))).total_seconds()) < 0.001


def test_the_one_direct_method_is_chosen_already_on_the_new_direct_procurement_form():
    from pengadaan.forms import LangsungForm

    choices = list(LangsungForm().fields["metode"].choices)
    assert [label for _value, label in choices] == ["Pengadaan Langsung"]


def test_the_invited_vendor_is_told_why_it_can_no_longer_offer(client):
    late, cancelled = undangan(), undangan()
    langsung_cancel(paket=cancelled, actor=cancelled.langsung.pejabat, alasan="Kebutuhan dibatalkan.")
    from django.utils import formats, translation

    with translation.override("id"):
        deadline = formats.date_format(timezone.localtime(late.langsung.batas_penawaran), "j F Y H:i")
    for paket, reason in (
        (late, f"Batas penawaran sudah lewat ({deadline} WIB): penawaran tidak diterima."),
        (cancelled, "Pengadaan langsung ini dibatalkan; penawaran tidak dapat disampaikan."),
    ):
        client.force_login(paket.langsung.penyedia.user)
        with clock(late.langsung.batas_penawaran + datetime.timedelta(seconds=1)):
            page = client.get(reverse("pengadaan:paket", args=[paket.pk])).content.decode()
            sent = client.post(
                reverse("pengadaan:langsung_penawaran", args=[paket.pk]),
                {"harga": "165000000", "dokumen": pdf("penawaran.pdf")},
                follow=True,
            ).content.decode()
        assert "tidak dapat disampaikan lagi" not in page + sent
        assert reason in page and reason in sent


def test_a_negotiation_recorded_twice_says_why_the_second_is_refused(client):
    paket = offered(undangan())
    client.force_login(paket.langsung.pejabat)
    url = reverse("pengadaan:langsung_negosiasi", args=[paket.pk])
    assert client.post(url, {"harga": "160000000", "catatan": "Sepakat."}).status_code == 302
    again = client.post(url, {"harga": "150000000", "catatan": "Lagi."})
    assert again.status_code == 400
    assert "Negosiasi dicatat setelah penawaran diterima dan sebelum surat pesanan." in again.content.decode()
