import time

import factory
from allauth.account.models import EmailAddress

from portal.accounts.models import User
from portal.accounts.services import user_assign_role
from portal.wilayah.models import Instansi, Kecamatan

PASSWORD = "Rahasia-Uji-2026"
# Every staff account made by the factory has this TOTP secret, so browser tests can log in.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret=TOTP_SECRET):
    """
    Return the current TOTP code for `secret`, with at least three seconds of its 30-second step
    left: a code read at the very end of its step reaches the portal in the next one, where it is
    refused (no tolerance), and a browser test on a busy machine then waits in vain.
    """
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < 3:
        time.sleep(left + 0.05)
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


class UserFactory(factory.django.DjangoModelFactory):
    """A verified account; `UserFactory(role=Role.PETUGAS_KECAMATAN, role__kecamatan="35.04.02")`."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"pengguna{n}@contoh.id")
    name = factory.Faker("name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        obj.save()
        EmailAddress.objects.get_or_create(user=obj, email=obj.email, verified=True, primary=True)

    @factory.post_generation
    def role(obj, create, extracted, kecamatan=None, instansi=None):
        if extracted:
            user_assign_role(
                user=obj,
                role=extracted,
                kecamatan=Kecamatan.objects.get(code=kecamatan) if kecamatan else None,
                instansi=Instansi.objects.get(code=instansi) if instansi else None,
            )

    @factory.post_generation
    def two_factor(obj, create, extracted, **kwargs):
        """Give officer accounts TOTP (the portal requires it); `two_factor=False` leaves it off."""
        if obj.is_officer() and extracted is not False:
            from allauth.mfa.totp.internal.auth import TOTP

            TOTP.activate(obj, TOTP_SECRET)
