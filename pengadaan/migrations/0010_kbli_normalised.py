import re

from django.db import migrations

SEPARATORS = re.compile(r"[\s,;]+")


def _normalised(value):
    # As pengadaan.kbli.kbli_normalized, on what the old rule let in (codes of 5 digits): kept here,
    # since a migration must not change with the code it once ran beside.
    codes = []
    for code in SEPARATORS.split(value or ""):
        if code and code not in codes:
            codes.append(code)
    return ", ".join(codes)


def normalise(apps, schema_editor):
    """
    Store every KBLI list as the forms now keep it ("41011, 43211"): a verified vendor whose stored
    codes differ only in spacing would otherwise read as changed when saving an untouched profile.
    """
    for model, field in (("Penyedia", "kbli"), ("Paket", "kbli_syarat")):
        Model = apps.get_model("pengadaan", model)
        for pk, value in Model.objects.values_list("pk", field).iterator():
            if (kept := _normalised(value)) != value:
                Model.objects.filter(pk=pk).update(**{field: kept})


class Migration(migrations.Migration):
    dependencies = [("pengadaan", "0009_jam_akhir_tahap")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
