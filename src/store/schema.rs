//! The SQL schema of map files and the migrations between format versions.
//!
//! `PRAGMA user_version` holds the format version. Each entry of [`MIGRATIONS`]
//! takes a file from version `i` to `i + 1`; a new file runs them all. Never edit a
//! shipped migration: add a new one, a fixture of the old format under
//! `tests/fixtures/`, and bump nothing else.

/// The `PRAGMA application_id` of Coalition maps ("COAL" in ASCII).
pub const APPLICATION_ID: i64 = 0x434F_414C;

/// The newest format this build reads and writes.
pub const CURRENT_FORMAT: i64 = MIGRATIONS.len() as i64;

/// The migrations, in order: index 0 creates format 1, index 1 upgrades 1 → 2, and so on.
pub const MIGRATIONS: [&str; 3] = [FORMAT_1, FORMAT_2, FORMAT_3];

/// Format 1: the map, stakeholders, relations, engagements and the stance history.
const FORMAT_1: &str = "
CREATE TABLE map_info (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    change      TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL,
    updated     TEXT NOT NULL
);
CREATE TABLE stakeholders (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT '',
    grp         TEXT NOT NULL DEFAULT '',
    tags        TEXT NOT NULL DEFAULT '[]',
    notes       TEXT NOT NULL DEFAULT '',
    stance      INTEGER NOT NULL CHECK (stance BETWEEN -2 AND 2),
    target      INTEGER NOT NULL CHECK (target BETWEEN -2 AND 2),
    power       INTEGER NOT NULL CHECK (power BETWEEN 1 AND 5),
    interest    INTEGER NOT NULL CHECK (interest BETWEEN 1 AND 5),
    openness    INTEGER NOT NULL CHECK (openness BETWEEN 1 AND 5),
    legitimacy  INTEGER NOT NULL CHECK (legitimacy IN (0, 1)),
    urgency     INTEGER NOT NULL CHECK (urgency IN (0, 1)),
    confidence  TEXT NOT NULL CHECK (confidence IN ('low', 'medium', 'high')),
    effort      INTEGER NOT NULL CHECK (effort BETWEEN 1 AND 5),
    advocate    INTEGER NOT NULL CHECK (advocate IN (0, 1))
);
CREATE UNIQUE INDEX stakeholders_name_key ON stakeholders(name_key);
CREATE TABLE relations (
    id        INTEGER PRIMARY KEY,
    from_id   INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    to_id     INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL
              CHECK (kind IN ('influences', 'reports_to', 'trusts', 'allied', 'conflict')),
    strength  INTEGER NOT NULL CHECK (strength BETWEEN 1 AND 5),
    note      TEXT NOT NULL DEFAULT '',
    CHECK (from_id <> to_id)
);
CREATE UNIQUE INDEX relations_from_kind_to ON relations(from_id, kind, to_id);
CREATE INDEX relations_to ON relations(to_id);
CREATE TABLE engagements (
    id             INTEGER PRIMARY KEY,
    date           TEXT NOT NULL,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    held_by        INTEGER REFERENCES stakeholders(id) ON DELETE SET NULL,
    channel        TEXT NOT NULL DEFAULT '',
    summary        TEXT NOT NULL DEFAULT '',
    stance_before  INTEGER CHECK (stance_before BETWEEN -2 AND 2),
    stance_after   INTEGER CHECK (stance_after BETWEEN -2 AND 2),
    next_step      TEXT NOT NULL DEFAULT '',
    next_step_due  TEXT
);
CREATE INDEX engagements_stakeholder ON engagements(stakeholder_id);
CREATE INDEX engagements_held_by ON engagements(held_by);
CREATE TABLE stance_history (
    id             INTEGER PRIMARY KEY,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    at             TEXT NOT NULL,
    stance         INTEGER NOT NULL CHECK (stance BETWEEN -2 AND 2),
    source         TEXT NOT NULL
);
CREATE INDEX stance_history_stakeholder ON stance_history(stakeholder_id, at);
";

/// Format 2: saved positions on the network view, and the map's settings
/// (the conversation effect θ and the staleness window).
const FORMAT_2: &str = "
ALTER TABLE stakeholders ADD COLUMN x REAL;
ALTER TABLE stakeholders ADD COLUMN y REAL;
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('theta', '0.5'), ('stale_days', '45');
";

/// Format 3: saved plans, so progress can be followed ("3 of 5 conversations held").
const FORMAT_3: &str = "
CREATE TABLE plans (
    id             INTEGER PRIMARY KEY,
    advocate_id    INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    saved          TEXT NOT NULL,
    theta          REAL NOT NULL,
    support_before REAL NOT NULL,
    support_after  REAL NOT NULL
);
CREATE INDEX plans_advocate ON plans(advocate_id);
CREATE TABLE plan_steps (
    plan_id        INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    gain           REAL NOT NULL,
    reason         TEXT NOT NULL,
    PRIMARY KEY (plan_id, position)
);
CREATE INDEX plan_steps_stakeholder ON plan_steps(stakeholder_id);
";
