"""Every field of the account pages (allauth's forms) has help text, as the portal's own forms do."""

import pytest

from portal.accounts.allauth_forms import ChangePasswordForm, ReauthenticateForm, ResetPasswordKeyForm
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _without_help(form):
    return [name for name, field in form.fields.items() if not field.widget.is_hidden and not field.help_text]


@pytest.mark.parametrize("url", ["/akun/login/", "/akun/signup/", "/akun/password/reset/"])
def test_every_field_of_the_account_pages_has_help(client, url):
    assert _without_help(client.get(url).context["form"]) == []


def test_every_field_of_the_password_and_second_factor_forms_has_help(rf):
    from allauth.core import context
    from django.contrib.sessions.backends.cache import SessionStore

    from portal.accounts.allauth_forms import ActivateTOTPForm, TwoFactorCodeForm

    user = UserFactory()
    request = rf.get("/akun/2fa/totp/activate/")
    request.session, request.user = SessionStore(), user
    with context.request_context(request):  # the TOTP form keeps its new secret in the session
        forms = [
            ChangePasswordForm(user=user),
            ResetPasswordKeyForm(user=user, temp_key="kunci"),
            ReauthenticateForm(user=user),
            ActivateTOTPForm(user=user),
            TwoFactorCodeForm(user=user),
        ]
    assert {type(form).__name__: _without_help(form) for form in forms} == {
        type(form).__name__: [] for form in forms
    }
