"""Load the national holidays and cuti bersama shipped in portal/holidays/data/ (see SOURCE.md)."""

from django.db import migrations


def load(apps, schema_editor):
    from portal.holidays.loaders import holidays_save, holidays_shipped

    holidays_save(HariLibur=apps.get_model("holidays", "HariLibur"), rows=holidays_shipped())


class Migration(migrations.Migration):
    dependencies = [("holidays", "0002_hari_libur_kind")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
