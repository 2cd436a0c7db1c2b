//! `GetCustomerProfile`: searches the profile store and copies the requested fields to `$.Customer`.
//!
//! Exactly one profile found takes `NextAction` and writes `$.Customer.ProfileId`, the requested
//! fields under their flat names, and `$.Customer.ProfileARN` when the fixture gives a domain ARN.
//! No profile takes `NoneFoundError` and several take `MultipleFoundError`, and both leave
//! `$.Customer` as it was. A bad request, a missing store or an unavailable store takes
//! `NoMatchingError`, with a trace note that gives the reason.

use super::{MULTIPLE_FOUND, NO_MATCHING, NONE_FOUND};
use crate::mapping::{FlatValue, customer_segments, flat_name, flat_value};
use crate::profile::Profile;
use crate::request::{SearchRequest, read_response_names, read_search_request};
use crate::search::{ProfileMatch, SearchPair, SearchQuery};
use crate::slot::installed_store;
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
    let (found, domain_arn) = match search(ctx, &query) {
        Ok(result) => result,
        Err(message) => return Ok(no_matching(ctx, &message)),
    };
    report_search(ctx, &query, &found);
    match found.as_slice() {
        [] => Ok(Outcome::Error(NONE_FOUND.to_string())),
        [only] => {
            write_profile(ctx, &only.profile, domain_arn.as_deref());
            Ok(Outcome::Next)
        }
        _ => Ok(Outcome::Error(MULTIPLE_FOUND.to_string())),
    }
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

/// Runs the query on the installed store, and returns the matches and the store's domain ARN.
fn search(
    ctx: &ActionContext<'_>,
    query: &SearchQuery,
) -> Result<(Vec<ProfileMatch>, Option<String>), String> {
    let store = installed_store(ctx.state).ok_or(
        "no profile store is installed (give the scenario a profile fixture, or set it unavailable \
         to test the error branch)",
    )?;
    let found = store.search(query).map_err(|e| e.to_string())?;
    Ok((found, store.domain_arn().map(str::to_string)))
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
/// profile has. A requested field the profile lacks is not written, so an earlier value at that
/// path stays, and a trace note names the field.
fn write_profile(ctx: &mut ActionContext<'_>, profile: &Profile, domain_arn: Option<&str>) {
    ctx.write(&["Customer", "ProfileId"], json!(profile.profile_id));
    if let Some(domain_arn) = domain_arn {
        let arn = format!("{domain_arn}/profiles/{}", profile.profile_id);
        ctx.write(&["Customer", "ProfileARN"], json!(arn));
    }
    let (names, skipped) = read_response_names(ctx.param("ProfileResponseData"));
    for message in skipped {
        ctx.note(&message);
    }
    for name in names {
        write_field(ctx, profile, &name);
    }
}

fn write_field(ctx: &mut ActionContext<'_>, profile: &Profile, name: &str) {
    match flat_value(profile, name) {
        FlatValue::Present(value) => ctx.write(&customer_segments(name), json!(value)),
        FlatValue::Missing => ctx.note(&format!(
            "profile {} has no {name}, so $.Customer.{name} is not written",
            profile.profile_id
        )),
        FlatValue::Unknown => ctx.note(&unknown_field_message(name)),
    }
}

fn unknown_field_message(name: &str) -> String {
    let hint = match flat_name(name) {
        Some(flat) => format!("did you mean {flat}? Address fields have flat names"),
        None => "use a flat name such as FirstName, City, ShippingCity or Attributes.<key>".to_string(),
    };
    format!("{name} is not a profile response field, so it is not written ({hint})")
}
