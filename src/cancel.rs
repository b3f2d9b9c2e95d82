//! Stopping a long piece of work part-way: a flag a front end sets (the app's
//! Cancel, or a newer plan replacing an older one) and the work reads between its
//! stages — a plan (`analysis`, which stays pure: reading a flag is not I/O) or
//! an import (`store`, which then rolls its transaction back).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, Result};

/// A flag shared between whoever may stop an analysis and the analysis itself;
/// clones share the flag. [`Cancel::default`] is never set.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Asks the analysis holding this flag (or a clone) to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// True once [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// `Err(Error::Cancelled)` once cancelled, so a stage can stop with `?`.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_flag_and_a_fresh_one_is_not_set() {
        let cancel = Cancel::default();
        let held = cancel.clone();
        assert!(held.check().is_ok());
        cancel.cancel();
        assert!(held.is_cancelled());
        assert!(matches!(held.check(), Err(Error::Cancelled)));
        assert!(!Cancel::default().is_cancelled());
    }
}
