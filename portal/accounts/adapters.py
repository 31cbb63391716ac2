from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django.db import IntegrityError, transaction
from django.shortcuts import redirect

from .landing import work_page_url
from .roles import Role
from .services import user_assign_role


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Save a new sign-up as a citizen (warga)."""
        try:
            with transaction.atomic():
                user = super().save_user(request, user, form, commit=commit)
        except IntegrityError:  # a double click: the first request made the account and sent the email
            raise ImmediateHttpResponse(redirect("account_email_verification_sent")) from None
        if commit:
            user_assign_role(user=user, role=Role.WARGA)
        return user

    def get_login_redirect_url(self, request):
        """Send an officer to their queue or inbox; a `next` address, when given, wins before this."""
        return work_page_url(request.user) or super().get_login_redirect_url(request)
