"""
The procurement section of the transparency page (/transparansi/): per budget year and agency, the
packages, their pagu and contract value, how many were competitive, the bidders per tender and the
red flags. The dashboard's refresh task computes the rows; visitors read them from its snapshot.

Only what the package pages already disclose is counted: contracts (a direct procurement's order)
once signed, bids once opened (before the opening not even their number); a method is competitive
by its OCDS procurementMethod, never by its code.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.public.dashboard import transparency_section_register

from .constants import Status
from .models import Paket
from .redflags import COMPETITIVE_METHODS, DEFINITIONS, paket_flaggable, paket_flags
from .selectors import penawaran_disclosed

SECTION = "pengadaan"
# The query parameter of the budget year, on the page and in the CSV.
YEAR = "tahun"
FIGURES = [
    "jumlah_paket",
    "paket_gagal",
    "total_pagu",
    "jumlah_kontrak",
    "nilai_kontrak",
    "paket_kompetitif",
    "tender_dibuka",
    "jumlah_penawaran",
]
# The rules of disclosure.py in bulk: bids count once opened (penawaran_disclosed), contracts and
# direct procurement orders once signed (kontrak_public, langsung_public).
COMPETITIVE = Q(metode__ocds_method__in=COMPETITIVE_METHODS)
OPENED = Q(dibuka_at__isnull=False)
SIGNED = Q(status=Status.KONTRAK)


def _per_agency():
    """Return {(year, agency id): figures} of every package, counted and summed in the database."""
    # A failed package tendered again holds the same budget as its re-tender: count it once.
    retendered = Exists(Paket.objects.filter(retender_dari=OuterRef("pk")))
    rows = (
        Paket.objects.order_by()
        .values("tahun_anggaran", "instansi", "instansi__name")
        .annotate(
            jumlah_paket=Count("pk"),
            paket_gagal=Count("pk", filter=Q(status=Status.GAGAL)),
            total_pagu=Sum("pagu", filter=~Q(retendered)),
            jumlah_kontrak=Count("pk", filter=SIGNED),
            nilai_kontrak=Sum("kontrak__nilai", filter=SIGNED),
            # A direct procurement's contract is its order (SPK), public once it is signed.
            nilai_pesanan=Sum("langsung__nilai_pesanan", filter=SIGNED),
            paket_kompetitif=Count("pk", filter=COMPETITIVE),
            tender_dibuka=Count("pk", filter=COMPETITIVE & OPENED),
        )
    )
    bids = (
        penawaran_disclosed()
        .filter(aktif=True, paket__metode__ocds_method__in=COMPETITIVE_METHODS)
        .order_by()
        .values("paket__tahun_anggaran", "paket__instansi")
        .annotate(n=Count("pk"))
    )
    opened = {(b["paket__tahun_anggaran"], b["paket__instansi"]): b["n"] for b in bids}
    figures = {}
    for r in rows:
        key = (r["tahun_anggaran"], r["instansi"])
        figures[key] = {name: int(r[name] or 0) for name in FIGURES if name != "jumlah_penawaran"}
        figures[key].update(
            instansi=r["instansi__name"],
            nilai_kontrak=int(r["nilai_kontrak"] or 0) + int(r["nilai_pesanan"] or 0),
            jumlah_penawaran=opened.get(key, 0),
        )
    return figures


def _flag_counts() -> dict:
    """Return {(year, agency id): Counter of flag codes}, from each package's own red flags."""
    counts = defaultdict(Counter)
    for paket in paket_flaggable().order_by("pk").iterator(chunk_size=200):
        counts[(paket.tahun_anggaran, paket.instansi_id)].update(
            flag.definisi.code for flag in paket_flags(paket=paket)
        )
    return counts


def _rates(row) -> dict:
    paket, dibuka = row["jumlah_paket"], row["tender_dibuka"]
    row["persen_kompetitif"] = round(100 * row["paket_kompetitif"] / paket, 1) if paket else None
    row["rata_rata_penawar"] = round(row["jumlah_penawaran"] / dibuka, 1) if dibuka else None
    return row


def pengadaan_dashboard_compute() -> list[dict]:
    """
    Return one row per budget year and agency, then the year's regency total (instansi_id None),
    newest year first: the figures, their rates and {flag code: packages} under "tanda".
    """
    figures, flags = _per_agency(), _flag_counts()
    rows = []
    for year in sorted({y for y, _agency in figures}, reverse=True):
        agencies = sorted(
            ((a, f) for (y, a), f in figures.items() if y == year), key=lambda af: af[1]["instansi"]
        )
        total = {"tahun": year, "instansi_id": None, "instansi": "", **dict.fromkeys(FIGURES, 0)}
        total["tanda"] = dict.fromkeys((d.code for d in DEFINITIONS), 0)
        for agency, f in agencies:
            tanda = {d.code: flags[(year, agency)][d.code] for d in DEFINITIONS}
            rows.append(_rates({"tahun": year, "instansi_id": agency, **f, "tanda": tanda}))
            for name in FIGURES:
                total[name] += f[name]
            for code, n in tanda.items():
                total["tanda"][code] += n
        rows.append(_rates(total))
    return rows


def _year(rows, query):
    """Return the year asked for (the latest with data when none is); None for one without data."""
    years = [r["tahun"] for r in rows if r["instansi_id"] is None]
    asked = query.get(YEAR, "")
    if not asked:
        return years[0] if years else None
    return next((y for y in years if str(y) == asked), None)


def _rows_of(rows, year, definitions=()):
    """
    Return the rows of `year`, the regency's last, named, with their flags in the definitions' order
    and, for the page, the amounts in millions and the flags raised as (definition, url, packages).
    """
    regency = _("Seluruh kabupaten")
    shown = []
    for r in (r for r in rows if r["tahun"] == year):
        tanda = [r["tanda"].get(d.code, 0) for d in DEFINITIONS]
        shown.append(
            {
                **r,
                "instansi": r["instansi"] or regency,
                "tanda_list": tanda,
                "tanda_raised": [(d, url, n) for (d, url), n in zip(definitions, tanda, strict=False) if n],
                "pagu_juta": r["total_pagu"] / 1_000_000,
                "kontrak_juta": r["nilai_kontrak"] / 1_000_000,
            }
        )
    return shown


def pengadaan_dashboard_view(*, rows, query) -> dict:
    """Return what the section shows: the year's rows (the regency's last), the years, the links."""
    if rows is None:
        return {"preparing": True}
    year = _year(rows, query)
    definitions_url = reverse("pengadaan:tanda_definisi")
    definitions = [(d, f"{definitions_url}#{d.code}") for d in DEFINITIONS]
    return {
        "years": [r["tahun"] for r in rows if r["instansi_id"] is None],
        "year": year,
        "asked": query.get(YEAR, ""),
        "rows": _rows_of(rows, year, definitions),
        "list_url": reverse("pengadaan:index"),
        "csv_url": reverse("public:transparency_section_csv", args=[SECTION]),
        "other_filters": [(k, v) for k, v in query.items() if k != YEAR],
    }


CSV_COLUMNS = ["tahun_anggaran", "instansi", *FIGURES, "persen_kompetitif", "rata_rata_penawar"]


def pengadaan_dashboard_csv(*, rows, query):
    """Return the CSV of the page's year: one line per agency, then the regency's."""
    header = CSV_COLUMNS + [f"tanda_{d.code}" for d in DEFINITIONS]
    lines = []
    for r in _rows_of(rows, _year(rows, query)):
        lines.append([r["tahun"], r["instansi"], *(r[c] for c in CSV_COLUMNS[2:]), *r["tanda_list"]])
    return "pengadaan.csv", header, lines


def pengadaan_dashboard_register():
    """Add the procurement section to the transparency page."""
    transparency_section_register(
        name=SECTION,
        template="pengadaan/transparansi.html",
        compute=pengadaan_dashboard_compute,
        view=pengadaan_dashboard_view,
        csv=pengadaan_dashboard_csv,
    )
