//! `GetCustomerProfileObject`: reads one asset, order, case or custom object of a profile.
//!
//! `ProfileId` and `ObjectType` are required, with either `UseLatest` true or `IdentifierName` and
//! `IdentifierValue`. Objects come from the fixture profile's `Objects`, oldest first, so the
//! latest object is the last one. The block writes the object's id (`$.Customer.Asset.AssetId`,
//! `$.Customer.Order.OrderId`, `$.Customer.Case.CaseId`) and the fields that `ProfileResponseData`
//! requests, then takes `NextAction`. No object of the type, or none with the identifier value,
//! takes `NoneFoundError`. A bad request, a value over 255 characters, a profile that does not
//! exist, a missing or unavailable store, or writes that would pass the character limit of
//! `$.Customer` take `NoMatchingError`.

use super::{Failure, NONE_FOUND, request_data, required_request_value, run_block, write_within_limit};
use crate::customer::CustomerWrite;
use crate::objects::{ObjectKind, identifier_value, object_field, read_object_value};
use crate::request::read_response_names;
use flow_executor::{ActionContext, HandlerResult, Outcome};
use serde_json::{Map, Value, json};

/// The action `Type` this module handles.
pub const ACTION_TYPE: &str = "GetCustomerProfileObject";

/// Runs one `GetCustomerProfileObject` block.
pub fn execute(ctx: &mut ActionContext<'_>) -> HandlerResult {
    run_block(ctx, ACTION_TYPE, get_object)
}

/// The block's choice among the profile's objects of the requested type.
enum Selection {
    Latest,
    /// Objects whose identifier `name` has `value`.
    Identifier {
        name: String,
        value: String,
    },
}

fn get_object(ctx: &mut ActionContext<'_>) -> Result<Outcome, Failure> {
    let data = request_data(ctx)?;
    let profile_id = required_request_value(ctx, &data, "ProfileId", "$.Customer.ProfileId")?;
    let object_type = required_request_value(ctx, &data, "ObjectType", "Asset")?;
    let selection = read_selection(ctx, &data)?;
    let kind = ObjectKind::from_type_name(&object_type);

    let objects = profile_objects(ctx, &profile_id, &kind)?;
    let matching: Vec<&Value> = objects
        .iter()
        .filter(|object| selection.matches(object))
        .collect();
    report_objects(ctx, &profile_id, &object_type, &matching);
    let Some(object) = matching.last() else {
        return Ok(Outcome::Error(NONE_FOUND.to_string()));
    };
    // NOTE: the block has no branch for several matching objects, and Connect does not document
    // which one it reads. flowsim reads the latest.
    if matching.len() > 1 && matches!(selection, Selection::Identifier { .. }) {
        ctx.note(&format!(
            "{} {object_type} objects have the identifier value, so the block reads the latest of them",
            matching.len()
        ));
    }
    let writes = planned_writes(ctx, &kind, object);
    let max_chars = super::slot(ctx)?.max_customer_chars;
    write_within_limit(ctx, writes, max_chars)?;
    Ok(Outcome::Next)
}

fn read_selection(ctx: &mut ActionContext<'_>, data: &Map<String, Value>) -> Result<Selection, Failure> {
    if data.contains_key("UseLatset") {
        return Err(Failure::NoMatching(
            "ProfileRequestData has the misspelt key UseLatset (did you mean UseLatest?)".to_string(),
        ));
    }
    if data.contains_key("IdentifierName") {
        let name = required_request_value(ctx, data, "IdentifierName", "_assetId")?;
        let value = required_request_value(ctx, data, "IdentifierValue", "$.Attributes.assetId")?;
        return Ok(Selection::Identifier { name, value });
    }
    let use_latest = match data.get("UseLatest") {
        Some(raw) => super::resolve_request_value(ctx, "UseLatest", raw)?,
        None => String::new(),
    };
    match use_latest.as_str() {
        "true" | "True" => Ok(Selection::Latest),
        _ => Err(Failure::NoMatching(format!(
            "ProfileRequestData has UseLatest {use_latest:?} and no IdentifierName (set UseLatest to \
             true, or give IdentifierName and IdentifierValue)"
        ))),
    }
}

impl Selection {
    fn matches(&self, object: &Value) -> bool {
        match self {
            Selection::Latest => true,
            Selection::Identifier { name, value } => identifier_value(object, name).as_deref() == Some(value),
        }
    }
}

/// Returns the profile's objects of `kind`, oldest first.
fn profile_objects(
    ctx: &ActionContext<'_>,
    profile_id: &str,
    kind: &ObjectKind,
) -> Result<Vec<Value>, Failure> {
    let profile = super::slot(ctx)?.store.get(profile_id)?.ok_or_else(|| {
        format!(
            "no profile has the ProfileId {profile_id:?} (use the id that a Get or Create profile block \
             stored at $.Customer.ProfileId)"
        )
    })?;
    let objects = kind
        .fixture_names()
        .into_iter()
        .find_map(|name| profile.objects.get(name))
        .cloned();
    Ok(objects.unwrap_or_default())
}

fn report_objects(ctx: &mut ActionContext<'_>, profile_id: &str, object_type: &str, matching: &[&Value]) {
    let question = format!("profile objects of type {object_type} of profile {profile_id}");
    let answer = json!({"matched": matching.len(), "latest": matching.last()});
    ctx.report_answer(&question, &answer, false);
}

fn planned_writes(ctx: &mut ActionContext<'_>, kind: &ObjectKind, object: &Value) -> Vec<CustomerWrite> {
    let mut writes = Vec::new();
    if let (Some(label), Some(id_field)) = (kind.label(), kind.id_field())
        && let Some(id) = read_object_value(object, id_field)
    {
        writes.push(CustomerWrite::new(&["Customer", label, id_field], &id));
    }
    let (names, skipped) = read_response_names(ctx.param("ProfileResponseData"));
    for message in skipped {
        ctx.note(&message);
    }
    for name in names {
        writes.extend(planned_field_write(ctx, kind, object, &name));
    }
    writes
}

fn planned_field_write(
    ctx: &mut ActionContext<'_>,
    kind: &ObjectKind,
    object: &Value,
    name: &str,
) -> Option<CustomerWrite> {
    let Some(field) = object_field(kind, name) else {
        ctx.note(&format!(
            "{name} is not a response field of {} objects, so it is not written (use names such \
             as AssetStatus, OrderTotalPrice, CaseTitle, AssetAttributes.<key> or ObjectAttributes.<key>)",
            kind.name()
        ));
        return None;
    };
    let target: Vec<&str> = field.target.iter().map(String::as_str).collect();
    match read_object_value(object, &field.source) {
        Some(value) => Some(CustomerWrite::new(&target, &value)),
        None => {
            ctx.note(&format!(
                "the object has no {}, so $.{} is not written",
                field.source,
                target.join(".")
            ));
            None
        }
    }
}
