from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from .selectors import broker_reachable, database_reachable


@never_cache
def live(request):
    """Answer 200 without touching the database: the process serves requests."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def ready(request):
    """Answer 200 when the database and the broker are reachable, 503 otherwise."""
    checks = {"database": database_reachable(), "broker": broker_reachable()}
    status = 200 if all(checks.values()) else 503
    return JsonResponse({"status": "ok" if status == 200 else "unavailable", "checks": checks}, status=status)
