from django.db import migrations

NAME = "Hapus dokumen yang melewati masa simpan"
BEFORE = (
    "Setiap hari 02.30: hapus dokumen permohonan yang selesai, ditolak atau dibatalkan "
    "lebih lama dari DOCUMENT_RETENTION_DAYS (bawaan 730 hari); tiap penghapusan dicatat."
)
AFTER = (
    "Setiap hari 02.30: hapus dokumen permohonan yang selesai, ditolak atau dibatalkan lebih lama "
    "dari DOCUMENT_RETENTION_DAYS (bawaan 730 hari), dan draf yang tidak disimpan lagi selama "
    "DRAFT_RETENTION_DAYS (bawaan 90 hari) setelah pemohonnya diberi tahu; tiap penghapusan dicatat."
)


def describe(description):
    def run(apps, schema_editor):
        tasks = apps.get_model("django_celery_beat", "PeriodicTask").objects
        tasks.filter(name=NAME).update(description=description)

    return run


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_retention_schedule")]

    operations = [migrations.RunPython(describe(AFTER), describe(BEFORE))]
