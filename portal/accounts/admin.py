from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django_celery_beat import admin as celery_beat_admin
from django_celery_beat.models import PeriodicTask

from portal.audit.admin import AccessLoggedAdminMixin

from .forms import UserAdminForm
from .models import User
from .roles import OFFICER_ROLES, Role
from .services import user_email_change, user_nik_release, user_password_set_by_admin


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the front desk records an account without email (claims.py); one made here logs in by it.
        self.fields["email"].required = True


# What makes an account more than it is: nobody but a superuser changes them on their own account.
OWN_ROLE_FIELDS = ["groups", "user_permissions", "kecamatan", "instansi", "is_staff", "is_superuser"]


@admin.register(User)
class UserAdmin(AccessLoggedAdminMixin, DjangoUserAdmin):
    form = UserAdminForm
    add_form = UserCreationForm
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
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "name", "usable_password", "password1", "password2"]},
        ),
    ]
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
        if obj is not None and not self.password_set_allowed(request, obj):
            # A new address takes the password reset: as good as setting the password, so kept alike.
            return [*fields, "is_superuser", "email"]
        return [*fields, "is_superuser"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.grantor = request.user  # a class made for this request (modelform_factory)
        return form

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "email" in form.changed_data:
            user_email_change(user=obj, old_email=form.initial.get("email") or "")

    @admin.action(
        description=_("Lepaskan NIK dan KK dari akun terpilih (pemiliknya sudah menunjukkan aslinya)")
    )
    def nik_release(self, request, queryset):
        # A superuser's remedy for a NIK another account declared at sign-up; never on an officer's.
        citizens = (
            queryset.exclude(nik_hash="").exclude(is_staff=True).exclude(groups__name__in=OFFICER_ROLES)
        )
        for user in citizens:
            user_nik_release(request=request, user=user)
        self.message_user(request, _("NIK dilepas dari %(count)d akun.") % {"count": len(citizens)})

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

    def password_set_allowed(self, request, user) -> bool:
        """Return whether the request may set `user`'s password: a superuser any, anyone else an officer's."""
        # Whoever sets a citizen's (or a vendor's) can sign in as them, unseen; they reset it by email.
        return request.user.is_superuser or (user.is_officer() and not user.has_role(Role.WARGA))

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is not None and not self.password_set_allowed(request, user):
            raise PermissionDenied
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and user is not None and user.pk != request.user.pk:
            before = user.password
            user.refresh_from_db(fields=["password"])
            if user.password != before:
                user_password_set_by_admin(request=request, user=user)
        return response


class PeriodicTaskAdmin(celery_beat_admin.PeriodicTaskAdmin):
    """django-celery-beat's, with its actions (enable, disable, run) kept to who may change tasks."""

    def get_actions(self, request):
        # They declare no permission, so Django offered them to anyone who may only view the tasks.
        return super().get_actions(request) if self.has_change_permission(request) else {}


admin.site.unregister(PeriodicTask)
admin.site.register(PeriodicTask, PeriodicTaskAdmin)
