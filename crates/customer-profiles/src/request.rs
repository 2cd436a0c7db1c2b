//! Reading `ProfileRequestData` and `ProfileResponseData`, the parameters every profile action has.

use crate::search::LogicalOperator;
use serde_json::Value;
use std::str::FromStr;

/// Flat field names accepted as identifiers in the older `{"PhoneNumber": ...}` request form, with
/// the search key that each one uses.
const LEGACY_IDENTIFIERS: [(&str, &str); 9] = [
    ("PhoneNumber", "_phone"),
    ("MobilePhoneNumber", "_phone"),
    ("HomePhoneNumber", "_phone"),
    ("BusinessPhoneNumber", "_phone"),
    ("EmailAddress", "_email"),
    ("PersonalEmailAddress", "_email"),
    ("BusinessEmailAddress", "_email"),
    ("AccountNumber", "_account"),
    ("ProfileId", "_profileId"),
];

/// One identifier of a search request, before its value is resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Identifier {
    pub key_name: String,
    /// The raw `IdentifierValue`: a literal or a `$.…` reference.
    pub value: Value,
}

/// A search request read from `ProfileRequestData`.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    pub identifiers: Vec<Identifier>,
    pub operator: LogicalOperator,
}

/// Reads the search request of a Get profile block from its `ProfileRequestData`, in any of three
/// forms: `{IdentifierName, IdentifierValue}`, `{SearchCriteria: [...], LogicalOperator}` or the
/// older `{"PhoneNumber": ...}`. Otherwise returns a message that names the problem and the fix.
pub fn read_search_request(data: Option<&Value>) -> Result<SearchRequest, String> {
    let data = data.ok_or(
        "the block has no ProfileRequestData (put IdentifierName and IdentifierValue inside a \
         ProfileRequestData object)",
    )?;
    let object = data.as_object().ok_or(
        "ProfileRequestData is not an object (write {\"IdentifierName\": ..., \"IdentifierValue\": ...})",
    )?;
    if let Some(typo) = ["IdentiferName", "IdentiferValue"]
        .into_iter()
        .find(|key| object.contains_key(*key))
    {
        return Err(format!(
            "ProfileRequestData has the misspelt key {typo} (did you mean {}?)",
            typo.replace("Identifer", "Identifier")
        ));
    }
    if object.contains_key("SearchCriteria") && object.contains_key("IdentifierName") {
        return Err(
            "ProfileRequestData has both IdentifierName and SearchCriteria (use one \
                    identifier, or list every identifier in SearchCriteria)"
                .to_string(),
        );
    }
    if let Some(criteria) = object.get("SearchCriteria") {
        return read_search_criteria(criteria, object.get("LogicalOperator"));
    }
    if object.contains_key("IdentifierName") {
        let identifier = read_identifier(data, "ProfileRequestData")?;
        return Ok(SearchRequest {
            identifiers: vec![identifier],
            operator: LogicalOperator::Or,
        });
    }
    read_legacy_request(object)
}

fn read_search_criteria(criteria: &Value, operator: Option<&Value>) -> Result<SearchRequest, String> {
    let entries = criteria.as_array().ok_or(
        "SearchCriteria is not an array (write a list of {IdentifierName, IdentifierValue} objects)",
    )?;
    let operator = operator
        .ok_or("SearchCriteria has no LogicalOperator (add \"LogicalOperator\": \"AND\" or \"OR\")")?;
    let operator = operator
        .as_str()
        .and_then(|text| LogicalOperator::from_str(text).ok())
        .ok_or_else(|| format!("invalid LogicalOperator {operator} (use \"AND\" or \"OR\")"))?;
    let identifiers = entries
        .iter()
        .enumerate()
        .map(|(index, entry)| read_identifier(entry, &format!("SearchCriteria[{index}]")))
        .collect::<Result<Vec<_>, String>>()?;
    Ok(SearchRequest {
        identifiers,
        operator,
    })
}

fn read_identifier(entry: &Value, place: &str) -> Result<Identifier, String> {
    let key_name = entry
        .get("IdentifierName")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("{place} has no IdentifierName string (name a search key such as _phone)"))?;
    let value = entry.get("IdentifierValue").ok_or_else(|| {
        format!(
            "{place} has no IdentifierValue (give a value or a reference such as $.CustomerEndpoint.Address)"
        )
    })?;
    Ok(Identifier {
        key_name: key_name.to_string(),
        value: value.clone(),
    })
}

/// Reads the older form, in which each key is a profile field name.
// NOTE: how Connect combines several fields of this form is not documented; flowsim uses OR, the
// SearchProfiles API's default.
fn read_legacy_request(object: &serde_json::Map<String, Value>) -> Result<SearchRequest, String> {
    let identifiers = object
        .iter()
        .map(|(field, value)| read_legacy_identifier(field, value))
        .collect::<Result<Vec<_>, String>>()?;
    Ok(SearchRequest {
        identifiers,
        operator: LogicalOperator::Or,
    })
}

fn read_legacy_identifier(field: &str, value: &Value) -> Result<Identifier, String> {
    let key_name = LEGACY_IDENTIFIERS
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, key_name)| *key_name)
        .ok_or_else(|| {
            format!(
                "ProfileRequestData has the unknown field {field} (use IdentifierName and \
                 IdentifierValue, or a field such as PhoneNumber, EmailAddress or AccountNumber)"
            )
        })?;
    Ok(Identifier {
        key_name: key_name.to_string(),
        value: value.clone(),
    })
}

/// Reads the flat names of `ProfileResponseData`: an array of names as the console exports it, or
/// an object whose keys are the names as the documentation shows it. A missing parameter is an empty
/// list. Returns the names and a message for each entry that was skipped.
pub fn read_response_names(data: Option<&Value>) -> (Vec<String>, Vec<String>) {
    match data {
        None => (Vec::new(), Vec::new()),
        Some(Value::Array(entries)) => read_name_array(entries),
        Some(Value::Object(object)) => (object.keys().cloned().collect(), Vec::new()),
        Some(other) => (
            Vec::new(),
            vec![format!(
                "ProfileResponseData {other} is neither an array nor an object, so no field is written"
            )],
        ),
    }
}

fn read_name_array(entries: &[Value]) -> (Vec<String>, Vec<String>) {
    let mut names = Vec::new();
    let mut skipped = Vec::new();
    for entry in entries {
        match entry.as_str() {
            Some(name) => names.push(name.to_string()),
            None => skipped.push(format!(
                "ProfileResponseData entry {entry} is not a string, so it is skipped"
            )),
        }
    }
    (names, skipped)
}
