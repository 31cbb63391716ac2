from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """An account: a citizen, an officer or an administrator; the email is the login."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(
        _("alamat surel"),
        unique=True,
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

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["email"]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email

    def has_role(self, role):
        """Return whether the user belongs to the group of `role`."""
        return any(group.name == Role(role).value for group in self.groups.all())
