from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal.holidays.loaders import holidays_read
from portal.holidays.services import holidays_import


class Command(BaseCommand):
    help = (
        "Load national holidays and cuti bersama from a CSV file "
        "(columns tanggal,keterangan,jenis[,ditetapkan]); rows are matched by date."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV file, UTF-8, e.g. portal/holidays/data/hari_libur_2027.csv")
        parser.add_argument(
            "--replace-year",
            action="store_true",
            help="Also delete the holidays of the file's years that the file does not list.",
        )

    def handle(self, *args, path, replace_year, **options):
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        try:
            counts = holidays_import(rows=holidays_read(text), replace_years=replace_year)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(
            f"{counts['created']} created, {counts['updated']} updated, {counts['deleted']} deleted."
        )
