//! GetCustomerProfile rules: at least one and at most five identifiers, the logical operator, the
//! documentation's misspelled keys, and literal phone numbers that are not in E.164 form.

use super::Context;
use crate::codes;
use crate::diagnostic::Diagnostic;
use serde_json::{Map, Value};

/// The maximum number of identifiers that one GetCustomerProfile may search by.
pub const MAX_PROFILE_IDENTIFIERS: usize = 5;

/// Keys of `ProfileRequestData` that are not identifiers themselves.
const SEARCH_KEYS: &[&str] = &[
    "IdentifierName",
    "IdentifierValue",
    "SearchCriteria",
    "LogicalOperator",
];

/// Keys that belong inside `ProfileRequestData`, not directly under `Parameters`.
pub(super) const REQUEST_KEYS: &[&str] = &[
    "IdentifierName",
    "IdentifierValue",
    "SearchCriteria",
    "LogicalOperator",
    "ProfileId",
    "ContactId",
];

pub(super) fn check(context: &mut Context) {
    for (index, action) in context.actions() {
        let is_profile_action = crate::catalogue::lookup(&action.action_type)
            .is_some_and(|spec| spec.family == crate::catalogue::Family::CustomerProfiles);
        if is_profile_action {
            report_keys_outside_request(context, index, action);
        }
        if action.action_type != "GetCustomerProfile" {
            continue;
        }
        // A missing or non-object `ProfileRequestData` is reported by the parameter rules.
        let Some(Value::Object(request)) = action.parameters.get("ProfileRequestData") else {
            continue;
        };
        let base = context.pointer(index, "/Parameters/ProfileRequestData");
        for diagnostic in request_problems(request, &base) {
            context.push_for(index, diagnostic);
        }
    }
}

/// Reports request keys written directly under `Parameters`. Connect rejects that shape on import.
fn report_keys_outside_request(context: &mut Context, index: usize, action: &crate::model::Action) {
    let misplaced = action
        .parameters
        .keys()
        .filter(|key| REQUEST_KEYS.contains(&key.as_str()));
    for key in misplaced {
        let diagnostic = Diagnostic::error(
            codes::PROFILE_KEY_OUTSIDE_REQUEST,
            context.pointer(index, &format!("/Parameters/{key}")),
            format!("`{key}` belongs inside `ProfileRequestData`, not directly under `Parameters`"),
        )
        .with_hint(format!("move `{key}` into the `ProfileRequestData` object"));
        context.push_for(index, diagnostic);
    }
}

fn request_problems(request: &Map<String, Value>, base: &str) -> Vec<Diagnostic> {
    let mut problems = misspellings(request, base);
    problems.extend(phone_literal_problems(request, base));
    let criteria = request.get("SearchCriteria").and_then(Value::as_array);
    let count = identifier_count(request, criteria.map_or(0, Vec::len));
    if count == 0 {
        problems.push(
            Diagnostic::error(codes::PROFILE_REQUEST_MISSING, base, "GetCustomerProfile names no identifier to search by")
                .with_hint("set `IdentifierName` and `IdentifierValue`, such as \"_phone\" and \"$.CustomerEndpoint.Address\""),
        );
    }
    if count > MAX_PROFILE_IDENTIFIERS {
        problems.push(
            Diagnostic::error(
                codes::PROFILE_TOO_MANY_IDENTIFIERS,
                base,
                format!(
                    "GetCustomerProfile searches by {count} identifiers, more than {MAX_PROFILE_IDENTIFIERS}"
                ),
            )
            .with_hint("search by at most five identifiers"),
        );
    }
    problems.extend(operator_problem(request, criteria.is_some(), base));
    problems
}

/// Counts the single identifier, the `SearchCriteria` entries and the older per-field keys such as
/// `PhoneNumber`.
fn identifier_count(request: &Map<String, Value>, criteria: usize) -> usize {
    let single = usize::from(request.contains_key("IdentifierName") || request.contains_key("IdentiferName"));
    let fields = request
        .keys()
        .filter(|key| !SEARCH_KEYS.contains(&key.as_str()) && !key.starts_with("Identifer"))
        .count();
    single + criteria + fields
}

fn operator_problem(request: &Map<String, Value>, has_criteria: bool, base: &str) -> Option<Diagnostic> {
    let pointer = format!("{base}/LogicalOperator");
    match request.get("LogicalOperator") {
        None if has_criteria => Some(
            Diagnostic::error(
                codes::PROFILE_OPERATOR_MISSING,
                base,
                "`SearchCriteria` requires a `LogicalOperator`",
            )
            .with_hint("add \"LogicalOperator\": \"AND\" or \"OR\""),
        ),
        Some(Value::String(operator)) if operator == "AND" || operator == "OR" => None,
        Some(other) => Some(
            Diagnostic::error(
                codes::PROFILE_OPERATOR_INVALID,
                pointer,
                format!("`LogicalOperator` is {other}, but Connect accepts only \"AND\" or \"OR\""),
            )
            .with_hint("write \"AND\" or \"OR\" in capitals"),
        ),
        None => None,
    }
}

/// Returns the request itself and each `SearchCriteria` entry, with its JSON pointer.
fn identifier_objects<'a>(
    request: &'a Map<String, Value>,
    base: &str,
) -> Vec<(String, &'a Map<String, Value>)> {
    let criteria = request.get("SearchCriteria").and_then(Value::as_array);
    let entries = criteria
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(position, entry)| {
            entry
                .as_object()
                .map(|object| (format!("{base}/SearchCriteria/{position}"), object))
        });
    std::iter::once((base.to_string(), request))
        .chain(entries)
        .collect()
}

/// Reports `IdentiferName` and `IdentiferValue`, a misspelling copied from AWS's documentation.
fn misspellings(request: &Map<String, Value>, base: &str) -> Vec<Diagnostic> {
    identifier_objects(request, base)
        .into_iter()
        .flat_map(|(pointer, object)| misspelled_keys(object, &pointer))
        .collect()
}

/// Reports a literal `_phone` value that is not in E.164 form, such as `555-010-0104`. Connect
/// gives the caller's number in E.164 form, and a profile store that keeps numbers as written may
/// not match another format.
fn phone_literal_problems(request: &Map<String, Value>, base: &str) -> Vec<Diagnostic> {
    identifier_objects(request, base)
        .into_iter()
        .filter(|(_, object)| object.get("IdentifierName").and_then(Value::as_str) == Some("_phone"))
        .filter_map(|(pointer, object)| {
            let value = object.get("IdentifierValue")?.as_str()?;
            if value.contains('$') || is_e164(value) {
                return None;
            }
            let diagnostic = Diagnostic::warning(
                codes::PHONE_NOT_E164,
                format!("{pointer}/IdentifierValue"),
                format!("`_phone` value {value:?} is not an E.164 number"),
            )
            .with_hint("write the number as + and the country code, such as \"+15550100104\", or read `$.CustomerEndpoint.Address`");
            Some(diagnostic)
        })
        .collect()
}

/// Returns true for an E.164 number: `+`, a country code that does not start with 0, and at most
/// 15 digits in all.
fn is_e164(text: &str) -> bool {
    let Some(digits) = text.strip_prefix('+') else {
        return false;
    };
    (2..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) && !digits.starts_with('0')
}

fn misspelled_keys(object: &Map<String, Value>, pointer: &str) -> Vec<Diagnostic> {
    [
        ("IdentiferName", "IdentifierName"),
        ("IdentiferValue", "IdentifierValue"),
    ]
    .into_iter()
    .filter(|(wrong, _)| object.contains_key(*wrong))
    .map(|(wrong, right)| {
        Diagnostic::error(
            codes::PROFILE_MISSPELLED_KEY,
            format!("{pointer}/{wrong}"),
            format!("`{wrong}` is misspelled"),
        )
        .with_hint(format!("write `{right}`"))
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::{is_e164, phone_literal_problems};
    use serde_json::json;

    #[test]
    fn e164_numbers() {
        let cases = [
            ("+15550100104", true),
            ("+442071838750", true),
            ("555-010-0104", false),
            ("15550100104", false),
            ("+1 555 010 0104", false),
            ("+0123456", false),
            ("+1234567890123456", false),
        ];
        for (text, expected) in cases {
            assert_eq!(is_e164(text), expected, "{text}");
        }
    }

    #[test]
    fn literal_phone_values_are_checked() {
        let request = json!({
            "SearchCriteria": [
                {"IdentifierName": "_phone", "IdentifierValue": "(555) 010-0104"},
                {"IdentifierName": "_phone", "IdentifierValue": "$.CustomerEndpoint.Address"},
                {"IdentifierName": "_phone", "IdentifierValue": "+15550100104"},
                {"IdentifierName": "_account", "IdentifierValue": "555-010"}
            ],
            "LogicalOperator": "OR"
        });
        let request = request.as_object().expect("the request is an object");
        let pointers: Vec<String> = phone_literal_problems(request, "/R")
            .into_iter()
            .map(|d| d.pointer)
            .collect();
        assert_eq!(pointers, ["/R/SearchCriteria/0/IdentifierValue"]);
    }
}
