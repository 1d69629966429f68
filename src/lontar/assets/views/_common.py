from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse


def form_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = (
                field if field in form.fields else (f"d_{field}" if f"d_{field}" in form.fields else None)
            )
            form.add_error(target, errors)
    else:
        form.add_error(None, exc)


def file_response(data: bytes, content_type: str, name: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
