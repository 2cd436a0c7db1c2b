//! GetCustomerProfile rules: at least one and at most five identifiers, the logical operator, and
//! the documentation's misspelled keys.

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

/// Reports `IdentiferName` and `IdentiferValue`, a misspelling copied from AWS's documentation.
fn misspellings(request: &Map<String, Value>, base: &str) -> Vec<Diagnostic> {
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
        .flat_map(|(pointer, object)| misspelled_keys(object, &pointer))
        .collect()
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
