#!/usr/bin/env python3
"""The importer's peer: people.csv and relations.csv into a new SQLite file, with pandas.

    python3 bench/import_peer.py people.csv relations.csv NEW.sqlite

reads both files with pandas' read_csv, turns names into ids and labels into the
numbers Coalition stores, and writes the rows with to_sql into the tables a map
file keeps them in (stakeholders, relations, and each person's first stance in
stance_history; the same columns, checks and indexes), in one transaction. It then
counts the rows in the new file. What Coalition does besides (and the benchmark's
README says so): it checks every cell and reports each bad one with its row and
column, refuses a tie to someone not in the file, joins an alliance listed from
both ends, and creates the whole map file (its header, settings and map details).
"""

import argparse
import datetime
import json
import sqlite3

import pandas as pd

STANCES = {"active resistance": -2, "resistant": -1, "neutral": 0, "supportive": 1,
           "champion": 2}
YES = {"yes": 1, "no": 0}

# The tables as a Coalition map file holds them (src/store/schema.rs, format 1).
TABLES = """
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
CREATE TABLE stance_history (
    id             INTEGER PRIMARY KEY,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    at             TEXT NOT NULL,
    stance         INTEGER NOT NULL CHECK (stance BETWEEN -2 AND 2),
    source         TEXT NOT NULL
);
CREATE INDEX stance_history_stakeholder ON stance_history(stakeholder_id, at);
"""


class OneTransaction(sqlite3.Connection):
    """A connection whose commit() waits for finish(): pandas commits after each
    to_sql, and the import is one transaction, as Coalition's is."""

    def commit(self):
        pass

    def finish(self):
        super().commit()


def import_map(people_csv, relations_csv, path):
    """Imports the two files into a new SQLite file at path; the rows it holds then:
    (people, relations)."""
    people = pd.read_csv(people_csv, keep_default_na=False, dtype=str)
    relations = pd.read_csv(relations_csv, keep_default_na=False, dtype=str)
    name = people["name"].str.strip()
    level = lambda column: people[column].str.strip().str.lower().map(STANCES)  # noqa: E731
    stakeholders = pd.DataFrame({
        "id": range(1, len(people) + 1),
        "name": name,
        "name_key": name.str.lower(),
        "role": people["role"],
        "grp": people["group"],
        "tags": people["tags"].map(
            lambda t: json.dumps([tag.strip() for tag in t.split(";") if tag.strip()])),
        "notes": people["notes"],
        "stance": level("stance"),
        "target": level("target"),
        "power": people["power"].astype(int),
        "interest": people["interest"].astype(int),
        "openness": people["openness"].astype(int),
        "legitimacy": people["legitimacy"].str.lower().map(YES),
        "urgency": people["urgency"].str.lower().map(YES),
        "confidence": people["confidence"].str.lower(),
        "effort": people["effort"].astype(int),
        "advocate": people["advocate"].str.lower().map(YES),
    })
    ids = pd.Series(stakeholders["id"].to_numpy(), index=stakeholders["name_key"])
    ties = pd.DataFrame({
        "from_id": ids[relations["from"].str.strip().str.lower()].to_numpy(),
        "to_id": ids[relations["to"].str.strip().str.lower()].to_numpy(),
        "kind": relations["kind"],
        "strength": relations["strength"].astype(int),
        "note": relations["note"],
    })
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    history = pd.DataFrame({"stakeholder_id": stakeholders["id"], "at": now,
                            "stance": stakeholders["stance"], "source": "imported"})

    con = sqlite3.connect(path, factory=OneTransaction)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("BEGIN")
    for statement in TABLES.split(";"):
        if statement.strip():
            con.execute(statement)
    stakeholders.to_sql("stakeholders", con, if_exists="append", index=False)
    ties.to_sql("relations", con, if_exists="append", index=False)
    history.to_sql("stance_history", con, if_exists="append", index=False)
    con.finish()
    counts = tuple(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                   for table in ("stakeholders", "relations"))
    con.close()
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people")
    parser.add_argument("relations")
    parser.add_argument("path", help="the new SQLite file")
    args = parser.parse_args()
    people, relations = import_map(args.people, args.relations, args.path)
    print(f"Added {people} people and {relations} relations")


if __name__ == "__main__":
    main()
