import datetime

from django.db import migrations


def seed(apps, schema_editor):
    """The licensing office signs on weekdays, 08.00-12.00, 20 owners a day; the office edits it."""
    Kantor = apps.get_model("perizinan", "KantorTandaTangan")
    if not Kantor.objects.exists():
        Kantor.objects.create(
            name="Kantor DPMPTSP Kabupaten Tulungagung",
            address="",
            weekdays=[0, 1, 2, 3, 4],
            opens_at=datetime.time(8, 0),
            closes_at=datetime.time(12, 0),
            daily_capacity=20,
            booking_days_ahead=15,
        )


class Migration(migrations.Migration):
    dependencies = [("perizinan", "0009_kantor_tanda_tangan")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
