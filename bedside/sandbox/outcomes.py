"""Errors as FHIR answers: the one exception type of the sandbox and the OperationOutcome builder.

Owns how a refusal looks on the wire. Every handler raises :class:`FhirError`; the app turns it
into an ``OperationOutcome`` with the right status (and headers such as ``WWW-Authenticate`` or
``Retry-After``). Knows nothing about storage, search or auth rules.
"""

from __future__ import annotations

from typing import Any

FHIR_JSON = "application/fhir+json"
FHIR_CONTENT_TYPE = "application/fhir+json; fhirVersion=4.0"


def operation_outcome(
    diagnostics: str, *, severity: str = "error", code: str = "processing"
) -> dict[str, Any]:
    """A one-issue ``OperationOutcome``; ``code`` is from the R4 IssueType value set."""
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": severity, "code": code, "diagnostics": diagnostics}],
    }


class FhirError(Exception):
    """A refusal with its HTTP status, IssueType code and human diagnostics.

    ``issues``, when given, are the outcome's issues as they stand (strict validation reports
    every problem it found, each with ``details.text`` and ``expression``); ``diagnostics`` is
    then their one-line summary for logs and wrapped errors.
    """

    def __init__(
        self,
        status: int,
        diagnostics: str,
        *,
        code: str = "processing",
        headers: dict[str, str] | None = None,
        issues: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(diagnostics)
        self.status = status
        self.diagnostics = diagnostics
        self.code = code
        self.headers = dict(headers or {})
        self.issues = list(issues or [])

    def outcome(self) -> dict[str, Any]:
        if self.issues:
            return {"resourceType": "OperationOutcome", "issue": list(self.issues)}
        severity = "fatal" if self.status >= 500 else "error"
        return operation_outcome(self.diagnostics, severity=severity, code=self.code)


def bad_request(diagnostics: str, code: str = "invalid") -> FhirError:
    return FhirError(400, diagnostics, code=code)


def not_found(diagnostics: str) -> FhirError:
    return FhirError(404, diagnostics, code="not-found")


def gone(diagnostics: str) -> FhirError:
    return FhirError(410, diagnostics, code="deleted")


def precondition_failed(diagnostics: str) -> FhirError:
    return FhirError(412, diagnostics, code="conflict")


def unprocessable(diagnostics: str) -> FhirError:
    return FhirError(422, diagnostics, code="invalid")


def unauthorized(diagnostics: str, error: str | None = "invalid_token") -> FhirError:
    # RFC 6750 §3: a 401 names the scheme, and why the token failed when one was sent
    # (no error code at all when the request carried no credentials).
    header = 'Bearer realm="bedside-sandbox"' + (f', error="{error}"' if error else "")
    return FhirError(401, diagnostics, code="login", headers={"WWW-Authenticate": header})


def forbidden(diagnostics: str, *, scope_problem: bool = False) -> FhirError:
    headers = {}
    if scope_problem:  # RFC 6750 §3.1
        headers["WWW-Authenticate"] = 'Bearer realm="bedside-sandbox", error="insufficient_scope"'
    return FhirError(403, diagnostics, code="forbidden", headers=headers)


def too_many_requests(retry_after_s: int, diagnostics: str = "Too many requests") -> FhirError:
    """For fault injection: a 429 with ``Retry-After`` in seconds."""
    return FhirError(
        429, diagnostics, code="throttled", headers={"Retry-After": str(int(retry_after_s))}
    )
