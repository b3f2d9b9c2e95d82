//! The last view the workspace sent, with the stamps of the tables it was built
//! from: the next view builds again only the lists whose tables were read again
//! since (a stance edit rebuilds one person, not 10,000 people and 50,000
//! ties), and the change between the two compares only those.

use std::mem::take;

use crate::formats::view::{Lists, WorkspaceDto};
use crate::formats::view_change::{ListChangeDto, ViewChangeDto};
use crate::store::{Stamped, Stamps};

/// A view sent, and the stamps of the tables it shows.
#[derive(Debug)]
pub(super) struct Sent {
    /// The view.
    pub view: WorkspaceDto,
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
    /// `view`, built from a snapshot with these stamps.
    pub fn new(view: WorkspaceDto, stamps: Stamps) -> Sent {
        Sent { view, stamps }
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
    /// [`Sent::stale`] named; and the view after, whole, to send next. The
    /// lists not built are this view's, moved over: they are left out of the
    /// comparison (empty on both sides while it runs); of the people, only those
    /// built again are compared.
    pub fn next(self, after: Built) -> (ViewChangeDto, Sent) {
        let Built {
            view: mut after,
            stamps,
            lists,
            order,
        } = after;
        let mut before = self.view;
        if !lists.people {
            after.lead_advocate = before.lead_advocate;
            after.groups.clone_from(&before.groups);
            after.tags.clone_from(&before.tags);
        }
        let people = lists.people.then(|| {
            ListChangeDto::rebuild(take(&mut before.people), &order, take(&mut after.people))
        });
        let people_kept = (!lists.people).then(|| take(&mut before.people));
        let relations = (!lists.relations).then(|| take(&mut before.relations));
        let engagements = (!lists.engagements).then(|| take(&mut before.engagements));
        let mut change = ViewChangeDto::between(&before, &after);
        if let Some((people_change, people)) = people {
            change.people = people_change;
            after.people = people;
        }
        if let Some(people) = people_kept {
            after.people = people;
        }
        if let Some(relations) = relations {
            after.relations = relations;
        }
        if let Some(engagements) = engagements {
            after.engagements = engagements;
        }
        (change, Sent::new(after, stamps))
    }
}
