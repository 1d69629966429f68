from django.core.management.base import BaseCommand

from lontar.public_services.services.reminders import send_application_reminders


class Command(BaseCommand):
    help = (
        "Ingatkan petugas sehari kerja sebelum tenggat permohonan layanan dan laporkan permohonan yang "
        "melewati tenggat kepada kepala seksi/Sekcam. Permohonan yang menunggu perbaikan pemohon dilewati. "
        "Aman dijalankan berulang (cron tiap jam)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--antre", action="store_true", help="Antrekan sebagai pekerjaan latar.")

    def handle(self, *args, **options):
        if options["antre"]:
            from lontar.public_services.tasks import application_deadlines

            application_deadlines.enqueue()
            self.stdout.write("Pekerjaan pengingat tenggat permohonan diantrekan.")
            return
        reminded, escalated = send_application_reminders()
        self.stdout.write(f"Pengingat dikirim: {reminded}; eskalasi: {escalated}.")
