from django.db.models import Count, Max, Min
from django.db.models.functions import TruncDate
from django.utils import timezone

from portal.accounts.models import User

from .models import AksesData


def akses_data_of_subject(*, subject):
    """Return every access to `subject`'s data, newest first, with the officer and their unit."""
    return AksesData.objects.filter(subject=subject).select_related("actor__kecamatan", "actor__instansi")


def akses_data_grouped(*, subject):
    """Return the accesses to `subject`'s data grouped by officer, action and local day, with counts."""
    return (
        AksesData.objects.filter(subject=subject)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("actor", "action", "day")
        .annotate(count=Count("id"), first=Min("created_at"), last=Max("created_at"))
        .order_by("-day", "-last", "actor", "action")
    )


def akses_data_groups_detail(*, subject, groups) -> list[dict]:
    """Return `groups` (rows of akses_data_grouped) with the officer, the action's name and what was seen."""
    groups = list(groups)
    if not groups:
        return []
    actors = User.objects.select_related("kecamatan", "instansi").in_bulk({g["actor"] for g in groups})
    days = [g["day"] for g in groups]
    seen = {}
    for row in (
        AksesData.objects.filter(subject=subject, actor__in=actors.keys())
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .filter(day__gte=min(days), day__lte=max(days))
        .values_list("actor", "action", "day", "description")
        .order_by("description")
        .distinct()
    ):
        seen.setdefault(row[:3], []).append(row[3])
    for group in groups:
        group["officer"] = actors[group["actor"]]
        group["action_label"] = AksesData.Action(group["action"]).label
        group["descriptions"] = seen.get((group["actor"], group["action"], group["day"]), [])
    return groups
