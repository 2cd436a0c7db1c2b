//! One module per Customer Profiles action, and the failure, store and limit handling they share.

pub mod associate_contact;
pub mod calculated_attributes;
pub mod create_profile;
pub mod get_object;
pub mod get_profile;
pub mod profile_fields;
pub mod segment_membership;
pub mod update_profile;

use crate::customer::{self, CustomerWrite, customer_chars_after};
use crate::search::MAX_VALUE_CHARS;
use crate::slot::ProfileSlot;
use crate::store::{ProfileStore, StoreError};
use flow_executor::resolve::render;
use flow_executor::{ActionContext, HandlerError, HandlerResult, Outcome};
use serde_json::{Map, Value};

/// The error type of a lookup that found no profile.
pub const NONE_FOUND: &str = "NoneFoundError";
/// The error type of a lookup that found more than one profile.
pub const MULTIPLE_FOUND: &str = "MultipleFoundError";
/// The error type of every other failure: a bad request, a missing or unavailable store.
pub const NO_MATCHING: &str = "NoMatchingError";

/// Why a profile block did not succeed: a message for its `NoMatchingError` branch, or a handler
/// error that the executor handles.
#[derive(Debug)]
pub enum Failure {
    NoMatching(String),
    Handler(HandlerError),
}

impl From<HandlerError> for Failure {
    fn from(error: HandlerError) -> Self {
        Failure::Handler(error)
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::NoMatching(message)
    }
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Self {
        Failure::NoMatching(error.to_string())
    }
}

/// Runs `block`, turning a [`Failure::NoMatching`] into the `NoMatchingError` outcome with a trace
/// note that names `action_type` and the reason.
pub fn run_block(
    ctx: &mut ActionContext<'_>,
    action_type: &str,
    block: impl FnOnce(&mut ActionContext<'_>) -> Result<Outcome, Failure>,
) -> HandlerResult {
    match block(ctx) {
        Ok(outcome) => Ok(outcome),
        Err(Failure::NoMatching(message)) => Ok(no_matching(ctx, action_type, &message)),
        Err(Failure::Handler(error)) => Err(error),
    }
}

/// Notes `message` and returns the `NoMatchingError` outcome.
pub fn no_matching(ctx: &mut ActionContext<'_>, action_type: &str, message: &str) -> Outcome {
    ctx.note(&format!("{action_type} failed: {message}"));
    Outcome::Error(NO_MATCHING.to_string())
}

const NO_STORE: &str = "no profile store is installed (give the scenario a profile fixture, or set it \
                        unavailable to test the error branch)";

/// Returns the installed slot, or the failure of a run without a profile store.
pub fn slot<'c>(ctx: &'c ActionContext<'_>) -> Result<&'c ProfileSlot, Failure> {
    crate::slot::installed_slot(ctx.state).ok_or_else(|| no_store(ctx))
}

/// Returns the installed store for a change, or the failure of a run without a profile store.
pub fn store_mut<'c>(ctx: &'c mut ActionContext<'_>) -> Result<&'c mut dyn ProfileStore, Failure> {
    if crate::slot::installed_slot(ctx.state).is_none() {
        return Err(no_store(ctx));
    }
    let slot = ctx
        .state
        .extensions
        .get_mut::<ProfileSlot>()
        .expect("the slot was just found");
    Ok(slot.store.as_mut())
}

/// The failure of a run without a profile store: `NoMatchingError` by default, and an open question
/// under `--strict`, because the scenario did not say what the profile store holds.
fn no_store(ctx: &ActionContext<'_>) -> Failure {
    if ctx.settings.strict {
        let question = format!(
            "the profile store at block `{}`: the scenario has no `profiles`; add a fixture path, an \
             inline array of profiles, or {{\"unavailable\": true}}",
            ctx.action.identifier
        );
        return Failure::Handler(HandlerError::Open(flow_executor::OpenQuestion { question }));
    }
    Failure::NoMatching(NO_STORE.to_string())
}

/// Returns the `ProfileRequestData` object, or a failure that names the fix.
pub fn request_data(ctx: &ActionContext<'_>) -> Result<Map<String, Value>, Failure> {
    match ctx.param("ProfileRequestData") {
        Some(Value::Object(members)) => Ok(members.clone()),
        Some(other) => Err(Failure::NoMatching(format!(
            "ProfileRequestData {other} is not an object (write {{\"ProfileId\": \"$.Customer.ProfileId\", ...}})"
        ))),
        None => Err(Failure::NoMatching(
            "the block has no ProfileRequestData (add a ProfileRequestData object)".to_string(),
        )),
    }
}

/// Resolves one request value to text and checks the request limit of 255 characters.
pub fn resolve_request_value(
    ctx: &mut ActionContext<'_>,
    name: &str,
    raw: &Value,
) -> Result<String, Failure> {
    let value = render(&ctx.resolve(raw)?);
    let chars = value.chars().count();
    if chars > MAX_VALUE_CHARS {
        return Err(Failure::NoMatching(format!(
            "the value of {name} has {chars} characters but a request value may have at most \
             {MAX_VALUE_CHARS}"
        )));
    }
    Ok(value)
}

/// Resolves the required request member `name`, which must not be empty.
pub fn required_request_value(
    ctx: &mut ActionContext<'_>,
    data: &Map<String, Value>,
    name: &str,
    example: &str,
) -> Result<String, Failure> {
    let raw = data
        .get(name)
        .ok_or_else(|| format!("ProfileRequestData has no {name} (add \"{name}\": \"{example}\")"))?;
    let value = resolve_request_value(ctx, name, raw)?;
    if value.is_empty() {
        return Err(Failure::NoMatching(format!(
            "{name} resolves to an empty value from {raw} (set the attribute in an earlier block, or \
             give a literal value)"
        )));
    }
    Ok(value)
}

/// Performs `writes` unless they would bring `$.Customer` over the slot's character limit.
pub fn write_within_limit(
    ctx: &mut ActionContext<'_>,
    writes: Vec<CustomerWrite>,
    max_chars: usize,
) -> Result<(), Failure> {
    check_within_limit(ctx, &writes, max_chars)?;
    customer::apply(ctx, writes);
    Ok(())
}

/// Fails when `writes` would bring `$.Customer` over `max_chars` characters.
pub fn check_within_limit(
    ctx: &ActionContext<'_>,
    writes: &[CustomerWrite],
    max_chars: usize,
) -> Result<(), Failure> {
    let total = customer_chars_after(ctx.state, writes);
    if total > max_chars {
        return Err(Failure::NoMatching(format!(
            "the block's writes would bring $.Customer to {total} characters, over the limit of \
             {max_chars} (request fewer fields in ProfileResponseData)"
        )));
    }
    Ok(())
}
