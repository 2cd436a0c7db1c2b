//! `GetCustomerProfile`: searches the profile store and copies the requested fields to `$.Customer`.
//!
//! Exactly one profile found takes `NextAction` and writes `$.Customer.ProfileId`, the requested
//! fields under their flat names, and `$.Customer.ProfileARN` when the fixture gives a domain ARN.
//! No profile takes `NoneFoundError` and several take `MultipleFoundError`, and both leave
//! `$.Customer` as it was. A bad request, a missing store, an unavailable store or writes that
//! would pass the character limit of `$.Customer` take `NoMatchingError`, with a trace note that
//! gives the reason.

use super::profile_fields::{StoreFacts, write_profile};
use super::{Failure, MULTIPLE_FOUND, NONE_FOUND, run_block};
use crate::request::{SearchRequest, read_search_request};
use crate::search::{ProfileMatch, SearchPair, SearchQuery};
use flow_executor::resolve::render;
use flow_executor::{ActionContext, HandlerResult, Outcome};
use serde_json::{Value, json};

/// The action `Type` this module handles.
pub const ACTION_TYPE: &str = "GetCustomerProfile";

/// Runs one `GetCustomerProfile` block.
pub fn execute(ctx: &mut ActionContext<'_>) -> HandlerResult {
    run_block(ctx, ACTION_TYPE, get_profile)
}

fn get_profile(ctx: &mut ActionContext<'_>) -> Result<Outcome, Failure> {
    let request = read_search_request(ctx.param("ProfileRequestData"))?;
    let query = resolve_query(ctx, &request)?;
    let found = super::slot(ctx)?.store.search(&query)?;
    let facts = StoreFacts::of(ctx)?;
    report_search(ctx, &query, &found);
    match found.as_slice() {
        [] => Ok(Outcome::Error(NONE_FOUND.to_string())),
        [only] => {
            write_profile(ctx, &only.profile, &facts)?;
            Ok(Outcome::Next)
        }
        _ => Ok(Outcome::Error(MULTIPLE_FOUND.to_string())),
    }
}

/// Resolves every identifier value and builds the query, checking the SearchProfiles limits.
fn resolve_query(ctx: &mut ActionContext<'_>, request: &SearchRequest) -> Result<SearchQuery, Failure> {
    let mut pairs = Vec::with_capacity(request.identifiers.len());
    for identifier in &request.identifiers {
        let value = ctx.resolve(&identifier.value)?;
        pairs.push(SearchPair::new(&identifier.key_name, &render(&value)));
    }
    SearchQuery::new(pairs, request.operator).map_err(|e| Failure::NoMatching(e.to_string()))
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
