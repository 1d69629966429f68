from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lontar.records.services import SHIPPED_CLASSIFICATION, import_classifications, parse_rows, read_table


class Command(BaseCommand):
    help = (
        "Impor kode klasifikasi arsip dan jadwal retensi dari CSV/XLSX (kolom: scheme, code, title, "
        "active_years, inactive_years, final_disposition, note). Tanpa argumen: daftar bawaan Lontar. "
        "Aman diulang: kode yang tidak berubah dibiarkan."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(SHIPPED_CLASSIFICATION))

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        try:
            with path.open("rb") as handle:
                preview = parse_rows(read_table(handle))
            if preview.errors:
                raise CommandError("\n".join(preview.errors))
            counts = import_classifications(actor=None, preview=preview, source=path.name)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"{counts['create']} dibuat, {counts['update']} diubah, {counts['unchanged']} tidak berubah."
        )
