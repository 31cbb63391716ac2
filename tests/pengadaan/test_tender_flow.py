"""A whole tender, announcement to contract, through the services; and the ways it can fail."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pengadaan.constants import PenyediaStatus, Status, Tahap
from pengadaan.models import Jadwal, Paket, PerubahanJadwal, RiwayatPaket
from pengadaan.receipts import bahp, pembukaan_record
from pengadaan.services import (
    jadwal_amend,
    kontrak_record,
    paket_fail,
    paket_join,
    paket_open,
    paket_retender,
    paket_winner_decide,
    penawaran_submit,
    penyedia_register,
    penyedia_verify,
    pertanyaan_answer,
    pertanyaan_ask,
    sanggah_answer,
    sanggah_file,
)
from portal.accounts.roles import Role
from tests.factories import UserFactory
from tests.factories.pengadaan import (
    bid,
    bid_parts,
    clock,
    decided,
    during,
    evaluated,
    members,
    opened,
    paket,
    stage,
    ukpbj,
    vendor,
    working_end,
)

pytestmark = pytest.mark.django_db


def _contract(tender, winner_price, **dates):
    after = tender.sanggah_selesai + datetime.timedelta(seconds=1)
    day = timezone.localtime(after).date()  # the date the PPK writes on the SPPBJ
    fields = {
        "tanggal_sppbj": day,
        "tanggal_mulai": day,
        "tanggal_selesai": day + datetime.timedelta(days=90),
    }
    with clock(after):
        return kontrak_record(
            paket=tender,
            actor=tender.ppk,
            nomor_sppbj="027/SPPBJ/2026",
            nomor="027/KONTRAK/2026",
            nilai=winner_price,
            **{**fields, **dates},
        )


def test_whole_tender_from_announcement_to_contract(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        officer = ukpbj()
        a = penyedia_register(
            user=UserFactory(role=Role.WARGA),
            nama_usaha="PT Karya Tulungagung",
            bentuk_usaha="pt",
            npwp="012345678901234",
            nib="1234567890123",
            kbli="41011",
            alamat="Jl. Sudirman 5",
        )
        assert a.status == PenyediaStatus.DIAJUKAN
        a = penyedia_verify(penyedia=a, actor=officer, approve=True)
        b = vendor(officer=officer)
        tender = paket(mulai=timezone.now(), actor=officer)
        with clock(during(tender, Tahap.PENGUMUMAN)):
            paket_join(paket=tender, penyedia=a)
            paket_join(paket=tender, penyedia=b)
        with clock(during(tender, Tahap.AANWIJZING)):
            question = pertanyaan_ask(
                paket=tender, penyedia=a, pertanyaan="Apakah boleh memakai baja ringan?"
            )
            pertanyaan_answer(
                pertanyaan=question, actor=members(tender)[0], jawaban="Boleh, sesuai spesifikasi."
            )
        penawaran_a = bid(tender, a, 850_000_000)
        bid(tender, b, 870_000_000)
        tender = opened(tender)
        evaluated(tender)
        penetapan = decided(tender)
        assert penetapan.pemenang == penawaran_a
        tender.refresh_from_db()
        assert tender.status == Status.PEMENANG
        with clock(tender.sanggah_selesai - datetime.timedelta(hours=1)):
            objection = sanggah_file(paket=tender, penyedia=b, alasan="Harga A tidak wajar.")
            sanggah_answer(
                sanggah=objection, actor=members(tender)[1], jawaban="Harga wajar.", diterima=False
            )
        kontrak = _contract(tender, 850_000_000)
    # The PDFs are made after commit, as the worker would.
    assert pembukaan_record(paket=tender) is not None and bahp(penetapan=penetapan) is not None
    tender.refresh_from_db()
    assert tender.status == Status.KONTRAK and kontrak.penawaran == penawaran_a
    assert [h.to_status for h in RiwayatPaket.objects.filter(paket=tender)] == [
        Status.DIUMUMKAN,
        Status.EVALUASI,
        Status.PEMENANG,
        Status.KONTRAK,
    ]
    subjects = [m.subject for m in mail.outbox if a.user.email in m.to]
    for expected in ("Verifikasi penyedia", "Pendaftaran paket", "Jawaban aanwijzing", "Penawaran diterima"):
        assert any(expected in s for s in subjects), (expected, subjects)
    for expected in ("Penawaran dibuka", "Hasil pemilihan", "Penunjukan penyedia"):
        assert sum(expected in s for s in subjects) == 1, (expected, subjects)
    assert any("Jawaban sanggah" in m.subject for m in mail.outbox if b.user.email in m.to)


def test_contract_waits_for_the_sanggah_period_and_the_ppk():
    tender = paket(mulai=timezone.now())
    bid(tender, vendor(), 800_000_000)
    opened(tender)
    evaluated(tender)
    decided(tender)
    tender.refresh_from_db()
    with clock(tender.sanggah_selesai), pytest.raises(ValidationError, match="masa sanggah"):
        kontrak_record(paket=tender, actor=tender.ppk)
    with pytest.raises(PermissionDenied):
        kontrak_record(paket=tender, actor=members(tender)[0])


def test_contract_dates_follow_the_award_in_order():
    tender = paket(mulai=timezone.now())
    bid(tender, vendor(), 800_000_000)
    opened(tender)
    evaluated(tender)
    decided(tender)
    tender.refresh_from_db()
    day = timezone.localtime(tender.sanggah_selesai).date()
    for dates, field, message in (
        ({"tanggal_sppbj": datetime.date(2020, 1, 1)}, "tanggal_sppbj", "sebelum masa sanggah berakhir"),
        ({"tanggal_mulai": day - datetime.timedelta(days=1)}, "tanggal_mulai", "sebelum tanggal SPPBJ"),
        ({"tanggal_selesai": day - datetime.timedelta(days=1)}, "tanggal_selesai", "sebelum tanggal mulai"),
    ):
        with pytest.raises(ValidationError) as refused:
            _contract(tender, 800_000_000, **dates)
        assert message in " ".join(refused.value.message_dict[field])
    assert not hasattr(Paket.objects.get(pk=tender.pk), "kontrak")
    assert _contract(tender, 800_000_000).tanggal_sppbj == day


def test_a_member_conflicted_with_a_bidder_cannot_answer_a_sanggah():
    from pengadaan.services import konflik_declare

    tender = paket(mulai=timezone.now())
    winner, loser = vendor(), vendor()
    bid(tender, winner, 800_000_000)
    bid(tender, loser, 820_000_000)
    opened(tender)
    first, second, conflicted = members(tender)
    konflik_declare(paket=tender, actor=conflicted, ada_konflik=True, keterangan="Saudara direktur pemenang.")
    evaluated(tender, by=[first, second])
    with clock(during(tender, Tahap.EVALUASI)), pytest.raises(ValidationError, match="benturan kepentingan"):
        paket_winner_decide(paket=tender, actor=conflicted)  # nor does a conflicted member name the winner
    decided(tender)
    tender.refresh_from_db()
    objection = sanggah_file(paket=tender, penyedia=loser, alasan="Pemenang tidak berpengalaman.")
    with pytest.raises(ValidationError, match="benturan kepentingan"):
        sanggah_answer(sanggah=objection, actor=conflicted, jawaban="Sanggah ditolak.", diterima=False)
    objection.refresh_from_db()
    assert objection.dijawab_at is None and Paket.objects.get(pk=tender.pk).status == Status.PEMENANG
    sanggah_answer(sanggah=objection, actor=first, jawaban="Pengalaman sejenis ada.", diterima=False)


def test_once_the_bids_are_open_only_a_member_without_a_conflict_fails_the_tender():
    from pengadaan.services import konflik_declare, paket_fail

    tender = paket(mulai=timezone.now())
    bid(tender, vendor(), 800_000_000)
    opened(tender)
    first, _second, conflicted = members(tender)
    konflik_declare(paket=tender, actor=conflicted, ada_konflik=True, keterangan="Saudara direktur penawar.")
    with pytest.raises(ValidationError, match="benturan kepentingan"):
        paket_fail(paket=tender, actor=conflicted, alasan="Semua penawaran tidak lulus.")
    with pytest.raises(ValidationError, match="Nyatakan dulu"):
        paket_fail(paket=tender, actor=first, alasan="Semua penawaran tidak lulus.")
    assert Paket.objects.get(pk=tender.pk).status == Status.EVALUASI
    konflik_declare(paket=tender, actor=first, ada_konflik=False)
    assert paket_fail(paket=tender, actor=first, alasan="Semua penawaran tidak lulus.").status == Status.GAGAL


def test_upheld_sanggah_makes_the_tender_fail_and_it_is_retendered():
    tender = paket(mulai=timezone.now())
    a, b = vendor(), vendor()
    bid(tender, a, 800_000_000)
    bid(tender, b, 820_000_000)
    opened(tender)
    evaluated(tender)
    decided(tender)
    tender.refresh_from_db()
    with clock(tender.sanggah_selesai):
        objection = sanggah_file(paket=tender, penyedia=b, alasan="Pemenang tidak memenuhi KBLI.")
    sanggah_answer(sanggah=objection, actor=members(tender)[0], jawaban="Benar, keliru.", diterima=True)
    tender.refresh_from_db()
    assert tender.status == Status.GAGAL and "Sanggah diterima" in tender.alasan_gagal
    again = paket_retender(paket=tender, actor=ukpbj(), mulai=timezone.now())
    assert again.retender_dari == tender and again.status == Status.DIUMUMKAN
    assert {m.user_id for m in again.pokja_set.all()} == {m.pk for m in members(tender)}


def test_sanggah_only_from_a_bidder_within_the_period():
    tender = paket(mulai=timezone.now())
    bidder, outsider = vendor(), vendor()
    bid(tender, bidder, 800_000_000)
    opened(tender)
    evaluated(tender)
    decided(tender)
    tender.refresh_from_db()
    with pytest.raises(ValidationError, match="menyampaikan penawaran"):
        sanggah_file(paket=tender, penyedia=outsider, alasan="x")
    with (
        clock(tender.sanggah_selesai + datetime.timedelta(seconds=1)),
        pytest.raises(ValidationError, match="Masa sanggah"),
    ):
        sanggah_file(paket=tender, penyedia=bidder, alasan="Terlambat.")


def test_tender_gagal_needs_a_reason_and_a_pokja_member():
    tender = paket(mulai=timezone.now())
    with pytest.raises(ValidationError):
        paket_fail(paket=tender, actor=members(tender)[0], alasan=" ")
    with pytest.raises(PermissionDenied):
        paket_fail(paket=tender, actor=UserFactory(), alasan="Tidak ada penawaran.")
    paket_fail(paket=tender, actor=members(tender)[0], alasan="Tidak ada penawaran.")
    assert Paket.objects.get(pk=tender.pk).status == Status.GAGAL


def test_schedule_amendment_needs_a_reason_is_kept_and_respects_the_opening():
    tender = paket(mulai=timezone.now())
    pokja = members(tender)[0]
    bids = stage(tender, Tahap.PENAWARAN)
    later = working_end(bids.selesai + datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        jadwal_amend(
            paket=tender, tahap=Tahap.PENAWARAN, actor=pokja, mulai=bids.mulai, selesai=later, alasan=""
        )
    with pytest.raises(ValidationError, match="pembukaan"):
        jadwal_amend(
            paket=tender,
            tahap=Tahap.PENAWARAN,
            actor=pokja,
            mulai=bids.mulai,
            selesai=later,
            alasan="Adendum.",
        )
    jadwal_amend(
        paket=tender,
        tahap=Tahap.PEMBUKAAN,
        actor=pokja,
        mulai=later,
        selesai=working_end(later + datetime.timedelta(days=1)),
        alasan="Menunggu adendum.",
    )
    jadwal_amend(
        paket=tender,
        tahap=Tahap.PENAWARAN,
        actor=pokja,
        mulai=bids.mulai,
        selesai=later,
        alasan="Adendum teknis.",
    )
    assert list(PerubahanJadwal.objects.filter(jadwal__paket=tender).values_list("alasan", flat=True)) == [
        "Menunggu adendum.",
        "Adendum teknis.",
    ]
    with pytest.raises(PermissionDenied):
        jadwal_amend(
            paket=tender, tahap=Tahap.PENAWARAN, actor=tender.ppk, mulai=bids.mulai, selesai=later, alasan="x"
        )


@pytest.mark.parametrize(
    "moved",
    [
        pytest.param(lambda end: end.replace(hour=20), id="evening"),
        pytest.param(lambda end: end.replace(hour=6, minute=59), id="before-office-opens"),
        pytest.param(lambda end: end + datetime.timedelta(days=(5 - end.weekday()) % 7 or 7), id="saturday"),
        pytest.param("holiday", id="holiday"),
    ],
)
def test_amended_stage_must_end_on_a_working_day_in_working_hours(moved):
    from portal.holidays.models import HariLibur

    tender = paket(mulai=timezone.now())
    bids = stage(tender, Tahap.PENAWARAN)
    end = timezone.localtime(stage(tender, Tahap.PENGUMUMAN).selesai)
    if moved == "holiday":
        HariLibur.objects.create(date=end.date(), name="Libur uji")
        selesai = end - datetime.timedelta(hours=1)  # an end the Pokja types anew on that day
    else:
        selesai = moved(end)
    with pytest.raises(ValidationError, match="hari kerja") as refused:
        jadwal_amend(
            paket=tender,
            tahap=Tahap.PENGUMUMAN,
            actor=members(tender)[0],
            mulai=stage(tender, Tahap.PENGUMUMAN).mulai,
            selesai=selesai,
            alasan="Diubah.",
        )
    assert "selesai" in refused.value.message_dict
    assert stage(tender, Tahap.PENGUMUMAN).selesai == end
    assert stage(tender, Tahap.PENAWARAN).selesai == bids.selesai


def test_amended_stage_may_end_at_the_edges_of_working_hours_or_keep_its_end():
    tender = paket(mulai=timezone.now())
    pokja = members(tender)[0]
    first = stage(tender, Tahap.PENGUMUMAN)
    end = timezone.localtime(first.selesai)
    for hour in (17, 7):
        jadwal_amend(
            paket=tender,
            tahap=Tahap.PENGUMUMAN,
            actor=pokja,
            mulai=first.mulai,
            selesai=end.replace(hour=hour, minute=0),
            alasan="Jam diubah.",
        )
    # A stage drawn before the rule, or kept as drawn, may still have only its start moved.
    Jadwal.objects.filter(pk=first.pk).update(selesai=end.replace(hour=21))
    jadwal_amend(
        paket=tender,
        tahap=Tahap.PENGUMUMAN,
        actor=pokja,
        mulai=first.mulai + datetime.timedelta(minutes=5),
        selesai=end.replace(hour=21),
        alasan="Awal diubah.",
    )
    assert stage(tender, Tahap.PENGUMUMAN).mulai == first.mulai + datetime.timedelta(minutes=5)


def test_unverified_vendor_cannot_join_and_pokja_must_be_odd():
    tender = paket(mulai=timezone.now())
    with pytest.raises(ValidationError, match="terverifikasi"):
        paket_join(paket=tender, penyedia=vendor(verified=False))
    with pytest.raises(ValidationError, match="gasal"):
        paket(members=4)
    with pytest.raises(ValidationError, match="gasal"):
        paket(members=1)


def test_no_bid_passes_means_no_winner():
    tender = paket(mulai=timezone.now())
    bid(tender, vendor(), 800_000_000)
    opened(tender)
    evaluated(tender, passes=False)
    with pytest.raises(ValidationError, match="gagal"):
        decided(tender)


def test_vendor_without_the_required_kbli_cannot_join():
    tender = paket(mulai=timezone.now(), kbli_syarat="71102")
    with pytest.raises(ValidationError, match="KBLI"):
        paket_join(paket=tender, penyedia=vendor())


def test_first_schedule_ends_each_stage_on_a_working_day():
    from portal.holidays.models import HariLibur

    friday = timezone.make_aware(datetime.datetime(2030, 1, 4, 9, 0))  # 7 days on is a Friday too
    HariLibur.objects.create(date=datetime.date(2030, 1, 11), name="Libur uji")
    tender = paket(mulai=friday)
    announcement = stage(tender, Tahap.PENGUMUMAN)
    # Friday 11th is a holiday: the announcement runs to Monday the 14th, same hour.
    assert timezone.localtime(announcement.selesai).date() == datetime.date(2030, 1, 14)
    for row in tender.jadwal_set.all():
        assert timezone.localtime(row.selesai).weekday() < 5


def test_addendum_before_the_deadline_is_published_and_told(django_capture_on_commit_callbacks):
    from pengadaan.services import adendum_add
    from tests.factories.pengadaan import pdf

    tender = paket(mulai=timezone.now())
    penyedia = vendor()
    with clock(during(tender, Tahap.PENGUMUMAN)):
        paket_join(paket=tender, penyedia=penyedia)
    with django_capture_on_commit_callbacks(execute=True):
        adendum_add(paket=tender, actor=members(tender)[0], dokumen=pdf("adendum.pdf"))
    assert tender.dokumen_set.filter(kind="adendum").count() == 1
    assert any("Adendum" in m.subject for m in mail.outbox if penyedia.user.email in m.to)
    with (
        clock(stage(tender, Tahap.PENAWARAN).selesai + datetime.timedelta(seconds=1)),
        pytest.raises(ValidationError, match="Adendum"),
    ):
        adendum_add(paket=tender, actor=members(tender)[0], dokumen=pdf("adendum.pdf"))


@pytest.mark.parametrize("bids_in", [0, 2])
def test_bid_deadline_cannot_be_pulled_forward_once_the_bid_window_opened(bids_in):
    tender = paket(mulai=timezone.now())
    pokja = members(tender)[0]
    bids = stage(tender, Tahap.PENAWARAN)
    window = {"paket": tender, "tahap": Tahap.PENAWARAN, "actor": pokja, "mulai": bids.mulai}
    for price in (800_000_000, 810_000_000)[:bids_in]:
        bid(tender, vendor(), price)
    # The same refusal with bids in or none: it must not tell the Pokja whether anyone bid.
    with (
        clock(during(tender, Tahap.PENAWARAN, seconds=60)),
        pytest.raises(ValidationError, match="sudah dimulai: batasnya hanya dapat diperpanjang"),
    ):
        jadwal_amend(**window, selesai=bids.selesai - datetime.timedelta(days=1), alasan="Dipercepat.")
    later = working_end(bids.selesai + datetime.timedelta(days=1))
    with clock(during(tender, Tahap.PENAWARAN, seconds=60)):
        jadwal_amend(
            paket=tender,
            tahap=Tahap.PEMBUKAAN,
            actor=pokja,
            mulai=later,
            selesai=working_end(later + datetime.timedelta(days=1)),
            alasan="Diperpanjang.",
        )
        jadwal_amend(**window, selesai=later, alasan="Diperpanjang.")


def test_the_start_of_an_open_bid_window_cannot_be_moved_to_close_it_and_shorten_it():
    tender = paket(mulai=timezone.now())
    bids = stage(tender, Tahap.PENAWARAN)
    window = {"paket": tender, "tahap": Tahap.PENAWARAN, "actor": members(tender)[0], "selesai": bids.selesai}
    with (
        clock(during(tender, Tahap.PENAWARAN, seconds=60)),
        pytest.raises(ValidationError, match="awalnya tidak dapat diubah lagi"),
    ):
        jadwal_amend(**window, mulai=bids.mulai + datetime.timedelta(days=1), alasan="Ditunda.")
    assert stage(tender, Tahap.PENAWARAN).mulai == bids.mulai


def test_bids_open_only_once_a_bid_received_by_the_deadline_can_no_longer_be_in_a_worker(settings):
    tender = paket(now_in=Tahap.PENAWARAN)
    bid(tender, vendor(), 800_000_000)
    deadline = stage(tender, Tahap.PENAWARAN).selesai
    Jadwal.objects.filter(paket=tender, tahap=Tahap.PEMBUKAAN).update(mulai=deadline)
    pokja = members(tender)[0]
    in_flight = datetime.timedelta(seconds=settings.REQUEST_START_MAX_AGE_SECONDS)
    with clock(deadline + in_flight), pytest.raises(ValidationError, match="sesudah batas penawaran"):
        paket_open(paket=tender, actor=pokja)
    # Stamped by nginx at the deadline, handled by a busy worker just before the opening: in time.
    late_worker = vendor()
    with clock(during(tender, Tahap.PENAWARAN)):
        paket_join(paket=tender, penyedia=late_worker)
    with clock(deadline + in_flight - datetime.timedelta(seconds=1)):
        penawaran_submit(
            paket=tender, penyedia=late_worker, harga=810_000_000, parts=bid_parts(), received_at=deadline
        )
    with clock(deadline + in_flight + datetime.timedelta(seconds=1)):
        opened_paket = paket_open(paket=tender, actor=pokja)
    assert opened_paket.status == Status.EVALUASI
    assert sorted(opened_paket.penawaran_set.filter(aktif=True).values_list("harga", flat=True)) == [
        800_000_000,
        810_000_000,
    ]


def test_bid_deadline_may_be_pulled_forward_before_the_bid_window_opens():
    tender = paket(mulai=timezone.now())
    bids = stage(tender, Tahap.PENAWARAN)
    change = jadwal_amend(
        paket=tender,
        tahap=Tahap.PENAWARAN,
        actor=members(tender)[0],
        mulai=bids.mulai,
        selesai=bids.selesai - datetime.timedelta(hours=1),
        alasan="Salah ketik jam.",
    )
    assert change.selesai_baru < change.selesai_lama


def test_pokja_member_or_ppk_cannot_bid_in_their_own_package():
    from pengadaan.services import penyedia_register

    tender = paket(mulai=timezone.now())
    for user in (members(tender)[0], tender.ppk):
        profile = penyedia_register(
            user=user,
            nama_usaha="CV Keluarga",
            bentuk_usaha="cv",
            npwp=f"{user.pk:015d}",
            nib=f"{user.pk:013d}",
            kbli="41011",
            alamat="Tulungagung",
        )
        profile = penyedia_verify(penyedia=profile, actor=ukpbj(), approve=True)
        with pytest.raises(ValidationError, match="tidak boleh menjadi peserta"):
            paket_join(paket=tender, penyedia=profile)


def _register_kwargs():
    from pengadaan.models import Kategori, Metode, MetodeEvaluasi
    from portal.wilayah.models import Instansi
    from tests.factories.pengadaan import pokja_member, ppk

    return {
        "actor": ukpbj(),
        "pokja": [pokja_member() for _ in range(3)],
        "instansi": Instansi.objects.get(code="BAGIAN-UMUM"),
        "nama": "Rehabilitasi Gedung Kantor Bagian Umum",
        "kategori": Kategori.objects.get(code="pekerjaan-konstruksi"),
        "metode": Metode.objects.get(code="tender"),
        "metode_evaluasi": MetodeEvaluasi.objects.get(code="harga-terendah"),
        "tahun_anggaran": 2026,
        "pagu": 1_000_000_000,
        "hps": 900_000_000,
        "kbli_syarat": "",
        "syarat_pengalaman": "",
        "lokasi": "Tulungagung",
        "ppk": ppk(),
    }


def test_an_announcement_cannot_start_in_the_past():
    from pengadaan.services import paket_register

    with pytest.raises(ValidationError) as refused:
        paket_register(mulai=timezone.now() - datetime.timedelta(days=22), **_register_kwargs())
    assert "Mulai pengumuman tidak boleh sebelum" in " ".join(refused.value.message_dict["mulai"])
    assert not Paket.objects.exists()
    # A start typed a few minutes ago (the form has no seconds) begins when the package is published.
    tender = paket_register(mulai=timezone.now() - datetime.timedelta(minutes=3), **_register_kwargs())
    assert stage(tender, Tahap.PENGUMUMAN).mulai == tender.created_at


def test_a_verified_vendor_saving_its_profile_unchanged_stays_verified_and_a_change_is_checked_again():
    from pengadaan.constants import PENYEDIA_FIELDS

    penyedia = vendor()
    fields = {name: getattr(penyedia, name) for name in PENYEDIA_FIELDS}
    for _twice in range(2):
        assert penyedia_register(user=penyedia.user, **fields).status == PenyediaStatus.TERVERIFIKASI
    assert penyedia.riwayat_set.count() == 2  # registered, verified: nothing more
    changed = penyedia_register(user=penyedia.user, **(fields | {"alamat": "Jl. Pahlawan 2"}))
    assert changed.status == PenyediaStatus.DIAJUKAN


def test_a_failed_tender_takes_no_more_questions():
    from pengadaan.services import paket_fail

    tender = paket(now_in=Tahap.AANWIJZING)
    penyedia = vendor()
    with clock(during(tender, Tahap.PENGUMUMAN)):
        paket_join(paket=tender, penyedia=penyedia)
    paket_fail(paket=tender, actor=members(tender)[0], alasan="Anggaran dibatalkan.")
    with pytest.raises(ValidationError, match="tidak lagi menerima pertanyaan"):
        pertanyaan_ask(paket=tender, penyedia=penyedia, pertanyaan="Apakah masih berlaku?")


def test_a_second_member_opening_the_bids_is_told_the_package_not_an_application_changed(settings):
    from portal.workflow import TransitionError

    tender = paket(mulai=timezone.now())
    bid(tender, vendor(), 800_000_000)
    opened(tender)
    late = settings.REQUEST_START_MAX_AGE_SECONDS + 2
    with clock(during(tender, Tahap.PEMBUKAAN, seconds=late)), pytest.raises(TransitionError) as second:
        paket_open(paket=tender, actor=members(tender)[1])
    assert second.value.messages[0].startswith("Paket pengadaan ini baru saja diubah orang lain")


def test_the_published_sanggah_period_is_the_one_objections_keep_to_and_may_only_be_extended():
    tender = paket(mulai=timezone.now())
    winner, loser = vendor(), vendor()
    bid(tender, winner, 800_000_000)
    bid(tender, loser, 820_000_000)
    opened(tender)
    evaluated(tender)
    decided(tender)
    tender = Paket.objects.get(pk=tender.pk)
    first_end = tender.sanggah_selesai
    assert stage(tender, Tahap.SANGGAH).selesai == first_end
    amend = {"paket": tender, "tahap": Tahap.SANGGAH, "actor": members(tender)[0]}
    amend["mulai"] = stage(tender, Tahap.SANGGAH).mulai
    with pytest.raises(ValidationError, match="hanya dapat diperpanjang"):
        jadwal_amend(
            **amend, selesai=working_end(first_end - datetime.timedelta(days=1)), alasan="Dipercepat."
        )
    later = working_end(first_end + datetime.timedelta(days=3))
    jadwal_amend(**amend, selesai=later, alasan="Diperpanjang karena adendum.")
    tender = Paket.objects.get(pk=tender.pk)
    assert tender.sanggah_selesai == later
    with clock(first_end + datetime.timedelta(hours=1)):  # past the first end, within the published one
        sanggah_file(paket=tender, penyedia=loser, alasan="Harga pemenang tidak wajar.")
    # Once it has ended it stays ended: reopening it would hold up the contract.
    with clock(later + datetime.timedelta(hours=1)), pytest.raises(ValidationError, match="sudah berakhir"):
        jadwal_amend(**amend, selesai=working_end(later + datetime.timedelta(days=3)), alasan="Dibuka lagi.")
