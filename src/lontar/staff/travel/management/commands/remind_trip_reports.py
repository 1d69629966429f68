from django.core.management.base import BaseCommand

from lontar.staff.travel.services import remind_overdue_reports


class Command(BaseCommand):
    help = (
        "Ingatkan pelaksana perjalanan dinas yang laporannya melewati batas 5 hari kerja setelah kembali. "
        "Satu pengingat per perjalanan dinas per hari; aman dijalankan berulang."
    )

    def handle(self, *args, **options):
        sent = remind_overdue_reports()
        self.stdout.write(f"Pengingat laporan perjalanan dinas dikirim: {sent}.")
