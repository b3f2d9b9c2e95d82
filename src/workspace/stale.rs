//! What an edit made stale: the derived results (plan, metrics, progress,
//! simulation, brief) that read what the edit changed, decided here from the
//! kind of change so the app refetches exactly those and nothing else.

use crate::formats::view::Derived;
use crate::model::Field;

/// What an edit changed in the map.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Change {
    /// People added or removed (with their ties and conversations).
    People,
    /// Ties added, changed or removed.
    Ties,
    /// These fields of one or more people.
    Fields(Vec<Field>),
    /// Conversations recorded, changed or removed (a stance after moves a stance).
    Conversations,
    /// Positions on the network: only the view draws them.
    Positions,
    /// A saved plan.
    Plans,
    /// A map setting only the view reads (the staleness window, the map's name).
    ViewSettings,
    /// A map setting the model reads (θ, the effect of one conversation).
    ModelSettings,
    /// Anything (undo and redo, whose step may have changed anything).
    Anything,
}

/// Every derived result.
const ALL: [Derived; 6] = [
    Derived::Plan,
    Derived::Metrics,
    Derived::Progress,
    Derived::Simulation,
    Derived::Brief,
    Derived::Groups,
];

/// The derived results that read what `change` changed, in [`ALL`]'s order.
pub(crate) fn stale_after(change: &Change) -> Vec<Derived> {
    use Derived::*;
    let reads: Vec<Derived> = match change {
        Change::People | Change::Ties | Change::Anything => ALL.to_vec(),
        // A stance after becomes the person's stance; the graph is unchanged.
        Change::Conversations => vec![Plan, Progress, Simulation, Brief, Groups],
        Change::ModelSettings => vec![Plan, Progress, Simulation, Brief],
        // A group sits where its people were placed.
        Change::Positions => vec![Groups],
        Change::ViewSettings => Vec::new(),
        Change::Plans => vec![Progress],
        Change::Fields(fields) => fields.iter().flat_map(|&f| read_by(f)).collect(),
    };
    ALL.into_iter().filter(|d| reads.contains(d)).collect()
}

/// The derived results that read one field of a person.
fn read_by(field: Field) -> Vec<Derived> {
    use Derived::*;
    match field {
        // Every result names people, and the model orders people by name.
        Field::Name => ALL.to_vec(),
        // The opinions and their weights: the equilibrium and the support score.
        Field::Stance => vec![Plan, Progress, Simulation, Brief, Groups],
        Field::Power => vec![Plan, Progress, Simulation, Brief],
        Field::Openness => vec![Plan, Simulation],
        Field::Effort => vec![Plan],
        Field::Advocate => vec![Plan, Groups],
        Field::Group => vec![Brief, Groups],
        Field::Role | Field::Notes | Field::Target => vec![Brief],
        Field::Tags | Field::Interest | Field::Legitimacy | Field::Urgency | Field::Confidence => {
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Derived::*;

    #[test]
    fn a_drag_makes_only_the_map_by_group_stale_and_a_tie_everything() {
        assert_eq!(stale_after(&Change::Positions), [Groups]);
        assert_eq!(stale_after(&Change::Ties), ALL);
        assert_eq!(stale_after(&Change::Anything), ALL);
    }

    #[test]
    fn fields_make_stale_only_what_reads_them() {
        assert_eq!(stale_after(&Change::Fields(vec![Field::Notes])), [Brief]);
        assert!(stale_after(&Change::Fields(vec![Field::Interest])).is_empty());
        // Power and interest together (a drag on the grid): the union, once each.
        assert_eq!(
            stale_after(&Change::Fields(vec![Field::Power, Field::Interest])),
            [Plan, Progress, Simulation, Brief]
        );
        assert_eq!(stale_after(&Change::Fields(vec![Field::Name])), ALL);
        // Metrics read only the ties and who is in the map.
        assert!(!stale_after(&Change::Fields(vec![Field::Stance])).contains(&Metrics));
        assert!(!stale_after(&Change::Conversations).contains(&Metrics));
        assert_eq!(stale_after(&Change::Plans), [Progress]);
        // The map by group reads who is where and their stances, not power.
        assert!(stale_after(&Change::Fields(vec![Field::Stance])).contains(&Groups));
        assert!(stale_after(&Change::Fields(vec![Field::Group])).contains(&Groups));
        assert!(!stale_after(&Change::Fields(vec![Field::Power])).contains(&Groups));
        assert!(!stale_after(&Change::ModelSettings).contains(&Groups));
    }
}
