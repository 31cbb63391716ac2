"""A disposisi carries a list of instructions: each existing one becomes a list of one."""

from django.db import migrations, models

import koordinasi.models.records


def to_lists(apps, schema_editor):
    Disposisi = apps.get_model("koordinasi", "Disposisi")
    for row in Disposisi.objects.only("id", "instruksi").iterator():
        Disposisi.objects.filter(pk=row.pk).update(instruksi_daftar=[row.instruksi])


def to_single(apps, schema_editor):
    Disposisi = apps.get_model("koordinasi", "Disposisi")
    for row in Disposisi.objects.only("id", "instruksi_daftar").iterator():
        first = (row.instruksi_daftar or ["tindak_lanjuti"])[0]
        Disposisi.objects.filter(pk=row.pk).update(instruksi=first)


class Migration(migrations.Migration):
    dependencies = [("koordinasi", "0004_hak_baca")]

    operations = [
        # A default for the old column, so that migrating back can add it to existing rows again.
        migrations.AlterField(
            model_name="disposisi",
            name="instruksi",
            field=models.CharField(default="tindak_lanjuti", max_length=30),
        ),
        migrations.AddField(
            model_name="disposisi",
            name="instruksi_daftar",
            field=models.JSONField(default=list),
        ),
        migrations.RunPython(to_lists, to_single),
        migrations.RemoveField(model_name="disposisi", name="instruksi"),
        migrations.RenameField(model_name="disposisi", old_name="instruksi_daftar", new_name="instruksi"),
        migrations.AlterField(
            model_name="disposisi",
            name="instruksi",
            field=models.JSONField(
                default=list,
                help_text="Apa saja yang harus dilakukan penerima disposisi: satu instruksi atau lebih.",
                validators=[koordinasi.models.records.instruksi_validate],
                verbose_name="instruksi",
            ),
        ),
    ]
