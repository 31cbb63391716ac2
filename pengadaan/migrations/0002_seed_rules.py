"""The documented rule values, as data the procurement unit can change in the admin."""

import datetime

from django.db import migrations

KATEGORI = [
    ("barang", "Barang", "goods"),
    ("pekerjaan-konstruksi", "Pekerjaan Konstruksi", "works"),
    ("jasa-konsultansi", "Jasa Konsultansi", "services"),
    ("jasa-lainnya", "Jasa Lainnya", "services"),
]
METODE = [
    ("tender", "Tender", "open"),
    ("seleksi", "Seleksi", "selective"),
    ("tender-cepat", "Tender Cepat", "selective"),
]
METODE_EVALUASI = [
    ("harga-terendah", "Sistem gugur dengan harga terendah", "harga_terendah", 0),
    ("sistem-nilai", "Sistem nilai (teknis 70, harga 30)", "sistem_nilai", 70),
]
# Days per stage on a first schedule; the Pokja amends them with a reason.
DURASI = {
    "tender": [7, 7, 3, 7, 1, 5, 3, 1, 5, 14],
    "seleksi": [7, 7, 3, 10, 1, 7, 3, 1, 5, 14],
    "tender-cepat": [3, 3, 1, 3, 1, 2, 1, 1, 5, 7],
}
TAHAP = [
    "pengumuman",
    "pendaftaran",
    "aanwijzing",
    "penawaran",
    "pembukaan",
    "evaluasi",
    "pembuktian",
    "penetapan",
    "sanggah",
    "penunjukan",
]
ATURAN = [
    ("sanggah_hari", 5, "Sanggah: 5 hari kalender setelah pengumuman pemenang (dokumen pemilihan standar)."),
    ("jawab_sanggah_hari", 3, "Jawaban sanggah: 3 hari kalender setelah masa sanggah berakhir."),
    ("pokja_minimum", 3, "Pokja Pemilihan: 3 orang, dapat ditambah dengan jumlah gasal."),
]


def seed(apps, schema_editor):
    Kategori = apps.get_model("pengadaan", "Kategori")
    Metode = apps.get_model("pengadaan", "Metode")
    MetodeEvaluasi = apps.get_model("pengadaan", "MetodeEvaluasi")
    DurasiTahap = apps.get_model("pengadaan", "DurasiTahap")
    Aturan = apps.get_model("pengadaan", "Aturan")
    for code, name, ocds in KATEGORI:
        Kategori.objects.update_or_create(code=code, defaults={"name": name, "ocds_category": ocds})
    for code, name, ocds in METODE:
        metode, _created = Metode.objects.update_or_create(
            code=code, defaults={"name": name, "ocds_method": ocds}
        )
        for tahap, hari in zip(TAHAP, DURASI[code], strict=True):
            DurasiTahap.objects.update_or_create(metode=metode, tahap=tahap, defaults={"hari": hari})
    for code, name, cara, bobot in METODE_EVALUASI:
        MetodeEvaluasi.objects.update_or_create(
            code=code, defaults={"name": name, "cara": cara, "bobot_teknis": bobot}
        )
    for code, value, source in ATURAN:
        Aturan.objects.update_or_create(
            code=code, valid_from=datetime.date(2021, 2, 12), defaults={"value": value, "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [("pengadaan", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
