from django.db import migrations

NAME = "Pengingat KITAP/KTP-el WNA 30 hari"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_week="*", day_of_month="*", month_of_year="*", timezone="Asia/Jakarta"
    )
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={
            "task": "ktp.tasks.ktp_kitap_expiry_remind_task",
            "crontab": daily,
            "description": "Setiap hari 07.00: surel ke WNA yang KITAP-nya berakhir dalam 30 hari.",
        },
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("ktp", "0003_receipt_sweep_schedule")]

    operations = [migrations.RunPython(schedule, unschedule)]
