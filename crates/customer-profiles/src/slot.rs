//! The profile store's slot on the contact state, where flow-scenario puts it before a run.

use crate::store::ProfileStore;
use flow_executor::ContactState;

/// The maximum number of characters that the profile blocks of one flow may store in `$.Customer`, counted over
/// the attribute values, from the Amazon Connect Administrator Guide's "Customer profiles" block
/// page.
pub const MAX_CUSTOMER_CHARS: usize = 14_000;

/// The profile store of one run and its limits, kept in the contact state's extensions.
pub struct ProfileSlot {
    pub store: Box<dyn ProfileStore>,
    /// The character limit of `$.Customer`; a profile block whose writes would pass it fails.
    pub max_customer_chars: usize,
}

impl ProfileSlot {
    /// Creates a slot for `store` with the default limit of [`MAX_CUSTOMER_CHARS`].
    pub fn new(store: Box<dyn ProfileStore>) -> Self {
        ProfileSlot {
            store,
            max_customer_chars: MAX_CUSTOMER_CHARS,
        }
    }
}

/// Puts `store` in `state` for the profile actions of this run, replacing any earlier store.
pub fn install(state: &mut ContactState, store: Box<dyn ProfileStore>) {
    install_slot(state, ProfileSlot::new(store));
}

/// Puts `slot` in `state`, for a run that changes the slot's limits.
pub fn install_slot(state: &mut ContactState, slot: ProfileSlot) {
    state.extensions.insert(slot);
}

/// Returns the slot installed in `state`, if any.
pub fn installed_slot(state: &ContactState) -> Option<&ProfileSlot> {
    state.extensions.get::<ProfileSlot>()
}
