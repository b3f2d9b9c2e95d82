//! Everyone an import may name — the map's people and the import's new ones —
//! each a slot, so names are resolved once and ties compared as numbers.

use crate::model::text::name_key;

/// The slots of an import: name key → slot, and per slot its stored id, whether
/// it is an advocate and the row that first named it. A million people cost a
/// boxed key and a few numbers each. Shared by the threads of an import.
#[derive(Default)]
pub(super) struct People {
    /// Case-insensitive name key → slot (foldhash: hashing a million names with
    /// SipHash was a tenth of a 100k import).
    keys: foldhash::HashMap<Box<str>, u32>,
    /// Slot → stored id (0 until a new person is inserted; SQLite ids start at 1).
    ids: Vec<i64>,
    /// Slot → marked as an advocate.
    advocate: Vec<bool>,
    /// Slot → the import's row that first named it.
    first_row: Vec<Option<usize>>,
}

impl People {
    /// Adds a slot for `name`; the first slot of a key keeps it. Fails beyond
    /// `u32::MAX` slots.
    pub(super) fn add(
        &mut self,
        name: &str,
        id: Option<i64>,
        advocate: bool,
        first_row: Option<usize>,
    ) -> crate::Result<u32> {
        let slot = super::index(self.ids.len())?;
        self.keys.entry(name_key(name).into()).or_insert(slot);
        self.ids.push(id.unwrap_or(0));
        self.advocate.push(advocate);
        self.first_row.push(first_row);
        Ok(slot)
    }

    /// The slot of `name` (any case, trimmed), if someone has it; `key` is a
    /// buffer for its key, so a lookup allocates nothing.
    pub(super) fn slot(&self, name: &str, key: &mut String) -> Option<u32> {
        if name.is_ascii() {
            // `name_key` of ASCII text, into the buffer.
            key.clear();
            key.push_str(name.trim());
            key.make_ascii_lowercase();
            self.keys.get(key.as_str()).copied()
        } else {
            self.keys.get(name_key(name).as_str()).copied()
        }
    }

    /// How many slots there are.
    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The stored id of `slot`, once it has one.
    pub(super) fn id(&self, slot: u32) -> Option<i64> {
        self.ids.get(slot as usize).copied().filter(|&id| id != 0)
    }

    /// Records the id `slot` was stored under.
    pub(super) fn set_id(&mut self, slot: u32, id: i64) {
        if let Some(entry) = self.ids.get_mut(slot as usize) {
            *entry = id;
        }
    }

    /// True when `slot` is marked as an advocate.
    pub(super) fn advocate(&self, slot: u32) -> bool {
        self.advocate.get(slot as usize).copied().unwrap_or(false)
    }

    /// The row that first named `slot` in the import, if one did.
    pub(super) fn first_row(&self, slot: u32) -> Option<usize> {
        self.first_row.get(slot as usize).copied().flatten()
    }

    /// Records the row that first named `slot`.
    pub(super) fn set_first_row(&mut self, slot: u32, row: usize) {
        if let Some(entry) = self.first_row.get_mut(slot as usize) {
            *entry = Some(row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_in_any_case_and_the_first_slot_keeps_a_key() {
        let mut people = People::default();
        let key = &mut String::new();
        let ana = people.add("Ana", Some(7), true, None).unwrap();
        let zoe = people.add("Zoë Ünal", None, false, Some(3)).unwrap();
        assert_eq!(people.slot("ana", key), Some(ana));
        assert_eq!(people.slot(" ANA ", key), Some(ana));
        assert_eq!(people.slot("zoë ünal", key), Some(zoe));
        assert_eq!(people.slot("ZOË ÜNAL", key), Some(zoe));
        assert_eq!(people.slot("Bo", key), None);
        assert_eq!(people.add("ANA", None, false, None).unwrap(), 2);
        assert_eq!(
            people.slot("ana", key),
            Some(ana),
            "the first slot keeps its key"
        );
        assert_eq!(people.id(ana), Some(7));
        assert_eq!(people.id(zoe), None);
        people.set_id(zoe, 9);
        assert_eq!(people.id(zoe), Some(9));
        assert!(people.advocate(ana) && !people.advocate(zoe));
        assert_eq!(people.first_row(zoe), Some(3));
        people.set_first_row(ana, 4);
        assert_eq!(people.first_row(ana), Some(4));
    }
}
