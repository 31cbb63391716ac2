"""Encrypting the NIK of the penanggung jawab at rest, step 2 of 3: encrypt rows, fill hashes."""

from django.db import migrations

from portal.crypto import migration_rows_decrypt, migration_rows_encrypt

FIELDS = {"penanggung_jawab_nik": "penanggung_jawab_nik_hash"}
MODELS = ["Usaha", "PermohonanIzin"]


def encrypt(apps, schema_editor):
    for name in MODELS:
        migration_rows_encrypt(apps.get_model("perizinan", name), fields=FIELDS)


def decrypt(apps, schema_editor):
    for name in MODELS:
        migration_rows_decrypt(apps.get_model("perizinan", name), fields=FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("perizinan", "0005_personal_data_encrypt_prepare"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
