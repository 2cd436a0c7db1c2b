//! Customer Profiles actions for flowsim, over an in-memory profile store.
//!
//! A scenario loads a [`Fixture`] into a [`MemoryStore`] (or uses an [`UnavailableStore`]) and
//! puts it on the contact state with [`install`]; [`register`] adds the action handlers to the
//! executor's registry.

pub mod actions;
pub mod customer;
pub mod fixture;
pub mod mapping;
pub mod objects;
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
    use actions::*;
    registry.register(get_profile::ACTION_TYPE, get_profile::execute);
    registry.register(create_profile::ACTION_TYPE, create_profile::execute);
    registry.register(update_profile::ACTION_TYPE, update_profile::execute);
    registry.register(associate_contact::ACTION_TYPE, associate_contact::execute);
    registry.register(get_object::ACTION_TYPE, get_object::execute);
    registry.register(calculated_attributes::ACTION_TYPE, calculated_attributes::execute);
    registry.register(segment_membership::ACTION_TYPE, segment_membership::execute);
}
