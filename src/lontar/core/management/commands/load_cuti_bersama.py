from django.core.management.base import BaseCommand

from lontar.core.workdays.data import CUTI_BERSAMA
from lontar.core.workdays.services import load_cuti_bersama


class Command(BaseCommand):
    help = "Isi cuti bersama yang sudah ditetapkan SKB 3 Menteri (dapat diubah di layar kalender kerja)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", choices=sorted(CUTI_BERSAMA), dest="years")

    def handle(self, *args, years=None, **options):
        created = load_cuti_bersama(actor=None, years=years)
        self.stdout.write(f"{created} hari cuti bersama ditambahkan.")
