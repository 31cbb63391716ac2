import logging

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.models import AksesData
from portal.audit.services import access_record
from portal.network import site_url
from portal.notifications.services import notification_send

from .models import User
from .roles import STAFF_ROLES, Role

logger = logging.getLogger(__name__)


def user_role_validate(*, roles, kecamatan, instansi):
    """Raise ValidationError when a role lacks the kecamatan or instansi it is bound to."""
    errors = {}
    if Role.PETUGAS_KECAMATAN in roles and kecamatan is None:
        errors["kecamatan"] = _("Petugas kecamatan wajib terikat pada satu kecamatan.")
    if Role.PETUGAS_INSTANSI in roles and instansi is None:
        errors["instansi"] = _("Petugas instansi wajib terikat pada satu instansi.")
    if errors:
        raise ValidationError(errors)


def user_role_grant_check(*, grantor, user, roles):
    """Raise ValidationError when `grantor` gives `user` a role only a superuser gives (Administrator)."""
    if Role.ADMIN in roles and not (grantor and grantor.is_superuser) and not user.has_role(Role.ADMIN):
        raise ValidationError({"groups": _("Hanya superuser yang boleh memberi peran Administrator.")})


@transaction.atomic
def user_assign_role(*, user: User, role: Role, kecamatan=None, instansi=None) -> User:
    """Put the user in the role's group, bind them to a kecamatan or instansi, grant admin access."""
    role = Role(role)
    user.kecamatan = kecamatan if kecamatan is not None else user.kecamatan
    user.instansi = instansi if instansi is not None else user.instansi
    user_role_validate(roles={role}, kecamatan=user.kecamatan, instansi=user.instansi)
    if role in STAFF_ROLES:
        user.is_staff = True
    user.full_clean()
    user.save()
    group, _created = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    return user


@transaction.atomic
def user_email_change(*, user: User, old_email: str) -> None:
    """
    Follow an address changed in the admin: allauth signs in and sends reset links by its own
    address rows, so the old one goes and the new one is verified at the next sign-in.
    """
    EmailAddress.objects.filter(user=user, email__iexact=old_email).delete()
    if user.email:
        address, _created = EmailAddress.objects.get_or_create(
            user=user, email__iexact=user.email, defaults={"email": user.email}
        )
        address.set_as_primary(conditional=True)


def user_password_set_by_admin(*, request, user: User) -> AksesData:
    """
    Record that an administrator set `user`'s password in the admin: a row of the access log, which
    its holder reads in "Data saya", and an email to the holder once it is saved.
    """
    akses = access_record(
        request=request,
        target=user,
        subject=user,
        action=AksesData.Action.GANTI_SANDI,
        description=user.email or str(user),
    )
    if user.email:
        transaction.on_commit(lambda: _password_set_notify(akses=akses))
    return akses


def _password_set_notify(*, akses):
    """
    Email the holder that an administrator set their password. Sent at once, not queued: a failed
    delivery is kept with its message and sent again by the notification sweep.
    """
    holder = akses.subject
    context = {
        "holder": holder,
        "admin_name": akses.actor.get_full_name(),
        "when": timezone.localtime(akses.created_at),
        "disabled": not holder.has_usable_password(),
        "reset_url": site_url(reverse("account_reset_password")),
        "contact": settings.PORTAL_CONTACT,
    }
    try:
        notification_send(
            event="portal.password_set_by_admin",
            target=holder,
            recipient=holder.email,
            key=str(akses.pk),
            context=context,
        )
    except Exception:
        logger.warning(
            "The password notice to account %s failed; the sweep retries it", holder.pk, exc_info=True
        )
