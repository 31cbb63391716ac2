from django.db import migrations

SWEEP = "Sapu bukti pendaftaran KTP-el"


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_5_minutes, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=SWEEP,
        defaults={
            "task": "ktp.tasks.permohonan_receipt_sweep_task",
            "interval": every_5_minutes,
            "description": "Membuat bukti pendaftaran yang belum jadi (misalnya broker mati saat diajukan).",
        },
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=SWEEP).delete()


class Migration(migrations.Migration):
    dependencies = [("ktp", "0002_seed_layanan"), ("django_celery_beat", "0019_alter_periodictasks_options")]

    operations = [migrations.RunPython(schedule, unschedule)]
