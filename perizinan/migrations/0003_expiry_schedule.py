from django.db import migrations

TASKS = [
    (
        "Izin kedaluwarsa harian",
        "perizinan.tasks.izin_expire_task",
        "0",
        "Setiap hari 00.10: izin yang lewat tanggal berlakunya menjadi kedaluwarsa.",
    ),
    (
        "Pengingat izin berakhir 90/30/7 hari",
        "perizinan.tasks.izin_expiry_remind_task",
        "7",
        "Setiap hari 07.00: surel ke pemilik usaha 90, 30 dan 7 hari sebelum izin berakhir.",
    ),
]


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, hour, description in TASKS:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute="10" if hour == "0" else "0",
            hour=hour,
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone="Asia/Jakarta",
        )
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "description": description}
        )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=[t[0] for t in TASKS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("perizinan", "0002_seed_reference_data"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
