"""Load the official region codes shipped in portal/wilayah/data/ (see SOURCE.md there)."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Regency-level agencies the portal starts with; more are added in the admin.
REGENCY_INSTANSI = [
    ("DISPENDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Tulungagung"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Tulungagung"),
    ("BAGIAN-UMUM", "Bagian Umum Sekretariat Daerah Kabupaten Tulungagung"),
]


def read_csv(name):
    """Return the rows of one region CSV as dicts."""
    with open(DATA_DIR / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def wilayah_load(*, Kecamatan, Desa, Instansi):
    """Create or update every kecamatan, desa and seed agency, keyed by code."""
    kecamatan_by_code = {}
    for row in read_csv("kecamatan.csv"):
        obj, _ = Kecamatan.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})
        kecamatan_by_code[obj.code] = obj
    for row in read_csv("desa.csv"):
        Desa.objects.update_or_create(
            code=row["code"],
            defaults={
                "kecamatan": kecamatan_by_code[row["kecamatan_code"]],
                "name": row["name"],
                "kind": row["kind"],
            },
        )
    for code, name in REGENCY_INSTANSI:
        Instansi.objects.get_or_create(code=code, defaults={"name": name})
    for kecamatan in kecamatan_by_code.values():
        Instansi.objects.get_or_create(
            code="KEC-" + kecamatan.name.upper().replace(" ", ""),  # e.g. KEC-BOYOLANGU
            defaults={"name": f"Kantor Kecamatan {kecamatan.name}", "kecamatan": kecamatan},
        )
