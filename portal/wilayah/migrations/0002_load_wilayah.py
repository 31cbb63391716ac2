from django.db import migrations

from portal.wilayah.loaders import wilayah_load


def load(apps, schema_editor):
    wilayah_load(
        Kecamatan=apps.get_model("wilayah", "Kecamatan"),
        Desa=apps.get_model("wilayah", "Desa"),
        Instansi=apps.get_model("wilayah", "Instansi"),
    )


class Migration(migrations.Migration):
    dependencies = [("wilayah", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
