//! What an edit changed in the app's view (IPC DTOs): the people, ties and
//! conversations that differ from the view the app already has, and the small
//! parts of the view whole. On a 10,000-person map a whole view is megabytes of
//! JSON, which the web view took seconds to receive and parse after every edit;
//! a change is a few hundred bytes for a typical edit.
//!
//! A change names the revision it applies to ([`ViewChangeDto::base`]); the app
//! applies it only to that revision of the view and asks for the whole view
//! otherwise, so a change can never be applied to the wrong picture.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

use super::timeline::TimelineDto;
use super::view::{ConversationDto, PersonDto, TieDto, WorkspaceDto};

/// An item of the view's lists, known by its id.
pub trait Keyed {
    /// The id that names this item across views.
    fn key(&self) -> i64;
}

impl Keyed for PersonDto {
    fn key(&self) -> i64 {
        self.id
    }
}

impl Keyed for TieDto {
    fn key(&self) -> i64 {
        self.id
    }
}

impl Keyed for ConversationDto {
    fn key(&self) -> i64 {
        self.id
    }
}

/// How one of the view's lists changed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ListChangeDto<T> {
    /// Items that are new or differ from the earlier view, whole.
    pub changed: Vec<T>,
    /// Ids of items no longer in the list.
    pub removed: Vec<i64>,
    /// Every id in the new order, when the order is not the earlier order less the
    /// removed items (something was added, or the list was re-sorted); `None`
    /// keeps the earlier order.
    pub order: Option<Vec<i64>>,
}

impl<T: Keyed + Clone + PartialEq> ListChangeDto<T> {
    /// What turns `before` into `after`.
    pub fn between(before: &[T], after: &[T]) -> ListChangeDto<T> {
        // Most edits keep every item in its place: then a walk side by side is
        // the whole comparison, with no index of either list.
        if before.len() == after.len() && before.iter().zip(after).all(|(b, a)| b.key() == a.key())
        {
            return ListChangeDto {
                changed: before
                    .iter()
                    .zip(after)
                    .filter(|(b, a)| b != a)
                    .map(|(_, a)| a.clone())
                    .collect(),
                removed: Vec::new(),
                order: None,
            };
        }
        let old: HashMap<i64, &T> = before.iter().map(|item| (item.key(), item)).collect();
        let changed = after
            .iter()
            .filter(|item| old.get(&item.key()) != Some(item))
            .cloned()
            .collect();
        let before_ids: Vec<i64> = before.iter().map(Keyed::key).collect();
        let after_ids: Vec<i64> = after.iter().map(Keyed::key).collect();
        let (removed, order) = removed_and_order(&before_ids, &after_ids);
        ListChangeDto {
            changed,
            removed,
            order,
        }
    }

    /// True when the list did not change.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty() && self.order.is_none()
    }

    /// Applies the change to `list` (the list it was made from).
    pub fn apply(&self, list: &mut Vec<T>) {
        let removed: HashSet<i64> = self.removed.iter().copied().collect();
        let mut by_id: HashMap<i64, T> = self
            .changed
            .iter()
            .map(|item| (item.key(), item.clone()))
            .collect();
        let mut kept: HashMap<i64, T> = HashMap::new();
        let mut rest = Vec::with_capacity(list.len());
        for item in list.drain(..) {
            let id = item.key();
            if removed.contains(&id) {
                continue;
            }
            let item = by_id.remove(&id).unwrap_or(item);
            match &self.order {
                Some(_) => {
                    kept.insert(id, item);
                }
                None => rest.push(item),
            }
        }
        *list = match &self.order {
            Some(order) => order
                .iter()
                .filter_map(|id| kept.remove(id).or_else(|| by_id.remove(id)))
                .collect(),
            None => rest,
        };
    }
}

/// What changed in the view since the revision the app has: the lists as
/// [`ListChangeDto`]s, the rest whole (a few short fields), the timeline only
/// when it changed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ViewChangeDto {
    /// The revision of the view this change applies to.
    pub base: u64,
    /// The revision of the view it makes.
    pub revision: u64,
    /// The map's name.
    pub name: String,
    /// The change the map is about.
    pub change: String,
    /// Longer description.
    pub description: String,
    /// The advocate to plan for first.
    pub lead_advocate: Option<i64>,
    /// Every group in use, sorted.
    pub groups: Vec<String>,
    /// Every tag in use, sorted.
    pub tags: Vec<String>,
    /// What Undo would undo, if anything.
    pub undo: Option<String>,
    /// What Redo would redo, if anything.
    pub redo: Option<String>,
    /// θ.
    pub theta: f64,
    /// The timeline, when it changed.
    pub timeline: Option<TimelineDto>,
    /// The people.
    pub people: ListChangeDto<PersonDto>,
    /// The ties.
    pub relations: ListChangeDto<TieDto>,
    /// The conversations.
    pub engagements: ListChangeDto<ConversationDto>,
}

impl ViewChangeDto {
    /// What turns `before` into `after` (`after.revision` must be set).
    pub fn between(before: &WorkspaceDto, after: &WorkspaceDto) -> ViewChangeDto {
        ViewChangeDto {
            base: before.revision,
            revision: after.revision,
            name: after.name.clone(),
            change: after.change.clone(),
            description: after.description.clone(),
            lead_advocate: after.lead_advocate,
            groups: after.groups.clone(),
            tags: after.tags.clone(),
            undo: after.undo.clone(),
            redo: after.redo.clone(),
            theta: after.theta,
            timeline: (before.timeline != after.timeline).then(|| after.timeline.clone()),
            people: ListChangeDto::between(&before.people, &after.people),
            relations: ListChangeDto::between(&before.relations, &after.relations),
            engagements: ListChangeDto::between(&before.engagements, &after.engagements),
        }
    }

    /// Applies the change to `view`, the revision [`ViewChangeDto::base`] of the
    /// view (as the app does, in `ui/src/lib/viewchange.ts`).
    pub fn apply(&self, view: &mut WorkspaceDto) {
        view.revision = self.revision;
        view.name.clone_from(&self.name);
        view.change.clone_from(&self.change);
        view.description.clone_from(&self.description);
        view.lead_advocate = self.lead_advocate;
        view.groups.clone_from(&self.groups);
        view.tags.clone_from(&self.tags);
        view.undo.clone_from(&self.undo);
        view.redo.clone_from(&self.redo);
        view.theta = self.theta;
        if let Some(timeline) = &self.timeline {
            view.timeline = timeline.clone();
        }
        self.people.apply(&mut view.people);
        self.relations.apply(&mut view.relations);
        self.engagements.apply(&mut view.engagements);
    }
}

/// The ids of `before` not in `after` (ids in their new order), and that order
/// when it is not `before`'s order less those removed.
pub(crate) fn removed_and_order(before: &[i64], after: &[i64]) -> (Vec<i64>, Option<Vec<i64>>) {
    let new: HashSet<i64> = after.iter().copied().collect();
    let removed: Vec<i64> = before
        .iter()
        .copied()
        .filter(|id| !new.contains(id))
        .collect();
    let kept = before.iter().copied().filter(|id| new.contains(id));
    let order = (!kept.eq(after.iter().copied())).then(|| after.to_vec());
    (removed, order)
}

/// Lists of small keyed items for the tests of changes between lists.
#[cfg(test)]
pub(crate) mod test_items {
    use std::collections::HashSet;

    use serde::Serialize;

    use super::Keyed;

    /// An item: its id and its text.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Item(pub i64, pub &'static str);

    impl Keyed for Item {
        fn key(&self) -> i64 {
            self.0
        }
    }

    /// A list of items with distinct ids from a list of (id, text) pairs.
    pub fn distinct(pairs: Vec<(i64, &'static str)>) -> Vec<Item> {
        let mut seen = HashSet::new();
        pairs
            .into_iter()
            .filter(|(id, _)| seen.insert(*id))
            .map(|(id, text)| Item(id, text))
            .collect()
    }

    /// Up to 20 (id, text) pairs: ids under 30, texts "a", "b" or "c".
    pub fn pairs() -> impl proptest::strategy::Strategy<Value = Vec<(i64, &'static str)>> {
        proptest::collection::vec(
            (0i64..30, proptest::sample::select(vec!["a", "b", "c"])),
            0..20,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::test_items::{Item, distinct, pairs};
    use super::*;

    fn round_trip(before: Vec<Item>, after: Vec<Item>) -> ListChangeDto<Item> {
        let change = ListChangeDto::between(&before, &after);
        let mut list = before;
        change.apply(&mut list);
        assert_eq!(list, after);
        change
    }

    #[test]
    fn an_edit_in_place_sends_only_that_item_and_no_order() {
        let change = round_trip(
            vec![Item(1, "a"), Item(2, "b"), Item(3, "c")],
            vec![Item(1, "a"), Item(2, "B"), Item(3, "c")],
        );
        assert_eq!(change.changed, vec![Item(2, "B")]);
        assert!(change.removed.is_empty() && change.order.is_none());
    }

    #[test]
    fn a_removal_keeps_the_order_without_sending_it() {
        let change = round_trip(
            vec![Item(1, "a"), Item(2, "b"), Item(3, "c")],
            vec![Item(1, "a"), Item(3, "c")],
        );
        assert_eq!(change.removed, vec![2]);
        assert!(change.changed.is_empty() && change.order.is_none());
    }

    #[test]
    fn an_addition_or_a_new_order_sends_the_order() {
        let change = round_trip(
            vec![Item(1, "a"), Item(3, "c")],
            vec![Item(1, "a"), Item(2, "b"), Item(3, "c")],
        );
        assert_eq!(change.changed, vec![Item(2, "b")]);
        assert_eq!(change.order, Some(vec![1, 2, 3]));
        let change = round_trip(
            vec![Item(1, "a"), Item(2, "b")],
            vec![Item(2, "b"), Item(1, "z")],
        );
        assert_eq!(change.changed, vec![Item(1, "z")]);
        assert_eq!(change.order, Some(vec![2, 1]));
    }

    proptest::proptest! {
        /// Whatever the two lists (additions, removals, edits, any new order), the
        /// change made between them turns the first into the second.
        #[test]
        fn a_change_applied_gives_the_later_list(before in pairs(), after in pairs()) {
            round_trip(distinct(before), distinct(after));
        }
    }

    #[test]
    fn no_change_is_empty() {
        assert!(round_trip(vec![Item(1, "a")], vec![Item(1, "a")]).is_empty());
        assert!(round_trip(vec![], vec![]).is_empty());
    }
}
