from django.conf import settings

from portal.cache import cache_reachable

from .meta import page_description
from .services_catalog import SERVICES


def portal(request):
    """Give every page the regency's name, the services to list in the navigation and its description."""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_CONTACT": settings.PORTAL_CONTACT,
        "portal_services": SERVICES,
        "KIOSK_MODE": settings.KIOSK_MODE,
        "page_description": page_description(request),
        # Asked only by the pages that need it (a refusal may come from a cache that is down).
        "cache_down": lambda: not cache_reachable(),
    }
