"""Encrypting NIK and KK at rest, step 2 of 3: encrypt every existing row and fill its hashes."""

from django.db import migrations

from portal.crypto import migration_rows_decrypt, migration_rows_encrypt

FIELDS = {"nik": "nik_hash", "no_kk": "no_kk_hash"}
MODELS = ["Penduduk", "PermohonanKTP"]


def encrypt(apps, schema_editor):
    for name in MODELS:
        migration_rows_encrypt(apps.get_model("ktp", name), fields=FIELDS)


def decrypt(apps, schema_editor):
    for name in MODELS:
        migration_rows_decrypt(apps.get_model("ktp", name), fields=FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("ktp", "0006_personal_data_encrypt_prepare"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
