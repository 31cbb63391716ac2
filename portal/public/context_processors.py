from django.conf import settings

from .services_catalog import SERVICES


def portal(request):
    """Give every page the regency's name and the services to list in the navigation."""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_CONTACT": settings.PORTAL_CONTACT,
        "portal_services": SERVICES,
        "KIOSK_MODE": settings.KIOSK_MODE,
    }
