from allauth.account.adapter import DefaultAccountAdapter

from .landing import work_page_url
from .roles import Role
from .services import user_assign_role


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Save a new sign-up as a citizen (warga)."""
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_assign_role(user=user, role=Role.WARGA)
        return user

    def get_login_redirect_url(self, request):
        """Send an officer to their queue or inbox; a `next` address, when given, wins before this."""
        return work_page_url(request.user) or super().get_login_redirect_url(request)
