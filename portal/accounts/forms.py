from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm
from django import forms
from django.conf import settings
from django.contrib.auth.forms import ReadOnlyPasswordHashWidget, UserChangeForm
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import UserAttributeSimilarityValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.crypto import personal_digest
from portal.names import validate_person_name
from portal.network import attempt_counted
from portal.nik import kk_field, nik_field
from portal.submissions import service_errors

from .claims import account_claim_by_identity, account_claim_check
from .models import User, phone_validator
from .roles import STAFF_ROLES, Role
from .services import user_officer_email_check, user_role_grant_check, user_role_validate


class SignupForm(forms.Form):
    """Extra fields of the citizen sign-up form (allauth adds email and password)."""

    name = forms.CharField(
        label=_("Nama lengkap"),
        max_length=150,
        validators=[validate_person_name],
        help_text=_("Nama lengkap sesuai KTP-el atau Kartu Keluarga."),
    )
    nik = nik_field(
        label=_("NIK (boleh kosong)"),
        required=False,
        help_text=_(
            "Pernah mengajukan permohonan di loket? Isi NIK dan nomor KK yang sama agar permohonan itu "
            "masuk ke akun ini."
        ),
    )
    no_kk = kk_field(
        label=_("Nomor KK (boleh kosong)"),
        required=False,
        help_text=_("16 angka, tertera di Kartu Keluarga. Wajib bila NIK diisi."),
    )

    claim_code = forms.CharField(
        label=_("Kode akun loket (boleh kosong)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        help_text=_(
            "Tercetak di bukti pendaftaran loket, misalnya ABCD-EFGH. Isi bila Anda pernah dicatat di loket "
            "tanpa alamat surel."
        ),
    )

    # Errors are added, not raised: allauth checks the password after this clean(), and a raise would
    # hide its errors until the next try.
    def clean(self):
        cleaned = super().clean()
        nik, no_kk = cleaned.get("nik"), cleaned.get("no_kk")
        if bool(nik) != bool(no_kk) and "nik" not in self.errors and "no_kk" not in self.errors:
            self.add_error(None, _("Isi NIK dan nomor KK bersama-sama, atau kosongkan keduanya."))
        elif nik and no_kk:
            try:
                account_claim_check(
                    nik=nik,
                    no_kk=no_kk,
                    code=cleaned.get("claim_code"),
                    attempt=lambda: self._claim_code_count(nik),
                )
            except ValidationError as error:
                self.add_error(None, error)
        self._password_name_check(cleaned)
        return cleaned

    def _password_name_check(self, cleaned):
        # allauth checks the password against an account holding only the email: the name is not
        # there yet, so the similarity to it is checked here.
        password, name = cleaned.get("password1"), cleaned.get("name")
        if password and name:
            try:
                UserAttributeSimilarityValidator(user_attributes=["name"]).validate(password, User(name=name))
            except ValidationError as error:
                self.add_error("password1", error)

    def _claim_code_count(self, nik):
        """
        Limit the account codes tried for one NIK (ACCOUNT_CLAIM_CODE_RATE), from whatever address
        and email: allauth limits sign-ups per address only. With the cache down nothing is counted
        and the code is still checked, as the second factor's: 40 bits outlast any outage.
        """
        key = lambda group, request: personal_digest(nik)  # noqa: E731
        rate = settings.ACCOUNT_CLAIM_CODE_RATE
        if (
            context.request is not None
            and attempt_counted(context.request, group="claim-code", key=key, rate=rate) == "limited"
        ):
            raise forms.ValidationError(
                {
                    "claim_code": _(
                        "Terlalu banyak kode akun dicoba untuk NIK ini. Coba lagi besok, atau tanyakan "
                        "kode akun ke loket dengan KTP-el Anda."
                    )
                }
            )

    def signup(self, request, user):
        data = self.cleaned_data
        user.name = data["name"].strip()
        user.save(update_fields=["name"])
        if data.get("nik"):
            account_claim_by_identity(
                user=user, nik=data["nik"], no_kk=data["no_kk"], code=data["claim_code"]
            )


class UserAddForm(forms.ModelForm):
    """
    The user admin's new account: an address and a name, never a password. Its holder sets one
    with the link sent to that address (UserAdmin.save_model), so nobody else knows it.
    """

    class Meta:
        model = User
        fields = ["email", "name"]
        help_texts = {
            "email": _(
                "Alamat surel pemilik akun; untuk petugas, alamat dinasnya. Tautan untuk membuat kata sandi "
                "dikirim ke alamat ini: hanya pemiliknya yang membuat dan mengetahui kata sandinya."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the front desk records an account without email (claims.py); one made here logs in by it.
        self.fields["email"].required = True


class PasswordLinkWidget(ReadOnlyPasswordHashWidget):
    """The password summary, whose button sends its holder the link instead of setting a password."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["button_label"] = _("Kirim tautan pembuat kata sandi")
        return context


class UserAdminForm(UserChangeForm):
    """
    Admin form that refuses an officer role without its kecamatan or instansi, and a role its
    `grantor` (the account editing, set by UserAdmin) may not give; shows no password hash.
    """

    grantor = None

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if password := self.fields.get("password"):
            password.widget = PasswordLinkWidget()
            password.help_text = _(
                "Tidak seorang pun menyetel kata sandi akun orang lain di sini: tombol di atas mengirim "
                "tautan ke alamat surel akun, dan pemiliknya membuat kata sandinya sendiri."
            )

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups") or Group.objects.none()
        roles = {Role(g.name) for g in groups if g.name in Role.values}
        user_role_validate(roles=roles, kecamatan=cleaned.get("kecamatan"), instansi=cleaned.get("instansi"))
        user_role_grant_check(grantor=self.grantor, user=self.instance, roles=roles)
        if roles & STAFF_ROLES:  # as user_assign_role(): these roles work in the admin
            cleaned["is_staff"] = True
        try:
            user_officer_email_check(
                roles=roles,
                is_staff=cleaned.get("is_staff", self.instance.is_staff),
                email=cleaned.get("email", self.instance.email),
            )
        except ValidationError as exc:  # on the address when it is on the form, else on the roles given
            self.add_error(next((f for f in ("email", "groups") if f in self.fields), None), exc)
        return cleaned


class TwoFactorCodeForm(AuthenticateForm):
    """
    allauth's second-factor form at sign-in, with the codes tried also limited per account
    (MFA_CODE_RATE): whoever types them already has the password, and a limit per address alone
    would let them go on guessing from several addresses.
    """

    def clean_code(self):
        key = lambda group, request: str(self.user.pk)  # noqa: E731
        counted = attempt_counted(context.request, group="mfa-code", key=key, rate=settings.MFA_CODE_RATE)
        # With the cache down nothing is counted and the code is still checked: an officer's sign-in
        # must not depend on the cache.
        if counted == "limited":
            raise forms.ValidationError(_("Terlalu banyak kode dicoba. Tunggu beberapa menit, lalu ulangi."))
        return super().clean_code()


class DeskAccountForm(forms.Form):
    """
    What the services' front-desk forms share: the question when the NIK typed is held by an account
    its citizen keeps online, and the citizen's phone number (each form declares `phone` in its words).
    """

    confirmed = forms.CharField(
        label=_("Akun daring itu"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Pilih bila warga membenarkan akun yang disebut di atas adalah akunnya."),
    )

    def add_refusal(self, exc):
        """Show a service's refusal; when it asks about an online account, offer that account's answer."""
        service_errors(self, exc)
        for error in getattr(exc, "error_dict", {}).get("confirmed", []):
            if error.code == "desk_account":
                label = _("Ya, akun %(account)s milik warga ini") % {"account": error.params["account"]}
                self.fields["confirmed"].widget.choices = [(error.params["token"], label)]

    def clean_name(self):
        name = self.cleaned_data["name"]
        if name:
            validate_person_name(name)
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].replace(" ", "").replace("-", "")
        if phone:
            phone_validator(phone)
        return phone
