//! `CheckSegmentMembershipForCustomerProfile`: branches on whether a profile is in a segment.
//!
//! `ProfileId` and `SegmentName` (the segment definition name) are required. The block's result is
//! `True` when the fixture's `segments` lists the profile under that name and `False` otherwise,
//! and the block's `Conditions` (Equals `True`, Equals `False`) pick the branch. It writes nothing.
//! A bad request, a value over 255 characters, a segment or profile that does not exist, or a
//! missing or unavailable store take `NoMatchingError`.
// NOTE: the parameter names come from a real flow export. No AWS flow-language reference page for
// this action was found, so Connect may accept other names too.

use super::{Failure, request_data, required_request_value, run_block};
use flow_executor::{ActionContext, HandlerResult, Outcome};
use serde_json::json;

/// The action `Type` this module handles.
pub const ACTION_TYPE: &str = "CheckSegmentMembershipForCustomerProfile";

/// Runs one `CheckSegmentMembershipForCustomerProfile` block.
pub fn execute(ctx: &mut ActionContext<'_>) -> HandlerResult {
    run_block(ctx, ACTION_TYPE, check_segment_membership)
}

fn check_segment_membership(ctx: &mut ActionContext<'_>) -> Result<Outcome, Failure> {
    let data = request_data(ctx)?;
    let profile_id = required_request_value(ctx, &data, "ProfileId", "$.Customer.ProfileId")?;
    let segment_name = required_request_value(ctx, &data, "SegmentName", "gold-members")?;
    let store = &super::slot(ctx)?.store;
    if store.get(&profile_id)?.is_none() {
        return Err(Failure::NoMatching(format!(
            "no profile has the ProfileId {profile_id:?} (use the id that a Get or Create profile block \
             stored at $.Customer.ProfileId)"
        )));
    }
    let member = store.in_segment(&segment_name, &profile_id)?.ok_or_else(|| {
        format!(
            "no segment is named {segment_name:?} (list its members under segments in the profile fixture)"
        )
    })?;
    let question = format!("segment membership of profile {profile_id} in {segment_name}");
    ctx.report_answer(&question, &json!({"member": member}), false);
    Ok(Outcome::Result(if member { "True" } else { "False" }.to_string()))
}
