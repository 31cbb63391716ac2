from django.db import migrations

WORKING_DAYS = [0, 1, 2, 3, 4]


def weekend_removed(apps, schema_editor):
    """
    Drop Saturday and Sunday from the signing offices' days, which were never offered: a list left
    with weekend days only stopped every submission, so it becomes Monday to Friday.
    """
    KantorTandaTangan = apps.get_model("perizinan", "KantorTandaTangan")
    for kantor in KantorTandaTangan.objects.all():
        days = [day for day in kantor.weekdays if day in WORKING_DAYS] or WORKING_DAYS
        if days != kantor.weekdays:
            kantor.weekdays = days
            kantor.save(update_fields=["weekdays"])


class Migration(migrations.Migration):
    dependencies = [("perizinan", "0020_signing_days_working_days")]

    operations = [migrations.RunPython(weekend_removed, migrations.RunPython.noop)]
