//! The flat profile fields that the Get, Create and Update profile blocks read from
//! `ProfileRequestData` and write to `$.Customer` from `ProfileResponseData`.

use super::{Failure, check_within_limit, resolve_request_value};
use crate::customer::{self, CustomerWrite};
use crate::mapping::{FlatValue, customer_segments, flat_name, flat_value, profile_path};
use crate::profile::Profile;
use crate::request::read_response_names;
use crate::rules::check_profile;
use flow_executor::ActionContext;
use serde_json::{Map, Value};

/// The slot's domain ARN and character limit, copied out so that the slot's borrow ends.
pub struct StoreFacts {
    pub domain_arn: Option<String>,
    pub max_customer_chars: usize,
}

impl StoreFacts {
    /// Copies the facts of the installed slot.
    pub fn of(ctx: &ActionContext<'_>) -> Result<StoreFacts, Failure> {
        let slot = super::slot(ctx)?;
        Ok(StoreFacts {
            domain_arn: slot.store.domain_arn().map(str::to_string),
            max_customer_chars: slot.max_customer_chars,
        })
    }
}

/// One field change of a Create or Update profile block: the dotted profile path and the new
/// value, or `None` to clear the field.
pub type FieldChange = (String, Option<String>);

/// Reads the flat field names of `ProfileRequestData` (`FirstName`, `City`, `ShippingCity`,
/// `Attributes.x`, ...) and resolves their values. An empty value becomes `None`. A name that is not
/// a profile field, `ProfileId`, or a value over 255 characters is a failure.
pub fn read_field_changes(
    ctx: &mut ActionContext<'_>,
    data: &Map<String, Value>,
) -> Result<Vec<FieldChange>, Failure> {
    let mut changes = Vec::with_capacity(data.len());
    for (name, raw) in data {
        let path = request_field_path(name)?;
        let value = resolve_request_value(ctx, name, raw)?;
        changes.push((path, Some(value).filter(|value| !value.is_empty())));
    }
    Ok(changes)
}

fn request_field_path(name: &str) -> Result<String, Failure> {
    if name == "ProfileId" {
        return Err(Failure::NoMatching(
            "ProfileRequestData may not set ProfileId (Create profile assigns a new id, and Update \
             profile changes the profile at $.Customer.ProfileId)"
                .to_string(),
        ));
    }
    profile_path(name).ok_or_else(|| {
        Failure::NoMatching(format!(
            "ProfileRequestData has the invalid field {name} ({})",
            field_hint(name)
        ))
    })
}

/// Applies `changes` to `profile` and checks the result against the API's value rules.
pub fn apply_changes(profile: &mut Profile, changes: Vec<FieldChange>) -> Result<(), Failure> {
    for (path, value) in changes {
        let applied = profile.set_field(&path, value);
        debug_assert!(applied, "request_field_path returns only settable paths");
    }
    check_profile(profile).map_err(|message| Failure::NoMatching(format!("invalid profile field: {message}")))
}

/// Writes the profile's id, its ARN when the domain is known, and every field that
/// `ProfileResponseData` requests and the profile has, unless together they would pass the
/// character limit of `$.Customer`. A requested field the profile lacks is not written, so an
/// earlier value at that path stays, and a trace note names the field.
pub fn write_profile(
    ctx: &mut ActionContext<'_>,
    profile: &Profile,
    facts: &StoreFacts,
) -> Result<(), Failure> {
    let writes = checked_profile_writes(ctx, profile, facts)?;
    customer::apply(ctx, writes);
    Ok(())
}

/// Plans the writes of [`write_profile`] and checks them against the character limit, without
/// performing them.
pub fn checked_profile_writes(
    ctx: &mut ActionContext<'_>,
    profile: &Profile,
    facts: &StoreFacts,
) -> Result<Vec<CustomerWrite>, Failure> {
    let writes = planned_writes(ctx, profile, facts.domain_arn.as_deref());
    check_within_limit(ctx, &writes, facts.max_customer_chars)?;
    Ok(writes)
}

fn planned_writes(
    ctx: &mut ActionContext<'_>,
    profile: &Profile,
    domain_arn: Option<&str>,
) -> Vec<CustomerWrite> {
    let mut writes = vec![CustomerWrite::new(
        &["Customer", "ProfileId"],
        &profile.profile_id,
    )];
    if let Some(domain_arn) = domain_arn {
        let arn = format!("{domain_arn}/profiles/{}", profile.profile_id);
        writes.push(CustomerWrite::new(&["Customer", "ProfileARN"], &arn));
    }
    let (names, skipped) = read_response_names(ctx.param("ProfileResponseData"));
    for message in skipped {
        ctx.note(&message);
    }
    for name in names {
        writes.extend(planned_field_write(ctx, profile, &name));
    }
    writes
}

// NOTE: Connect does not document whether a requested field that the profile lacks clears an
// earlier value at its path. flowsim leaves the earlier value and notes the field.
fn planned_field_write(ctx: &mut ActionContext<'_>, profile: &Profile, name: &str) -> Option<CustomerWrite> {
    match flat_value(profile, name) {
        FlatValue::Present(value) => Some(CustomerWrite::new(&customer_segments(name), &value)),
        FlatValue::Missing => {
            ctx.note(&format!(
                "profile {} has no {name}, so $.Customer.{name} is not written",
                profile.profile_id
            ));
            None
        }
        FlatValue::Unknown => {
            ctx.note(&format!(
                "{name} is not a profile response field, so it is not written ({})",
                field_hint(name)
            ));
            None
        }
    }
}

fn field_hint(name: &str) -> String {
    match flat_name(name) {
        Some(flat) => format!("did you mean {flat}? Address fields have flat names"),
        None => "use a flat name such as FirstName, City, ShippingCity or Attributes.<key>".to_string(),
    }
}
