"""Isolation routes of the IKM reports: the report screen and its downloads (which must show none of
office A's figures or names to office B), and the follow-up plan aimed at office A's follow-up."""

from __future__ import annotations

import datetime as dt

from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.surveys.services.followups import create_follow_up


def populate_office_a(office: OfficeA) -> None:
    """A follow-up of office A whose action and responsible person are markers (the report itself
    shows office A's name and its response, created by the survey's own populate)."""
    office.add(
        "survey_follow_up",
        create_follow_up(
            actor=office.head,
            organisation=office.org,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 12, 31),
            action=office.marker("survey_follow_up_action"),
            responsible=office.marker("survey_follow_up_responsible"),
            target_date=dt.date(2027, 3, 31),
        ),
    )


def _follow_up_payload(office) -> dict:
    return {
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "action": "Diubah orang lain",
        "responsible": "Orang lain",
        "target_date": "2027-01-31",
        "status": "selesai",
        "kantor": office.org.pk,
    }


ROUTES: dict[str, Route] = {
    "survey_reports:report": Route(),
    "survey_reports:report_pdf": Route(),
    "survey_reports:report_xlsx": Route(),
    "survey_reports:follow_ups": Route(post_data=_follow_up_payload),
    "survey_reports:follow_up_edit": Route(
        kwargs=lambda office: {"pk": office.survey_follow_up.pk}, post_data=_follow_up_payload
    ),
}
