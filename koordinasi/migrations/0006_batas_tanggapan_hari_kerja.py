"""The response deadline's help text: it counts working days."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("koordinasi", "0005_disposisi_instruksi_banyak")]

    operations = [
        migrations.AlterField(
            model_name="naskah",
            name="due_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Dari sifat naskah, dihitung dalam hari kerja sesudah dikirim; Sabtu, Minggu dan hari libur tidak dihitung.",
                null=True,
                verbose_name="batas tanggapan",
            ),
        ),
    ]
