//! One module per Customer Profiles action.

pub mod get_profile;

/// The error type of a lookup that found no profile.
pub const NONE_FOUND: &str = "NoneFoundError";
/// The error type of a lookup that found more than one profile.
pub const MULTIPLE_FOUND: &str = "MultipleFoundError";
/// The error type of every other failure: a bad request, a missing or unavailable store.
pub const NO_MATCHING: &str = "NoMatchingError";
