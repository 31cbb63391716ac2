"""
The published information of `manage.py seed_demo`: what the portal is for beyond applications
(regional potential for investors, school capacity for parents), each page marked as demo figures.

Kecamatan names, codes and desa counts come from the region data the portal holds; every other
figure is made up for the demo, in a plausible range, and says so on its page.
"""

import csv
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count

from portal.wilayah.models import Kecamatan

from .models import InformasiPublik

# Demo population per kecamatan code (jiwa), rounded: not BPS figures.
PENDUDUK = {
    "35.04.01": 66_400, "35.04.02": 85_900, "35.04.03": 92_300, "35.04.04": 55_100, "35.04.05": 52_600,
    "35.04.06": 31_200, "35.04.07": 46_800, "35.04.08": 41_500, "35.04.09": 57_900, "35.04.10": 70_200,
    "35.04.11": 85_100, "35.04.12": 25_300, "35.04.13": 75_400, "35.04.14": 72_000, "35.04.15": 38_600,
    "35.04.16": 58_700, "35.04.17": 52_400, "35.04.18": 52_200, "35.04.19": 25_100,
}  # fmt: skip

KOMODITAS = [
    ("Marmer dan onyx olahan", "Industri pengolahan", "Campurdarat, Besuki", "42.000", "ton"),
    ("Susu sapi perah", "Peternakan", "Sendang, Pagerwojo", "31.500", "ton"),
    ("Ikan hias air tawar", "Perikanan", "Boyolangu, Kedungwaru", "18.200", "ribu ekor"),
    ("Ikan lele dan gurami", "Perikanan", "Boyolangu, Ngunut, Sumbergempol", "24.800", "ton"),
    ("Konveksi dan tenun", "Industri pengolahan", "Ngunut, Bandung", "6.300", "ribu potong"),
    ("Gula kelapa", "Perkebunan", "Tanggunggunung, Kalidawir", "4.100", "ton"),
    ("Padi", "Pertanian tanaman pangan", "Kauman, Gondang, Rejotangan", "265.000", "ton gabah"),
    ("Cengkih", "Perkebunan", "Sendang, Pagerwojo", "1.900", "ton"),
]

PELUANG = [
    ("Sentra pengolahan marmer berorientasi ekspor", "Industri", "Campurdarat", "120", "Prastudi kelayakan"),
    ("Pabrik pengolahan susu (UHT dan yoghurt)", "Agroindustri", "Sendang", "85", "Lahan tersedia"),
    ("Kawasan wisata Pantai Popoh dan Sine", "Pariwisata", "Besuki, Kalidawir", "60", "Mencari mitra"),
    ("Pasar ikan hias terpadu", "Perdagangan", "Boyolangu", "25", "Desain tersedia"),
    ("Gudang berpendingin hasil perikanan", "Logistik", "Ngunut", "18", "Mencari mitra"),
    ("Agrowisata kebun cengkih dan kopi", "Pariwisata", "Pagerwojo", "12", "Gagasan"),
]

# Demo regional income per year (Rp miliar): own-source revenue (PAD) and total revenue.
PENDAPATAN = [
    ("2021", "384,6", "2.781,2"),
    ("2022", "412,9", "2.835,7"),
    ("2023", "451,3", "2.962,4"),
    ("2024", "478,8", "3.047,9"),
    ("2025", "502,5", "3.118,0"),
]

PAGES = [
    {
        "slug": "profil-daerah-penduduk",
        "title": "Profil daerah: penduduk per kecamatan",
        "description": (
            "Sembilan belas kecamatan Kabupaten Tulungagung dengan kode wilayah dan jumlah desa/"
            "kelurahan dari data wilayah Kemendagri yang dipakai portal, serta jumlah penduduk per "
            "kecamatan. Angka penduduk adalah angka contoh untuk demo; angka resmi diterbitkan BPS "
            "Kabupaten Tulungagung dan Dispendukcapil."
        ),
        "source": "Data wilayah portal (kode dan desa); penduduk: angka contoh",
        "chart_columns": "Penduduk (jiwa)",
    },
    {
        "slug": "komoditas-unggulan",
        "title": "Potensi daerah: komoditas unggulan",
        "description": (
            "Komoditas unggulan Kabupaten Tulungagung, sektornya, kecamatan sentranya dan perkiraan "
            "produksi setahun. Satuannya berbeda-beda, sehingga ditampilkan sebagai tabel saja."
        ),
        "source": "Angka contoh untuk demo",
        "chart_columns": "",
    },
    {
        "slug": "peluang-investasi",
        "title": "Potensi daerah: peluang investasi",
        "description": (
            "Peluang investasi yang ditawarkan kepada calon penanam modal, dengan lokasi, perkiraan "
            "nilai investasi dan tahap kesiapannya. Hubungi DPMPTSP untuk keterangan lebih lanjut."
        ),
        "source": "DPMPTSP (angka contoh untuk demo)",
        "chart_columns": "Perkiraan nilai (Rp miliar)",
    },
    {
        "slug": "pendapatan-daerah",
        "title": "Potensi daerah: pendapatan daerah per tahun",
        "description": (
            "Pendapatan asli daerah (PAD) dan total pendapatan daerah Kabupaten Tulungagung per tahun "
            "anggaran, dalam miliar rupiah, sebagai gambaran kemampuan fiskal daerah bagi calon "
            "penanam modal. Angka contoh untuk demo; angka resmi ada di laporan keuangan BPKAD."
        ),
        "source": "BPKAD (angka contoh untuk demo)",
        "chart_columns": "PAD (Rp miliar)",
    },
    {
        "slug": "daya-tampung-sekolah",
        "title": "Daya tampung sekolah per kecamatan",
        "description": (
            "Jumlah SD dan SMP, rombongan belajar kelas awal dan daya tampung siswa baru per kecamatan, "
            "untuk orang tua yang memilih sekolah. Angka contoh untuk demo; angka resmi ada di Dinas "
            "Pendidikan dan Dapodik."
        ),
        "source": "Dinas Pendidikan (angka contoh untuk demo)",
        "chart_columns": "Daya tampung kelas 1 SD, Daya tampung kelas 7 SMP",
    },
]


def _csv(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _kecamatan():
    return Kecamatan.objects.annotate(desa=Count("desa_set")).order_by("code")


def _penduduk_csv() -> bytes:
    header = ["Kecamatan", "Kode wilayah", "Desa/kelurahan", "Penduduk (jiwa)"]
    rows = [[k.name, k.code, k.desa, _thousands(PENDUDUK.get(k.code, 0))] for k in _kecamatan()]
    return _csv(header, rows)


def _sekolah_csv() -> bytes:
    header = [
        "Kecamatan",
        "Jumlah SD",
        "Jumlah SMP",
        "Rombel kelas 1 SD",
        "Daya tampung kelas 1 SD",
        "Daya tampung kelas 7 SMP",
    ]
    rows = []
    for k in _kecamatan():
        people = PENDUDUK.get(k.code, 30_000)
        sd, smp = max(people // 2_000, 8), max(people // 9_000, 2)
        rombel = sd + people // 10_000
        rows.append([k.name, sd, smp, rombel, rombel * 28, smp * 3 * 32])
    return _csv(header, rows)


def _datasets() -> dict:
    return {
        "profil-daerah-penduduk": _penduduk_csv(),
        "komoditas-unggulan": _csv(
            ["Komoditas", "Sektor", "Kecamatan sentra", "Produksi per tahun", "Satuan"], KOMODITAS
        ),
        "peluang-investasi": _csv(
            ["Peluang", "Sektor", "Lokasi (kecamatan)", "Perkiraan nilai (Rp miliar)", "Tahap"], PELUANG
        ),
        "pendapatan-daerah": _csv(
            ["Tahun anggaran", "PAD (Rp miliar)", "Pendapatan daerah (Rp miliar)"], PENDAPATAN
        ),
        "daya-tampung-sekolah": _sekolah_csv(),
    }


def _holds(page, content: bytes) -> bool:
    """Return whether the page's dataset file is there and is `content`, so a rerun keeps it."""
    if not page.dataset:
        return False
    try:
        with page.dataset.open("rb") as f:
            return f.read() == content
    except OSError:
        return False


@transaction.atomic
def informasi_demo_create() -> list[InformasiPublik]:
    """Create (or refresh) the demo's published pages, each with its CSV, marked as demo figures."""
    datasets, pages = _datasets(), []
    for spec in PAGES:
        fields = {k: v for k, v in spec.items() if k != "slug"}
        page, _created = InformasiPublik.objects.update_or_create(
            slug=spec["slug"], defaults={**fields, "is_demo": True, "is_published": True}
        )
        content = datasets[spec["slug"]]
        if not _holds(page, content):
            page.dataset.save(f"{spec['slug']}.csv", ContentFile(content), save=True)
        pages.append(page)
    return pages
