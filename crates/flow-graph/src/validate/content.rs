//! Content rules: one prompt per action, valid contact attribute keys and the action count.

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
