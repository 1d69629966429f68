"""System checks: private files must never land where a URL serves files from."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


def _inside(child: Path, parent: Path) -> bool:
    child, parent = child.resolve(), parent.resolve()
    return child == parent or parent in child.parents or child in parent.parents


def _static_dirs() -> list[Path]:
    dirs = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    return dirs + [Path(d[1] if isinstance(d, tuple) else d) for d in settings.STATICFILES_DIRS]


@register()
def media_root_outside_static(app_configs=None, **kwargs) -> list[Error]:
    media = Path(settings.MEDIA_ROOT)
    return [
        Error(
            "MEDIA_ROOT overlaps a static files directory: uploads would bypass permission checks.",
            hint=f"Move MEDIA_ROOT ({media}) out of {static}.",
            id="lontar.files.E001",
        )
        for static in _static_dirs()
        if _inside(media, static)
    ]


@register()
def private_root_outside_public_roots(app_configs=None, **kwargs) -> list[Error]:
    private = Path(settings.LONTAR_PRIVATE_ROOT)
    public = [Path(settings.MEDIA_ROOT), *_static_dirs()]
    return [
        Error(
            "LONTAR_PRIVATE_ROOT overlaps a publicly served directory: private files would bypass "
            "permission checks.",
            hint=f"Move PRIVATE_ROOT ({private}) out of {root}.",
            id="lontar.files.E002",
        )
        for root in public
        if _inside(private, root)
    ]
