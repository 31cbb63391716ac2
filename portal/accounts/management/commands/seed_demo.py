from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_accounts_create
from portal.accounts.models import User


class Command(BaseCommand):
    help = (
        "Create demo accounts (one per role) and, for each service app that defines "
        "seed_demo() on its AppConfig, sample data. Idempotent; refuses when DEBUG is off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it sets known passwords.")
        demo_accounts_create()
        for app_config in apps.get_app_configs():
            if hasattr(app_config, "seed_demo"):
                app_config.seed_demo()
        # The service apps add accounts of their own (memo recipients, say): list them all.
        users = User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").order_by("email")
        self.stdout.write(f"{len(users)} demo accounts ready, password {DEMO_PASSWORD}:")
        for user in users:
            self.stdout.write(f"  {user.email}")
