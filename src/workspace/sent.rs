//! What the workspace keeps of the last view it sent, with the stamps of the
//! tables it was built from: the next view builds again only the lists whose
//! tables were read again since (a stance edit rebuilds one person, not 10,000
//! people and 50,000 ties), and the change between the two compares only those.
//!
//! Of the view's lists it keeps each item's id and a fingerprint of the item as
//! sent, not the item: an item built again is sent when its fingerprint differs.
//! At 10,000 people the lists whole were 16.5 MB of the app's memory for as long
//! as the map was open (50,000 people: about 80 MB); their fingerprints are
//! under 1 MB. The fingerprint is SipHash, keyed at random for each open map, of
//! the item's JSON: two different items agree by chance once in 2⁶⁴.

use std::hash::{BuildHasher, Hasher, RandomState};
use std::mem::take;

use serde::Serialize;

use crate::formats::view::{Lists, WorkspaceDto};
use crate::formats::view_change::{Keyed, ListChangeDto, ViewChangeDto, removed_and_order};
use crate::store::{Stamped, Stamps};

/// One item of a list sent: its id and its fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Print {
    id: i64,
    print: u64,
}

/// The lists of a view sent, as their items' prints, in the view's order.
#[derive(Debug, Default)]
struct Prints {
    people: Vec<Print>,
    relations: Vec<Print>,
    engagements: Vec<Print>,
}

/// A view sent: its small parts whole, its lists as prints, and the stamps of
/// the snapshot it was built from.
#[derive(Debug)]
pub(super) struct Sent {
    /// The view without its lists (people, ties and conversations left empty).
    pub view: WorkspaceDto,
    /// The prints of its lists.
    prints: Prints,
    /// The key of every print of this map's views.
    key: RandomState,
    /// The stamps of the snapshot it was built from.
    stamps: Stamps,
}

/// A view built from a lent snapshot, maybe with only some of its lists.
#[derive(Debug)]
pub(super) struct Built {
    /// The view.
    pub view: WorkspaceDto,
    /// The stamps of the snapshot.
    pub stamps: Stamps,
    /// The lists built.
    pub lists: Lists,
    /// Everyone's id, in the view's order.
    pub order: Vec<i64>,
}

impl Sent {
    /// What to keep of `view`, whole, built from a snapshot with these stamps.
    pub fn new(view: &WorkspaceDto, stamps: Stamps) -> Sent {
        let key = RandomState::new();
        let prints = Prints {
            people: prints(&key, &view.people),
            relations: prints(&key, &view.relations),
            engagements: prints(&key, &view.engagements),
        };
        Sent {
            view: without_lists(view),
            prints,
            key,
            stamps,
        }
    }

    /// The lists a view of `now` must build; the others are this view's. Of
    /// the people, only those whose rows were read since this view's reading.
    pub fn stale(&self, now: &Stamped<'_>) -> Lists {
        let stamps = now.stamps();
        let people = self.stamps.stakeholders != stamps.stakeholders;
        Lists {
            people,
            only: people.then(|| {
                let mut ids = now.people_read_after(self.stamps.stakeholders);
                ids.sort_unstable();
                ids
            }),
            relations: self.stamps.relations != stamps.relations,
            // A conversation shows the names of the people in it.
            engagements: people || self.stamps.engagements != stamps.engagements,
        }
    }

    /// The change from this view to `after`, built with the lists
    /// [`Sent::stale`] named; and what to keep of the view after. The lists
    /// not built are this view's: their change is empty. Of the people, only
    /// those built again are compared.
    pub fn next(self, after: Built) -> (ViewChangeDto, Sent) {
        let Built {
            view: mut after,
            stamps,
            lists,
            order,
        } = after;
        let Sent {
            view: before,
            prints: mut kept,
            key,
            ..
        } = self;
        if !lists.people {
            after.lead_advocate = before.lead_advocate;
            after.groups.clone_from(&before.groups);
            after.tags.clone_from(&before.tags);
        }
        let people = take(&mut after.people);
        let relations = take(&mut after.relations);
        let engagements = take(&mut after.engagements);
        let mut change = ViewChangeDto::between(&before, &after);
        if lists.people {
            (change.people, kept.people) = changed(&key, take(&mut kept.people), &order, people);
        }
        if lists.relations {
            let order: Vec<i64> = relations.iter().map(Keyed::key).collect();
            (change.relations, kept.relations) =
                changed(&key, take(&mut kept.relations), &order, relations);
        }
        if lists.engagements {
            let order: Vec<i64> = engagements.iter().map(Keyed::key).collect();
            (change.engagements, kept.engagements) =
                changed(&key, take(&mut kept.engagements), &order, engagements);
        }
        let next = Sent {
            view: after,
            prints: kept,
            key,
            stamps,
        };
        (change, next)
    }

    /// Takes `people`, just built again, as sent: their prints replace theirs
    /// (as when the app was told of new places without a change).
    pub fn took<T: Keyed + Serialize>(&mut self, people: &[T]) {
        retake(&mut self.prints.people, &self.key, people);
    }
}

/// `items`' prints in place of their ids' in `prints`.
fn retake<T: Keyed + Serialize>(prints: &mut [Print], key: &RandomState, items: &[T]) {
    let at: std::collections::HashMap<i64, usize> = (prints.iter())
        .enumerate()
        .map(|(at, p)| (p.id, at))
        .collect();
    for item in items {
        if let Some(&at) = at.get(&item.key()) {
            prints[at].print = print(key, item);
        }
    }
}

/// `view` with its lists left empty.
fn without_lists(view: &WorkspaceDto) -> WorkspaceDto {
    WorkspaceDto {
        version: view.version,
        path: view.path.clone(),
        name: view.name.clone(),
        change: view.change.clone(),
        description: view.description.clone(),
        people: Vec::new(),
        lead_advocate: view.lead_advocate,
        relations: Vec::new(),
        engagements: Vec::new(),
        groups: view.groups.clone(),
        tags: view.tags.clone(),
        undo: view.undo.clone(),
        redo: view.redo.clone(),
        timeline: view.timeline.clone(),
        theta: view.theta,
        revision: view.revision,
    }
}

/// What turns the list sent, `before` (as prints), into the list whose ids are
/// `order`, where `fresh` holds the items built again and every other id's item
/// is the one sent, unchanged; and the prints of that list.
fn changed<T: Keyed + Serialize>(
    key: &RandomState,
    before: Vec<Print>,
    order: &[i64],
    fresh: Vec<T>,
) -> (ListChangeDto<T>, Vec<Print>) {
    use std::collections::HashMap;
    let in_place =
        before.len() == order.len() && before.iter().map(|p| p.id).eq(order.iter().copied());
    let (removed, order_change) = if in_place {
        (Vec::new(), None)
    } else {
        let ids: Vec<i64> = before.iter().map(|p| p.id).collect();
        removed_and_order(&ids, order)
    };
    let old: HashMap<i64, u64> = if in_place {
        HashMap::new()
    } else {
        before.iter().map(|p| (p.id, p.print)).collect()
    };
    let mut fresh: HashMap<i64, T> = fresh.into_iter().map(|t| (t.key(), t)).collect();
    let mut changed = Vec::new();
    let mut prints = Vec::with_capacity(order.len());
    for (at, &id) in order.iter().enumerate() {
        let was = if in_place {
            Some(before[at].print)
        } else {
            old.get(&id).copied()
        };
        let now = match (fresh.remove(&id), was) {
            (Some(item), was) => {
                let now = print(key, &item);
                if was != Some(now) {
                    changed.push(item);
                }
                now
            }
            (None, Some(was)) => was,
            // Neither built again nor in the list sent: cannot be, as every id
            // not built again was sent unchanged.
            (None, None) => continue,
        };
        prints.push(Print { id, print: now });
    }
    let change = ListChangeDto {
        changed,
        removed,
        order: order_change,
    };
    (change, prints)
}

/// The prints of `items`, in their order.
fn prints<T: Keyed + Serialize>(key: &RandomState, items: &[T]) -> Vec<Print> {
    items
        .iter()
        .map(|item| Print {
            id: item.key(),
            print: print(key, item),
        })
        .collect()
}

/// The fingerprint of `item`: SipHash, keyed with `key`, of its JSON.
fn print<T: Serialize>(key: &RandomState, item: &T) -> u64 {
    let mut hasher = HashWriter(key.build_hasher());
    // Writing to a hasher cannot fail, and the view's items always serialise.
    let _ = serde_json::to_writer(&mut hasher, item);
    hasher.0.finish()
}

/// A hasher fed as a writer.
struct HashWriter<H>(H);

impl<H: Hasher> std::io::Write for HashWriter<H> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::view_change::test_items::{Item, distinct, pairs};

    proptest::proptest! {
        /// Whatever the list sent and the list now (additions, removals, edits,
        /// any new order), the change made from the prints sent and the items
        /// built again (those that differ, and any others) is the change between
        /// the two lists whole, and the prints kept are the list now's.
        #[test]
        fn a_change_from_prints_is_the_change_between_the_lists(
            before in pairs(),
            after in pairs(),
            extra in proptest::collection::vec(proptest::bool::ANY, 20),
        ) {
            let (before, after) = (distinct(before), distinct(after));
            let key = RandomState::new();
            let fresh: Vec<Item> = after
                .iter()
                .enumerate()
                .filter(|(i, item)| extra[*i] || !before.contains(item))
                .map(|(_, item)| item.clone())
                .collect();
            let order: Vec<i64> = after.iter().map(Keyed::key).collect();
            let (change, kept) = changed(&key, prints(&key, &before), &order, fresh);
            proptest::prop_assert_eq!(&change, &ListChangeDto::between(&before, &after));
            proptest::prop_assert_eq!(kept, prints(&key, &after));
        }
    }

    #[test]
    fn items_taken_as_sent_are_not_sent_again() {
        let key = RandomState::new();
        let mut sent = prints(&key, &[Item(1, "a"), Item(2, "b")]);
        retake(&mut sent, &key, &[Item(2, "moved"), Item(9, "not there")]);
        let now = vec![Item(1, "a"), Item(2, "moved")];
        let (change, kept) = changed(&key, sent, &[1, 2], now.clone());
        assert!(change.is_empty());
        assert_eq!(kept, prints(&key, &now));
    }

    #[test]
    fn an_item_differs_from_its_print_when_any_field_does() {
        let key = RandomState::new();
        assert_eq!(print(&key, &Item(1, "a")), print(&key, &Item(1, "a")));
        assert_ne!(print(&key, &Item(1, "a")), print(&key, &Item(1, "b")));
        assert_ne!(print(&key, &Item(1, "a")), print(&key, &Item(2, "a")));
    }
}
