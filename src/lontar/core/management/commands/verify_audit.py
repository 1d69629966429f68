from django.core.management.base import BaseCommand, CommandError

from lontar.core.audit import verify_all


class Command(BaseCommand):
    help = "Verifikasi rantai hash jejak audit; laporkan kejadian pertama yang dirusak."

    def handle(self, *args, **options):
        results = verify_all()
        total = sum(r.checked for _key, r in results)
        failures = [(key, r) for key, r in results if not r.ok]
        for key, result in failures:
            where = f"kejadian #{result.first_bad_event_id}" if result.first_bad_event_id else "akhir rantai"
            self.stderr.write(f"RUSAK: rantai {key}: {where}: {result.reason}")
        if failures:
            raise CommandError(f"Jejak audit rusak pada {len(failures)} rantai ({total} kejadian diperiksa).")
        self.stdout.write(f"Jejak audit utuh: {total} kejadian dalam {len(results)} rantai.")
