"""
Encrypting NIK and KK at rest, step 1 of 3: widen the columns for Fernet tokens (text), add the
empty hash columns, and lift what compared the plaintext (Penduduk.nik unique, the one-open-
application constraint); step 3 puts both back on the hashes.
"""

from django.db import migrations, models


def _hash():
    return models.CharField(blank=True, default="", editable=False, max_length=64)


class Migration(migrations.Migration):
    dependencies = [
        ("ktp", "0005_permohonan_assisted_by"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="permohonanktp", name="ktp_one_open_permohonan_per_nik"),
        migrations.AlterField(model_name="penduduk", name="nik", field=models.TextField()),
        migrations.AlterField(model_name="penduduk", name="no_kk", field=models.TextField(blank=True)),
        migrations.AlterField(model_name="permohonanktp", name="nik", field=models.TextField(blank=True)),
        migrations.AlterField(model_name="permohonanktp", name="no_kk", field=models.TextField(blank=True)),
        migrations.AddField(model_name="penduduk", name="nik_hash", field=_hash()),
        migrations.AddField(model_name="penduduk", name="no_kk_hash", field=_hash()),
        migrations.AddField(model_name="permohonanktp", name="nik_hash", field=_hash()),
        migrations.AddField(model_name="permohonanktp", name="no_kk_hash", field=_hash()),
    ]
