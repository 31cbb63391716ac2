"""Demo accounts for `manage.py seed_demo`; README.md lists the same ones."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from portal.wilayah.models import Instansi, Kecamatan

from .models import User
from .roles import Role
from .services import user_assign_role

DEMO_PASSWORD = "Demo-Tulungagung-2026"
DEMO_DOMAIN = "demo.tulungagung.go.id"
# Officers' second factor in the demo: enrol this secret in an authenticator app, or type 000000
# (accepted only while DEBUG is on, see MFA_TOTP_INSECURE_BYPASS_CODE).
DEMO_TOTP_SECRET = "KRUWY3TBM5QWO5LOM5QWK3TBMFXGG3DF"

# (email local part, name, role, kecamatan code, instansi code, jabatan)
DEMO_ACCOUNTS = [
    ("admin", "Administrator Portal", Role.ADMIN, None, None, ""),
    ("warga.a", "Siti Aminah", Role.WARGA, None, None, ""),
    ("warga.b", "Budi Santoso", Role.WARGA, None, None, ""),
    ("petugas.boyolangu", "Rina Wulandari", Role.PETUGAS_KECAMATAN, "35.04.02", None, ""),
    ("petugas.kedungwaru", "Agus Prasetyo", Role.PETUGAS_KECAMATAN, "35.04.03", None, ""),
    ("petugas.dispendukcapil", "Wahyu Hidayat", Role.PETUGAS_DISPENDUKCAPIL, None, "DISPENDUKCAPIL", ""),
    ("petugas.perizinan", "Dewi Lestari", Role.PETUGAS_PERIZINAN, None, "DPMPTSP", ""),
    (
        "pegawai.dpmptsp",
        "Hendra Kurniawan",
        Role.PETUGAS_INSTANSI,
        None,
        "DPMPTSP",
        "Kepala Bidang Perizinan",
    ),
    (
        "pegawai.umum",
        "Sri Handayani",
        Role.PETUGAS_INSTANSI,
        None,
        "BAGIAN-UMUM",
        "Kepala Subbagian Tata Usaha",
    ),
    ("ukpbj", "Teguh Firmansyah", Role.ADMIN_UKPBJ, None, None, "Kepala Bagian Pengadaan Barang/Jasa"),
    ("pokja.1", "Lina Marlina", Role.POKJA_PEMILIHAN, None, None, "Anggota Pokja Pemilihan"),
    ("pokja.2", "Yusuf Habibi", Role.POKJA_PEMILIHAN, None, None, "Anggota Pokja Pemilihan"),
    ("pokja.3", "Maria Ulfa", Role.POKJA_PEMILIHAN, None, None, "Anggota Pokja Pemilihan"),
    ("ppk", "Bambang Susilo", Role.PPK, None, None, "Pejabat Pembuat Komitmen"),
    ("pejabat.pengadaan", "Nur Hidayati", Role.PEJABAT_PENGADAAN, None, None, "Pejabat Pengadaan"),
    ("penyedia.a", "Andi Wijaya", Role.PENYEDIA, None, None, ""),
    ("penyedia.b", "Ratna Sari", Role.PENYEDIA, None, None, ""),
]


def demo_second_factor(user):
    """Give a demo officer the demo TOTP secret, as the portal requires of officers."""
    has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    if user.is_officer() and not has_totp:
        TOTP.activate(user, DEMO_TOTP_SECRET)


@transaction.atomic
def demo_accounts_create():
    """Create (or reset) one verified account per demo row; return the users."""
    users = []
    for local, name, role, kecamatan_code, instansi_code, jabatan in DEMO_ACCOUNTS:
        email = f"{local}@{DEMO_DOMAIN}"
        user = User.objects.filter(email=email).first() or User(email=email)
        user.name = name
        user.jabatan = jabatan
        user.is_superuser = role == Role.ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
        user_assign_role(
            user=user,
            role=role,
            kecamatan=Kecamatan.objects.get(code=kecamatan_code) if kecamatan_code else None,
            instansi=Instansi.objects.get(code=instansi_code) if instansi_code else None,
        )
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        demo_second_factor(user)
        users.append(user)
    return users
