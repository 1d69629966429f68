"""System check: uploads must never land where static files are served from."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


def _inside(child: Path, parent: Path) -> bool:
    child, parent = child.resolve(), parent.resolve()
    return child == parent or parent in child.parents or child in parent.parents


@register()
def media_root_outside_static(app_configs=None, **kwargs) -> list[Error]:
    media = Path(settings.MEDIA_ROOT)
    static_dirs = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    static_dirs += [Path(d[1] if isinstance(d, tuple) else d) for d in settings.STATICFILES_DIRS]
    return [
        Error(
            "MEDIA_ROOT overlaps a static files directory: uploads would bypass permission checks.",
            hint=f"Move MEDIA_ROOT ({media}) out of {static}.",
            id="lontar.files.E001",
        )
        for static in static_dirs
        if _inside(media, static)
    ]
