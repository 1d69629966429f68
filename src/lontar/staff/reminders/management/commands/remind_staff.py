from django.core.management.base import BaseCommand

from lontar.staff.reminders.services import send_reminders


class Command(BaseCommand):
    help = (
        "Pengingat kepegawaian: KGB, kenaikan pangkat reguler, pensiun (BUP), dan dokumen yang akan "
        "kedaluwarsa, kepada pegawai yang bersangkutan dan pengelola kepegawaian kantornya, sekali saat "
        "masuk masa pengingat dan sekali lagi pada tanggal jatuh tempo bila belum tercatat. Aman "
        "dijalankan berulang (cron harian)."
    )

    def handle(self, *args, **options):
        run = send_reminders()
        self.stdout.write(
            f"Pengingat awal: {run.ahead}; pengingat jatuh tempo: {run.due}; notifikasi: {run.notifications}."
        )
