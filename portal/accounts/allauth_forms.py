"""
allauth's own forms with a help text under every field, as the portal's forms have. Apart from
forms.py: allauth's forms module imports the sign-up base class from there (ACCOUNT_SIGNUP_FORM_CLASS).
"""

from allauth.account import forms as allauth_forms
from allauth.mfa.totp.forms import ActivateTOTPForm as ActivateTOTPBaseForm
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from . import forms

# By the field's name, for a field that came without its own help.
ACCOUNT_HELP = {
    "login": _("Alamat surel yang Anda pakai saat mendaftar."),
    "email": _("Alamat surel aktif milik Anda: untuk masuk dan untuk kabar permohonan."),
    "password": _("Kata sandi akun Anda; huruf besar dan kecil dibedakan."),
    "oldpassword": _("Kata sandi yang Anda pakai sekarang."),
    "password2": _("Ketik ulang kata sandi yang sama."),
    "remember": _("Jangan dicentang di komputer bersama, misalnya di kantor desa atau warnet."),
    "code": _("6 angka yang tampil di aplikasi autentikator ponsel Anda, atau satu kode cadangan."),
}


class AccountHelpMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                continue
            if name == "password1":  # what the password validators ask, in their own words
                field.help_text = " ".join(password_validation.password_validators_help_texts())
            elif name in ACCOUNT_HELP:
                field.help_text = ACCOUNT_HELP[name]


class LoginForm(AccountHelpMixin, allauth_forms.LoginForm):
    pass


class AllauthSignupForm(AccountHelpMixin, allauth_forms.SignupForm):
    pass


class ResetPasswordForm(AccountHelpMixin, allauth_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(AccountHelpMixin, allauth_forms.ResetPasswordKeyForm):
    pass


class ChangePasswordForm(AccountHelpMixin, allauth_forms.ChangePasswordForm):
    pass


class ReauthenticateForm(AccountHelpMixin, allauth_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(AccountHelpMixin, ActivateTOTPBaseForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _(
            "Pindai kode QR dengan aplikasi autentikator di ponsel, lalu ketik 6 angka yang tampil di sana."
        )


class TwoFactorCodeForm(AccountHelpMixin, forms.TwoFactorCodeForm):
    pass


class RequestReauthenticationCodeForm(allauth_forms.RequestReauthenticationCodeForm):
    """allauth's, whose one field has neither a label nor help of its own (Django shows "Recipient")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].label = _("Kirim kode ke")
        self.fields["recipient"].help_text = _(
            "Alamat surel (atau nomor HP) akun Anda yang menerima kode sekali pakai untuk mengonfirmasi."
        )


class ConfirmReauthenticationCodeForm(allauth_forms.ConfirmReauthenticationCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("Kode yang baru kami kirim ke alamat yang Anda pilih.")
