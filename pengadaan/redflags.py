"""
Red flags: warning signs computed from what is public about a package (`disclosure.py`).

A flag is an indicator for a closer look, never proof of wrongdoing; each explains itself in one
sentence with the package's own figures and links to its definition.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .constants import DIRECT, Tahap
from .disclosure import AWARDED, Disclosure, jadwal_at, paket_disclosure, paket_with_schedule
from .models import DurasiTahap, Penetapan

# A winning price this close below the HPS (as a share of it) is flagged, as opentender.net does.
HPS_MARGIN = Decimal("0.01")
# Wins by one vendor from one agency in one budget year from which the flag is raised.
REPEATED_WINS = 2
COMPETITIVE_METHODS = ("open", "selective")
# The stages a vendor has between the announcement and the bid deadline.
SUBMISSION_STAGES = (Tahap.PENGUMUMAN, Tahap.PENDAFTARAN, Tahap.AANWIJZING, Tahap.PENAWARAN)


@dataclass(frozen=True)
class Definisi:
    code: str
    title: str
    text: str


DEFINITIONS = [
    Definisi(
        "penawar-tunggal",
        gettext_lazy("Penawar tunggal"),
        gettext_lazy(
            "Hanya satu penawaran masuk pada metode yang terbuka bagi banyak penyedia (tender, seleksi, "
            "tender cepat). Persaingan yang tidak terjadi dapat berarti syarat terlalu sempit, "
            "pengumuman kurang diketahui, atau pembagian paket di antara penyedia."
        ),
    ),
    Definisi(
        "masa-penawaran-pendek",
        gettext_lazy("Masa penawaran pendek"),
        gettext_lazy(
            "Waktu dari awal pengumuman sampai batas penyampaian penawaran lebih pendek daripada jumlah "
            "lama tahap pengumuman, pendaftaran, aanwijzing dan penyampaian penawaran pada aturan lama "
            "tahap metode itu (data yang dipelihara UKPBJ). Waktu yang sempit menguntungkan penyedia "
            "yang sudah tahu lebih dulu."
        ),
    ),
    Definisi(
        "harga-dekat-hps",
        gettext_lazy("Harga pemenang hampir sama dengan HPS"),
        gettext_lazy(
            "Harga penawaran pemenang kurang dari 1 persen di bawah HPS. HPS dapat saja diketahui penawar "
            "sebelumnya, atau persaingan harga tidak terjadi."
        ),
    ),
    Definisi(
        "jadwal-diubah-saat-penawaran",
        gettext_lazy("Jadwal diubah saat masa penawaran"),
        gettext_lazy(
            "Pokja mengubah jadwal ketika masa penyampaian penawaran sedang berjalan. Perubahan di "
            "tengah jalan dapat menguntungkan penawar tertentu; alasannya tercatat pada halaman paket."
        ),
    ),
    Definisi(
        "menang-berulang",
        gettext_lazy("Menang berulang di instansi yang sama"),
        gettext_lazy(
            "Pemenang paket ini memenangkan paling sedikit dua paket dari instansi yang sama dalam satu "
            "tahun anggaran (pemenang yang diumumkan atau berkontrak)."
        ),
    ),
    Definisi(
        "sanggah-diterima",
        gettext_lazy("Sanggah diterima"),
        gettext_lazy(
            "Pokja menerima sanggah seorang penawar: hasil pemilihan ternyata keliru dan tender gagal."
        ),
    ),
]
BY_CODE = {d.code: d for d in DEFINITIONS}


@dataclass
class Flag:
    definisi: Definisi
    explanation: str


def _single_bidder(d: Disclosure):
    paket = d.paket
    if paket.dibuka_at and paket.metode.ocds_method in COMPETITIVE_METHODS and len(d.penawaran) == 1:
        return _("Hanya satu penawaran masuk pada metode %(metode)s.") % {"metode": paket.metode.name}
    return None


def _short_period(d: Disclosure):
    paket = d.paket
    rule = DurasiTahap.objects.filter(metode=paket.metode_id, tahap__in=SUBMISSION_STAGES).aggregate(
        days=Sum("hari")
    )["days"]
    stages = {j.tahap: j for j in paket.jadwal_set.all()}
    if not rule or Tahap.PENGUMUMAN not in stages or Tahap.PENAWARAN not in stages:
        return None
    # Vendors could not see a package before it was published, whatever start its schedule shows.
    announced = max(stages[Tahap.PENGUMUMAN].mulai, paket.created_at)
    period = stages[Tahap.PENAWARAN].selesai - announced
    if period >= datetime.timedelta(days=rule):
        return None
    return _(
        "Dari pengumuman sampai batas penawaran hanya %(days)s hari, sedangkan aturan metode "
        "%(metode)s %(rule)s hari."
    ) % {
        # number_format cuts the digits it does not show; rounding first keeps 3.96 from reading 3.9.
        "days": formats.number_format(round(period.total_seconds() / 86400, 1), decimal_pos=1),
        "metode": paket.metode.name,
        "rule": rule,
    }


def _close_to_hps(d: Disclosure):
    if d.penetapan is None:
        return None
    harga, hps = d.penetapan.pemenang.harga, d.paket.hps
    if harga is None or harga < hps * (1 - HPS_MARGIN) or harga > hps:
        return None
    return _("Harga pemenang Rp%(harga)s, %(pct)s %% di bawah HPS Rp%(hps)s.") % {
        "harga": _rupiah(harga),
        "hps": _rupiah(hps),
        "pct": formats.number_format(round((hps - harga) / hps * 100, 2), decimal_pos=2),
    }


def _rupiah(value) -> str:
    return formats.number_format(value, decimal_pos=0, force_grouping=True)


def _amended_in_window(d: Disclosure):
    for jadwal in d.paket.jadwal_set.all():
        for change in jadwal.perubahan_set.all():
            before = jadwal_at(paket=d.paket, at=change.created_at - datetime.timedelta(microseconds=1))
            start, end = before.get(Tahap.PENAWARAN, (None, None))
            if start and start <= change.created_at <= end:
                return _("Tahap %(tahap)s diubah %(when)s, ketika masa penawaran sedang berjalan.") % {
                    "tahap": jadwal.get_tahap_display(),
                    # As the schedule on the same page shows it: local time, the language's month.
                    "when": formats.date_format(timezone.localtime(change.created_at), "j M Y H:i"),
                }
    return None


def _repeated_wins(d: Disclosure):
    if d.pemenang is None:
        return None
    wins = Penetapan.objects.filter(
        paket__instansi=d.paket.instansi_id,
        paket__tahun_anggaran=d.paket.tahun_anggaran,
        paket__status__in=AWARDED,
        pemenang__penyedia=d.pemenang.penyedia_id,
    ).count()
    if wins < REPEATED_WINS:
        return None
    return _("%(name)s memenangkan %(n)s paket dari %(instansi)s pada tahun anggaran %(tahun)s.") % {
        "name": d.pemenang.nama_penyedia,  # the name it bid under, as the award shows it
        "n": wins,
        "instansi": d.paket.instansi.name,
        "tahun": d.paket.tahun_anggaran,
    }


def _upheld(d: Disclosure):
    upheld = [s for s in d.sanggah if s.diterima]
    if not upheld:
        return None
    return _("Pokja menerima %(n)s sanggah; tender dinyatakan gagal.") % {"n": len(upheld)}


CHECKS = {
    "penawar-tunggal": _single_bidder,
    "masa-penawaran-pendek": _short_period,
    "harga-dekat-hps": _close_to_hps,
    "jadwal-diubah-saat-penawaran": _amended_in_window,
    "menang-berulang": _repeated_wins,
    "sanggah-diterima": _upheld,
}


def paket_flags(*, paket, disclosure: Disclosure | None = None) -> list[Flag]:
    """Return the red flags the package's public data raises, in the definitions' order."""
    d = disclosure or paket_disclosure(paket=paket)
    flags = []
    for definisi in DEFINITIONS:
        explanation = CHECKS[definisi.code](d)
        if explanation:
            flags.append(Flag(definisi=definisi, explanation=explanation))
    return flags


def paket_flaggable():
    """
    Return the packages a flag can be raised on, with what the flags read: tendered ones. A direct
    procurement has no schedule, bids, award decision or sanggah for any flag to read.
    """
    return paket_with_schedule().exclude(metode__ocds_method=DIRECT)


def instansi_flags(*, instansi, tahun=None) -> list[tuple]:
    """Return (package, flags) for every package of the agency (of one budget year if given)."""
    qs = paket_with_schedule().filter(instansi=instansi)
    if tahun:
        qs = qs.filter(tahun_anggaran=tahun)
    return [(p, paket_flags(paket=p)) for p in qs.order_by("-created_at")]
