"""Schema migrations, numbered by ``PRAGMA user_version``; each one runs in its own transaction.

A migration is appended, never edited once released: a tablet may still be at any older version.
``user_version`` is set inside the migration's transaction, so a failed migration leaves the file
exactly at the version it had before.

The schema, in words:

* ``resource`` — every FHIR resource the device holds, the server's JSON verbatim, with index
  columns the views and sync query (type, id, versionId, lastUpdated, patient, encounter,
  location, status, a sortable date) and ``local_state`` (``synced``; ``pending``: changed here,
  not yet confirmed by the EHR; ``deleted``: a tombstone of a local delete,
  not yet confirmed by the EHR).
* ``outbox`` — local changes still to reach the EHR, in order; written in the same transaction as
  the local copy.
* ``sync_state`` — per scope and resource type, the *server's* time of the last complete pull.
* ``device`` — small key/value facts about this device's cache (site, creation time).
* ``conflict`` — an upload the EHR refused because its version moved on (412) and that no rule
  could merge: both versions are kept until a nurse settles it.

Outbox rows also record what settled them (``settled_at``, ``server_version``, ``resolution``), and
a resource can be ``stale`` (its local change was discarded; the EHR's copy must be read again).

* ``staff_verifier`` — per badge (stored as a SHA-256 key, never the badge itself), the staff
  member who last signed in online here and an argon2id verifier of their PIN, for offline sign-in.
* ``pin_failure`` — per badge key, wrong PINs in a row and the lock-out, so that restarting the app
  does not reset throttling.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bedside.store.connection import Connection, mapped_errors, transaction
from bedside.store.errors import MigrationError, StoreError


@dataclass(frozen=True)
class Migration:
    """One step from ``version - 1`` to ``version``."""

    version: int
    description: str
    apply: Callable[[Connection], None]


def _script(sql: str) -> Callable[[Connection], None]:
    statements = [s.strip() for s in sql.split(";") if s.strip()]

    def run(conn: Connection) -> None:
        # executescript() would COMMIT our transaction; run statement by statement instead.
        for statement in statements:
            conn.execute(statement)

    return run


_V1 = """
CREATE TABLE resource (
    type          TEXT NOT NULL,
    id            TEXT NOT NULL,
    version_id    TEXT,
    last_updated  TEXT,
    patient_id    TEXT,
    json          TEXT NOT NULL,
    PRIMARY KEY (type, id)
) WITHOUT ROWID;
CREATE INDEX resource_by_patient ON resource (patient_id, type);
CREATE TABLE sync_state (
    scope          TEXT NOT NULL,
    resource_type  TEXT NOT NULL,
    last_pull      TEXT NOT NULL,
    PRIMARY KEY (scope, resource_type)
) WITHOUT ROWID;
CREATE TABLE device (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID
"""

_V2 = """
CREATE TABLE outbox (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id     TEXT NOT NULL UNIQUE,
    type          TEXT NOT NULL,
    id            TEXT NOT NULL,
    operation     TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
    kind          TEXT NOT NULL CHECK (kind IN ('event', 'mutable')),
    base_version  TEXT,
    payload       TEXT,
    created_at    TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'in_flight', 'done', 'rejected', 'conflict')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT
);
CREATE INDEX outbox_by_state ON outbox (state, seq);
CREATE INDEX outbox_by_resource ON outbox (type, id);
ALTER TABLE resource ADD COLUMN local_state TEXT NOT NULL DEFAULT 'synced'
"""

_V3 = """
ALTER TABLE resource ADD COLUMN encounter_id TEXT;
ALTER TABLE resource ADD COLUMN location_id TEXT;
ALTER TABLE resource ADD COLUMN status TEXT;
ALTER TABLE resource ADD COLUMN sort_date TEXT;
CREATE INDEX resource_by_type_updated ON resource (type, last_updated);
CREATE INDEX resource_by_location ON resource (location_id) WHERE location_id IS NOT NULL;
CREATE INDEX resource_by_patient_date ON resource (patient_id, type, sort_date)
"""

_V4 = """
ALTER TABLE outbox ADD COLUMN server_version TEXT;
ALTER TABLE outbox ADD COLUMN settled_at TEXT;
ALTER TABLE outbox ADD COLUMN resolution TEXT;
CREATE TABLE conflict (
    seq             INTEGER PRIMARY KEY REFERENCES outbox (seq),
    type            TEXT NOT NULL,
    id              TEXT NOT NULL,
    local_json      TEXT NOT NULL,
    server_json     TEXT,
    server_version  TEXT,
    rule            TEXT NOT NULL,
    detected_at     TEXT NOT NULL,
    resolution      TEXT CHECK (resolution IN ('kept_local', 'took_server')),
    resolved_at     TEXT,
    resolved_by     TEXT
);
CREATE INDEX resource_by_state ON resource (local_state) WHERE local_state != 'synced'
"""

# The resource table was WITHOUT ROWID: right for small rows, wrong for JSON of a kilobyte — the
# rows spill out of the b-tree, so inserts cost ~6× and the file grows ~3× (measured with
# bench/sync_speed.py). Rebuilt as an ordinary rowid table; (type, id) stays the primary key.
# Two indexes are not rebuilt: (patient_id, type) is a prefix of (patient_id, type, sort_date),
# and no query reads by (type, last_updated) — deltas use the server's clock, not the cache's.
_V5 = """
CREATE TABLE resource_v5 (
    type          TEXT NOT NULL,
    id            TEXT NOT NULL,
    version_id    TEXT,
    last_updated  TEXT,
    patient_id    TEXT,
    json          TEXT NOT NULL,
    local_state   TEXT NOT NULL DEFAULT 'synced',
    encounter_id  TEXT,
    location_id   TEXT,
    status        TEXT,
    sort_date     TEXT,
    PRIMARY KEY (type, id)
);
INSERT INTO resource_v5 (type, id, version_id, last_updated, patient_id, json, local_state,
                         encounter_id, location_id, status, sort_date)
    SELECT type, id, version_id, last_updated, patient_id, json, local_state,
           encounter_id, location_id, status, sort_date FROM resource;
DROP TABLE resource;
ALTER TABLE resource_v5 RENAME TO resource;
CREATE INDEX resource_by_location ON resource (location_id) WHERE location_id IS NOT NULL;
CREATE INDEX resource_by_patient_date ON resource (patient_id, type, sort_date);
CREATE INDEX resource_by_state ON resource (local_state) WHERE local_state != 'synced'
"""

# Offline staff sign-in (see bedside.store.staff). Badges are keyed by a hash: a mistyped PIN in the
# badge field must not end up readable in the file, and nothing here needs the badge back.
_V6 = """
CREATE TABLE staff_verifier (
    badge_key        TEXT PRIMARY KEY,
    practitioner_id  TEXT NOT NULL,
    name             TEXT NOT NULL,
    role             TEXT,
    verifier         TEXT NOT NULL,
    verified_at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE pin_failure (
    badge_key        TEXT PRIMARY KEY,
    failures         INTEGER NOT NULL CHECK (failures >= 0),
    last_failure_at  TEXT NOT NULL,
    locked_until     TEXT
) WITHOUT ROWID
"""

# Resources the EHR stored under an id of its own (a POST on a server that assigns ids): a change
# a screen still makes under the tablet's id follows the move (bedside.store.outbox).
_V7 = """
CREATE TABLE moved_id (
    type    TEXT NOT NULL,
    old_id  TEXT NOT NULL,
    new_id  TEXT NOT NULL,
    PRIMARY KEY (type, old_id)
) WITHOUT ROWID
"""

MIGRATIONS: Sequence[Migration] = (
    Migration(1, "resources, sync state, device facts", _script(_V1)),
    Migration(2, "outbox of local changes; local state of resources", _script(_V2)),
    Migration(3, "index columns for views: encounter, location, status, date", _script(_V3)),
    Migration(4, "settled uploads, conflicts kept for review, stale resources", _script(_V4)),
    Migration(5, "resources in a rowid table (large JSON rows)", _script(_V5)),
    Migration(6, "offline staff sign-in: PIN verifiers and wrong-PIN counters", _script(_V6)),
    Migration(7, "ids the EHR gave resources created on this tablet", _script(_V7)),
)

LATEST_VERSION = MIGRATIONS[-1].version


def schema_version(conn: Connection) -> int:
    with mapped_errors("reading the cache's schema version"):
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: Connection, *, target: int = LATEST_VERSION, steps: Sequence[Migration] = MIGRATIONS
) -> int:
    """Bring the schema to ``target``, one transaction per step; return the final version."""
    current = schema_version(conn)
    if current > target:
        raise MigrationError(
            f"The cache was written by a newer Bedside (schema {current}, this one knows "
            f"{target}); install the newer version instead of opening it with this one."
        )
    for step in steps:
        if step.version <= current or step.version > target:
            continue
        try:
            with transaction(conn, f"migrating the cache to schema {step.version}"):
                step.apply(conn)
                conn.execute(f"PRAGMA user_version = {int(step.version)}")
        except StoreError as exc:
            raise MigrationError(
                f"Updating the cache to schema {step.version} ({step.description}) failed and "
                f"was undone; the cache is still at schema {current}. {exc}"
            ) from exc
        current = step.version
    return current
