"""Pengadaan langsung as data: its method and each category's ceiling, dated, editable by UKPBJ."""

import datetime

from django.db import migrations

PERPRES_12_2021 = datetime.date(2021, 2, 12)
# The construction ceiling rose with Perpres 46/2025; check this date against the official text.
PERPRES_46_2025 = datetime.date(2025, 4, 30)
BATAS = [
    (
        "batas_pl_barang",
        200_000_000,
        PERPRES_12_2021,
        "Perpres 16/2018 jo. 12/2021: barang paling banyak Rp200 juta.",
    ),
    (
        "batas_pl_konstruksi",
        200_000_000,
        PERPRES_12_2021,
        "Perpres 16/2018 jo. 12/2021: pekerjaan konstruksi paling banyak Rp200 juta.",
    ),
    (
        "batas_pl_konstruksi",
        400_000_000,
        PERPRES_46_2025,
        "Perpres 46/2025: pekerjaan konstruksi paling banyak Rp400 juta (periksa tanggal berlakunya).",
    ),
    (
        "batas_pl_konsultansi",
        100_000_000,
        PERPRES_12_2021,
        "Perpres 16/2018 jo. 12/2021: jasa konsultansi paling banyak Rp100 juta.",
    ),
    (
        "batas_pl_jasa_lainnya",
        200_000_000,
        PERPRES_12_2021,
        "Perpres 16/2018 jo. 12/2021: jasa lainnya paling banyak Rp200 juta.",
    ),
]


def seed(apps, schema_editor):
    Metode = apps.get_model("pengadaan", "Metode")
    Aturan = apps.get_model("pengadaan", "Aturan")
    Metode.objects.update_or_create(
        code="pengadaan-langsung", defaults={"name": "Pengadaan Langsung", "ocds_method": "direct"}
    )
    for code, value, valid_from, source in BATAS:
        Aturan.objects.update_or_create(
            code=code, valid_from=valid_from, defaults={"value": value, "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [("pengadaan", "0003_langsung")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
