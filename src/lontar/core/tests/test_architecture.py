"""Architecture rules that import-linter cannot see: views and API modules never write models.

Every write goes through a service (one transaction, permission check, audit entry). A view or API
module that calls a write method directly would skip all three, so this test reads their source.
"""

import ast
from pathlib import Path

import lontar

WRITE_METHODS = {
    "save", "delete", "create", "update", "bulk_create", "bulk_update", "get_or_create",
    "update_or_create", "add", "remove", "clear", "set",
}  # fmt: skip
# Receivers whose methods share those verbs without writing a model (session, cache, HTTP headers).
ALLOWED_RECEIVERS = {"session", "cache", "headers", "response", "router", "hasher", "digest"}

ROOT = Path(lontar.__file__).parent


def direct_writes(source: str, filename: str = "<source>") -> list[str]:
    """`receiver.method()` calls in `source` that look like model writes."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = ast.unparse(node.func.value)
            if node.func.attr in WRITE_METHODS and receiver.split(".")[-1] not in ALLOWED_RECEIVERS:
                found.append(f"{filename}:{node.lineno} {receiver}.{node.func.attr}()")
    return found


def entry_modules():
    for path in sorted(ROOT.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        if path.name in {"views.py", "api.py"} or path.parent.name == "views":
            yield path


def test_views_and_api_modules_never_write_models_directly():
    offences = []
    for path in entry_modules():
        offences += direct_writes(path.read_text(), str(path.relative_to(ROOT)))
    assert offences == [], "Views/API must call services to write:\n" + "\n".join(offences)


def test_direct_writes_are_recognised():
    sample = (
        "def view(request):\n"
        "    Thing.objects.create(name='x')\n"
        "    form.save()\n"
        "    request.session.clear()\n"
    )
    assert direct_writes(sample) == ["<source>:2 Thing.objects.create()", "<source>:3 form.save()"]
