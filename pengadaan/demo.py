"""
Sample tenders for `manage.py seed_demo`: verified vendors and three packages, one announced,
one in evaluation, one awarded, built through the services as the officers and vendors would;
and two direct procurements (pengadaan langsung), one ordered and one waiting for negotiation.

A package is keyed by its name: a second run skips the ones that exist. The two later packages
need their bid window now and then in the past, so their schedule is amended (with that reason,
shown on the page like any amendment) before and after the bids; the awarded one's sanggah period
is closed early, since the demo cannot wait five days.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from portal.accounts.demo import DEMO_DOMAIN
from portal.accounts.models import User
from portal.documents.samples import sample_pdf_bytes
from portal.wilayah.models import Instansi

from .constants import PenyediaStatus, Tahap
from .models import Jadwal, Kategori, Metode, MetodeEvaluasi, Paket, Penyedia, PerubahanJadwal
from .services import (
    evaluasi_record,
    jadwal_amend,
    konflik_declare,
    kontrak_record,
    langsung_create,
    langsung_negotiate,
    langsung_offer,
    langsung_order,
    paket_join,
    paket_open,
    paket_register,
    paket_winner_decide,
    penawaran_submit,
    penyedia_register,
    penyedia_verify,
)

REASON = "Data contoh: jadwal dipercepat agar tahap ini dapat dilihat di demo."
VENDORS = [
    ("penyedia.a", "CV Karya Mandiri Tulungagung", "cv", "012345678901001", "3504000000001"),
    ("penyedia.b", "PT Bangun Sejahtera Jawa Timur", "pt", "012345678901002", "3504000000002"),
]


def _user(local):
    return User.objects.get(email=f"{local}@{DEMO_DOMAIN}")


def _pdf(name):
    return SimpleUploadedFile(name, sample_pdf_bytes(), content_type="application/pdf")


def _vendors():
    officer, vendors = _user("ukpbj"), []
    for local, nama, bentuk, npwp, nib in VENDORS:
        penyedia = Penyedia.objects.filter(user__email=f"{local}@{DEMO_DOMAIN}").first()
        if penyedia is None:
            penyedia = penyedia_register(
                user=_user(local),
                nama_usaha=nama,
                bentuk_usaha=bentuk,
                npwp=npwp,
                nib=nib,
                kbli="41011, 43211",
                alamat="Jl. Ahmad Yani Barat, Tulungagung",
            )
        if penyedia.status == PenyediaStatus.DIAJUKAN:
            penyedia = penyedia_verify(penyedia=penyedia, actor=officer, approve=True)
        vendors.append(penyedia)
    return vendors


def _register(nama, *, kategori, hps, mulai):
    return paket_register(
        actor=_user("ukpbj"),
        pokja=[_user(f"pokja.{n}") for n in (1, 2, 3)],
        mulai=mulai,
        dokumen=_pdf("dokumen-pemilihan.pdf"),
        instansi=Instansi.objects.get(code="BAGIAN-UMUM"),
        nama=nama,
        kategori=Kategori.objects.get(code=kategori),
        metode=Metode.objects.get(code="tender"),
        metode_evaluasi=MetodeEvaluasi.objects.get(code="harga-terendah"),
        tahun_anggaran=timezone.localdate().year,
        pagu=hps + hps // 10,
        hps=hps,
        kbli_syarat="41011",
        syarat_pengalaman="Paling sedikit satu pekerjaan sejenis dalam 4 tahun terakhir.",
        lokasi="Kabupaten Tulungagung",
        ppk=_user("ppk"),
    )


def _shift(paket, tahap, *, mulai, selesai):
    """
    Move a stage of a sample package, recorded as an amendment with the demo's reason. Written
    directly because the service rightly refuses to pull a bid deadline forward once bids are in.
    """
    jadwal = Jadwal.objects.get(paket=paket, tahap=tahap)
    PerubahanJadwal.objects.create(
        jadwal=jadwal,
        mulai_lama=jadwal.mulai,
        selesai_lama=jadwal.selesai,
        mulai_baru=mulai,
        selesai_baru=selesai,
        alasan=REASON,
        oleh=_user("pokja.1"),
    )
    Jadwal.objects.filter(pk=jadwal.pk).update(mulai=mulai, selesai=selesai)


def _bid_and_open(paket, vendors, prices):
    pokja, bids_from = _user("pokja.1"), timezone.now() - datetime.timedelta(minutes=5)
    bids = Jadwal.objects.get(paket=paket, tahap=Tahap.PENAWARAN)
    jadwal_amend(
        paket=paket, tahap=Tahap.PENAWARAN, actor=pokja, mulai=bids_from, selesai=bids.selesai, alasan=REASON
    )
    for penyedia, price in zip(vendors, prices, strict=True):
        paket_join(paket=paket, penyedia=penyedia)
        parts = {name: _pdf(f"{name}.pdf") for name in ("administrasi", "teknis", "pernyataan")}
        penawaran_submit(paket=paket, penyedia=penyedia, harga=price, parts=parts)
    now = timezone.now()
    # The deadline passed long enough ago for the opening (see paket_open).
    _shift(paket, Tahap.PENAWARAN, mulai=bids_from, selesai=now - datetime.timedelta(minutes=2))
    opening = Jadwal.objects.get(paket=paket, tahap=Tahap.PEMBUKAAN)
    _shift(paket, Tahap.PEMBUKAAN, mulai=now - datetime.timedelta(minutes=2), selesai=opening.selesai)
    return paket_open(paket=paket, actor=pokja)


def _evaluate(paket):
    for n in (1, 2, 3):
        member = _user(f"pokja.{n}")
        konflik_declare(paket=paket, actor=member, ada_konflik=False)
        for penawaran in paket.penawaran_set.filter(aktif=True):
            evaluasi_record(
                penawaran=penawaran,
                actor=member,
                administrasi_lulus=True,
                teknis_lulus=True,
                alasan="Dokumen lengkap dan spesifikasi terpenuhi.",
            )


@transaction.atomic
def pengadaan_demo_create():
    """Create the sample vendors and packages that do not exist yet."""
    vendors = _vendors()
    now = timezone.now()
    announced = "Pengadaan Laptop untuk Mal Pelayanan Publik"
    if not Paket.objects.filter(nama=announced).exists():
        _register(announced, kategori="barang", hps=450_000_000, mulai=now)
    evaluating = "Rehabilitasi Gedung Kantor Kecamatan Boyolangu"
    if not Paket.objects.filter(nama=evaluating).exists():
        paket = _register(
            evaluating,
            kategori="pekerjaan-konstruksi",
            hps=900_000_000,
            mulai=now,
        )
        _bid_and_open(paket, vendors, [860_000_000, 845_000_000])
    awarded = "Pembangunan Jalan Desa Tanggung Gunung"
    if not Paket.objects.filter(nama=awarded).exists():
        paket = _register(
            awarded,
            kategori="pekerjaan-konstruksi",
            hps=1_200_000_000,
            mulai=now,
        )
        paket = _bid_and_open(paket, vendors, [1_150_000_000, 1_180_000_000])
        _evaluate(paket)
        paket_winner_decide(paket=paket, actor=_user("pokja.1"))
        Paket.objects.filter(pk=paket.pk).update(
            sanggah_selesai=timezone.now() - datetime.timedelta(seconds=1)
        )
        paket.refresh_from_db()
        today = timezone.localdate()
        kontrak_record(
            paket=paket,
            actor=_user("ppk"),
            nomor_sppbj=f"027/SPPBJ/PBJ/{today.year}",
            tanggal_sppbj=today,
            nomor=f"027/KONTRAK/PBJ/{today.year}",
            nilai=1_150_000_000,
            tanggal_mulai=today,
            tanggal_selesai=today + datetime.timedelta(days=120),
        )
    langsung_demo_create()


def _langsung(nama, *, penyedia, kategori, hps, kbli=""):
    return langsung_create(
        actor=_user("pejabat.pengadaan"),
        instansi=Instansi.objects.get(code="BAGIAN-UMUM"),
        nama=nama,
        kategori=Kategori.objects.get(code=kategori),
        metode=Metode.objects.get(code="pengadaan-langsung"),
        tahun_anggaran=timezone.localdate().year,
        pagu=hps + hps // 20,
        hps=hps,
        kbli_syarat=kbli,
        syarat_pengalaman="",
        lokasi="Kabupaten Tulungagung",
        ppk=_user("ppk"),
        penyedia=penyedia,
        batas_penawaran=timezone.now() + datetime.timedelta(days=3),
    )


@transaction.atomic
def langsung_demo_create():
    """Create the sample direct procurements that do not exist yet: one ordered, one in progress."""
    vendors = _vendors()
    done = "Perbaikan Atap Balai Desa Tanggung Gunung"
    if not Paket.objects.filter(nama=done).exists():
        paket = _langsung(
            done, penyedia=vendors[0], kategori="pekerjaan-konstruksi", hps=185_000_000, kbli="41011"
        )
        langsung_offer(paket=paket, penyedia=vendors[0], harga=183_500_000, dokumen=_pdf("penawaran.pdf"))
        langsung_negotiate(
            paket=paket,
            actor=_user("pejabat.pengadaan"),
            harga=179_000_000,
            catatan="Volume rangka baja ringan diklarifikasi; harga satuan genteng disepakati turun.",
        )
        today = timezone.localdate()
        langsung_order(
            paket=paket,
            actor=_user("ppk"),
            nomor=f"027/SPK/PL/{today.year}",
            tanggal=today,
            nilai=179_000_000,
            tanggal_selesai=today + datetime.timedelta(days=45),
        )
    waiting = "Pengadaan Printer dan Pemindai untuk Mal Pelayanan Publik"
    if not Paket.objects.filter(nama=waiting).exists():
        paket = _langsung(waiting, penyedia=vendors[1], kategori="barang", hps=95_000_000)
        langsung_offer(paket=paket, penyedia=vendors[1], harga=97_500_000, dokumen=_pdf("penawaran.pdf"))
