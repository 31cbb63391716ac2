import logging

from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.models import AksesData
from portal.audit.services import access_record
from portal.crypto import recipient_mask
from portal.network import site_url
from portal.notifications.services import notification_send

from .models import User
from .roles import OFFICER_ROLES, STAFF_ROLES, Role

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


def user_officer_email_check(*, roles, is_staff, email):
    """
    Raise ValidationError when an officer's account would have an address outside
    OFFICER_EMAIL_DOMAINS, once that is set: its password link goes to that address, so an
    administrator who could point it at a mailbox of their own could sign in as the officer.
    """
    domains = [domain.lower().strip(".") for domain in settings.OFFICER_EMAIL_DOMAINS]
    if not domains or not (is_staff or {role.value for role in roles} & OFFICER_ROLES):
        return
    host = (email or "").rpartition("@")[2].lower()
    if not any(host == domain or host.endswith(f".{domain}") for domain in domains):
        message = _(
            "Akun petugas memakai alamat surel dinas (%(domains)s), tempat tautan kata sandinya dikirim."
        )
        raise ValidationError(message % {"domains": ", ".join(domains)}, code="officer_email")


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


def user_language_set(*, user: User, language: str) -> None:
    """Keep the language the user chose on the portal: their notifications are written in it."""
    if language in dict(settings.LANGUAGES) and user.language != language:
        User.objects.filter(pk=user.pk).update(language=language)  # no other field: a session may be stale
        user.language = language


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


def user_password_set_url(*, user: User) -> str:
    """Return the absolute link with which the holder of `user`'s address sets its password."""
    # Imported here: allauth's forms module imports this app's SignupForm, whose module imports this one.
    from allauth.account.forms import default_token_generator

    # allauth's own reset key ("Lupa kata sandi"): it expires after PASSWORD_RESET_TIMEOUT and with
    # the first password set, since the password hash is part of it.
    key = default_token_generator.make_token(user)
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": key})
    return site_url(path)


@transaction.atomic
def user_invite(*, request, user: User) -> User:
    """
    Open an account made in the user admin: no usable password and an unverified address, to which
    its holder is sent the link to set their own. Whoever made it never knows the password.
    """
    user.set_unusable_password()
    user.save(update_fields=["password"])
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email}
    )
    address.set_as_primary(conditional=True)
    user_password_link_send(request=request, user=user, created=True)
    return user


def user_password_link_send(*, request, user: User, created=False) -> None:
    """
    Email `user` the link to set their own password, on an administrator's request, once the
    transaction commits. The password they have (if any) works until they set a new one.
    """
    if not user.email:
        raise ValidationError(
            _("Akun ini tidak punya alamat surel, jadi tautan pembuat kata sandi tidak bisa dikirim.")
        )
    context = {"created": created, "admin_name": request.user.get_full_name(), "when": timezone.localtime()}
    # Each request is its own message: a link asked for again is sent again.
    key = f"{'baru' if created else 'tautan'}-{timezone.now():%Y%m%d%H%M%S%f}"
    transaction.on_commit(lambda: _password_link_notify(user=user, key=key, context=context))


def _password_link_notify(*, user, key, context):
    """
    Send the link made now, after the commit: the key depends on the password and address as saved.
    A failed delivery is kept with its message and sent again by the notification sweep.
    """
    user = User.objects.get(pk=user.pk)
    context = {
        **context,
        "holder": user,
        "url": user_password_set_url(user=user),
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        "reset_url": site_url(reverse("account_reset_password")),
        "contact": settings.PORTAL_CONTACT,
    }
    try:
        notification_send(
            event="portal.password_link_by_admin", target=user, recipient=user.email, key=key, context=context
        )
    except Exception:
        logger.warning("The password link to account %s failed; the sweep retries it", user.pk, exc_info=True)


# Sent by user_nik_release with user, nik_hash (the released NIK's) and actor. A service app closes
# what the account filed with that NIK and returns (closed, left): the references of the
# applications it closed, and of those it left to its officers.
nik_released = Signal()


@transaction.atomic
def user_nik_release(*, request, user: User) -> tuple[list, list]:
    """
    Take the NIK and KK off `user`'s account, for their owner whom a superuser has identified from
    the original KTP-el and KK: a sign-up only declares them, so anyone knowing a neighbour's could
    hold them. Recorded in the access log, which the holder reads in "Data saya", and emailed to the
    holder. What the account filed with that NIK and no officer has checked against the originals
    is closed by its service (nik_released), so the owner can apply; return (closed, left).
    """
    nik_hash = user.nik_hash
    User.objects.filter(pk=user.pk).update(nik_hash="", no_kk_hash="")
    user.nik_hash = user.no_kk_hash = ""
    _admin_change_record(
        request=request, user=user, action=AksesData.Action.LEPAS_NIK, event="portal.nik_released_by_admin"
    )
    closed, left = [], []
    for _receiver, (service_closed, service_left) in nik_released.send(
        sender=User, user=user, nik_hash=nik_hash, actor=request.user
    ):
        closed += service_closed
        left += service_left
    return closed, left


def user_email_changed_by_admin(*, request, user: User, old_email: str) -> AksesData:
    """
    Record an address an administrator changed on another's account, and tell the old address: the
    new one receives the password link, so a change its holder did not ask for must not pass unseen.
    An account that had none (recorded at a desk) has no one to tell but its access log.
    """
    description = f"{recipient_mask(old_email)} → {recipient_mask(user.email)}" if old_email else user.email
    return _admin_change_record(
        request=request,
        user=user,
        action=AksesData.Action.GANTI_SUREL,
        event="portal.email_changed_by_admin",
        description=description,
        recipient=old_email,
    )


def user_phone_changed_by_admin(*, request, user: User, old_phone: str) -> AksesData:
    """Record a phone number an administrator changed on another's account, and tell its address."""
    masked = recipient_mask(user.phone) if user.phone else "-"
    return _admin_change_record(
        request=request,
        user=user,
        action=AksesData.Action.GANTI_HP,
        event="portal.phone_changed_by_admin",
        description=f"{recipient_mask(old_phone) if old_phone else '-'} → {masked}",
    )


def _admin_change_record(*, request, user, action, event, description="", recipient=None) -> AksesData:
    """
    Write what an administrator changed on `user`'s account to its access log; once saved, email it
    to `recipient` (by default the account's address; none when it is empty).
    """
    description = description or user.email or str(user)
    akses = access_record(request=request, target=user, subject=user, action=action, description=description)
    recipient = user.email if recipient is None else recipient
    if recipient:
        transaction.on_commit(lambda: _admin_change_notify(akses=akses, event=event, recipient=recipient))
    return akses


def _admin_change_notify(*, akses, event, recipient):
    """
    Email the holder what an administrator changed on their account (`akses`). Sent at once, not
    queued: a failed delivery is kept with its message and sent again by the notification sweep.
    """
    holder = akses.subject
    context = {
        "holder": holder,
        "admin_name": akses.actor.get_full_name(),
        "when": timezone.localtime(akses.created_at),
        "contact": settings.PORTAL_CONTACT,
        "new_email": recipient_mask(holder.email),
        "new_phone": recipient_mask(holder.phone) if holder.phone else "-",
    }
    try:
        notification_send(event=event, target=holder, recipient=recipient, key=str(akses.pk), context=context)
    except Exception:
        logger.warning(
            "The notice %s to account %s failed; the sweep retries it", event, holder.pk, exc_info=True
        )
