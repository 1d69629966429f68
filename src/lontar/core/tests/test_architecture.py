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


def _unclosed_comment_lines(text: str) -> list[int]:
    """Lines where a `{#` comment runs past the end of its line: Django's `{# #}` is single-line only,
    so the rest is printed as text (a printed page once carried its template's comment in its kop)."""
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        start = line.find("{#")
        while start != -1:
            end = line.find("#}", start + 2)
            if end == -1:
                lines.append(number)
                break
            start = line.find("{#", end + 2)
    return lines


def test_template_comments_written_with_braces_close_on_their_own_line():
    offending = {
        str(path.relative_to(ROOT)): lines
        for path in ROOT.rglob("*.html")
        if (lines := _unclosed_comment_lines(path.read_text(encoding="utf-8")))
    }
    assert offending == {}


def test_an_unclosed_brace_comment_is_recognised():
    assert _unclosed_comment_lines("<p>{# one line #}</p>\n{# runs on\n   here #}") == [2]
