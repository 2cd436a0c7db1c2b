//! Customer Profiles actions for flowsim, over an in-memory profile store.
//!
//! A scenario loads a [`Fixture`] into a [`MemoryStore`] (or uses an [`UnavailableStore`]) and
//! puts it on the contact state with [`install`]; [`register`] adds the action handlers to the
//! executor's registry.

pub mod actions;
pub mod customer;
pub mod fixture;
pub mod mapping;
pub mod profile;
pub mod request;
pub mod rules;
pub mod search;
pub mod slot;
pub mod store;

pub use fixture::{Fixture, FixtureError, FixtureErrorKind, FixtureLocation};
pub use profile::{Address, Profile};
pub use search::{
    FoundByItem, LogicalOperator, PhoneMatching, ProfileMatch, QueryError, SearchPair, SearchQuery,
    SearchSettings,
};
pub use slot::{MAX_CUSTOMER_CHARS, ProfileSlot, install, install_slot};
pub use store::{MemoryStore, ProfileStore, StoreError, StoreErrorKind, UnavailableStore};

use flow_executor::Registry;

/// Registers the handler of every Customer Profiles action that flowsim simulates.
pub fn register(registry: &mut Registry) {
    registry.register(actions::get_profile::ACTION_TYPE, actions::get_profile::execute);
}
