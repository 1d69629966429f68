from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lontar.assets.services.codes import SHIPPED_CODES, import_codes, read_codes


class Command(BaseCommand):
    help = (
        "Impor kode barang Permendagri 108/2016 dari CSV/XLSX (kolom: code, title, is_active). "
        "Tanpa argumen: daftar bawaan Lontar. Aman diulang: kode yang tidak berubah dibiarkan; "
        "kode tidak pernah dihapus, hanya dinonaktifkan."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(SHIPPED_CODES))
        parser.add_argument("--dry-run", action="store_true", help="Hanya periksa; tidak menyimpan.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        try:
            preview = read_codes(path.name, path.read_bytes())
            if preview.errors:
                raise CommandError("\n".join(preview.errors))
            if options["dry_run"]:
                counts = preview.counts
            else:
                counts = import_codes(actor=None, preview=preview, source=path.name)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"{counts['create']} dibuat, {counts['update']} diubah, {counts['unchanged']} tidak berubah."
        )
