//! Builds the [`Flow`] model from a JSON object action by action, reporting every malformed part.
//!
//! A malformed part is left out and reported, so one bad action never hides the problems of the
//! others. An action without a string `Identifier` is left out entirely. An action whose `Type` is
//! missing keeps an empty `Type`, so transitions to it still resolve.

use crate::codes;
use crate::diagnostic::{Diagnostic, pointer};
use crate::model::{Action, Condition, ConditionTransition, ErrorTransition, Flow, Metadata, Transitions};
use indexmap::IndexMap;
use serde_json::{Map, Value};

/// Converts the flow object into a [`Flow`], adding a diagnostic for every malformed part.
/// Also returns the position in `Actions` of each action kept.
pub(super) fn build_flow(
    mut object: Map<String, Value>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Flow, Vec<usize>) {
    let version = take_string(&mut object, "Version", diagnostics);
    let start_action = take_string(&mut object, "StartAction", diagnostics);
    let metadata = take_metadata(&mut object, diagnostics);
    let (actions, positions) = take_actions(&mut object, diagnostics);
    let settings = object.shift_remove("Settings");
    let flow = Flow {
        version,
        start_action,
        metadata,
        actions,
        settings,
        extra: object.into_iter().collect(),
    };
    (flow, positions)
}

/// Removes `Actions` and builds each action, with its position in the array.
fn take_actions(
    object: &mut Map<String, Value>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Action>, Vec<usize>) {
    match object.shift_remove("Actions") {
        None => (Vec::new(), Vec::new()),
        Some(Value::Array(items)) => build_actions(items, diagnostics),
        Some(other) => {
            let message = format!("`Actions` is {}, expected an array of actions", kind_of(&other));
            diagnostics.push(
                Diagnostic::error(codes::ACTIONS_NOT_ARRAY, "/Actions", message)
                    .with_hint("export the flow again; `Actions` lists every block"),
            );
            (Vec::new(), Vec::new())
        }
    }
}

/// Removes a top-level string field, keeping a value of another type in the map and reporting it.
fn take_string(
    object: &mut Map<String, Value>,
    key: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    match object.get(key) {
        None => None,
        Some(Value::String(_)) => match object.shift_remove(key) {
            Some(Value::String(text)) => Some(text),
            _ => None,
        },
        Some(other) => {
            diagnostics.push(
                Diagnostic::error(
                    codes::TOP_LEVEL_INVALID,
                    pointer([key]),
                    format!("`{key}` is {}, expected a string", kind_of(other)),
                )
                .with_hint(format!("write `{key}` as a JSON string")),
            );
            None
        }
    }
}

/// Removes `Metadata` when it has the console's shape; otherwise keeps it in the extra map.
fn take_metadata(object: &mut Map<String, Value>, diagnostics: &mut Vec<Diagnostic>) -> Option<Metadata> {
    let value = object.get("Metadata")?;
    match serde_json::from_value::<Metadata>(value.clone()) {
        Ok(metadata) => {
            object.shift_remove("Metadata");
            Some(metadata)
        }
        Err(error) => {
            diagnostics.push(
                Diagnostic::warning(
                    codes::TOP_LEVEL_INVALID,
                    "/Metadata",
                    format!("`Metadata` does not have the console's shape and is ignored: {error}"),
                )
                .with_hint("Connect ignores `Metadata` at run time; fix it only for the designer's sake"),
            );
            None
        }
    }
}

fn build_actions(items: Vec<Value>, diagnostics: &mut Vec<Diagnostic>) -> (Vec<Action>, Vec<usize>) {
    let mut actions = Vec::with_capacity(items.len());
    let mut positions = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        if let Some(action) = build_action(index, item, diagnostics) {
            actions.push(action);
            positions.push(index);
        }
    }
    (actions, positions)
}

fn build_action(index: usize, item: Value, diagnostics: &mut Vec<Diagnostic>) -> Option<Action> {
    let base = format!("/Actions/{index}");
    let Value::Object(mut fields) = item else {
        diagnostics.push(
            Diagnostic::error(
                codes::ACTION_NOT_OBJECT,
                base,
                format!("action {index} is {}, expected an object", kind_of(&item)),
            )
            .with_hint("each element of `Actions` is an object with `Identifier`, `Type`, `Parameters` and `Transitions`"),
        );
        return None;
    };
    let identifier = action_identifier(&mut fields, &base, index, diagnostics);
    let action_type = action_type(&mut fields, &base, identifier.as_deref(), diagnostics);
    let mut problems = ActionProblems {
        base: &base,
        identifier: identifier.as_deref(),
        diagnostics,
    };
    let parameters = problems.parameters(fields.shift_remove("Parameters"));
    let transitions = problems.transitions(fields.shift_remove("Transitions"));
    Some(Action {
        identifier: identifier?,
        action_type,
        parameters,
        transitions,
        extra: fields.into_iter().collect(),
    })
}

fn action_identifier(
    fields: &mut Map<String, Value>,
    base: &str,
    index: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    match fields.shift_remove("Identifier") {
        Some(Value::String(identifier)) => Some(identifier),
        other => {
            diagnostics.push(
                Diagnostic::error(
                    codes::IDENTIFIER_INVALID,
                    format!("{base}/Identifier"),
                    format!(
                        "action {index} {}, so it is ignored",
                        field_problem("Identifier", other.as_ref())
                    ),
                )
                .with_hint("give every action a unique string `Identifier`"),
            );
            None
        }
    }
}

fn action_type(
    fields: &mut Map<String, Value>,
    base: &str,
    identifier: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    match fields.shift_remove("Type") {
        Some(Value::String(action_type)) => action_type,
        other => {
            let mut diagnostic = Diagnostic::error(
                codes::TYPE_INVALID,
                format!("{base}/Type"),
                format!("action {}", field_problem("Type", other.as_ref())),
            )
            .with_hint(
                "set `Type` to an action type such as \"MessageParticipant\"; `flowsim blocks` lists them",
            );
            diagnostic.identifier = identifier.map(str::to_string);
            diagnostics.push(diagnostic);
            String::new()
        }
    }
}

/// Reports the malformed parts of one action, located by its pointer and `Identifier`.
struct ActionProblems<'a> {
    base: &'a str,
    identifier: Option<&'a str>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl ActionProblems<'_> {
    fn report(&mut self, code: &'static str, suffix: &str, message: String, hint: &str) {
        let mut diagnostic =
            Diagnostic::error(code, format!("{}{suffix}", self.base), message).with_hint(hint);
        diagnostic.identifier = self.identifier.map(str::to_string);
        self.diagnostics.push(diagnostic);
    }

    fn parameters(&mut self, value: Option<Value>) -> IndexMap<String, Value> {
        match value {
            None | Some(Value::Null) => IndexMap::new(),
            Some(Value::Object(map)) => map.into_iter().collect(),
            Some(other) => {
                let message = format!("`Parameters` is {}, expected an object", kind_of(&other));
                self.report(
                    codes::PARAMETERS_NOT_OBJECT,
                    "/Parameters",
                    message,
                    "write `Parameters` as an object, `{}` when the action takes none",
                );
                IndexMap::new()
            }
        }
    }

    fn transitions(&mut self, value: Option<Value>) -> Transitions {
        let mut fields = match value {
            None | Some(Value::Null) => return Transitions::default(),
            Some(Value::Object(map)) => map,
            Some(other) => {
                let message = format!("`Transitions` is {}, expected an object", kind_of(&other));
                self.report(
                    codes::TRANSITIONS_INVALID,
                    "/Transitions",
                    message,
                    TRANSITIONS_HINT,
                );
                return Transitions::default();
            }
        };
        let next_action = self.next_action(fields.shift_remove("NextAction"));
        let errors = self.entries(fields.shift_remove("Errors"), "Errors", Self::error_entry);
        let conditions = self.entries(
            fields.shift_remove("Conditions"),
            "Conditions",
            Self::condition_entry,
        );
        Transitions {
            next_action,
            errors,
            conditions,
            extra: fields.into_iter().collect(),
        }
    }

    fn next_action(&mut self, value: Option<Value>) -> Option<String> {
        match value {
            None | Some(Value::Null) => None,
            Some(Value::String(target)) => Some(target),
            Some(other) => {
                let message = format!("`NextAction` is {}, expected a string", kind_of(&other));
                self.report(
                    codes::TRANSITIONS_INVALID,
                    "/Transitions/NextAction",
                    message,
                    TRANSITIONS_HINT,
                );
                None
            }
        }
    }

    /// Builds every well-formed entry of the `Errors` or `Conditions` array.
    fn entries<T>(
        &mut self,
        value: Option<Value>,
        key: &str,
        build: fn(&mut Self, String, Map<String, Value>) -> Option<T>,
    ) -> Vec<T> {
        let items = match value {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Array(items)) => items,
            Some(other) => {
                let message = format!("`{key}` is {}, expected an array", kind_of(&other));
                self.report(
                    codes::TRANSITIONS_INVALID,
                    &format!("/Transitions/{key}"),
                    message,
                    TRANSITIONS_HINT,
                );
                return Vec::new();
            }
        };
        let mut built = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            let path = format!("/Transitions/{key}/{index}");
            match item {
                Value::Object(fields) => built.extend(build(self, path, fields)),
                other => {
                    let message = format!("`{key}` entry {index} is {}, expected an object", kind_of(&other));
                    self.report(codes::TRANSITIONS_INVALID, &path, message, TRANSITIONS_HINT);
                }
            }
        }
        built
    }

    fn error_entry(&mut self, path: String, mut fields: Map<String, Value>) -> Option<ErrorTransition> {
        let error_type = self.required_string(&mut fields, &path, "ErrorType");
        let next_action = self.required_string(&mut fields, &path, "NextAction");
        Some(ErrorTransition {
            error_type: error_type?,
            next_action: next_action?,
            extra: fields.into_iter().collect(),
        })
    }

    fn condition_entry(
        &mut self,
        path: String,
        mut fields: Map<String, Value>,
    ) -> Option<ConditionTransition> {
        let next_action = self.required_string(&mut fields, &path, "NextAction");
        let condition = match fields.shift_remove("Condition") {
            Some(Value::Object(condition)) => self.condition(&format!("{path}/Condition"), condition),
            other => {
                let found = other.as_ref().map_or("missing", kind_of);
                let message =
                    format!("`Condition` is {found}, expected an object with `Operator` and `Operands`");
                self.report(
                    codes::TRANSITIONS_INVALID,
                    &format!("{path}/Condition"),
                    message,
                    TRANSITIONS_HINT,
                );
                None
            }
        };
        Some(ConditionTransition {
            next_action: next_action?,
            condition: condition?,
            extra: fields.into_iter().collect(),
        })
    }

    fn condition(&mut self, path: &str, mut fields: Map<String, Value>) -> Option<Condition> {
        let operator = self.required_string(&mut fields, path, "Operator");
        let operands = match fields.shift_remove("Operands") {
            Some(Value::Array(operands)) => operands,
            other => {
                let found = other.as_ref().map_or("missing", kind_of);
                let message = format!("`Operands` is {found}, expected an array");
                self.report(
                    codes::TRANSITIONS_INVALID,
                    &format!("{path}/Operands"),
                    message,
                    TRANSITIONS_HINT,
                );
                return None;
            }
        };
        Some(Condition {
            operator: operator?,
            operands,
            extra: fields.into_iter().collect(),
        })
    }

    fn required_string(&mut self, fields: &mut Map<String, Value>, path: &str, key: &str) -> Option<String> {
        match fields.shift_remove(key) {
            Some(Value::String(text)) => Some(text),
            other => {
                let found = other.as_ref().map_or("missing", kind_of);
                let message = format!("`{key}` is {found}, expected a string");
                self.report(
                    codes::TRANSITIONS_INVALID,
                    &format!("{path}/{key}"),
                    message,
                    TRANSITIONS_HINT,
                );
                None
            }
        }
    }
}

const TRANSITIONS_HINT: &str = "`Transitions` contains `NextAction` (a string), `Errors` ([{ErrorType, NextAction}]) \
     and `Conditions` ([{NextAction, Condition: {Operator, Operands}}])";

/// Says what is wrong with a required string field, such as "has no `Type`".
fn field_problem(key: &str, value: Option<&Value>) -> String {
    match value {
        None => format!("has no `{key}`"),
        Some(value) => format!("has an invalid `{key}`: {} instead of a string", kind_of(value)),
    }
}

/// Returns the JSON kind of `value` as messages write it.
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
