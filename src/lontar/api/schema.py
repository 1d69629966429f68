"""OpenAPI post-processing: document the error answers every operation can give.

drf-spectacular lists only the success response of a view. A client (and the schemathesis fuzzing in
CI) must also know that any operation may answer 403 (not signed in, or not allowed), that operations
on one object may answer 404 (absent, or outside the caller's offices: the API does not reveal which),
and that operations taking input may answer 400 with field errors. All carry DRF's error body.
"""

ERROR_SCHEMA_NAME = "Galat"
ERROR_SCHEMA = {
    "type": "object",
    "description": "Jawaban galat DRF: `detail` untuk galat umum, atau galat per kolom masukan.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
_ERRORS = {
    "400": "Masukan tidak sah; pesan per kolom.",
    "403": "Belum masuk, atau tidak berwenang.",
    "404": "Tidak ada, atau di luar kantor yang boleh Anda lihat.",
}
_WRITE_METHODS = {"post", "put", "patch"}


def document_error_responses(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas[ERROR_SCHEMA_NAME] = ERROR_SCHEMA
    reference = {"$ref": f"#/components/schemas/{ERROR_SCHEMA_NAME}"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            codes = ["403"]
            if "{" in path:
                codes.append("404")
            if method in _WRITE_METHODS or any(
                p.get("in") == "query" for p in operation.get("parameters", [])
            ):
                codes.append("400")
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code,
                    {"description": _ERRORS[code], "content": {"application/json": {"schema": reference}}},
                )
    return result
