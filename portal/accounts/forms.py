from django import forms
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from portal.nik import validate_nik

from .models import User
from .roles import STAFF_ROLES, Role
from .services import user_role_validate


class SignupForm(forms.Form):
    """Extra fields of the citizen sign-up form (allauth adds email and password)."""

    name = forms.CharField(
        label=_("Nama lengkap"),
        max_length=150,
        help_text=_("Nama lengkap sesuai KTP-el atau Kartu Keluarga."),
    )
    nik = forms.CharField(
        label=_("NIK (boleh kosong)"),
        max_length=16,
        required=False,
        validators=[validate_nik],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_(
            "Pernah mengajukan permohonan di loket? Isi NIK dan nomor KK yang sama agar permohonan itu "
            "masuk ke akun ini."
        ),
    )
    no_kk = forms.RegexField(
        label=_("Nomor KK (boleh kosong)"),
        regex=r"^[0-9]{16}\Z",
        required=False,
        error_messages={"invalid": _("Nomor KK harus 16 angka.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("16 angka, tertera di Kartu Keluarga. Wajib bila NIK diisi."),
    )

    def clean(self):
        cleaned = super().clean()
        nik, no_kk = cleaned.get("nik"), cleaned.get("no_kk")
        if bool(nik) != bool(no_kk) and "nik" not in self.errors and "no_kk" not in self.errors:
            raise forms.ValidationError(_("Isi NIK dan nomor KK bersama-sama, atau kosongkan keduanya."))
        if nik and no_kk:
            from .claims import account_claim_check

            account_claim_check(nik=nik, no_kk=no_kk)
        return cleaned

    def signup(self, request, user):
        from .claims import account_claim_by_identity

        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])
        if self.cleaned_data.get("nik"):
            account_claim_by_identity(
                user=user, nik=self.cleaned_data["nik"], no_kk=self.cleaned_data["no_kk"]
            )


class UserAdminForm(UserChangeForm):
    """Admin form that refuses an officer role without its kecamatan or instansi; shows no password hash."""

    class Meta:
        model = User
        fields = [
            "email",
            "password",
            "name",
            "phone",
            "groups",
            "kecamatan",
            "instansi",
            "jabatan",
            "is_active",
            "is_staff",
            "is_superuser",
            "last_login",
            "date_joined",
        ]

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups") or Group.objects.none()
        roles = {Role(g.name) for g in groups if g.name in Role.values}
        user_role_validate(roles=roles, kecamatan=cleaned.get("kecamatan"), instansi=cleaned.get("instansi"))
        if roles & STAFF_ROLES:  # as user_assign_role(): these roles work in the admin
            cleaned["is_staff"] = True
        return cleaned
