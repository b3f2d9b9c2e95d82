//! The snapshot a map file keeps between reads: the people, ties, conversations
//! and stance history as last read, each row with its place in the table's order.
//! The next snapshot reads again only the rows this connection changed since
//! ([`super::changes`]), and everything when another connection committed
//! (SQLite's `data_version` moved), so an edit of one person on a 10,000-person
//! map reads one person, not the map.

use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{Connection, OptionalExtension, Row};

use super::changes::{Changed, Rows};
use super::rows::{
    self, ENGAGEMENT_COLUMNS, RELATION_COLUMNS, STAKEHOLDER_COLUMNS, STANCE_CHANGE_COLUMNS,
};
use crate::error::Result;
use crate::model::text::name_key;
use crate::model::{Engagement, MapInfo, MapSnapshot, Relation, Stakeholder, StanceChange};

/// Where a row sits in its table's order: the text of the column it is ordered
/// by first, as SQLite holds it (empty for ties, ordered by id alone), then its
/// id; and the stamp of the reading that read it. Ids are unique, so the stamp
/// never decides an order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    text: String,
    id: i64,
    stamp: u64,
}

/// A table the snapshot reads whole, and how.
trait Table: Sized {
    /// Its position in [`super::changes::TABLES`].
    const INDEX: usize;
    /// Its name.
    const NAME: &'static str;
    /// The text of the column it is ordered by first (`''` for none).
    const ORDER_TEXT: &'static str;
    /// Its order, as SQL.
    const ORDER_BY: &'static str;
    /// The columns [`Table::read`] reads.
    const COLUMNS: &'static str;
    /// How many they are: the order's text and the id follow them.
    const WIDTH: usize;
    /// A row of [`Table::COLUMNS`].
    fn read(r: &Row) -> rusqlite::Result<Self>;
    /// The key of a row read before, at `stamp`, when it can be told from the
    /// row alone (else the table is read again to key it).
    fn key(_row: &Self, _stamp: u64) -> Option<Key> {
        None
    }
    /// This table's rows and keys in `kept`.
    fn of(kept: &mut Kept) -> (&mut Vec<Self>, &mut Option<Vec<Key>>);
}

impl Table for Stakeholder {
    const INDEX: usize = 0;
    const NAME: &'static str = "stakeholders";
    const ORDER_TEXT: &'static str = "name_key";
    const ORDER_BY: &'static str = "name_key, id";
    const COLUMNS: &'static str = STAKEHOLDER_COLUMNS;
    const WIDTH: usize = 18;
    fn read(r: &Row) -> rusqlite::Result<Self> {
        rows::stakeholder(r)
    }
    fn key(p: &Self, stamp: u64) -> Option<Key> {
        // The audit proved `name_key` is the name's key.
        Some(Key {
            text: name_key(&p.name),
            id: p.id.0,
            stamp,
        })
    }
    fn of(kept: &mut Kept) -> (&mut Vec<Self>, &mut Option<Vec<Key>>) {
        (&mut kept.map.stakeholders, &mut kept.keys[Self::INDEX])
    }
}

impl Table for Relation {
    const INDEX: usize = 1;
    const NAME: &'static str = "relations";
    const ORDER_TEXT: &'static str = "''";
    const ORDER_BY: &'static str = "id";
    const COLUMNS: &'static str = RELATION_COLUMNS;
    const WIDTH: usize = 6;
    fn read(r: &Row) -> rusqlite::Result<Self> {
        rows::relation(r)
    }
    fn key(r: &Self, stamp: u64) -> Option<Key> {
        Some(Key {
            text: String::new(),
            id: r.id.0,
            stamp,
        })
    }
    fn of(kept: &mut Kept) -> (&mut Vec<Self>, &mut Option<Vec<Key>>) {
        (&mut kept.map.relations, &mut kept.keys[Self::INDEX])
    }
}

impl Table for Engagement {
    const INDEX: usize = 2;
    const NAME: &'static str = "engagements";
    const ORDER_TEXT: &'static str = "date";
    const ORDER_BY: &'static str = "date, id";
    const COLUMNS: &'static str = ENGAGEMENT_COLUMNS;
    const WIDTH: usize = 10;
    fn read(r: &Row) -> rusqlite::Result<Self> {
        rows::engagement(r)
    }
    fn of(kept: &mut Kept) -> (&mut Vec<Self>, &mut Option<Vec<Key>>) {
        (&mut kept.map.engagements, &mut kept.keys[Self::INDEX])
    }
}

impl Table for StanceChange {
    const INDEX: usize = 3;
    const NAME: &'static str = "stance_history";
    const ORDER_TEXT: &'static str = "at";
    const ORDER_BY: &'static str = "at, id";
    const COLUMNS: &'static str = STANCE_CHANGE_COLUMNS;
    const WIDTH: usize = 4;
    fn read(r: &Row) -> rusqlite::Result<Self> {
        rows::stance_change(r)
    }
    fn of(kept: &mut Kept) -> (&mut Vec<Self>, &mut Option<Vec<Key>>) {
        (&mut kept.map.stance_history, &mut kept.keys[Self::INDEX])
    }
}

/// A row of a [`Table`] and its key, from a `SELECT` of [`select`].
fn keyed<T: Table>(r: &Row, stamp: u64) -> rusqlite::Result<(Key, T)> {
    let key = Key {
        text: r.get(T::WIDTH)?,
        id: r.get(T::WIDTH + 1)?,
        stamp,
    };
    Ok((key, T::read(r)?))
}

/// The `SELECT` of a table's columns, the order's text and the id.
fn select<T: Table>() -> String {
    format!(
        "SELECT {}, {}, id FROM {}",
        T::COLUMNS,
        T::ORDER_TEXT,
        T::NAME
    )
}

/// Which reading of each table a lent snapshot holds ([`Stamped`]):
/// a table gets a new stamp whenever rows of it are read again, so two snapshots
/// whose stamps for a table are equal hold the same rows of it, and whatever was
/// built from them then holds now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamps {
    /// The people's.
    pub stakeholders: u64,
    /// The ties'.
    pub relations: u64,
    /// The conversations'.
    pub engagements: u64,
    /// The stance history's.
    pub stance_history: u64,
}

/// A snapshot lent by [`super::MapFile::with_stamped_snapshot`], with the
/// stamps of the readings it holds.
#[derive(Debug)]
pub struct Stamped<'a> {
    pub(super) kept: &'a Kept,
}

impl Stamped<'_> {
    /// The snapshot.
    pub fn map(&self) -> &MapSnapshot {
        &self.kept.map
    }

    /// The stamps of its tables' readings.
    pub fn stamps(&self) -> Stamps {
        self.kept.stamps()
    }

    /// The ids of the people whose rows were read by a reading stamped above
    /// `stamp` (a [`Stamps::stakeholders`]): any other person's row is the one
    /// that reading held.
    pub fn people_read_after(&self, stamp: u64) -> Vec<i64> {
        self.kept.people_read_after(stamp)
    }
}

/// A stamp no table has had (in this process).
fn new_stamp() -> u64 {
    static LAST: AtomicU64 = AtomicU64::new(0);
    LAST.fetch_add(1, Ordering::Relaxed) + 1
}

/// The map's tables as last read, and where each row sits in its table's order.
#[derive(Debug)]
pub(super) struct Kept {
    /// The map as last read; its `info` is read again with every snapshot.
    pub map: MapSnapshot,
    /// Per table of [`super::changes::TABLES`], the key of each row in order;
    /// `None` for a table not read yet, or read but not keyed (`unkeyed`).
    keys: [Option<Vec<Key>>; 4],
    /// Per table, true when its rows are as the map now is but their keys were
    /// not made: a snapshot handed over whole ([`super::MapFile::snapshot`], what
    /// the CLI reads) never needs them, and at 100,000 people they took 26 MB.
    unkeyed: [bool; 4],
    /// Per table, the stamp of its latest reading.
    stamps: [u64; 4],
    /// SQLite's `data_version` when read: a commit by any other connection moves it.
    data_version: i64,
}

impl Kept {
    /// The people and ties an opening audit read (people in any order) in the
    /// read with this `data_version`; the rest is read by the first
    /// [`Kept::refresh`].
    pub fn of_audit(
        data_version: i64,
        info: MapInfo,
        mut stakeholders: Vec<Stakeholder>,
        relations: Vec<Relation>,
    ) -> Kept {
        // The audit proved `name_key` is the name's key; SQLite orders TEXT by
        // bytes (BINARY), as String's Ord does. The keys are made when a snapshot
        // is first kept (`Table::key`).
        stakeholders.sort_by_cached_key(|p| (name_key(&p.name), p.id));
        Kept {
            map: MapSnapshot {
                info,
                stakeholders,
                relations,
                engagements: Vec::new(),
                stance_history: Vec::new(),
            },
            keys: [None, None, None, None],
            unkeyed: [true, true, false, false],
            stamps: [new_stamp(), new_stamp(), 0, 0],
            data_version,
        }
    }

    /// Every table read whole, as the map now is (call it in a read transaction),
    /// with the keys of its rows when `keyed` (to be kept).
    pub fn read(conn: &Connection, info: MapInfo, keyed: bool) -> Result<Kept> {
        let mut kept = Kept {
            map: MapSnapshot {
                info,
                stakeholders: Vec::new(),
                relations: Vec::new(),
                engagements: Vec::new(),
                stance_history: Vec::new(),
            },
            keys: [None, None, None, None],
            unkeyed: [false; 4],
            stamps: [0; 4],
            data_version: data_version(conn)?,
        };
        kept.bring_up_to_date(conn, Changed::default(), keyed)?;
        Ok(kept)
    }

    /// The map as it now is, with `info` read in this read transaction and
    /// `changed` the rows this connection changed since the last refresh: those
    /// rows read again, or everything when another connection committed; with
    /// the keys of every row when `keyed` (to be kept).
    pub fn refresh(
        mut self,
        conn: &Connection,
        info: MapInfo,
        changed: Changed,
        keyed: bool,
    ) -> Result<Kept> {
        if data_version(conn)? != self.data_version {
            return Kept::read(conn, info, keyed);
        }
        self.map.info = info;
        self.bring_up_to_date(conn, changed, keyed)?;
        Ok(self)
    }

    /// The ids of the people read by a reading stamped above `stamp`: everyone
    /// whose row may differ from what a reading stamped `stamp` read.
    pub fn people_read_after(&self, stamp: u64) -> Vec<i64> {
        match &self.keys[Stakeholder::INDEX] {
            Some(keys) => keys
                .iter()
                .filter(|k| k.stamp > stamp)
                .map(|k| k.id)
                .collect(),
            // Not keyed: everyone was read by the table's latest reading.
            None if self.stamps[Stakeholder::INDEX] > stamp => {
                self.map.stakeholders.iter().map(|p| p.id.0).collect()
            }
            None => Vec::new(),
        }
    }

    /// The stamps of the tables as they now are.
    pub fn stamps(&self) -> Stamps {
        let [stakeholders, relations, engagements, stance_history] = self.stamps;
        Stamps {
            stakeholders,
            relations,
            engagements,
            stance_history,
        }
    }

    fn bring_up_to_date(&mut self, conn: &Connection, changed: Changed, keyed: bool) -> Result<()> {
        let [people, ties, talks, history] = changed.tables;
        self.table::<Stakeholder>(conn, people, keyed)?;
        self.table::<Relation>(conn, ties, keyed)?;
        self.table::<Engagement>(conn, talks, keyed)?;
        self.table::<StanceChange>(conn, history, keyed)?;
        Ok(())
    }

    /// Brings one table up to date: read whole when not read yet or when too
    /// many rows changed, else the changed rows read again in their places; its
    /// rows keyed when `with_keys` or to patch them.
    fn table<T: Table>(&mut self, conn: &Connection, changed: Rows, with_keys: bool) -> Result<()> {
        if self.unkeyed[T::INDEX] {
            if matches!(changed, Rows::None) && !with_keys {
                return Ok(());
            }
            let before = self.stamps[T::INDEX];
            let (rows, keys) = T::of(self);
            *keys = rows.iter().map(|r| T::key(r, before)).collect();
            self.unkeyed[T::INDEX] = false;
        }
        let stamp = new_stamp();
        let (rows, keys) = T::of(self);
        match (keys.as_mut(), changed) {
            (Some(_), Rows::None) => return Ok(()),
            (Some(order), Rows::Some(ids)) => patch(conn, rows, order, ids, stamp)?,
            (None, _) | (Some(_), Rows::All) => {
                let mut stmt =
                    conn.prepare_cached(&format!("{} ORDER BY {}", select::<T>(), T::ORDER_BY))?;
                let mut read_keys = Vec::new();
                let mut read = Vec::new();
                for pair in stmt.query_map([], |r| keyed::<T>(r, stamp))? {
                    let (key, row) = pair?;
                    if with_keys {
                        read_keys.push(key);
                    }
                    read.push(row);
                }
                // Read into lists grown by doubling; held as long as the map is open.
                read.shrink_to_fit();
                read_keys.shrink_to_fit();
                *rows = read;
                *keys = with_keys.then_some(read_keys);
                self.unkeyed[T::INDEX] = !with_keys;
            }
        }
        self.stamps[T::INDEX] = stamp;
        Ok(())
    }
}

/// Reads the rows with these ids again into `rows` (ordered by `keys`): a row
/// whose key is unchanged is replaced where it is; rows gone are dropped and new
/// or moved ones merged in at their places, in one pass.
fn patch<T: Table>(
    conn: &Connection,
    rows: &mut Vec<T>,
    keys: &mut Vec<Key>,
    mut ids: Vec<i64>,
    stamp: u64,
) -> Result<()> {
    ids.sort_unstable();
    ids.dedup();
    // Where each id's row was, if it was there.
    let mut places: Vec<Option<usize>> = vec![None; ids.len()];
    for (at, key) in keys.iter().enumerate() {
        if let Ok(i) = ids.binary_search(&key.id) {
            places[i] = Some(at);
        }
    }
    let mut stmt = conn.prepare_cached(&format!("{} WHERE id = ?1", select::<T>()))?;
    let mut moved = Vec::new();
    for (i, &id) in ids.iter().enumerate() {
        let Some((key, row)) = stmt.query_row([id], |r| keyed::<T>(r, stamp)).optional()? else {
            continue;
        };
        match places[i] {
            Some(at) if keys[at].text == key.text => {
                keys[at].stamp = stamp;
                rows[at] = row;
                places[i] = None;
            }
            _ => moved.push((key, row)),
        }
    }
    let mut gone: Vec<usize> = places.into_iter().flatten().collect();
    if gone.is_empty() && moved.is_empty() {
        return Ok(());
    }
    gone.sort_unstable();
    moved.sort_by(|a, b| a.0.cmp(&b.0));
    let mut moved = moved.into_iter().peekable();
    let old = std::mem::take(rows).into_iter().zip(std::mem::take(keys));
    let mut merged = Vec::with_capacity(old.len() + moved.len());
    for (at, (row, key)) in old.enumerate() {
        if gone.binary_search(&at).is_ok() {
            continue;
        }
        while let Some(new) = moved.next_if(|(k, _)| *k < key) {
            merged.push(new);
        }
        merged.push((key, row));
    }
    merged.extend(moved);
    (*keys, *rows) = merged.into_iter().unzip();
    Ok(())
}

/// SQLite's `data_version` of `conn`: call it inside a read transaction, once it
/// has read, so it is the version of the state read.
pub(super) fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn width<T: Table>() {
        assert_eq!(T::WIDTH, T::COLUMNS.split(',').count(), "{}", T::NAME);
    }

    #[test]
    fn each_table_knows_how_many_columns_it_reads() {
        width::<Stakeholder>();
        width::<Relation>();
        width::<Engagement>();
        width::<StanceChange>();
    }

    #[test]
    fn the_tables_are_those_the_changes_are_noted_for() {
        use super::super::changes::TABLES;
        assert_eq!(TABLES[Stakeholder::INDEX], Stakeholder::NAME);
        assert_eq!(TABLES[Relation::INDEX], Relation::NAME);
        assert_eq!(TABLES[Engagement::INDEX], Engagement::NAME);
        assert_eq!(TABLES[StanceChange::INDEX], StanceChange::NAME);
    }
}
