"""Platform models. Each concern lives in its own sub-package; this package re-exports them so
Django finds every model of the `core` app and callers import from one place."""

from lontar.core.documents.models import IssuedDocument
from lontar.core.files.models import StoredFile
from lontar.core.imports.models import ImportBatch, ImportRow
from lontar.core.notifications.models import Delivery, Notification, NotificationPreference
from lontar.core.numbering.models import IssuedNumber, NumberCounter, NumberingTemplate
from lontar.core.search.models import SearchEntry, SearchWord
from lontar.core.workdays.models import CalendarDay
from lontar.core.workflow.models import StatusChange, WorkflowModel

from .audit import AuditChainHead, AuditEvent
from .organisations import (
    Membership,
    Organisation,
    OrganisationKind,
    Position,
    PositionAssignment,
    Role,
    Staff,
    TenantOwned,
    TenantQuerySet,
    Unit,
    UnitKind,
    User,
)

__all__ = [
    "AuditChainHead",
    "AuditEvent",
    "CalendarDay",
    "Delivery",
    "ImportBatch",
    "ImportRow",
    "IssuedDocument",
    "IssuedNumber",
    "Membership",
    "Notification",
    "NotificationPreference",
    "NumberCounter",
    "NumberingTemplate",
    "Organisation",
    "OrganisationKind",
    "Position",
    "PositionAssignment",
    "Role",
    "SearchEntry",
    "SearchWord",
    "Staff",
    "StatusChange",
    "StoredFile",
    "TenantOwned",
    "TenantQuerySet",
    "Unit",
    "UnitKind",
    "User",
    "WorkflowModel",
]
