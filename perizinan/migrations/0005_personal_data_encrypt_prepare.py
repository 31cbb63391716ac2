"""
Encrypting the NIK of the penanggung jawab at rest, step 1 of 3: widen the columns for Fernet
tokens (text) and add the empty hash columns.
"""

from django.db import migrations, models


def _hash():
    return models.CharField(blank=True, default="", editable=False, max_length=64)


class Migration(migrations.Migration):
    dependencies = [
        ("perizinan", "0004_permohonanizin_assisted_by"),
    ]

    operations = [
        migrations.AlterField(
            model_name="usaha", name="penanggung_jawab_nik", field=models.TextField(blank=True)
        ),
        migrations.AlterField(
            model_name="permohonanizin", name="penanggung_jawab_nik", field=models.TextField(blank=True)
        ),
        migrations.AddField(model_name="usaha", name="penanggung_jawab_nik_hash", field=_hash()),
        migrations.AddField(model_name="permohonanizin", name="penanggung_jawab_nik_hash", field=_hash()),
    ]
