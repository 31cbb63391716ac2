"""
Roles are Django groups. Their permissions are declared here and synced after every migrate
(and by `manage.py roles_sync`), never set by hand in the admin.
"""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WARGA = "Warga", _("Warga")
    PETUGAS_KECAMATAN = "Petugas Kecamatan", _("Petugas kecamatan")
    PETUGAS_DISPENDUKCAPIL = "Petugas Dispendukcapil", _("Petugas Dispendukcapil (semua kecamatan)")
    PETUGAS_PERIZINAN = "Petugas Perizinan", _("Petugas perizinan")
    PETUGAS_INSTANSI = "Petugas Instansi", _("Petugas instansi")
    ADMIN = "Admin", _("Administrator")
    PENYEDIA = "Penyedia", _("Penyedia (pelaku usaha)")
    POKJA_PEMILIHAN = "Pokja Pemilihan", _("Anggota Pokja Pemilihan")
    PPK = "PPK", _("Pejabat Pembuat Komitmen (PPK)")
    PEJABAT_PENGADAAN = "Pejabat Pengadaan", _("Pejabat Pengadaan (pengadaan langsung)")
    ADMIN_UKPBJ = "Admin UKPBJ", _("Administrator UKPBJ")


# Roles whose members work in the Django admin.
STAFF_ROLES = {
    Role.PETUGAS_KECAMATAN,
    Role.PETUGAS_DISPENDUKCAPIL,
    Role.PETUGAS_PERIZINAN,
    Role.ADMIN,
    Role.ADMIN_UKPBJ,
}

# Roles whose members read other people's personal data, memos or sealed bids: each needs a second
# factor and a shorter session, in the admin or not. Their group names.
OFFICER_ROLES = frozenset(role.value for role in Role) - {Role.WARGA.value, Role.PENYEDIA.value}

_KTP_OFFICER = [
    "wilayah.view_kecamatan",
    "wilayah.view_desa",
    "ktp.view_permohonanktp",
    "ktp.change_permohonanktp",
    "ktp.view_penduduk",
    "ktp.view_ktp",
    "ktp.view_riwayatstatus",
]

# "app_label.codename"; permissions of apps not installed yet are skipped until they are.
ROLE_PERMISSIONS = {
    Role.WARGA: [],
    Role.PETUGAS_KECAMATAN: _KTP_OFFICER,
    Role.PETUGAS_DISPENDUKCAPIL: _KTP_OFFICER
    + [
        "ktp.view_layanankecamatan",
        "ktp.change_layanankecamatan",
        "ktp.view_slakecamatan",
        "ktp.add_slakecamatan",
        "ktp.change_slakecamatan",
        "ktp.view_pekerjaan",
        "ktp.add_pekerjaan",
        "ktp.change_pekerjaan",
        "holidays.view_harilibur",
        "holidays.add_harilibur",
        "holidays.change_harilibur",
        "holidays.delete_harilibur",
    ],
    Role.PETUGAS_PERIZINAN: [
        "wilayah.view_kecamatan",
        "wilayah.view_desa",
        "perizinan.view_permohonanizin",
        "perizinan.change_permohonanizin",
        "perizinan.view_izin",
        "perizinan.view_usaha",
        "perizinan.view_jenisizin",
        "perizinan.add_jenisizin",
        "perizinan.change_jenisizin",
        "perizinan.view_kelassiup",
        "perizinan.change_kelassiup",
        "perizinan.view_indekslokasi",
        "perizinan.add_indekslokasi",
        "perizinan.change_indekslokasi",
        "perizinan.view_indeksgangguan",
        "perizinan.add_indeksgangguan",
        "perizinan.change_indeksgangguan",
        "perizinan.view_tarifho",
        "perizinan.add_tarifho",
        "perizinan.change_tarifho",
        # The office keeps the legal basis of fees, its signing days and the documents per form of business.
        "perizinan.view_dasarbiaya",
        "perizinan.add_dasarbiaya",
        "perizinan.change_dasarbiaya",
        "perizinan.view_kantortandatangan",
        "perizinan.change_kantortandatangan",
        "perizinan.view_dokumenbentukusaha",
        "perizinan.add_dokumenbentukusaha",
        "perizinan.change_dokumenbentukusaha",
    ],
    Role.PETUGAS_INSTANSI: [],
    # Vendors, Pokja members, PPKs and Pejabat Pengadaan work on the portal's own procurement
    # pages, not in the admin; what each may do there is decided per package by pengadaan's selectors.
    Role.PENYEDIA: [],
    Role.POKJA_PEMILIHAN: [],
    Role.PPK: [],
    Role.PEJABAT_PENGADAAN: [],
    # The procurement unit keeps the tender rules (methods, categories, evaluation, durations).
    Role.ADMIN_UKPBJ: [
        "wilayah.view_instansi",
        "pengadaan.view_kategori",
        "pengadaan.change_kategori",
        "pengadaan.view_metode",
        "pengadaan.change_metode",
        "pengadaan.view_metodeevaluasi",
        "pengadaan.add_metodeevaluasi",
        "pengadaan.change_metodeevaluasi",
        "pengadaan.view_durasitahap",
        "pengadaan.add_durasitahap",
        "pengadaan.change_durasitahap",
        "pengadaan.view_aturan",
        "pengadaan.add_aturan",
        "pengadaan.change_aturan",
        "pengadaan.view_paket",
        "pengadaan.view_penawaran",
    ],
    Role.ADMIN: [
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "auth.view_group",
        "wilayah.view_kecamatan",
        "wilayah.view_desa",
        "wilayah.view_instansi",
        "wilayah.add_instansi",
        "wilayah.change_instansi",
        "django_celery_beat.view_periodictask",
        "public.view_informasipublik",
        "public.add_informasipublik",
        "public.change_informasipublik",
        "public.delete_informasipublik",
        "koordinasi.view_polapenomoran",
        "koordinasi.add_polapenomoran",
        "koordinasi.change_polapenomoran",
        "koordinasi.view_naskah",
        "koordinasi.view_logakses",
    ],
}


def roles_sync(*, using="default"):
    """Create every role group and set exactly its declared permissions."""
    from django.contrib.auth.models import Group, Permission

    for role, names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role.value)
        pairs = [name.split(".", 1) for name in names]
        permissions = [
            p
            for p in Permission.objects.using(using).select_related("content_type")
            if [p.content_type.app_label, p.codename] in pairs
        ]
        group.permissions.set(permissions)


def roles_sync_after_migrate(sender, using="default", plan=None, **kwargs):
    """Sync roles once per migrate run, after the last app's post_migrate."""
    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if sender is with_models[-1]:
        roles_sync(using=using)
