from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import OFFICER_ROLES, Role

# [0-9] and \Z, not \d and $: those accept non-Latin digits and a trailing newline.
phone_validator = RegexValidator(
    r"^(\+62|62|0)8[0-9]{7,12}\Z", _("Nomor HP diawali 08 atau +628, 10–15 angka, tanpa spasi.")
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractUser):
    """An account: a citizen, an officer or an administrator; the email is the login."""

    username = None
    first_name = None
    last_name = None
    # Optional only for an account the front desk recorded for a citizen without email (claims.py).
    email = models.EmailField(
        _("alamat surel"),
        unique=True,
        null=True,
        blank=True,
        help_text=_("Dipakai untuk masuk dan untuk menerima pemberitahuan."),
    )
    name = models.CharField(
        _("nama lengkap"),
        max_length=150,
        blank=True,
        help_text=_("Nama lengkap sesuai KTP-el."),
    )
    kecamatan = models.ForeignKey(
        "wilayah.Kecamatan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petugas_set",
        verbose_name=_("kecamatan tugas"),
        help_text=_("Wajib untuk petugas kecamatan: mereka hanya melihat antrean kecamatan ini."),
    )
    instansi = models.ForeignKey(
        "wilayah.Instansi",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pegawai_set",
        verbose_name=_("instansi"),
        help_text=_("Wajib untuk petugas instansi: instansi tempat pegawai ini bekerja."),
    )
    jabatan = models.CharField(
        _("jabatan"),
        max_length=150,
        blank=True,
        help_text=_("Jabatan pegawai, misalnya Kepala Seksi Pelayanan."),
    )

    phone = models.CharField(
        _("nomor HP"),
        max_length=20,
        blank=True,
        validators=[phone_validator],
        help_text=_("Nomor HP/WhatsApp untuk kabar permohonan, misalnya 081234567890; boleh kosong."),
    )
    # Tasks send notifications with no request to take a language from: they read the owner's last choice.
    language = models.CharField(
        _("bahasa pemberitahuan"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Bahasa surel dan SMS pemberitahuan: yang terakhir dipilih pemilik akun di portal."),
    )
    # Keyed hashes only (portal/crypto.py): the front desk finds a citizen by full NIK, and a
    # citizen claims the account it recorded by signing up with the same NIK and KK.
    nik_hash = models.CharField(
        _("hash NIK"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("HMAC-SHA256 dari NIK pemilik akun, untuk pencarian persis; NIK-nya tidak disimpan."),
    )
    no_kk_hash = models.CharField(
        _("hash nomor KK"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("HMAC-SHA256 dari nomor KK, untuk mencocokkan klaim akun; nomornya tidak disimpan."),
    )
    recorded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat petugas"),
        help_text=_("Petugas loket yang mencatat akun ini untuk warga yang datang langsung."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                fields=["nik_hash"], condition=~models.Q(nik_hash=""), name="accounts_one_account_per_nik"
            )
        ]

    def __str__(self):
        return self.name or self.email or f"#{self.pk}"

    def clean(self):
        super().clean()
        # Blank is no address: NULL, so many accounts may lack one. Lower case, as sign-in and sign-up
        # read it: `Siti@x.id` beside `siti@x.id` would be a second account.
        self.email = (self.email or "").lower() or None

    def get_full_name(self):
        return self.name or self.email or ""

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else (self.email or "")

    def has_role(self, role):
        """Return whether the user belongs to the group of `role`."""
        return any(group.name == Role(role).value for group in self.groups.all())

    def is_officer(self) -> bool:
        """Return whether the user is staff or holds an officer role (OFFICER_ROLES)."""
        return self.is_staff or any(group.name in OFFICER_ROLES for group in self.groups.all())
