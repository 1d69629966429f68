from django.core.management.base import BaseCommand

from lontar.complaints.services.deadlines import run_complaint_deadlines


class Command(BaseCommand):
    help = (
        "Tenggat pengaduan (SP4N-LAPOR!): ingatkan petugas sehari kerja sebelum tenggat, eskalasikan "
        "pengaduan yang melewati tenggat kepada Camat, dan tutup pengaduan yang 10 hari kerja setelah "
        "tanggapan tidak dibalas pelapor. Aman dijalankan berulang (cron tiap jam)."
    )

    def handle(self, *args, **options):
        run = run_complaint_deadlines()
        self.stdout.write(
            f"Pengingat dikirim: {run.reminded}; eskalasi: {run.escalated}; ditutup otomatis: {run.closed}."
        )
