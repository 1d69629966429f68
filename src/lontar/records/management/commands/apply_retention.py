import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from lontar.records.services import apply_retention


class Command(BaseCommand):
    help = "Pindahkan berkas yang masa retensi aktifnya habis menjadi inaktif (aman dijalankan berulang)."

    def add_arguments(self, parser):
        parser.add_argument("--tanggal", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini di tiap kantor).")

    def handle(self, *args, **options):
        today = None
        if options.get("tanggal"):
            try:
                today = dt.date.fromisoformat(options["tanggal"])
            except ValueError as exc:
                raise CommandError("Tanggal harus berformat YYYY-MM-DD.") from exc
        moved = apply_retention(today=today)
        self.stdout.write(f"{moved} berkas dipindahkan menjadi inaktif.")
