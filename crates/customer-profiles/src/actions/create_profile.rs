//! `CreateCustomerProfile`: creates a profile from the flat fields of `ProfileRequestData`.
//!
//! The new profile gets the store's next deterministic `ProfileId`, and later blocks of the run
//! find it. The block writes `$.Customer.ProfileId`, `$.Customer.ProfileARN` when the fixture gives
//! a domain ARN, and the fields that `ProfileResponseData` requests, then takes `NextAction`. An
//! invalid field, a value over 255 characters, a missing or unavailable store, or writes that
//! would pass the character limit of `$.Customer` take `NoMatchingError` and create nothing.

use super::profile_fields::{StoreFacts, apply_changes, checked_profile_writes, read_field_changes};
use super::{Failure, request_data, run_block, store_mut};
use crate::customer;
use crate::profile::Profile;
use flow_executor::{ActionContext, HandlerResult, Outcome};
use serde_json::json;

/// The action `Type` this module handles.
pub const ACTION_TYPE: &str = "CreateCustomerProfile";

/// Runs one `CreateCustomerProfile` block.
pub fn execute(ctx: &mut ActionContext<'_>) -> HandlerResult {
    run_block(ctx, ACTION_TYPE, create_profile)
}

// NOTE: a request field whose value resolves to empty text (an unset attribute, say) is left out of
// the new profile. Connect does not document this case.
fn create_profile(ctx: &mut ActionContext<'_>) -> Result<Outcome, Failure> {
    let data = request_data(ctx)?;
    let changes = read_field_changes(ctx, &data)?;
    let facts = StoreFacts::of(ctx)?;
    let mut profile = Profile {
        profile_id: super::slot(ctx)?.store.new_profile_id()?,
        ..Profile::default()
    };
    apply_changes(&mut profile, changes)?;

    let writes = checked_profile_writes(ctx, &profile, &facts)?;
    store_mut(ctx)?.create(profile.clone())?;
    let answer = serde_json::to_value(&profile).expect("a profile of strings serialises to JSON");
    ctx.report_answer("profile created", &json!({"profile": answer}), false);
    customer::apply(ctx, writes);
    Ok(Outcome::Next)
}
