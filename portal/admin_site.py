"""The admin site of the portal: the officers' desk (settings.INSTALLED_APPS names PortalAdminConfig)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
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


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
