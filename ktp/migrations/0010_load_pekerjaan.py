"""
Load the occupation list of the civil registry (SIAK, 89 codes) from ktp/data/pekerjaan.csv. Rows
already there keep their name, so applications keep the occupation they chose; Dispendukcapil edits
the list in the admin (Pekerjaan) when the registry's table changes.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "pekerjaan.csv"


def load(apps, schema_editor):
    Pekerjaan = apps.get_model("ktp", "Pekerjaan")
    with DATA.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            Pekerjaan.objects.get_or_create(code=row["code"], defaults={"name": row["name"]})


class Migration(migrations.Migration):
    dependencies = [("ktp", "0009_queue_sla_indexes")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
