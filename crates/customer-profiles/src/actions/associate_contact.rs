//! `AssociateContactToCustomerProfile`: links the contact to a profile.
//!
//! Both `ProfileId` and `ContactId` are required, and are usually `$.Customer.ProfileId` and
//! `$.ContactId`. Connect records the link with the AddProfileKey API, so flowsim adds the contact
//! id to the profile's `_ctrContactId` search key, and a later search by `_ctrContactId` finds the
//! profile. The block writes nothing and takes `NextAction`. A missing or empty id, a value over 255
//! characters, a profile that does not exist, or a missing or unavailable store take
//! `NoMatchingError`.

use super::{Failure, request_data, required_request_value, run_block, store_mut};
use flow_executor::{ActionContext, HandlerResult, Outcome};
use serde_json::json;

/// The action `Type` this module handles.
pub const ACTION_TYPE: &str = "AssociateContactToCustomerProfile";

/// The search key under which Customer Profiles finds a profile by a contact id.
pub const CONTACT_ID_KEY: &str = "_ctrContactId";

/// Runs one `AssociateContactToCustomerProfile` block.
pub fn execute(ctx: &mut ActionContext<'_>) -> HandlerResult {
    run_block(ctx, ACTION_TYPE, associate_contact)
}

fn associate_contact(ctx: &mut ActionContext<'_>) -> Result<Outcome, Failure> {
    let data = request_data(ctx)?;
    let profile_id = required_request_value(ctx, &data, "ProfileId", "$.Customer.ProfileId")?;
    let contact_id = required_request_value(ctx, &data, "ContactId", "$.ContactId")?;
    if !store_mut(ctx)?.add_profile_key(&profile_id, CONTACT_ID_KEY, &contact_id)? {
        return Err(Failure::NoMatching(format!(
            "no profile has the ProfileId {profile_id:?} (associate a profile that a Get or Create \
             profile block found or created)"
        )));
    }
    let answer = json!({"ProfileId": profile_id, "KeyName": CONTACT_ID_KEY, "Values": [contact_id]});
    ctx.report_answer("profile key added", &answer, false);
    Ok(Outcome::Next)
}
