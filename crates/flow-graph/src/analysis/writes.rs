//! The attribute paths that each action type writes when it succeeds.

use super::access::{Access, AttributePath, Write};
use crate::diagnostic::escape_pointer_token;
use crate::model::Action;
use serde_json::Value;

/// Adds the writes of `action` to `access`.
pub(super) fn collect_writes(action: &Action, access: &mut Access) {
    let parameters = &action.parameters;
    match action.action_type.as_str() {
        "UpdateContactAttributes" if !targets_related_contact(action) => {
            collect_map_writes(parameters.get("Attributes"), "Attributes", access)
        }
        "UpdateFlowAttributes" => {
            collect_map_writes(parameters.get("FlowAttributes"), "FlowAttributes", access)
        }
        "InvokeLambdaFunction" if !is_asynchronous(action) => whole(access, "External"),
        "GetParticipantInput" if stores_input(action) => whole(access, "StoredCustomerInput"),
        "GetParticipantInput" if parameters.contains_key("LexV2Bot") => whole(access, "Lex"),
        "ConnectParticipantWithLexBot" => whole(access, "Lex"),
        "InvokeFlowModule" => whole(access, "Modules"),
        "ShowView" => whole(access, "Views"),
        "GetMetricData" => whole(access, "Metrics"),
        "CreateWisdomSession" => whole(access, "Wisdom"),
        "GetCase" | "CreateCase" => whole(access, "Case"),
        "Loop" => whole(access, "Loop"),
        "UpdateContactTargetQueue" => whole(access, "Queue"),
        "EvaluateDataTableValues" | "ListDataTableValues" => collect_data_table_writes(access),
        _ if super::access::is_profile_action(action) => collect_profile_writes(action, access),
        _ => {}
    }
}

/// Returns true for `TargetContact: "Related"`, which writes the related contact, not this one.
fn targets_related_contact(action: &Action) -> bool {
    action.parameters.get("TargetContact").and_then(Value::as_str) == Some("Related")
}

/// Returns true for an asynchronous Lambda call, which leaves `$.External` unchanged.
fn is_asynchronous(action: &Action) -> bool {
    action.parameters.get("InvocationType").and_then(Value::as_str) == Some("ASYNCHRONOUS")
}

fn stores_input(action: &Action) -> bool {
    let store = action.parameters.get("StoreInput");
    store
        .and_then(Value::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("true"))
        || store == Some(&Value::Bool(true))
}

fn whole(access: &mut Access, namespace: &str) {
    access.writes.push(Write {
        path: AttributePath(vec![namespace.to_string()]),
        pointer: String::new(),
        literal_bytes: None,
    });
}

fn collect_data_table_writes(access: &mut Access) {
    whole(access, "DataTables");
    whole(access, "DataTableList");
}

/// Records one write per key of an attribute map, with the literal size of values that hold no
/// reference. UpdateFlowAttributes wraps each value as `{"Value": ...}`.
fn collect_map_writes(map: Option<&Value>, namespace: &str, access: &mut Access) {
    let Some(Value::Object(members)) = map else { return };
    let parameter = if namespace == "Attributes" {
        "Attributes"
    } else {
        "FlowAttributes"
    };
    for (key, value) in members {
        let text = value.get("Value").unwrap_or(value).as_str();
        let literal_bytes = text.filter(|t| !t.contains('$')).map(|t| t.len() + key.len());
        access.writes.push(Write {
            path: AttributePath(vec![namespace.to_string(), key.clone()]),
            pointer: format!("/Parameters/{parameter}/{}", escape_pointer_token(key)),
            literal_bytes,
        });
    }
}

/// Records `$.Customer.ProfileId`, `$.Customer.ProfileARN` and one `$.Customer.<field>` per
/// `ProfileResponseData` entry.
fn collect_profile_writes(action: &Action, access: &mut Access) {
    if action.action_type != "AssociateContactToCustomerProfile" {
        for name in ["Customer.ProfileId", "Customer.ProfileARN"] {
            access.writes.push(Write {
                path: AttributePath::dotted(name),
                pointer: String::new(),
                literal_bytes: None,
            });
        }
    }
    for (position, field) in response_fields(action) {
        access.writes.push(Write {
            path: customer_path(&field),
            pointer: format!("/Parameters/ProfileResponseData/{position}"),
            literal_bytes: None,
        });
    }
}

/// Lists the requested response fields with their position. Exports write an array of names;
/// AWS's documentation shows an object whose keys are the names.
fn response_fields(action: &Action) -> Vec<(String, String)> {
    match action.parameters.get("ProfileResponseData") {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| Some((i.to_string(), item.as_str()?.to_string())))
            .collect(),
        Some(Value::Object(members)) => members
            .keys()
            .map(|key| (escape_pointer_token(key), key.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

/// Maps a response field name to the path it lands on: `FirstName` to `$.Customer.FirstName`,
/// `Attributes.tier` to `$.Customer.Attributes.tier`, `AssetAttributes.x` to
/// `$.Customer.Asset.Attributes.x` and `OrderStatus` to `$.Customer.Order.Status`.
///
/// NOTE: the object mappings (`Asset`, `Order`, `Case`) follow AWS's field lists for
/// GetCustomerProfileObject; the service's exact key layout under `$.Customer` is not documented.
fn customer_path(field: &str) -> AttributePath {
    let mut names = vec!["Customer".to_string()];
    for object in ["Asset", "Order", "Case"] {
        if let Some(rest) = field
            .strip_prefix(object)
            .filter(|rest| rest.starts_with(char::is_uppercase))
        {
            names.push(object.to_string());
            names.extend(rest.split('.').map(str::to_string));
            return AttributePath(names);
        }
    }
    names.extend(field.split('.').map(str::to_string));
    AttributePath(names)
}
