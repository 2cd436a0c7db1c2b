//! The profile store's slot on the contact state, where flow-scenario puts it before a run.

use crate::store::ProfileStore;
use flow_executor::ContactState;

/// The profile store of one run, kept in the contact state's extensions.
pub struct ProfileSlot {
    pub store: Box<dyn ProfileStore>,
}

/// Puts `store` in `state` for the profile actions of this run, replacing any earlier store.
pub fn install(state: &mut ContactState, store: Box<dyn ProfileStore>) {
    state.extensions.insert(ProfileSlot { store });
}

/// Returns the store installed in `state`, if any.
pub fn installed_store(state: &ContactState) -> Option<&dyn ProfileStore> {
    state
        .extensions
        .get::<ProfileSlot>()
        .map(|slot| slot.store.as_ref())
}
