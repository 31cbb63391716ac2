"""Tender fixtures: officers, verified vendors, packages at each stage, and a clock to move."""

import contextlib
import datetime
import itertools
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pengadaan.constants import TAHAP_ORDER, Tahap
from pengadaan.models import Jadwal, Kategori, Metode, MetodeEvaluasi
from pengadaan.services import (
    evaluasi_record,
    konflik_declare,
    paket_join,
    paket_open,
    paket_register,
    paket_winner_decide,
    penawaran_submit,
    penyedia_register,
    penyedia_verify,
)
from portal.accounts.roles import Role
from portal.documents.samples import sample_pdf_bytes
from portal.holidays.selectors import working_deadline
from portal.wilayah.models import Instansi
from tests.factories import UserFactory

_numbers = itertools.count(1)


@contextlib.contextmanager
def clock(moment):
    """Make the server's clock read `moment` inside the block."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment


def pdf(name="dokumen.pdf", content=None):
    return SimpleUploadedFile(name, content or sample_pdf_bytes(), content_type="application/pdf")


def bid_parts():
    return {"administrasi": pdf("adm.pdf"), "teknis": pdf("teknis.pdf"), "pernyataan": pdf("surat.pdf")}


def ukpbj(**kwargs):
    return UserFactory(role=Role.ADMIN_UKPBJ, **kwargs)


def pokja_member(**kwargs):
    return UserFactory(role=Role.POKJA_PEMILIHAN, **kwargs)


def ppk(**kwargs):
    return UserFactory(role=Role.PPK, **kwargs)


def paket_form(**over):
    """Return what a UKPBJ officer posts to register a tender package."""
    data = {
        "instansi": Instansi.objects.get(code="DPMPTSP").pk,
        "nama": "Pengadaan Komputer Mal Pelayanan Publik",
        "kategori": Kategori.objects.get(code="barang").pk,
        "metode": Metode.objects.get(code="tender").pk,
        "metode_evaluasi": MetodeEvaluasi.objects.get(code="harga-terendah").pk,
        "tahun_anggaran": 2026,
        "pagu": 500_000_000,
        "hps": 450_000_000,
        "lokasi": "MPP Tulungagung",
        "ppk": ppk().pk,
        "pokja": [pokja_member().pk for _ in range(3)],
        "mulai": (timezone.localtime() + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "dokumen": pdf(),
    }
    data.update(over)
    return data


def vendor(*, verified=True, officer=None, name=None, **user_kwargs):
    """Return a vendor profile (verified by `officer`, or a new UKPBJ officer, unless told not)."""
    n = next(_numbers)
    user = UserFactory(role=Role.WARGA, **user_kwargs)
    penyedia = penyedia_register(
        user=user,
        nama_usaha=name or f"CV Penyedia {n}",
        bentuk_usaha="cv",
        npwp=f"{n:015d}",
        nib=f"{n:013d}",
        kbli="41011, 43211",
        alamat="Jl. Pahlawan 1, Tulungagung",
    )
    if verified:
        penyedia = penyedia_verify(penyedia=penyedia, actor=officer or ukpbj(), approve=True)
    return penyedia


def paket(
    *,
    mulai=None,
    now_in=None,
    members=3,
    pokja=None,
    metode="tender",
    evaluasi="harga-terendah",
    hps=900_000_000,
    actor=None,
    **over,
):
    """
    Return an announced package whose schedule starts at `mulai` (default: now; a past `mulai` is
    registered with the clock set to it); with `now_in`, the schedule is laid out in one-day stages
    so that stage `now_in` began an hour ago (whatever the weekday: the first schedule's working-day
    roll-forward would otherwise move it).
    """
    fields = {
        "instansi": Instansi.objects.get(code="BAGIAN-UMUM"),
        "nama": "Rehabilitasi Gedung Kantor Bagian Umum",
        "kategori": Kategori.objects.get(code="pekerjaan-konstruksi"),
        "metode": Metode.objects.get(code=metode),
        "metode_evaluasi": MetodeEvaluasi.objects.get(code=evaluasi),
        "tahun_anggaran": 2026,
        "pagu": 1_000_000_000,
        "hps": hps,
        "kbli_syarat": "41011",
        "syarat_pengalaman": "Satu pekerjaan sejenis dalam 4 tahun terakhir.",
        "lokasi": "Tulungagung",
        "ppk": ppk(),
    }
    fields.update(over)
    mulai = mulai or timezone.now()
    # A schedule that began in the past was registered then: the service refuses a past start.
    with clock(mulai) if mulai < timezone.now() else contextlib.nullcontext():
        created = paket_register(
            actor=actor or ukpbj(),
            pokja=pokja or [pokja_member() for _ in range(members)],
            mulai=mulai,
            dokumen=pdf("dokumen-pemilihan.pdf"),
            **fields,
        )
    if now_in is not None:
        _schedule_around_now(created, now_in)
    return created


def _schedule_around_now(paket, tahap):
    begin = (
        timezone.now() - datetime.timedelta(hours=1) - TAHAP_ORDER.index(tahap) * datetime.timedelta(days=1)
    )
    for i, name in enumerate(TAHAP_ORDER):
        start = begin + datetime.timedelta(days=i)
        Jadwal.objects.filter(paket=paket, tahap=name).update(
            mulai=start, selesai=start + datetime.timedelta(days=1)
        )


def working_end(moment):
    """Return the first 14.00 of a working day not before `moment`: where an amended stage may end."""
    return working_deadline(end=moment, hour=14)


def stage(paket, tahap: Tahap) -> Jadwal:
    return Jadwal.objects.get(paket=paket, tahap=tahap)


def during(paket, tahap: Tahap, seconds=1):
    """Return a moment `seconds` after the start of a stage."""
    return stage(paket, tahap).mulai + datetime.timedelta(seconds=seconds)


def members(paket):
    return [m.user for m in paket.pokja_set.select_related("user").order_by("pk")]


def bid(paket, penyedia, harga):
    """Register `penyedia` and submit a bid of `harga` during the submission window."""
    with clock(during(paket, Tahap.PENAWARAN)):
        paket_join(paket=paket, penyedia=penyedia)
        return penawaran_submit(paket=paket, penyedia=penyedia, harga=harga, parts=bid_parts())


def opened(paket):
    """Open the package's bids at the opening time; return the reloaded package."""
    from django.conf import settings

    # Once a bid stamped by the deadline can no longer be in a worker (see paket_open).
    with clock(during(paket, Tahap.PEMBUKAAN, seconds=settings.REQUEST_START_MAX_AGE_SECONDS + 1)):
        return paket_open(paket=paket, actor=members(paket)[0])


def evaluated(paket, *, by=None, passes=True):
    """Have `by` (default: all members) declare no conflict and pass (or fail) every bid."""
    for member in by or members(paket):
        konflik_declare(paket=paket, actor=member, ada_konflik=False)
        for penawaran in paket.penawaran_set.filter(aktif=True):
            evaluasi_record(
                penawaran=penawaran,
                actor=member,
                administrasi_lulus=passes,
                teknis_lulus=passes,
                nilai_teknis=80,
                alasan="Memenuhi syarat.",
            )
    return paket


def decided(paket):
    with clock(during(paket, Tahap.EVALUASI)):
        return paket_winner_decide(paket=paket, actor=members(paket)[0])
