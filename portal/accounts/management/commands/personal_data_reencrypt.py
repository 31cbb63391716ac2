from django.apps import apps
from django.core.management.base import BaseCommand

from portal.crypto import EncryptedCharField, personal_reencrypt


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted personal-data column (NIK, KK) with the first key of "
        "PERSONAL_DATA_KEYS and recompute its search hash with PERSONAL_DATA_HASH_KEY: run it after "
        "putting a new key first (old keys may be removed afterwards) or changing the hash key."
    )

    def handle(self, *args, **options):
        for model in apps.get_models():
            fields = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField)]
            if fields:
                done = personal_reencrypt(model)
                self.stdout.write(f"{model._meta.label}: {done} rows re-encrypted ({', '.join(fields)}).")
