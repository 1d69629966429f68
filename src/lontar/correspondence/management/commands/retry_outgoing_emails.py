from django.core.management.base import BaseCommand
from django.db import transaction

from lontar.correspondence.services.outgoing import retry_outgoing_emails


class Command(BaseCommand):
    help = (
        "Antrekan ulang surel naskah keluar yang jatuh waktu dicoba lagi, yang tugasnya hilang, atau yang "
        "macet saat dikirim. Aman dijalankan berulang (cron tiap 5 menit)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            count = retry_outgoing_emails()
        self.stdout.write(f"{count} surel naskah keluar diantrekan ulang.")
