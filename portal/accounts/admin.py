from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_celery_beat import admin as celery_beat_admin
from django_celery_beat.models import PeriodicTask

from portal.admin_queue import OpenableLinksMixin
from portal.audit.admin import AccessLoggedAdminMixin

from .forms import UserAddForm, UserAdminForm
from .models import User
from .roles import OFFICER_ROLES, Role
from .services import (
    user_email_change,
    user_email_changed_by_admin,
    user_invite,
    user_nik_release,
    user_password_link_send,
    user_phone_changed_by_admin,
)

# What Django's own password form posts: a request carrying them sets a password, which nobody does
# here for another (manage.py changepassword stays the operator's, on the server).
PASSWORD_FIELDS = {"password", "password1", "password2", "usable_password", "set-password", "unset-password"}


# What makes an account more than it is: nobody but a superuser changes them on their own account.
OWN_ROLE_FIELDS = ["groups", "user_permissions", "kecamatan", "instansi", "is_staff", "is_superuser"]


@admin.register(User)
class UserAdmin(AccessLoggedAdminMixin, DjangoUserAdmin):
    form = UserAdminForm
    add_form = UserAddForm
    ordering = ["email"]
    list_display = ["email", "name", "kecamatan", "instansi", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "kecamatan"]
    list_select_related = ["kecamatan", "instansi"]
    search_fields = ["email", "name"]
    autocomplete_fields = ["kecamatan", "instansi"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Data pribadi"), {"fields": ["name", "phone", "recorded_by"]}),
        (_("Penugasan"), {"fields": ["groups", "kecamatan", "instansi", "jabatan"]}),
        (_("Hak akses"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Tanggal penting"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "name"]})]
    filter_horizontal = ["groups"]
    actions = ["nik_release"]
    readonly_fields = ["recorded_by"]

    def access_log_subject(self, obj):
        return obj

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser makes one: the Admin role changes accounts, but never into more than itself.
        fields = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return fields
        if obj is not None and obj.pk == request.user.pk:
            # Nor into an officer of a kecamatan, whose queue holds citizens' applications.
            return [*fields, *OWN_ROLE_FIELDS]
        if obj is not None and not self.email_change_allowed(request, obj):
            # A new address takes the password reset: as good as setting the password, so kept alike;
            # a new number takes every SMS about the holder's applications.
            return [*fields, "is_superuser", "email", "phone"]
        return [*fields, "is_superuser"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Its button sends the password link, refused (403) to whoever may only read the account.
        return [
            (title, {**options, "fields": [name for name in options["fields"] if name != "password"]})
            for title, options in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.grantor = request.user  # a class made for this request (modelform_factory)
        return form

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            user_invite(request=request, user=obj)
            self.message_user(request, self.link_sent_message(obj))
        elif "email" in form.changed_data:
            old_email = form.initial.get("email") or ""
            user_email_change(user=obj, old_email=old_email)
            if obj.pk != request.user.pk:
                user_email_changed_by_admin(request=request, user=obj, old_email=old_email)
        if change and "phone" in form.changed_data and obj.pk != request.user.pk:
            user_phone_changed_by_admin(request=request, user=obj, old_phone=form.initial.get("phone") or "")

    @admin.action(
        description=_("Lepaskan NIK dan KK dari akun terpilih (pemiliknya sudah menunjukkan aslinya)")
    )
    def nik_release(self, request, queryset):
        # A superuser's remedy for a NIK another account declared at sign-up; never on an officer's.
        citizens = (
            queryset.exclude(nik_hash="").exclude(is_staff=True).exclude(groups__name__in=OFFICER_ROLES)
        )
        closed, left = [], []
        for user in citizens:
            user_closed, user_left = user_nik_release(request=request, user=user)
            closed += user_closed
            left += user_left
        self.message_user(request, _("NIK dilepas dari %(count)d akun.") % {"count": len(citizens)})
        if closed:
            message = _("Permohonan dengan NIK itu yang belum diperiksa petugas ditutup: %(refs)s.")
            self.message_user(request, message % {"refs": ", ".join(closed)})
        if left:
            message = _(
                "Permohonan dengan NIK itu yang sudah diperiksa petugas tetap berjalan; beri tahu "
                "kantornya: %(refs)s."
            )
            self.message_user(request, message % {"refs": ", ".join(left)}, messages.WARNING)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("nik_release", None)
        return actions

    def has_change_permission(self, request, obj=None):
        # A superuser's email or password, changed by someone less, would hand over the whole portal.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def email_change_allowed(self, request, user) -> bool:
        """
        Return whether the request may change `user`'s email and phone: a superuser any account's,
        anyone else an officer's.
        """
        # The password link goes to the address: whoever sets a citizen's (or a vendor's) could sign
        # in as them, unseen.
        return request.user.is_superuser or (user.is_officer() and not user.has_role(Role.WARGA))

    def link_sent_message(self, user):
        message = _(
            "Tautan pembuat kata sandi dikirim ke %(email)s; hanya pemilik alamat itu yang bisa memakainya."
        )
        return message % {"email": user.email}

    def user_change_password(self, request, id, form_url=""):
        """Send the account's holder the link to set their own password: nobody sets it for them."""
        user = self.get_object(request, unquote(id))
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        if user is None:
            raise Http404
        if request.method != "POST":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Kirim tautan pembuat kata sandi"),
                "opts": self.opts,
                "original": user,
            }
            return TemplateResponse(request, "admin/accounts/user/password_link.html", context)
        if PASSWORD_FIELDS & set(request.POST):
            raise PermissionDenied
        try:
            user_password_link_send(request=request, user=user)
        except ValidationError as exc:
            self.message_user(request, exc.messages[0], messages.ERROR)
        else:
            self.log_change(request, user, str(_("Tautan pembuat kata sandi dikirim.")))
            self.message_user(request, self.link_sent_message(user))
        return HttpResponseRedirect(reverse(f"{self.admin_site.name}:accounts_user_change", args=[user.pk]))


class PeriodicTaskAdmin(OpenableLinksMixin, celery_beat_admin.PeriodicTaskAdmin):
    """
    django-celery-beat's, with its actions (enable, disable, run) kept to who may change tasks, and
    its schedules linked only for who may open them (the Admin role reads the tasks alone).
    """

    def get_actions(self, request):
        # They declare no permission, so Django offered them to anyone who may only view the tasks.
        return super().get_actions(request) if self.has_change_permission(request) else {}


admin.site.unregister(PeriodicTask)
admin.site.register(PeriodicTask, PeriodicTaskAdmin)
