from django import forms
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .models import User
from .roles import Role
from .services import user_role_validate


class SignupForm(forms.Form):
    """Extra fields of the citizen sign-up form (allauth adds email and password)."""

    name = forms.CharField(
        label=_("Nama lengkap"),
        max_length=150,
        help_text=_("Nama lengkap sesuai KTP-el atau Kartu Keluarga."),
    )

    def signup(self, request, user):
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])


class UserAdminForm(forms.ModelForm):
    """Admin form that refuses an officer role without its kecamatan or instansi."""

    class Meta:
        model = User
        fields = [
            "email",
            "password",
            "name",
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
        return cleaned
