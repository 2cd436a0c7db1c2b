//! `UpdateCustomerProfile`: changes the profile that `$.Customer.ProfileId` names.
//!
//! The parameter object has no `ProfileId`, so the block updates the profile that an earlier Get or
//! Create profile block stored at `$.Customer.ProfileId`. Each flat field of `ProfileRequestData` sets that field, and an
//! empty value clears it. On success the block writes the fields that `ProfileResponseData`
//! requests and takes `NextAction`. No `$.Customer.ProfileId`, a profile that is gone, an invalid
//! field, a value over 255 characters, a missing or unavailable store, or writes that would pass
//! the character limit of `$.Customer` take `NoMatchingError` and change nothing.

use super::profile_fields::{StoreFacts, apply_changes, checked_profile_writes, read_field_changes};
use super::{Failure, request_data, run_block, store_mut};
use crate::customer;
use crate::profile::Profile;
use flow_executor::resolve::render;
use flow_executor::{ActionContext, HandlerResult, Outcome};
use serde_json::json;

/// The action `Type` this module handles.
pub const ACTION_TYPE: &str = "UpdateCustomerProfile";

/// Runs one `UpdateCustomerProfile` block.
pub fn execute(ctx: &mut ActionContext<'_>) -> HandlerResult {
    run_block(ctx, ACTION_TYPE, update_profile)
}

// NOTE: clearing a field with an empty value follows the UpdateProfile API, which removes an
// attribute given as an empty string. The flow block's handling of empty values is not documented.
fn update_profile(ctx: &mut ActionContext<'_>) -> Result<Outcome, Failure> {
    let data = request_data(ctx)?;
    let profile_id = current_profile_id(ctx)?;
    let changes = read_field_changes(ctx, &data)?;
    let facts = StoreFacts::of(ctx)?;
    let mut profile = stored_profile(ctx, &profile_id)?;
    apply_changes(&mut profile, changes)?;

    let writes = checked_profile_writes(ctx, &profile, &facts)?;
    if !store_mut(ctx)?.update(profile.clone())? {
        return Err(gone(&profile_id));
    }
    let answer = serde_json::to_value(&profile).expect("a profile of strings serialises to JSON");
    ctx.report_answer("profile updated", &json!({"profile": answer}), false);
    customer::apply(ctx, writes);
    Ok(Outcome::Next)
}

fn current_profile_id(ctx: &ActionContext<'_>) -> Result<String, Failure> {
    let profile_id = ctx
        .state
        .get(&["Customer", "ProfileId"])
        .map(render)
        .unwrap_or_default();
    if profile_id.is_empty() {
        return Err(Failure::NoMatching(
            "$.Customer.ProfileId is not set, so there is no profile to update (run a Get or Create \
             profile block that succeeds before this block)"
                .to_string(),
        ));
    }
    Ok(profile_id)
}

fn stored_profile(ctx: &ActionContext<'_>, profile_id: &str) -> Result<Profile, Failure> {
    super::slot(ctx)?
        .store
        .get(profile_id)?
        .ok_or_else(|| gone(profile_id))
}

fn gone(profile_id: &str) -> Failure {
    Failure::NoMatching(format!(
        "no profile has the ProfileId {profile_id:?} from $.Customer.ProfileId (check the fixture, or \
         the block that set $.Customer.ProfileId)"
    ))
}
