from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from portal.network import client_ip

from .landing import work_page_url
from .roles import Role
from .services import user_assign_role


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """
        The visitor's address as the lockout and the other rate limits read it (the proxy's header):
        behind nginx, REMOTE_ADDR is nginx for everyone, and one visitor's failed sign-ins would
        rate-limit the sign-in (and officers' two-factor codes) of the whole regency.
        """
        return client_ip(request) or super().get_client_ip(request)

    def save_user(self, request, user, form, commit=True):
        """Save a new sign-up as a citizen (warga), who is notified in the language they signed up in."""
        if translation.get_language() in dict(settings.LANGUAGES):
            user.language = translation.get_language()
        try:
            with transaction.atomic():  # an account without its role is never left behind
                user = super().save_user(request, user, form, commit=commit)
                if commit:
                    user_assign_role(user=user, role=Role.WARGA)
        except IntegrityError:  # a double click: the first request made the account and sent the email
            raise ImmediateHttpResponse(redirect("account_email_verification_sent")) from None
        return user

    def clean_email(self, email):
        """Refuse, on every form that takes one, an address longer than the account can keep."""
        email = super().clean_email(email)
        longest = EmailAddress._meta.get_field("email").max_length
        if len(email) > longest:
            raise ValidationError(
                _("Alamat surel paling banyak %(count)d karakter.") % {"count": longest}, code="max_length"
            )
        return email

    def post_login(self, request, user, **kwargs):
        """On a browser with no language chosen yet, show the portal in the one the account last chose."""
        response = super().post_login(request, user, **kwargs)
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and user.language != settings.LANGUAGE_CODE:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    def get_login_redirect_url(self, request):
        """Send an officer to their queue or inbox; a `next` address, when given, wins before this."""
        return work_page_url(request.user) or super().get_login_redirect_url(request)
