"""Load the fictional Kota Sukamaju (demo data). Safe to run again: nothing is duplicated."""

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lontar.core.demo.loader import load_demo
from lontar.core.demo.samples import load_samples


class Command(BaseCommand):
    help = "Memuat data demo Kota Sukamaju (fiktif). Aman dijalankan berulang kali."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Muat juga bila DEBUG mati (jangan pernah di server produksi).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                _(
                    "Data demo hanya dimuat bila DEBUG aktif. Data ini memakai satu kata sandi yang "
                    "diketahui umum; gunakan --force hanya untuk server demonstrasi."
                )
            )
        created = load_demo()
        created[_("contoh (penomoran, cuti bersama, naskah bertanda tangan)")] += load_samples()
        # Each domain module loads its own demo rows (core imports none of them): an AppConfig with a
        # `load_demo()` method returning a Counter of what it created, run in INSTALLED_APPS order.
        for config in apps.get_app_configs():
            module_loader = getattr(config, "load_demo", None)
            if config.name.startswith("lontar.") and callable(module_loader):
                created.update(module_loader())
        created = +created  # drop zero counts
        if created:
            summary = ", ".join(f"{count} {what}" for what, count in sorted(created.items()))
            self.stdout.write(
                self.style.SUCCESS(_("Data demo dimuat: %(summary)s dibuat.") % {"summary": summary})
            )
        else:
            self.stdout.write(_("Data demo sudah lengkap; tidak ada yang diubah."))
