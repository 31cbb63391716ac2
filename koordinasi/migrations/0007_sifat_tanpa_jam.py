"""The sifat's labels and help text promise no hours: the deadline is working days from the settings."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("koordinasi", "0006_batas_tanggapan_hari_kerja")]

    operations = [
        migrations.AlterField(
            model_name="naskah",
            name="sifat",
            field=models.CharField(
                choices=[("biasa", "Biasa"), ("segera", "Segera"), ("sangat_segera", "Sangat segera")],
                default="biasa",
                help_text=(
                    "Derajat kecepatan. Naskah Segera dan Sangat segera ditanggapi dalam sekian hari kerja "
                    "sesudah dikirim, sebanyak yang ditetapkan pengaturan portal."
                ),
                max_length=20,
                verbose_name="sifat",
            ),
        ),
    ]
