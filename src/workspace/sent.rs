//! The last view the workspace sent, with the stamps of the tables it was built
//! from: the next view builds again only the lists whose tables were read again
//! since (a stance edit rebuilds the people, not 50,000 ties), and the change
//! between the two compares only those.

use std::mem::take;

use crate::formats::view::{Lists, WorkspaceDto};
use crate::formats::view_change::ViewChangeDto;
use crate::store::Stamps;

/// A view sent, and the stamps of the tables it shows.
#[derive(Debug)]
pub(super) struct Sent {
    /// The view.
    pub view: WorkspaceDto,
    /// The stamps of the snapshot it was built from.
    stamps: Stamps,
}

impl Sent {
    /// `view`, built from a snapshot with these stamps.
    pub fn new(view: WorkspaceDto, stamps: Stamps) -> Sent {
        Sent { view, stamps }
    }

    /// The lists a view of a snapshot stamped `now` must build; the others are
    /// this view's.
    pub fn stale(&self, now: Stamps) -> Lists {
        let people = self.stamps.stakeholders != now.stakeholders;
        Lists {
            people,
            relations: self.stamps.relations != now.relations,
            // A conversation shows the names of the people in it.
            engagements: people || self.stamps.engagements != now.engagements,
        }
    }

    /// The change from this view to `after`, a view of a snapshot stamped `now`
    /// built with only the lists [`Sent::stale`] named; and `after`, whole, to
    /// send next. The lists not built are this view's, moved over: they are left
    /// out of the comparison (empty on both sides while it runs).
    pub fn next(self, mut after: WorkspaceDto, now: Stamps) -> (ViewChangeDto, Sent) {
        let built = self.stale(now);
        let mut before = self.view;
        if !built.people {
            after.lead_advocate = before.lead_advocate;
            after.groups.clone_from(&before.groups);
            after.tags.clone_from(&before.tags);
        }
        let people = (!built.people).then(|| take(&mut before.people));
        let relations = (!built.relations).then(|| take(&mut before.relations));
        let engagements = (!built.engagements).then(|| take(&mut before.engagements));
        let change = ViewChangeDto::between(&before, &after);
        if let Some(people) = people {
            after.people = people;
        }
        if let Some(relations) = relations {
            after.relations = relations;
        }
        if let Some(engagements) = engagements {
            after.engagements = engagements;
        }
        (change, Sent::new(after, now))
    }
}
