from django.db import migrations, models


def restore(apps, schema_editor):
    """
    Make active again the licences valid while the business runs (SIUP) that the nightly job marked
    expired at their daftar ulang date: a late daftar ulang never ended them.
    """
    Izin = apps.get_model("perizinan", "Izin")
    Izin.objects.filter(status="kedaluwarsa", jenis_izin__while_business_runs=True).update(status="aktif")


class Migration(migrations.Migration):
    dependencies = [("perizinan", "0021_signing_days_weekend_removed")]

    operations = [
        migrations.AlterField(
            model_name="jenisizin",
            name="while_business_runs",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Dicentang: masa berlaku di atas adalah jarak daftar ulang, bukan akhir izin; izin tidak "
                    "pernah kedaluwarsa dan daftar ulang tetap bisa diajukan sesudah tanggalnya (masa tenggang "
                    "tidak berlaku)."
                ),
                verbose_name="berlaku selama usaha berjalan",
            ),
        ),
        migrations.RunPython(restore, migrations.RunPython.noop),
    ]
