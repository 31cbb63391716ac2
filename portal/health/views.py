from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from portal.cache import cache_reachable

from .selectors import broker_reachable, database_reachable


@never_cache
def live(request):
    """Answer 200 without touching the database: the process serves requests."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def ready(request):
    """
    Answer 200 when the database and the broker are reachable, 503 otherwise. Without its cache the
    portal still serves every page, slower: "degraded", still ready.
    """
    checks = {"database": database_reachable(), "broker": broker_reachable(), "cache": cache_reachable()}
    if not (checks["database"] and checks["broker"]):
        return JsonResponse({"status": "unavailable", "checks": checks}, status=503)
    return JsonResponse({"status": "ok" if checks["cache"] else "degraded", "checks": checks})
