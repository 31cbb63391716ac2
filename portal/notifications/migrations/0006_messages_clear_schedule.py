from django.db import migrations

NAME = "Hapus isi pemberitahuan lama"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    nightly, _ = CrontabSchedule.objects.get_or_create(
        minute="45", hour="2", day_of_week="*", day_of_month="*", month_of_year="*", timezone="Asia/Jakarta"
    )
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={
            "task": "portal.notifications.tasks.notification_messages_clear_task",
            "crontab": nightly,
            "description": (
                "Setiap hari 02.45: kosongkan subjek dan isi pemberitahuan yang dicatat lebih lama dari "
                "NOTIFICATION_BODY_RETENTION_DAYS (bawaan 90 hari); catatan pengirimannya tetap."
            ),
        },
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0005_refused_status"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
