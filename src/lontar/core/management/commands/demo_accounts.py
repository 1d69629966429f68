"""Print the demo accounts (one per role and office) with the shared demo password."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lontar.core.demo import data
from lontar.core.models import Membership, Role


class Command(BaseCommand):
    help = "Menampilkan akun demo untuk setiap peran beserta kata sandinya."

    def handle(self, *args, **options):
        usernames = [person.username for _code, person in data.all_people() if person.username]
        users = {
            user.username: user
            for user in get_user_model().objects.filter(username__in=usernames).select_related("staff")
        }
        if not users:
            self.stdout.write(_("Belum ada akun demo. Jalankan dahulu: manage.py load_demo"))
            return
        roles: dict[int, list[str]] = {}
        offices: dict[int, str] = {}
        memberships = Membership.objects.filter(user__in=users.values(), is_active=True).select_related(
            "organisation"
        )
        labels = dict(Role.choices)
        for membership in memberships.order_by("role"):
            roles.setdefault(membership.user_id, []).append(str(labels[membership.role]))
            offices[membership.user_id] = membership.organisation.name
        rows = [
            (username, ", ".join(roles.get(user.pk, [])), offices.get(user.pk, ""), user.display_name)
            for username in usernames
            if (user := users.get(username))
        ]
        headers = (_("Nama pengguna"), _("Peran"), _("Kantor"), _("Nama"))
        widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(4)]
        line = "  ".join("{:<" + str(w) + "}" for w in widths)
        self.stdout.write(line.format(*headers))
        self.stdout.write("  ".join("-" * w for w in widths))
        for row in rows:
            self.stdout.write(line.format(*row))
        self.stdout.write("")
        self.stdout.write(_("Kata sandi semua akun demo: %(password)s") % {"password": data.DEMO_PASSWORD})
        self.stdout.write(_("Data ini fiktif. Jangan memuat data demo di server produksi."))
