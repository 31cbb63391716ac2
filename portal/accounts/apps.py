from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Akun dan peran")

    def ready(self):
        from allauth.account.signals import password_reset
        from axes.utils import reset as axes_reset

        from .claims import account_claim_email_verify
        from .roles import roles_sync_after_migrate

        post_migrate.connect(roles_sync_after_migrate, dispatch_uid="accounts.roles_sync")
        password_reset.connect(
            lambda sender, request, user, **kwargs: account_claim_email_verify(user=user),
            dispatch_uid="accounts.claim_email_verify",
            weak=False,
        )
        # A new password ends the lockout that guesses at the old one earned: the lockout page sends
        # the citizen to reset it.
        password_reset.connect(
            lambda sender, request, user, **kwargs: axes_reset(username=user.email.lower()),
            dispatch_uid="accounts.lockout_lift",
            weak=False,
        )
