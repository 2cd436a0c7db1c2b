//! `GetCustomerProfile`: searches the profile store and copies the requested fields to `$.Customer`.
//!
//! Exactly one profile found takes `NextAction` and writes `$.Customer.ProfileId`, the requested
//! fields under their flat names, and `$.Customer.ProfileARN` when the fixture gives a domain ARN.
//! No profile takes `NoneFoundError` and several take `MultipleFoundError`, and both leave
//! `$.Customer` as it was. A bad request, a missing store, an unavailable store or writes that
//! would pass the character limit of `$.Customer` take `NoMatchingError`, with a trace note that
//! gives the reason.

use super::{MULTIPLE_FOUND, NO_MATCHING, NONE_FOUND};
use crate::customer::{self, CustomerWrite, customer_chars_after};
use crate::mapping::{FlatValue, customer_segments, flat_name, flat_value};
use crate::profile::Profile;
use crate::request::{SearchRequest, read_response_names, read_search_request};
use crate::search::{ProfileMatch, SearchPair, SearchQuery};
use crate::slot::installed_slot;
use flow_executor::resolve::render;
use flow_executor::{ActionContext, HandlerError, HandlerResult, Outcome};
use serde_json::{Value, json};

/// The action `Type` this module handles.
pub const ACTION_TYPE: &str = "GetCustomerProfile";

/// Runs one `GetCustomerProfile` block.
pub fn execute(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let request = match read_search_request(ctx.param("ProfileRequestData")) {
        Ok(request) => request,
        Err(message) => return Ok(no_matching(ctx, &message)),
    };
    let query = match resolve_query(ctx, &request)? {
        Ok(query) => query,
        Err(message) => return Ok(no_matching(ctx, &message)),
    };
    let (found, store_facts) = match search(ctx, &query) {
        Ok(result) => result,
        Err(message) => return Ok(no_matching(ctx, &message)),
    };
    report_search(ctx, &query, &found);
    match found.as_slice() {
        [] => Ok(Outcome::Error(NONE_FOUND.to_string())),
        [only] => Ok(write_profile(ctx, &only.profile, &store_facts)),
        _ => Ok(Outcome::Error(MULTIPLE_FOUND.to_string())),
    }
}

/// The slot's domain ARN and character limit, copied out so that the slot's borrow ends.
struct StoreFacts {
    domain_arn: Option<String>,
    max_customer_chars: usize,
}

/// Notes `message` and returns the `NoMatchingError` outcome.
fn no_matching(ctx: &mut ActionContext<'_>, message: &str) -> Outcome {
    ctx.note(&format!("GetCustomerProfile failed: {message}"));
    Outcome::Error(NO_MATCHING.to_string())
}

/// Resolves every identifier value and builds the query. The outer error is a resolver failure,
/// the inner one a request that breaks a SearchProfiles limit.
fn resolve_query(
    ctx: &mut ActionContext<'_>,
    request: &SearchRequest,
) -> Result<Result<SearchQuery, String>, HandlerError> {
    let mut pairs = Vec::with_capacity(request.identifiers.len());
    for identifier in &request.identifiers {
        let value = ctx.resolve(&identifier.value)?;
        pairs.push(SearchPair::new(&identifier.key_name, &render(&value)));
    }
    Ok(SearchQuery::new(pairs, request.operator).map_err(|e| e.to_string()))
}

/// Runs the query on the installed store, and returns the matches with the store's domain ARN and
/// character limit.
fn search(ctx: &ActionContext<'_>, query: &SearchQuery) -> Result<(Vec<ProfileMatch>, StoreFacts), String> {
    let slot = installed_slot(ctx.state).ok_or(
        "no profile store is installed (give the scenario a profile fixture, or set it unavailable \
         to test the error branch)",
    )?;
    let found = slot.store.search(query).map_err(|e| e.to_string())?;
    let facts = StoreFacts {
        domain_arn: slot.store.domain_arn().map(str::to_string),
        max_customer_chars: slot.max_customer_chars,
    };
    Ok((found, facts))
}

fn report_search(ctx: &mut ActionContext<'_>, query: &SearchQuery, found: &[ProfileMatch]) {
    let terms: Vec<String> = query
        .pairs
        .iter()
        .map(|pair| format!("{} = {:?}", pair.key_name, pair.value))
        .collect();
    let question = format!("profile search {}", terms.join(&format!(" {} ", query.operator)));
    let profiles: Vec<Value> = found
        .iter()
        .map(|m| json!({"ProfileId": m.profile.profile_id, "FoundByItems": m.found_by_items}))
        .collect();
    let answer = json!({"matched": found.len(), "profiles": profiles});
    ctx.report_answer(&question, &answer, false);
}

/// Writes the profile's id, its ARN when the domain is known, and every requested field that the
/// profile has, unless together they would pass the character limit of `$.Customer`. A requested
/// field the profile lacks is not written, so an earlier value at that path stays, and a trace
/// note names the field.
fn write_profile(ctx: &mut ActionContext<'_>, profile: &Profile, facts: &StoreFacts) -> Outcome {
    let writes = planned_writes(ctx, profile, facts.domain_arn.as_deref());
    let total = customer_chars_after(ctx.state, &writes);
    if total > facts.max_customer_chars {
        let message = format!(
            "the profile's fields would bring $.Customer to {total} characters, over the limit of {} \
             (request fewer fields in ProfileResponseData)",
            facts.max_customer_chars
        );
        return no_matching(ctx, &message);
    }
    customer::apply(ctx, writes);
    Outcome::Next
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
            ctx.note(&unknown_field_message(name));
            None
        }
    }
}

fn unknown_field_message(name: &str) -> String {
    let hint = match flat_name(name) {
        Some(flat) => format!("did you mean {flat}? Address fields have flat names"),
        None => "use a flat name such as FirstName, City, ShippingCity or Attributes.<key>".to_string(),
    };
    format!("{name} is not a profile response field, so it is not written ({hint})")
}
