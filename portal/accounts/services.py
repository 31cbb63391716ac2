from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import User
from .roles import STAFF_ROLES, Role


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
