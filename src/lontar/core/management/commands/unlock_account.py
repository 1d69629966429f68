"""Release an account locked after repeated wrong passwords: manage.py unlock_account <username or NIP>."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lontar.core.accounts.services import unlock_account
from lontar.core.auth_backends import find_account


class Command(BaseCommand):
    help = "Buka kunci akun yang terkunci karena salah kata sandi berulang kali."

    def add_arguments(self, parser):
        parser.add_argument("account", help="nama pengguna atau NIP")

    def handle(self, *args, account, **options):
        user = find_account(account)
        if user is None:
            raise CommandError(_("Akun %(name)s tidak ditemukan.") % {"name": account})
        removed = unlock_account(actor=None, target=user)
        self.stdout.write(
            _("Kunci akun %(name)s dibuka (%(count)d catatan percobaan dihapus).")
            % {"name": user.username, "count": removed}
        )
