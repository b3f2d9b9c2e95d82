//! Where each person is in the model: from a [`StakeholderId`] to their index.

use foldhash::HashMap;

use crate::model::StakeholderId;

/// No one has this place in a [`PersonIndex::Table`].
const NOBODY: u32 = u32::MAX;

/// The model's index of each person, by id.
///
/// A map's ids are SQLite row ids: 1..n, with gaps where people were removed.
/// Looked up by a table then, not hashed: the model looks up both ends of every
/// relation, and at 1,000,000 people those 10 million lookups took 0.4 s in a
/// hash map, whose probes miss the cache at random.
#[derive(Debug, Clone)]
pub(crate) enum PersonIndex {
    /// Ids spanning at most twice the number of people (and 64 more): the
    /// index of id `first + k` at `at[k]`, [`NOBODY`] for an id no one has.
    Table { first: i64, at: Vec<u32> },
    /// Ids spread wider than that (a file's own choice): hashed.
    Hashed(HashMap<StakeholderId, usize>),
}

impl PersonIndex {
    /// The index of `ids`: the person with `ids[i]` is person `i`. The ids are
    /// distinct.
    pub(crate) fn new(ids: &[StakeholderId]) -> PersonIndex {
        assert!(u32::try_from(ids.len()).is_ok(), "fewer than 2³² people");
        let (Some(first), Some(last)) = (
            ids.iter().map(|id| id.0).min(),
            ids.iter().map(|id| id.0).max(),
        ) else {
            return PersonIndex::Table {
                first: 0,
                at: Vec::new(),
            };
        };
        let span = last.abs_diff(first);
        if span >= 2 * ids.len() as u64 + 64 {
            return PersonIndex::Hashed(ids.iter().enumerate().map(|(i, &id)| (id, i)).collect());
        }
        let mut at = vec![NOBODY; span as usize + 1];
        for (i, id) in ids.iter().enumerate() {
            at[id.0.abs_diff(first) as usize] = i as u32;
        }
        PersonIndex::Table { first, at }
    }

    /// The index of the person with this id, if they are in the model.
    #[inline]
    pub(crate) fn get(&self, id: StakeholderId) -> Option<usize> {
        match self {
            PersonIndex::Table { first, at } => {
                let k = id.0.checked_sub(*first)?;
                let place = *at.get(usize::try_from(k).ok()?)?;
                (place != NOBODY).then_some(place as usize)
            }
            PersonIndex::Hashed(index) => index.get(&id).copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PersonIndex;
    use crate::model::StakeholderId;

    /// Dense ids, gaps, ids spread far apart, negative and extreme ids: every id
    /// given is found at its place, and no other id is found.
    #[test]
    fn every_person_is_found_at_their_place_and_no_one_else_is() {
        let cases: [&[i64]; 6] = [
            &[],
            &[7],
            &[3, 1, 2, 5, 4],
            &[10, 12, 40, 11],
            &[1, 1_000_000_000, -5],
            &[i64::MIN, i64::MAX, 0],
        ];
        for ids in cases {
            let people: Vec<StakeholderId> = ids.iter().map(|&id| StakeholderId(id)).collect();
            let index = PersonIndex::new(&people);
            for (i, &id) in people.iter().enumerate() {
                assert_eq!(index.get(id), Some(i), "{ids:?}: {id:?}");
            }
            let others = [i64::MIN, -6, -1, 0, 6, 9, 13, 39, 41, 1_000, i64::MAX];
            for other in others.into_iter().filter(|o| !ids.contains(o)) {
                assert_eq!(index.get(StakeholderId(other)), None, "{ids:?}: {other}");
            }
        }
    }
}
