from django.db import migrations

NAME = "Hapus dokumen yang melewati masa simpan"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    nightly, _ = CrontabSchedule.objects.get_or_create(
        minute="30", hour="2", day_of_week="*", day_of_month="*", month_of_year="*", timezone="Asia/Jakarta"
    )
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={
            "task": "portal.documents.tasks.document_retention_purge_task",
            "crontab": nightly,
            "description": (
                "Setiap hari 02.30: hapus dokumen permohonan yang selesai, ditolak atau dibatalkan "
                "lebih lama dari DOCUMENT_RETENTION_DAYS (bawaan 730 hari); tiap penghapusan dicatat."
            ),
        },
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_append_only_trigger"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
