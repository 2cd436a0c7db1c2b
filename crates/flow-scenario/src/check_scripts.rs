//! Checks the `lex`, `views`, `results` and `faults` keys against the flows: a key must name a bot,
//! view or block that the flows use, and each scripted result or fault must be one the block can
//! produce.

use crate::error::{ScenarioError, ScenarioErrorKind};
use crate::interactions::{ANY_BOT, names_lex_bot};
use crate::names::match_rank;
use crate::scenario::Scenario;
use flow_executor::fault_errors;
use flow_executor::handlers::block_results::result_options;
use flow_graph::diagnostic::pointer;
use flow_graph::model::{Action, Flow};
use serde_json::Value;

/// Similarity from `strsim::jaro_winkler` above which a block `Identifier` is offered as a correction.
const SUGGESTION_THRESHOLD: f64 = 0.8;

/// Reports the `lex`, `views`, `results` and `faults` entries of `scenario` that none of `flows` can use.
pub fn check_scripts(scenario: &Scenario, flows: &[&Flow]) -> Vec<ScenarioError> {
    let actions: Vec<&Action> = flows.iter().flat_map(|flow| &flow.actions).collect();
    let mut errors = check_results(scenario, &actions);
    errors.extend(check_faults(scenario, &actions));
    errors.extend(check_lex_keys(scenario, &actions));
    errors.extend(check_view_keys(scenario, &actions));
    errors
        .into_iter()
        .map(|error| error.with_file(scenario.source.clone()))
        .collect()
}

/// Checks that each `results` key is the `Identifier` or `Type` of a block that takes a scripted
/// result, and that each result is one of that block's results.
fn check_results(scenario: &Scenario, actions: &[&Action]) -> Vec<ScenarioError> {
    let mut errors = Vec::new();
    for (key, results) in &scenario.results {
        let mut blocks: Vec<&Action> = actions.iter().copied().filter(|a| a.identifier == *key).collect();
        if blocks.is_empty() {
            blocks = actions
                .iter()
                .copied()
                .filter(|a| a.action_type == *key)
                .collect();
        }
        let options: Option<Vec<String>> =
            blocks
                .iter()
                .filter_map(|action| result_options(action))
                .reduce(|mut all, more| {
                    for option in more {
                        if !all.contains(&option) {
                            all.push(option);
                        }
                    }
                    all
                });
        let Some(options) = options else {
            errors.push(unused_result_key(key, &blocks, actions));
            continue;
        };
        for (index, result) in results.iter().enumerate() {
            if !options.contains(result) {
                errors.push(invalid_result(key, index, result, &options));
            }
        }
    }
    errors
}

/// Checks that each `faults` key is the `Identifier` or `Type` of a block with `Errors` entries,
/// and that each fault is an error type one of those entries handles.
fn check_faults(scenario: &Scenario, actions: &[&Action]) -> Vec<ScenarioError> {
    let mut errors = Vec::new();
    for (key, faults) in &scenario.faults {
        let mut blocks: Vec<&Action> = actions.iter().copied().filter(|a| a.identifier == *key).collect();
        if blocks.is_empty() {
            blocks = actions
                .iter()
                .copied()
                .filter(|a| a.action_type == *key)
                .collect();
        }
        let mut handled: Vec<&str> = Vec::new();
        for block in &blocks {
            for error_type in fault_errors(block) {
                if !handled.contains(&error_type) {
                    handled.push(error_type);
                }
            }
        }
        if handled.is_empty() {
            errors.push(unused_fault_key(key, &blocks, actions));
            continue;
        }
        for (index, fault) in faults.iter().enumerate() {
            let Some(fault) = fault else { continue };
            if !handled.contains(&fault.as_str()) {
                let message =
                    format!("invalid fault `{fault}` for `{key}`: no `Errors` entry of the block handles it");
                let hint = format!(
                    "expected one of {}, or null for a visit that runs normally",
                    handled.join(", ")
                );
                errors.push(
                    ScenarioError::new(
                        ScenarioErrorKind::Invalid,
                        pointer(["faults", key, &index.to_string()]),
                        message,
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    errors
}

fn unused_fault_key(key: &str, blocks: &[&Action], actions: &[&Action]) -> ScenarioError {
    let message = match blocks.first() {
        None => format!("no block of the flow has the Identifier or Type `{key}`"),
        Some(block) => format!(
            "block `{key}` ({}) has no `Errors` entry a fault could take",
            block.action_type
        ),
    };
    let closest = actions
        .iter()
        .filter(|action| !fault_errors(action).is_empty())
        .map(|action| {
            (
                strsim::jaro_winkler(key, &action.identifier),
                action.identifier.as_str(),
            )
        })
        .filter(|(similarity, _)| *similarity >= SUGGESTION_THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let hint = match closest {
        Some((_, name)) => format!("did you mean `{name}`?"),
        None => "use the Identifier of a block that has `Errors` entries".to_string(),
    };
    ScenarioError::new(ScenarioErrorKind::UnusedKey, pointer(["faults", key]), message).with_hint(hint)
}

fn unused_result_key(key: &str, blocks: &[&Action], actions: &[&Action]) -> ScenarioError {
    let message = match blocks.first() {
        None => format!("no block of the flow has the Identifier or Type `{key}`"),
        Some(block) => format!("block `{key}` ({}) takes no scripted result", block.action_type),
    };
    let asking: Vec<String> = actions
        .iter()
        .filter(|action| result_options(action).is_some())
        .map(|action| format!("`{}` ({})", action.identifier, action.action_type))
        .collect();
    let closest = actions
        .iter()
        .filter(|action| result_options(action).is_some())
        .map(|action| {
            (
                strsim::jaro_winkler(key, &action.identifier),
                action.identifier.as_str(),
            )
        })
        .filter(|(similarity, _)| *similarity >= SUGGESTION_THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let hint = match (closest, asking.is_empty()) {
        (_, true) => "no block of the flow takes a scripted result; remove the key".to_string(),
        (Some((_, name)), false) => format!(
            "did you mean `{name}`? Blocks that take one: {}",
            asking.join(", ")
        ),
        (None, false) => format!("blocks that take one: {}", asking.join(", ")),
    };
    ScenarioError::new(ScenarioErrorKind::UnusedKey, pointer(["results", key]), message).with_hint(hint)
}

fn invalid_result(key: &str, index: usize, result: &str, options: &[String]) -> ScenarioError {
    ScenarioError::new(
        ScenarioErrorKind::Invalid,
        pointer(["results", key, &index.to_string()]),
        format!("invalid result `{result}` for `{key}`: the block cannot produce it"),
    )
    .with_hint(format!("expected one of {}", options.join(", ")))
}

/// Returns the bots that Lex blocks name, or `None` when one names its bot through a `$.`
/// reference, so only the run can tell.
fn lex_bots<'a>(actions: &[&'a Action]) -> Option<Vec<&'a str>> {
    let mut bots = Vec::new();
    for action in actions {
        for (parameter, key) in [("LexV2Bot", "AliasArn"), ("LexBot", "Name")] {
            let Some(bot) = action.parameters.get(parameter).and_then(|b| b.get(key)) else {
                continue;
            };
            let bot = bot.as_str()?;
            if bot.contains("$.") {
                return None;
            }
            bots.push(bot);
        }
    }
    Some(bots)
}

fn check_lex_keys(scenario: &Scenario, actions: &[&Action]) -> Vec<ScenarioError> {
    let Some(bots) = lex_bots(actions) else {
        return Vec::new();
    };
    scenario
        .lex
        .keys()
        .filter(|key| key.as_str() != ANY_BOT)
        .filter(|key| {
            !bots
                .iter()
                .any(|bot| match_rank(key, bot, None).is_some() || names_lex_bot(key, bot))
        })
        .map(|key| {
            let message = format!("no block of the flow talks to Lex bot `{key}`");
            ScenarioError::new(ScenarioErrorKind::UnusedKey, pointer(["lex", key]), message)
                .with_hint(names_hint(&bots, "a bot alias ARN, bot id or `*`"))
        })
        .collect()
}

fn check_view_keys(scenario: &Scenario, actions: &[&Action]) -> Vec<ScenarioError> {
    let mut views = Vec::new();
    for action in actions.iter().filter(|a| a.action_type == "ShowView") {
        match action.parameters.get("ViewResource").and_then(|r| r.get("Id")) {
            Some(Value::String(id)) if !id.contains("$.") => views.push(id.as_str()),
            Some(_) => return Vec::new(),
            None => {}
        }
    }
    scenario
        .views
        .keys()
        .filter(|key| !views.iter().any(|view| match_rank(key, view, None).is_some()))
        .map(|key| {
            let message = format!("no block of the flow shows view `{key}`");
            ScenarioError::new(ScenarioErrorKind::UnusedKey, pointer(["views", key]), message)
                .with_hint(names_hint(&views, "a view ARN or id"))
        })
        .collect()
}

fn names_hint(names: &[&str], kind: &str) -> String {
    if names.is_empty() {
        return "the flow names none of this kind; remove the key".to_string();
    }
    let listed: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    format!("the flow names {}; use {kind}", listed.join(", "))
}
