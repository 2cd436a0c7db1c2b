//! `GetCalculatedAttributesForCustomerProfile`: reads calculated attributes of a profile.
//!
//! `ProfileId` is required. Each `CalculatedAttributes.<name>` that `ProfileResponseData` requests
//! and the fixture profile's `CalculatedAttributes` has is written to
//! `$.Customer.CalculatedAttributes.<name>`, and the block takes `NextAction`. When the profile has
//! none of the requested attributes, the block takes `NoneFoundError`. A bad request, a value over
//! 255 characters, a profile that does not exist, a missing or unavailable store, or writes that
//! would pass the character limit of `$.Customer` take `NoMatchingError`.

use super::{Failure, NONE_FOUND, request_data, required_request_value, run_block, write_within_limit};
use crate::customer::CustomerWrite;
use crate::profile::Profile;
use crate::request::read_response_names;
use flow_executor::resolve::render;
use flow_executor::{ActionContext, HandlerResult, Outcome};
use serde_json::{Value, json};

/// The action `Type` this module handles.
pub const ACTION_TYPE: &str = "GetCalculatedAttributesForCustomerProfile";

const PREFIX: &str = "CalculatedAttributes.";

/// Runs one `GetCalculatedAttributesForCustomerProfile` block.
pub fn execute(ctx: &mut ActionContext<'_>) -> HandlerResult {
    run_block(ctx, ACTION_TYPE, get_calculated_attributes)
}

// NOTE: Connect does not document whether a profile that has only some of the requested attributes
// takes NoneFoundError. flowsim takes it only when none of them is found, and notes each missing one.
fn get_calculated_attributes(ctx: &mut ActionContext<'_>) -> Result<Outcome, Failure> {
    let data = request_data(ctx)?;
    let profile_id = required_request_value(ctx, &data, "ProfileId", "$.Customer.ProfileId")?;
    let profile = super::slot(ctx)?.store.get(&profile_id)?.ok_or_else(|| {
        format!(
            "no profile has the ProfileId {profile_id:?} (use the id that a Get or Create profile block \
             stored at $.Customer.ProfileId)"
        )
    })?;
    let writes = planned_writes(ctx, &profile);
    let answer = json!({"ProfileId": profile_id, "found": writes.len()});
    ctx.report_answer("calculated attributes of profile", &answer, false);
    if writes.is_empty() {
        return Ok(Outcome::Error(NONE_FOUND.to_string()));
    }
    let max_chars = super::slot(ctx)?.max_customer_chars;
    write_within_limit(ctx, writes, max_chars)?;
    Ok(Outcome::Next)
}

fn planned_writes(ctx: &mut ActionContext<'_>, profile: &Profile) -> Vec<CustomerWrite> {
    let (names, skipped) = read_response_names(ctx.param("ProfileResponseData"));
    for message in skipped {
        ctx.note(&message);
    }
    let mut writes = Vec::new();
    for name in names {
        writes.extend(planned_write(ctx, profile, &name));
    }
    writes
}

fn planned_write(ctx: &mut ActionContext<'_>, profile: &Profile, name: &str) -> Option<CustomerWrite> {
    let Some(attribute) = name
        .strip_prefix(PREFIX)
        .filter(|attribute| !attribute.is_empty())
    else {
        ctx.note(&format!(
            "{name} is not a calculated attribute response field, so it is not written (use \
             CalculatedAttributes.<name>, such as CalculatedAttributes._frequent_caller)"
        ));
        return None;
    };
    match profile.calculated_attributes.get(attribute) {
        Some(value) if !value.is_null() => Some(CustomerWrite::new(
            &["Customer", "CalculatedAttributes", attribute],
            &attribute_text(value),
        )),
        _ => {
            ctx.note(&format!(
                "profile {} has no calculated attribute {attribute}, so it is not written",
                profile.profile_id
            ));
            None
        }
    }
}

/// Returns the text of a calculated attribute value, with JSON booleans as `True` and `False`.
// NOTE: Customer Profiles describes threshold-based attributes such as `_new_customer` as true or
// false, but not how a flow sees them. flowsim writes the spelling of other Connect block results.
fn attribute_text(value: &Value) -> String {
    match value {
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        other => render(other),
    }
}
