import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# Who may read the memos already sent, as koordinasi.services writes it from now on: the sender,
# the named addressees, the addressed agencies of memos that are neither Rahasia nor Sangat
# rahasia, and both ends of every disposisi. One INSERT ... SELECT per reason: no row goes through
# Python, however many memos the regency has sent.
FILL = [
    """
    INSERT INTO koordinasi_hakbaca (naskah_id, pegawai_id, alasan)
    SELECT id, pengirim_id, 'pengirim' FROM koordinasi_naskah WHERE status = 'terkirim'
    """,
    """
    INSERT INTO koordinasi_hakbaca (naskah_id, pegawai_id, alasan)
    SELECT p.naskah_id, p.pegawai_id, 'alamat'
    FROM koordinasi_penerima p JOIN koordinasi_naskah n ON n.id = p.naskah_id
    WHERE n.status = 'terkirim' AND p.pegawai_id IS NOT NULL
    """,
    """
    INSERT INTO koordinasi_hakbaca (naskah_id, instansi_id, alasan)
    SELECT p.naskah_id, p.instansi_id, 'instansi'
    FROM koordinasi_penerima p JOIN koordinasi_naskah n ON n.id = p.naskah_id
    WHERE n.status = 'terkirim' AND p.instansi_id IS NOT NULL
      AND n.klasifikasi NOT IN ('rahasia', 'sangat_rahasia')
    """,
    """
    INSERT INTO koordinasi_hakbaca (naskah_id, pegawai_id, alasan)
    SELECT naskah_id, dari_id, 'disposisi' FROM koordinasi_disposisi
    UNION
    SELECT naskah_id, kepada_id, 'disposisi' FROM koordinasi_disposisi
    """,
]


class Migration(migrations.Migration):
    dependencies = [
        ("koordinasi", "0003_list_indexes"),
        ("wilayah", "0002_load_wilayah"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HakBaca",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "alasan",
                    models.CharField(
                        choices=[
                            ("pengirim", "Pengirim"),
                            ("alamat", "Dituju namanya"),
                            ("instansi", "Instansi yang dituju"),
                            ("disposisi", "Disposisi"),
                        ],
                        help_text="Mengapa naskah boleh dibaca.",
                        max_length=10,
                        verbose_name="alasan",
                    ),
                ),
                (
                    "instansi",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="Instansi yang semua pegawainya boleh membaca; tidak pernah untuk naskah Rahasia.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wilayah.instansi",
                        verbose_name="instansi",
                    ),
                ),
                (
                    "naskah",
                    models.ForeignKey(
                        db_index=False,
                        help_text="Naskah terkirim yang boleh dibaca.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="hak_baca_set",
                        to="koordinasi.naskah",
                        verbose_name="naskah",
                    ),
                ),
                (
                    "pegawai",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="Pegawai yang boleh membaca; kosong bila hak ini milik satu instansi.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="pegawai",
                    ),
                ),
            ],
            options={
                "verbose_name": "hak baca",
                "verbose_name_plural": "hak baca",
            },
        ),
        migrations.RunSQL(FILL, reverse_sql="DELETE FROM koordinasi_hakbaca"),
        # Built once the rows are in, not row by row while they go in.
        migrations.AddIndex(
            model_name="hakbaca",
            index=models.Index(fields=["naskah", "pegawai", "instansi"], name="koordinasi_hakbaca_naskah"),
        ),
        migrations.AddIndex(
            model_name="hakbaca",
            index=models.Index(fields=["pegawai", "naskah"], name="koordinasi_hakbaca_peg"),
        ),
        migrations.AddIndex(
            model_name="hakbaca",
            index=models.Index(fields=["instansi", "naskah"], name="koordinasi_hakbaca_inst"),
        ),
        migrations.AddConstraint(
            model_name="hakbaca",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("alasan", "instansi"), ("instansi__isnull", False), ("pegawai__isnull", True)),
                    models.Q(
                        ("instansi__isnull", True),
                        ("pegawai__isnull", False),
                        models.Q(("alasan", "instansi"), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="koordinasi_hakbaca_satu_pembaca",
            ),
        ),
        migrations.AddConstraint(
            model_name="hakbaca",
            constraint=models.UniqueConstraint(
                condition=models.Q(("pegawai__isnull", False)),
                fields=("naskah", "pegawai", "alasan"),
                name="koordinasi_hakbaca_pegawai",
            ),
        ),
        migrations.AddConstraint(
            model_name="hakbaca",
            constraint=models.UniqueConstraint(
                condition=models.Q(("instansi__isnull", False)),
                fields=("naskah", "instansi"),
                name="koordinasi_hakbaca_instansi",
            ),
        ),
        migrations.AlterField(
            model_name="tandabaca",
            name="pembaca",
            field=models.ForeignKey(
                db_index=False,
                help_text="Pegawai yang membuka naskah.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="pembaca",
            ),
        ),
        migrations.AddIndex(
            model_name="tandabaca",
            index=models.Index(fields=["pembaca", "naskah"], name="koordinasi_tandabaca_pembaca"),
        ),
    ]
