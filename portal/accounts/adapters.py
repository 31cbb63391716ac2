from allauth.account.adapter import DefaultAccountAdapter

from .roles import Role
from .services import user_assign_role


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Save a new sign-up as a citizen (warga)."""
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user_assign_role(user=user, role=Role.WARGA)
        return user
