from django.core.management.base import BaseCommand

from lontar.correspondence.services.dispositions import send_deadline_reminders


class Command(BaseCommand):
    help = (
        "Ingatkan penerima disposisi sehari kerja sebelum tenggat dan laporkan kepada pengirim disposisi "
        "yang melewati tenggat. Aman dijalankan berulang (cron tiap jam)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--antre", action="store_true", help="Antrekan sebagai pekerjaan latar.")

    def handle(self, *args, **options):
        if options["antre"]:
            from lontar.correspondence.tasks_incoming import disposition_deadlines

            disposition_deadlines.enqueue()
            self.stdout.write("Pekerjaan pengingat tenggat disposisi diantrekan.")
            return
        reminded, escalated = send_deadline_reminders()
        self.stdout.write(f"Pengingat dikirim: {reminded}; eskalasi: {escalated}.")
