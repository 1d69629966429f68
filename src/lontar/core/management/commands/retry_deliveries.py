from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction

from lontar.core.notifications.tasks import retry_pending_deliveries


class Command(BaseCommand):
    help = (
        "Antrekan ulang pengiriman notifikasi (surel/SMS/WhatsApp) yang tertunda atau gagal. "
        "Cocok untuk cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=5,
            help="Hanya pengiriman yang tertunda/gagal lebih lama dari ini (menit).",
        )

    def handle(self, *args, older_than_minutes, **options):
        with transaction.atomic():
            count = retry_pending_deliveries(older_than=timedelta(minutes=older_than_minutes))
        self.stdout.write(f"{count} pengiriman diantrekan ulang.")
