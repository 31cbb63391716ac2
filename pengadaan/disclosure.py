"""
What anyone may see of a package, and from which stage: one selector per rule, used by the public
page, the CSV and the open contracting data alike.

Business names are public, as each bid (or direct offer) recorded them when the vendor was verified:
never the live profile, whose changes wait for verification. Nothing here reads a vendor's account,
NPWP, address or staff.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from .constants import Status
from .models import DokumenPaket, Paket, Pendaftaran, Penetapan, Sanggah
from .ranking import paket_ranking
from .selectors import jadwal_in_tender_order, paket_public, penawaran_disclosed, pertanyaan_published

AWARDED = (Status.PEMENANG, Status.KONTRAK)


def paket_search(*, instansi=None, kategori=None, metode=None, status=None, tahun=None, q=""):
    """Return the public package list narrowed by the given filters (each optional)."""
    qs = paket_public().annotate(jumlah_peserta=Count("pendaftaran_set", distinct=True))
    if instansi:
        qs = qs.filter(instansi=instansi)
    if kategori:
        qs = qs.filter(kategori=kategori)
    if metode:
        qs = qs.filter(metode=metode)
    if status:
        qs = qs.filter(status=status)
    if tahun:
        qs = qs.filter(tahun_anggaran=tahun)
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(reference__icontains=q) | Q(lokasi__icontains=q))
    return qs.select_related("penetapan__pemenang__penyedia", "kontrak", "langsung__penyedia")


def paket_with_schedule():
    """Every package with what its open data and flags read at once (schedule and amendments)."""
    jadwal = jadwal_in_tender_order().prefetch_related("perubahan_set")
    return Paket.objects.select_related(
        "instansi", "kategori", "metode", "metode_evaluasi", "retender_dari"
    ).prefetch_related(Prefetch("jadwal_set", queryset=jadwal))


def jadwal_at(*, paket, at) -> dict:
    """Return {tahap: (mulai, selesai)} as the published schedule stood at `at`."""
    stages = {}
    for jadwal in paket.jadwal_set.all():
        later = [c for c in jadwal.perubahan_set.all() if c.created_at > at]
        first = min(later, key=lambda c: (c.created_at, c.pk)) if later else None
        if first:
            stages[jadwal.tahap] = (first.mulai_lama, first.selesai_lama)
        else:
            stages[jadwal.tahap] = (jadwal.mulai, jadwal.selesai)
    return stages


def peserta_count(*, paket) -> int:
    """Return how many vendors registered for the package (their names stay private)."""
    return Pendaftaran.objects.filter(paket=paket).count()


def dokumen_public(*, paket):
    """The published documents of the package: the dokumen pemilihan and its addenda."""
    return DokumenPaket.objects.filter(paket=paket).order_by("uploaded_at", "id")


def penawaran_public(*, paket) -> list:
    """Bidders (business names) and prices, once the bids were opened; before that, nothing."""
    return list(
        penawaran_disclosed()
        .filter(paket=paket, aktif=True)
        .only("harga", "digest", "diterima_at", "paket_id", "penyedia_id", "nama_penyedia")
        .order_by("harga", "diterima_at")
    )


def penetapan_public(*, paket):
    """The decision naming the winner, once it was announced (kept on a tender that failed later)."""
    if paket.status not in (*AWARDED, Status.GAGAL):
        return None
    return Penetapan.objects.filter(paket=paket).select_related("pemenang__penyedia").first()


def pemenang_public(*, paket):
    """The winning bid while the award stands (announced or contracted); None otherwise."""
    if paket.status not in AWARDED:
        return None
    penetapan = getattr(paket, "penetapan", None)
    return penetapan.pemenang if penetapan else None


@dataclass
class HasilRow:
    penawaran_id: int
    penyedia: str
    harga: object
    peringkat: int | None
    lulus: bool
    alasan: str


def hasil_public(*, paket) -> list[HasilRow]:
    """The evaluation result per opened bid (rank or why it failed), once the winner was named."""
    penetapan = penetapan_public(paket=paket)
    if penetapan is None:
        return []
    rank = {pk: i for i, pk in enumerate(penetapan.peringkat, start=1)}
    rows = []
    for row in paket_ranking(paket=paket).rows:
        bid = row.penawaran
        rows.append(
            HasilRow(
                penawaran_id=bid.pk,
                penyedia=bid.nama_penyedia,
                harga=bid.harga,
                peringkat=rank.get(bid.pk),
                lulus=bid.pk in rank,
                alasan=_gagal_reason(row),
            )
        )
    return sorted(rows, key=lambda r: (r.peringkat is None, r.peringkat or 0))


def _gagal_reason(row) -> str:
    if row.lulus:
        return ""
    if not row.harga_lulus:
        return _("Harga di atas HPS")
    return _("Tidak lulus evaluasi administrasi atau teknis")


def sanggah_public(*, paket):
    """Objections filed and their answers, from the award on; the evidence file stays private."""
    if paket.status not in (*AWARDED, Status.GAGAL):
        return Sanggah.objects.none()
    return (
        Sanggah.objects.filter(paket=paket)
        .only("alasan", "jawaban", "diterima", "dijawab_at", "created_at", "paket_id", "nama_penyedia")
        .order_by("created_at", "id")
    )


def kontrak_public(*, paket):
    """The contract, once the PPK recorded it."""
    if paket.status != Status.KONTRAK:
        return None
    return getattr(paket, "kontrak", None)


@dataclass
class LangsungPublic:
    """What anyone may see of a direct procurement: its dates always; the rest once ordered."""

    diundang_at: object
    batas_penawaran: object
    penawaran_masuk: bool
    # From the order (SPK) on; None before it, and on a cancelled one.
    penyedia_id: int | None = None
    penyedia: str = ""
    harga_penawaran: object = None
    penawaran_at: object = None
    harga_negosiasi: object = None
    catatan_negosiasi: str = ""
    negosiasi_at: object = None
    nomor_pesanan: str = ""
    tanggal_pesanan: object = None
    nilai_pesanan: object = None
    tanggal_selesai: object = None
    pesanan_at: object = None


ORDER_FIELDS = (
    "harga_penawaran",
    "penawaran_at",
    "harga_negosiasi",
    "catatan_negosiasi",
    "negosiasi_at",
    "nomor_pesanan",
    "tanggal_pesanan",
    "nilai_pesanan",
    "tanggal_selesai",
    "pesanan_at",
)


def langsung_public(*, paket) -> LangsungPublic | None:
    """
    The public side of a direct procurement (None for a tender). The invited vendor, its offer and
    the negotiation are private until the order, as a tender's bids are until the opening.
    """
    row = getattr(paket, "langsung", None)  # loaded with the list's select_related, else one query
    if row is None:
        return None
    public = LangsungPublic(
        diundang_at=row.diundang_at,
        batas_penawaran=row.batas_penawaran,
        penawaran_masuk=row.penawaran_at is not None,
    )
    if paket.status == Status.KONTRAK:
        public.penyedia_id, public.penyedia = row.penyedia_id, row.nama_penyedia
        for name in ORDER_FIELDS:
            setattr(public, name, getattr(row, name))
    return public


@dataclass
class Disclosure:
    """Everything public about one package at its present stage."""

    paket: Paket
    peserta: int
    dokumen: list
    pertanyaan: list
    penawaran: list
    penetapan: object
    pemenang: object
    hasil: list
    sanggah: list
    kontrak: object
    langsung: LangsungPublic | None = None


def paket_disclosure(*, paket) -> Disclosure:
    """Return what the public sees of `paket` now, each part by its own rule."""
    return Disclosure(
        paket=paket,
        peserta=peserta_count(paket=paket),
        dokumen=list(dokumen_public(paket=paket)),
        pertanyaan=list(pertanyaan_published(paket=paket)),
        penawaran=penawaran_public(paket=paket),
        penetapan=penetapan_public(paket=paket),
        pemenang=pemenang_public(paket=paket),
        hasil=hasil_public(paket=paket),
        sanggah=list(sanggah_public(paket=paket)),
        kontrak=kontrak_public(paket=paket),
        langsung=langsung_public(paket=paket),
    )
