from django.db import migrations

SWEEP = "Sapu bukti pendaftaran dan dokumen izin"


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_5_minutes, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=SWEEP,
        defaults={
            "task": "perizinan.tasks.permohonan_izin_receipt_sweep_task",
            "interval": every_5_minutes,
            "description": "Membuat bukti pendaftaran dan PDF izin yang belum jadi (misalnya broker mati).",
        },
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=SWEEP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("perizinan", "0016_seed_dokumen_bentuk_usaha"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
