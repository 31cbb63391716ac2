from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

from .forms import TrackForm
from .tracking import tracking_lookup


def home(request):
    """Show the services the portal offers, one line each."""
    return render(request, "portal/home.html")


def _reference_key(group, request):
    return request.POST.get("reference", "").strip().upper()


def track(request):
    """Show an application's status and timeline from its reference and a second factor."""
    form = TrackForm(request.POST or None)
    result, not_found, limited = None, False, False
    if request.method == "POST":
        # Count every attempt, by address and by reference, before looking anything up.
        by_ip = is_ratelimited(
            request, group="lacak-ip", key="ip", rate=settings.TRACK_RATE_PER_IP, increment=True
        )
        by_ref = is_ratelimited(
            request,
            group="lacak-ref",
            key=_reference_key,
            rate=settings.TRACK_RATE_PER_REFERENCE,
            increment=True,
        )
        limited = by_ip or by_ref
        if not limited and form.is_valid():
            result = tracking_lookup(reference=form.cleaned_data["reference"], factors=form.cleaned_data)
            not_found = result is None
    response = render(
        request,
        "portal/track.html",
        {"form": form, "result": result, "not_found": not_found, "limited": limited},
    )
    if limited:
        response.status_code = 429
    return response
