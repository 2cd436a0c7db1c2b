//! Content rules: one prompt per action, valid contact attribute keys, a Lambda response type that
//! Connect accepts, and the action count.

use super::{Context, has_reference};
use crate::codes;
use crate::diagnostic::{Diagnostic, escape_pointer_token};

/// The maximum number of actions in one flow. AWS's example flow states the limit:
/// <https://docs.aws.amazon.com/connect/latest/adminguide/flow-language-example.html>.
pub const MAX_ACTIONS: usize = 250;

/// The parameters that each name a prompt; MessageParticipant and the input actions take one.
const PROMPT_PARAMETERS: &[&str] = &["Text", "SSML", "PromptId", "Media"];

/// Action types that play exactly one prompt.
const PROMPTING_TYPES: &[&str] = &[
    "MessageParticipant",
    "GetParticipantInput",
    "ConnectParticipantWithLexBot",
];

pub(super) fn check(context: &mut Context) {
    check_action_count(context);
    for (index, action) in context.actions() {
        if PROMPTING_TYPES.contains(&action.action_type.as_str()) {
            check_single_prompt(context, index, &action.parameters);
        }
        if action.action_type == "UpdateContactAttributes" {
            check_attribute_keys(context, index, action.parameters.get("Attributes"));
        }
        if action.action_type == "InvokeLambdaFunction" {
            check_response_type(context, index, action.parameters.get("ResponseValidation"));
        }
    }
}

fn check_action_count(context: &mut Context) {
    let count = context.loaded.flow.actions.len();
    if count <= MAX_ACTIONS {
        return;
    }
    context.push(
        Diagnostic::error(
            codes::TOO_MANY_ACTIONS,
            "/Actions",
            format!("flow has {count} actions, more than the {MAX_ACTIONS} that Connect accepts"),
        )
        .with_hint("move part of the flow into a flow module or a second flow"),
    );
}

fn check_single_prompt(
    context: &mut Context,
    index: usize,
    parameters: &indexmap::IndexMap<String, serde_json::Value>,
) {
    let prompts: Vec<&str> = PROMPT_PARAMETERS
        .iter()
        .copied()
        .filter(|name| parameters.contains_key(*name))
        .collect();
    if prompts.len() < 2 {
        return;
    }
    let action_type = &context.loaded.flow.actions[index].action_type;
    let diagnostic = Diagnostic::error(
        codes::PROMPT_AMBIGUOUS,
        context.pointer(index, "/Parameters"),
        format!(
            "{action_type} sets {}, but takes only one prompt",
            prompts.join(" and ")
        ),
    )
    .with_hint("keep one of `Text`, `SSML`, `PromptId` and `Media`");
    context.push_for(index, diagnostic);
}

/// Reports literal attribute keys with `$` or `.`, which Connect rejects because both are JSONPath
/// syntax, so a later `$.Attributes.<key>` could not read the value back.
fn check_attribute_keys(context: &mut Context, index: usize, attributes: Option<&serde_json::Value>) {
    let Some(serde_json::Value::Object(attributes)) = attributes else {
        return;
    };
    // A key with a `$.` reference, such as `result_$.Attributes.counter`, is resolved at run time.
    let invalid = attributes
        .keys()
        .filter(|key| !has_reference(key) && key.contains(['$', '.']));
    for key in invalid {
        let pointer = context.pointer(
            index,
            &format!("/Parameters/Attributes/{}", escape_pointer_token(key)),
        );
        let diagnostic = Diagnostic::error(
            codes::ATTRIBUTE_KEY_INVALID,
            pointer,
            format!("attribute key {key:?} contains `$` or `.`, which Connect rejects"),
        )
        .with_hint("use letters, digits, `-` and `_` in attribute keys");
        context.push_for(index, diagnostic);
    }
}

/// The `ResponseValidation.ResponseType` values of InvokeLambdaFunction, from
/// <https://docs.aws.amazon.com/connect/latest/APIReference/interactions-invokelambdafunction.html>.
const RESPONSE_TYPES: &[&str] = &["STRING_MAP", "JSON"];

/// Reports a `ResponseType` that is not one of the two documented literals. The type is static, so
/// a `$.` reference is an error too. A missing type means `STRING_MAP`.
fn check_response_type(context: &mut Context, index: usize, validation: Option<&serde_json::Value>) {
    let Some(declared) = validation.and_then(|v| v.get("ResponseType")) else {
        return;
    };
    let message = match declared.as_str() {
        Some(text) if RESPONSE_TYPES.contains(&text) => return,
        Some(text) if has_reference(text) => {
            format!("ResponseType {text:?} is a reference, but Connect takes only a literal here")
        }
        _ => format!("ResponseType {declared} is neither STRING_MAP nor JSON"),
    };
    let diagnostic = Diagnostic::error(
        codes::RESPONSE_TYPE_INVALID,
        context.pointer(index, "/Parameters/ResponseValidation/ResponseType"),
        message,
    )
    .with_hint("write \"STRING_MAP\" for a flat object of strings, or \"JSON\" for nested values");
    context.push_for(index, diagnostic);
}

#[cfg(test)]
mod tests {
    use crate::codes;
    use crate::load_bytes;
    use crate::validate::{ValidateOptions, validate};
    use serde_json::{Value, json};

    /// Returns the messages of the response-type diagnostics for one Lambda block.
    fn response_type_messages(validation: Value) -> Vec<String> {
        let flow = json!({"Version": "2019-10-30", "StartAction": "lookup", "Actions": [
            {"Identifier": "lookup", "Type": "InvokeLambdaFunction",
                "Parameters": {"LambdaFunctionARN": "arn:aws:lambda:us-east-1:111122223333:function:f",
                    "InvocationTimeLimitSeconds": "3", "ResponseValidation": validation},
                "Transitions": {"NextAction": "end", "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}},
            {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
        ]});
        let loaded = load_bytes(flow.to_string().as_bytes(), None).expect("the test flow loads");
        validate(&loaded, &ValidateOptions::default())
            .into_iter()
            .filter(|d| d.code == codes::RESPONSE_TYPE_INVALID)
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn response_type_literals() {
        assert!(response_type_messages(json!({"ResponseType": "STRING_MAP"})).is_empty());
        assert!(response_type_messages(json!({"ResponseType": "JSON"})).is_empty());
        assert!(response_type_messages(json!({})).is_empty());
        assert_eq!(
            response_type_messages(json!({"ResponseType": "JSON_OBJECT"})),
            ["ResponseType \"JSON_OBJECT\" is neither STRING_MAP nor JSON"]
        );
        assert_eq!(
            response_type_messages(json!({"ResponseType": "json"})),
            ["ResponseType \"json\" is neither STRING_MAP nor JSON"]
        );
        assert_eq!(
            response_type_messages(json!({"ResponseType": "$.Attributes.type"})),
            ["ResponseType \"$.Attributes.type\" is a reference, but Connect takes only a literal here"]
        );
    }
}
