"""Permissions of stored files, wired from CoreConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from lontar.core.files import audience, checks  # noqa: F401  (checks registers a system check)
from lontar.core.files.models import StoredFile
from lontar.core.files.services import UPLOAD_FILE, VIEW_FILE
from lontar.core.models import Role
from lontar.core.permissions import grant, register_object_rule
from lontar.core.search.registry import register_kind, register_searchable

OFFICE_ROLES = [Role.HEAD, Role.SECRETARY, Role.SECTION_HEAD, Role.STAFF, Role.FRONT_DESK, Role.ORG_ADMIN]

grant(OFFICE_ROLES, VIEW_FILE, UPLOAD_FILE)
register_object_rule(StoredFile, audience.may_see)
register_searchable(StoredFile, view_action=VIEW_FILE)
register_kind("lampiran", _("Lampiran"))
