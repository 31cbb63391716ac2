"""The admin site of the portal: the officers' desk (settings.INSTALLED_APPS names PortalAdminConfig)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import path
from django.utils.functional import SimpleLazyObject


class PortalAdminSite(admin.AdminSite):
    # Officers move between their queues from the Meja kerja page and the breadcrumbs; the sidebar
    # drew every model they may see again on each admin page.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        """
        Return the app list, built when first read: every admin page's context asks for it (for the
        sidebar) and, the sidebar off, only the index pages read it: the others skip building it.
        """
        return SimpleLazyObject(lambda: super(PortalAdminSite, self).get_app_list(request, app_label))

    def get_urls(self):
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        route = "r/<path:content_type_id>/<path:object_id>/"
        return [path(route, self.admin_view(self.view_on_site), name="view_on_site"), *urls]

    def view_on_site(self, request, content_type_id, object_id):
        """
        Redirect to an object's page as Django's shortcut does, for an object its model's admin lists
        to this request: Django's finds any row by its id, one the admin hides (a sealed bid's
        receipt, another kecamatan's application) included.
        """
        # Imported here: INSTALLED_APPS names this module's config, read before any model loads.
        from django.contrib.contenttypes import views as contenttype_views
        from django.contrib.contenttypes.models import ContentType

        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ContentType.DoesNotExist, ValueError):
            raise Http404 from None
        model_admin = self._registry.get(model)
        if model_admin is not None:
            try:
                listed = model_admin.get_queryset(request).filter(pk=object_id).exists()
            except (ValueError, ValidationError):
                listed = False
            if not listed:
                raise Http404
        return contenttype_views.shortcut(request, content_type_id, object_id)


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
