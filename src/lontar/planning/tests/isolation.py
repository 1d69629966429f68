"""Planning URLs for the every-URL isolation walk (see lontar.core.tests.isolation_registry).

Office A gets a finished year's plan (a program, a kegiatan, a sub kegiatan with pagu, plan, an
indicator with its achievement, January's realisation with a PDF as evidence) and a locked February.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from lontar.core.models import Role
from lontar.core.tests.factories import member
from lontar.core.tests.files_samples import pdf_bytes
from lontar.core.tests.isolation_registry import OfficeA, Route
from lontar.planning.services import realisation as realisation_services
from lontar.planning.services import structure as services
from lontar.planning.tests.factories import even_plan, past_year, post


def populate_office_a(office: OfficeA) -> None:
    org = office.org
    planner = post(
        member(org, Role.SECTION_HEAD, full_name=office.marker("planning_kasubag")), org, head=True
    )
    pptk = member(org, Role.STAFF, full_name=office.marker("planning_pptk"))
    year = office.add(
        "plan_year", services.create_plan_year(actor=planner, organisation=org, year=past_year(org))
    )
    program = office.add(
        "program",
        services.create_program(
            actor=planner, plan_year=year, code="7.01.01", name=office.marker("program_name")
        ),
    )
    activity = office.add(
        "activity",
        services.create_activity(
            actor=planner, program=program, code="7.01.01.2.01", name=office.marker("activity_name")
        ),
    )
    sub = office.add(
        "sub_activity",
        services.create_sub_activity(
            actor=planner,
            activity=activity,
            code="7.01.01.2.01.0001",
            name=office.marker("sub_activity_name"),
            pagu=12_000_000,
            responsible=pptk,
            location=office.marker("sub_activity_location"),
        ),
    )
    services.set_monthly_plan(actor=planner, sub_activity=sub, rows=even_plan(12_000_000))
    indicator = office.add(
        "planning_indicator",
        services.add_indicator(
            actor=planner, owner=program, name=office.marker("indicator_name"), unit="dokumen", target=2
        ),
    )
    realisation_services.record_indicator_achievement(actor=planner, indicator=indicator, month=1, value=1)
    office.add(
        "realisation",
        realisation_services.record_realisation(
            actor=pptk,
            sub_activity=sub,
            month=1,
            amount=1_000_000,
            physical_progress=8,
            notes=office.marker("realisation_notes"),
            files=[
                SimpleUploadedFile(f"{office.marker('realisation_file')}.pdf", pdf_bytes(), "application/pdf")
            ],
        ),
    )
    realisation_services.lock_month(actor=planner, plan_year=year, month=2, note=office.marker("lock_note"))


def _year(office: OfficeA) -> dict:
    return {"pk": office.plan_year.pk}


def _sub(office: OfficeA) -> dict:
    return {"pk": office.sub_activity.pk}


NODE = {"code": "7.01.09", "name": "Diambil alih"}

ROUTES: dict = {
    "planning:dashboard": Route(),
    "planning:mine": Route(),
    "planning:year_list": Route(
        post_data=lambda office: {"year": 2031, "amber_threshold": 10, "red_threshold": 25}
    ),
    "planning:year_detail": Route(kwargs=_year),
    "planning:thresholds": Route(
        kwargs=_year, post_data=lambda office: {"amber_threshold": 1, "red_threshold": 2}
    ),
    "planning:program_create": Route(kwargs=_year, post_data=lambda office: NODE),
    "planning:months": Route(kwargs=_year),
    "planning:month_lock": Route(kwargs=lambda office: {"pk": office.plan_year.pk, "month": 1}),
    "planning:month_unlock": Route(
        kwargs=lambda office: {"pk": office.plan_year.pk, "month": 2},
        post_data=lambda office: {"reason": "Diambil alih"},
    ),
    "planning:report": Route(kwargs=_year),
    "planning:report_pdf": Route(kwargs=_year),
    "planning:report_xlsx": Route(kwargs=_year),
    "planning:program_edit": Route(
        kwargs=lambda office: {"pk": office.program.pk}, post_data=lambda office: NODE
    ),
    "planning:activity_create": Route(
        kwargs=lambda office: {"pk": office.program.pk},
        post_data=lambda office: {"code": "7.01.01.2.09", "name": "Diambil alih"},
    ),
    "planning:activity_edit": Route(
        kwargs=lambda office: {"pk": office.activity.pk},
        post_data=lambda office: {"code": "7.01.01.2.01", "name": "Diambil alih"},
    ),
    "planning:sub_create": Route(
        kwargs=lambda office: {"pk": office.activity.pk},
        post_data=lambda office: {"code": "7.01.01.2.01.0009", "name": "Diambil alih", "pagu": 1},
    ),
    "planning:sub_detail": Route(kwargs=_sub),
    "planning:sub_edit": Route(
        kwargs=_sub, post_data=lambda office: {"code": "7.01.01.2.01.0001", "name": "Diambil alih"}
    ),
    "planning:sub_budget": Route(
        kwargs=_sub,
        post_data=lambda office: {"amount": 99_000_000, "kind": "pergeseran", "reason": "Diambil alih"},
    ),
    "planning:sub_plan": Route(kwargs=_sub, post_data=lambda office: {"amount_1": 1, "target_1": 1}),
    "planning:realisation_entry": Route(
        kwargs=lambda office: {"pk": office.sub_activity.pk, "month": 3},
        post_data=lambda office: {"amount": 5, "physical_progress": 9},
    ),
    "planning:indicator_create": Route(
        kwargs=lambda office: {"level": "program", "pk": office.program.pk},
        post_data=lambda office: {"name": "Diambil alih", "unit": "x", "target": 1},
    ),
    "planning:indicator_edit": Route(
        kwargs=lambda office: {"pk": office.planning_indicator.pk},
        post_data=lambda office: {"name": "Diambil alih", "unit": "x", "target": 1},
    ),
    "planning:indicator_achievement": Route(
        kwargs=lambda office: {"pk": office.planning_indicator.pk},
        post_data=lambda office: {"month": 3, "value": 9},
    ),
    "api:planning-year-list": Route(),
    "api:planning-year-detail": Route(kwargs=_year),
    "api:planning-sub-activity-list": Route(),
    "api:planning-sub-activity-detail": Route(kwargs=_sub),
    "api:planning-realisation-list": Route(
        post_data=lambda office: {
            "sub_activity": office.sub_activity.pk,
            "month": 4,
            "amount": 1,
            "physical_progress": 10,
        }
    ),
    "api:planning-realisation-detail": Route(kwargs=lambda office: {"pk": office.realisation.pk}),
}
