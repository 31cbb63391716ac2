from django.db import transaction

from .loaders import holidays_save
from .models import HariLibur


@transaction.atomic
def holidays_import(*, rows: list[dict], replace_years: bool = False) -> dict:
    """Save rows read by holidays_read, all or none; return the counts created, updated, deleted."""
    return holidays_save(HariLibur=HariLibur, rows=rows, replace_years=replace_years)
