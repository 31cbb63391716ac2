"""
A package as Open Contracting Data Standard 1.1.5 releases: one release per event, each the state
of the process as it stood at that moment, built from the public rules in `disclosure.py` only.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from portal.network import site_url

from ..constants import CaraEvaluasi, Status, Tahap
from ..disclosure import Disclosure, jadwal_at, paket_disclosure
from ..models import DokumenPaket, RiwayatPaket

VERSION = "1.1"
CURRENCY = "IDR"
# Bid prices and the package links are published with these official extensions of the standard.
EXTENSIONS = [
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_pagination_extension/master/extension.json",
]
PUBLISHER = {"name": "Pemerintah Kabupaten Tulungagung"}


def ocid(paket) -> str:
    """Return the package's open contracting id: the configured prefix and the package's id."""
    return f"{settings.OCDS_OCID_PREFIX}-{paket.pk}"


def absolute(path: str) -> str:
    return site_url(path)


def iso(moment) -> str | None:
    if moment is None:
        return None
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).isoformat()
    start = datetime.datetime.combine(moment, datetime.time.min)
    return timezone.make_aware(start).isoformat()


@dataclass(frozen=True)
class Event:
    key: str
    tag: str
    date: datetime.datetime


def _ordered(d: Disclosure, at=None):
    """Return a direct procurement's public side once its order stands (at `at`), else None."""
    lp = d.langsung
    if lp is None or lp.pesanan_at is None or (at is not None and lp.pesanan_at > at):
        return None
    return lp


def paket_events(d: Disclosure) -> list[Event]:
    """Return the process's events in time order, each to be published as one release."""
    paket = d.paket
    events = [
        Event("perencanaan", "planning", paket.created_at),
        Event("pengumuman", "tender", _announced_at(d)),
    ]
    if d.langsung is not None:
        # Pengadaan langsung: the invitation, then the order (award and contract at once).
        ordered = _ordered(d)
        if ordered:
            events.append(Event("penetapan", "award", ordered.pesanan_at))
            events.append(Event("kontrak", "contract", ordered.pesanan_at))
        failed = _failed_at(paket)
        if failed:
            events.append(Event("batal", "tenderCancellation", failed))
        return sorted(events, key=lambda e: e.date)
    for jadwal in paket.jadwal_set.all():
        for change in jadwal.perubahan_set.all():
            events.append(Event(f"perubahan-jadwal-{change.pk}", "tenderAmendment", change.created_at))
    for doc in d.dokumen[1:]:
        events.append(Event(f"adendum-{doc.pk}", "tenderAmendment", doc.uploaded_at))
    if paket.dibuka_at:
        events.append(Event("pembukaan", "tenderUpdate", paket.dibuka_at))
    if d.penetapan:
        events.append(Event("penetapan", "award", d.penetapan.created_at))
    if d.kontrak:
        events.append(Event("kontrak", "contract", d.kontrak.created_at))
    failed = _failed_at(paket)
    if failed:
        events.append(Event("gagal", "tenderCancellation", failed))
    return sorted(events, key=lambda e: e.date)


def _announced_at(d: Disclosure):
    """
    Return when the package was announced: its registration saves the dokumen pemilihan just after
    the package row, so the announcement stands once that document is stored too.
    """
    saved = [doc.uploaded_at for doc in d.dokumen if doc.kind == DokumenPaket.Kind.DOKUMEN_PEMILIHAN]
    return max([d.paket.created_at, *saved])


def _failed_at(paket):
    if paket.status not in (Status.GAGAL, Status.BATAL):
        return None
    row = RiwayatPaket.objects.filter(paket=paket, to_status=paket.status).order_by("-created_at").first()
    return row.created_at if row else paket.created_at


def _period(stages, tahap):
    if tahap not in stages:
        return None
    start, end = stages[tahap]
    return {"startDate": iso(start), "endDate": iso(end)}


def _money(amount):
    return {"amount": int(amount), "currency": CURRENCY}


def _buyer(paket):
    return {"id": f"instansi-{paket.instansi_id}", "name": paket.instansi.name}


def _supplier(penawaran):
    # The business name the bid recorded, verified when it was made; never the live profile (a
    # change waits for verification) nor the account, NPWP or address of a vendor's staff.
    return {"id": f"penyedia-{penawaran.penyedia_id}", "name": penawaran.nama_penyedia}


def _amendments(paket, at):
    rows = []
    for jadwal in paket.jadwal_set.all():
        for change in jadwal.perubahan_set.all():
            if change.created_at <= at:
                rows.append(
                    {
                        "id": f"perubahan-jadwal-{change.pk}",
                        "date": iso(change.created_at),
                        "rationale": change.alasan,
                        "description": _change_text(jadwal, change),
                    }
                )
    return sorted(rows, key=lambda r: r["date"])


def _change_text(jadwal, change):
    before = f"{iso(change.mulai_lama)} – {iso(change.selesai_lama)}"
    after = f"{iso(change.mulai_baru)} – {iso(change.selesai_baru)}"
    return f"{jadwal.get_tahap_display()}: {before} → {after}"


def _documents(d, at):
    docs = []
    for doc in d.dokumen:
        if doc.uploaded_at <= at:
            docs.append(
                {
                    "id": f"dokumen-{doc.pk}",
                    "documentType": "biddingDocuments" if doc.kind == "dokumen_pemilihan" else "tenderNotice",
                    "title": doc.get_kind_display(),
                    "url": absolute(reverse("pengadaan:dokumen", args=[d.paket.pk, doc.pk])),
                    "datePublished": iso(doc.uploaded_at),
                    "format": "application/pdf",
                    "language": "id",
                }
            )
    return docs


def _tender_status(d, at):
    failed = _failed_at(d.paket)
    if failed and failed <= at:
        return "cancelled" if d.paket.status == Status.BATAL else "unsuccessful"
    if (d.kontrak and d.kontrak.created_at <= at) or _ordered(d, at):
        return "complete"
    return "active"


def _tender_common(d, at) -> dict:
    """Return what a tender and a direct procurement publish alike about the process."""
    paket = d.paket
    tender = {
        "id": paket.reference,
        "title": paket.nama,
        "description": paket.syarat_pengalaman or paket.nama,
        "status": _tender_status(d, at),
        "procuringEntity": _buyer(paket),
        "value": _money(paket.hps),
        "procurementMethod": paket.metode.ocds_method,
        "procurementMethodDetails": paket.metode.name,
        "mainProcurementCategory": paket.kategori.ocds_category,
        "submissionMethod": ["electronicSubmission"],
        "eligibilityCriteria": paket.kbli_syarat and f"KBLI: {paket.kbli_syarat}",
    }
    if paket.kategori.code == "jasa-konsultansi":
        tender["additionalProcurementCategories"] = ["consultingServices"]
    return tender


def _tender_direct(d, at):
    lp = d.langsung
    tender = {
        **_tender_common(d, at),
        "procurementMethodRationale": "Nilai paket dalam batas pengadaan langsung kategorinya.",
        "awardCriteria": "priceOnly",
        "awardCriteriaDetails": "Klarifikasi dan negosiasi harga dengan satu penyedia yang diundang",
        "tenderPeriod": {"startDate": iso(lp.diundang_at), "endDate": iso(lp.batas_penawaran)},
        "hasEnquiries": False,
    }
    ordered = _ordered(d, at)
    if ordered:
        tender["numberOfTenderers"] = 1
        tender["tenderers"] = [_direct_supplier(ordered)]
    return {k: v for k, v in tender.items() if v not in (None, "", [])}


def _direct_supplier(lp):
    return {"id": f"penyedia-{lp.penyedia_id}", "name": lp.penyedia}


def _tender(d, at):
    if d.langsung is not None:
        return _tender_direct(d, at)
    paket = d.paket
    stages = jadwal_at(paket=paket, at=at)
    tender = {
        **_tender_common(d, at),
        "awardCriteria": "priceOnly"
        if paket.metode_evaluasi.cara == CaraEvaluasi.HARGA_TERENDAH
        else "ratedCriteria",
        "awardCriteriaDetails": paket.metode_evaluasi.name,
        "tenderPeriod": _period(stages, Tahap.PENAWARAN),
        "enquiryPeriod": _period(stages, Tahap.AANWIJZING),
        "awardPeriod": _period(stages, Tahap.PENETAPAN),
        # Answered by then: a question answered later belongs to a later release, not this one.
        "hasEnquiries": any(q.dijawab_at <= at for q in d.pertanyaan),
        "documents": _documents(d, at),
        "amendments": _amendments(paket, at),
    }
    if paket.dibuka_at and paket.dibuka_at <= at:
        tender["numberOfTenderers"] = len(d.penawaran)
        tender["tenderers"] = [_supplier(b) for b in d.penawaran]
    return {k: v for k, v in tender.items() if v not in (None, "", [])}


def _bids(d, at):
    ordered = _ordered(d, at)
    if ordered:
        detail = {
            "id": f"{d.paket.reference}-penawaran",
            "date": iso(ordered.penawaran_at),
            "status": "valid",
            "tenderers": [_direct_supplier(ordered)],
            "value": _money(ordered.harga_penawaran),
        }
        return {"details": [detail]}
    if not (d.paket.dibuka_at and d.paket.dibuka_at <= at):
        return None
    # The bid extension's bidStatus: opened but not yet judged, then as the award's evaluation found.
    judged = d.penetapan is not None and d.penetapan.created_at <= at
    passed = {row.penawaran_id: row.lulus for row in d.hasil} if judged else {}
    details = [
        {
            "id": f"penawaran-{b.pk}",
            "date": iso(b.diterima_at),
            "status": {True: "valid", False: "disqualified"}.get(passed.get(b.pk), "pending"),
            "tenderers": [_supplier(b)],
            "value": _money(b.harga),
        }
        for b in d.penawaran
    ]
    return {"details": details} if details else None


def _awards_direct(d, at):
    ordered = _ordered(d, at)
    if ordered is None:
        return None
    return [
        {
            "id": f"{d.paket.reference}-pemenang",
            "title": f"Hasil pengadaan langsung {d.paket.reference}",
            "description": ordered.catatan_negosiasi,
            "status": "active",
            "date": iso(ordered.pesanan_at),
            "value": _money(ordered.harga_negosiasi),
            "suppliers": [_direct_supplier(ordered)],
        }
    ]


def _awards(d, at):
    if d.langsung is not None:
        return _awards_direct(d, at)
    penetapan = d.penetapan
    if penetapan is None or penetapan.created_at > at:
        return None
    failed = _failed_at(d.paket)
    if failed and failed <= at:
        status = "cancelled"
    elif d.kontrak and d.kontrak.created_at <= at:
        status = "active"
    else:
        status = "pending"  # the sanggah period runs until the contract
    winner = penetapan.pemenang
    return [
        {
            "id": f"{d.paket.reference}-pemenang",
            "title": f"Pemenang {d.paket.reference}",
            "status": status,
            "date": iso(penetapan.created_at),
            "value": _money(winner.harga),
            "suppliers": [_supplier(winner)],
            "documents": [
                {
                    "id": "berita-acara-hasil-pemilihan",
                    "documentType": "evaluationReports",
                    "title": "Berita acara hasil pemilihan",
                    "url": absolute(reverse("pengadaan:hasil", args=[d.paket.pk])),
                    "format": "application/pdf",
                    "language": "id",
                }
            ],
        }
    ]


def _contracts_direct(d, at):
    ordered = _ordered(d, at)
    if ordered is None:
        return None
    return [
        {
            "id": f"{d.paket.reference}-kontrak",
            "awardID": f"{d.paket.reference}-pemenang",
            "title": ordered.nomor_pesanan,
            "description": f"SPK/surat pesanan tanggal {ordered.tanggal_pesanan:%Y-%m-%d}",
            "status": "active",
            "period": {"startDate": iso(ordered.tanggal_pesanan), "endDate": iso(ordered.tanggal_selesai)},
            "value": _money(ordered.nilai_pesanan),
            "dateSigned": iso(ordered.tanggal_pesanan),
        }
    ]


def _contracts(d, at):
    if d.langsung is not None:
        return _contracts_direct(d, at)
    kontrak = d.kontrak
    if kontrak is None or kontrak.created_at > at:
        return None
    return [
        {
            "id": f"{d.paket.reference}-kontrak",
            "awardID": f"{d.paket.reference}-pemenang",
            "title": kontrak.nomor,
            "description": f"SPPBJ {kontrak.nomor_sppbj} tanggal {kontrak.tanggal_sppbj:%Y-%m-%d}",
            "status": "active",
            "period": {"startDate": iso(kontrak.tanggal_mulai), "endDate": iso(kontrak.tanggal_selesai)},
            "value": _money(kontrak.nilai),
        }
    ]


def _parties(d, at):
    buyer = {**_buyer(d.paket), "roles": ["buyer", "procuringEntity"]}
    parties = {buyer["id"]: buyer}
    ordered = _ordered(d, at)
    if ordered:
        supplier = _direct_supplier(ordered)
        parties[supplier["id"]] = {**supplier, "roles": ["tenderer", "supplier"]}
    awards = _awards(d, at) or []
    winners = {s["id"] for a in awards for s in a["suppliers"]}
    if d.paket.dibuka_at and d.paket.dibuka_at <= at:
        for b in d.penawaran:
            org = _supplier(b)
            roles = ["tenderer", "supplier"] if org["id"] in winners else ["tenderer"]
            parties[org["id"]] = {**org, "roles": roles}
    return list(parties.values())


# A release declares "language": "id", so its labels are Indonesian whatever the visitor reads.
@translation.override("id")
def release_at(d: Disclosure, *, at, tag: str, key: str) -> dict:
    """Return the release of `d`'s process as it stood at `at`."""
    paket = d.paket
    release = {
        "ocid": ocid(paket),
        "id": f"{ocid(paket)}-{key}",
        "date": iso(at),
        "tag": [tag],
        "initiationType": "tender",
        "language": "id",
        "parties": _parties(d, at),
        "buyer": _buyer(paket),
        "planning": {
            "budget": {
                "description": f"APBD Kabupaten Tulungagung tahun anggaran {paket.tahun_anggaran}",
                "amount": _money(paket.pagu),
            }
        },
        "tender": _tender(d, at),
        "bids": _bids(d, at),
        "awards": _awards(d, at),
        "contracts": _contracts(d, at),
    }
    if paket.retender_dari_id:
        release["relatedProcesses"] = [
            {
                "id": "tender-ulang",
                "relationship": ["prior"],
                "title": paket.retender_dari.reference,
                "scheme": "ocid",
                "identifier": ocid(paket.retender_dari),
            }
        ]
    return {k: v for k, v in release.items() if v is not None}


def paket_releases(paket, *, since=None) -> list[dict]:
    """Return the releases of one package, oldest first (from `since` when given)."""
    d = paket_disclosure(paket=paket)
    return [
        release_at(d, at=e.date, tag=e.tag, key=e.key)
        for e in paket_events(d)
        if since is None or e.date >= since
    ]


def paket_compiled(paket) -> tuple[dict, list[dict]]:
    """Return the compiled release (the process as it stands) and the releases it compiles."""
    d = paket_disclosure(paket=paket)
    events = paket_events(d)
    releases = [release_at(d, at=e.date, tag=e.tag, key=e.key) for e in events]
    compiled = release_at(d, at=events[-1].date, tag="compiled", key="compiled")
    return compiled, releases


def release_package(releases, *, uri, links=None) -> dict:
    """Wrap releases in a release package; its date is the latest release's, so it is stable."""
    package = {
        "uri": uri,
        "version": VERSION,
        "extensions": EXTENSIONS,
        "publisher": {**PUBLISHER, "uri": settings.SITE_URL},
        "publishedDate": max(r["date"] for r in releases),
        "releases": releases,
    }
    if links:
        package["links"] = links
    return package


def record_package(paket, *, uri) -> dict:
    """Return the record package of one process: its releases and the compiled release."""
    compiled, releases = paket_compiled(paket)
    return {
        "uri": uri,
        "version": VERSION,
        "extensions": EXTENSIONS,
        "publisher": {**PUBLISHER, "uri": settings.SITE_URL},
        "publishedDate": compiled["date"],
        "records": [{"ocid": ocid(paket), "releases": releases, "compiledRelease": compiled}],
    }
