from django.core.management.base import BaseCommand

from portal.accounts.roles import roles_sync


class Command(BaseCommand):
    help = "Create the role groups and set their permissions from portal/accounts/roles.py."

    def handle(self, *args, **options):
        roles_sync()
        self.stdout.write("Roles synced.")
