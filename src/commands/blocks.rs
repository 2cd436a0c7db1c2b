//! `flowsim blocks`: the action catalogue and the registry, rendered for people or programs.

use super::{CliError, EXIT_OK, finish_output};
use crate::cli::BlocksArgs;
use crate::output::Output;
use crate::output::json::envelope;
use flow_graph::catalogue::{self, ActionSpec, ConditionRule, Family, ParamClass};
use serde_json::json;
use std::io;

/// Prints the catalogue entries named in `args`, or all of them.
pub fn blocks(args: BlocksArgs) -> Result<u8, CliError> {
    let specs = select(&args.types)?;
    let registry = super::run::registry();
    let mut out = Output::new(io::stdout().lock());
    let mut family = None;
    for spec in &specs {
        let supported = registry.get(spec.name).is_some();
        if !args.json && family != Some(spec.family) {
            family = Some(spec.family);
            out.line(&format!("== {} actions", describe_family(spec.family)));
            out.line("");
        }
        if args.json {
            out.line(&envelope(
                "block",
                json!({ "supported": supported, "spec": spec }),
            ));
        } else {
            render_text(&mut out, spec, supported);
        }
    }
    if !args.json && args.types.is_empty() {
        let supported = specs.iter().filter(|s| registry.get(s.name).is_some()).count();
        out.line(&format!(
            "{} action types, {supported} supported by the simulator",
            specs.len()
        ));
    }
    finish_output(out.finish())?;
    Ok(EXIT_OK)
}

fn select(types: &[String]) -> Result<Vec<&'static ActionSpec>, CliError> {
    if types.is_empty() {
        return Ok(catalogue::all().iter().collect());
    }
    types
        .iter()
        .map(|name| {
            catalogue::lookup(name).ok_or_else(|| {
                let hint = catalogue::suggest(name)
                    .map(|s| format!(" (did you mean {s:?}?)"))
                    .unwrap_or_default();
                CliError::input(format!("unknown action type {name:?}{hint}"))
            })
        })
        .collect()
}

fn render_text(out: &mut Output<impl io::Write>, spec: &ActionSpec, supported: bool) {
    let status = if supported {
        ""
    } else {
        "  (not supported by the simulator yet)"
    };
    out.line(&format!("{}{status}", spec.name));
    out.line(&format!("  {}", spec.summary));
    if spec.parameters.is_empty() {
        out.line("  parameters: none");
    } else {
        out.line("  parameters:");
    }
    for param in spec.parameters {
        let required = if param.required { "required" } else { "optional" };
        out.line(&format!(
            "    {:<34} {required}, {}, {}",
            param.name,
            describe_class(param.class),
            param.kind.describe()
        ));
    }
    let errors = if spec.errors.is_empty() {
        "none".to_string()
    } else {
        spec.errors.join(", ")
    };
    out.line(&format!("  errors: {errors}"));
    out.line(&format!(
        "  conditions: {}",
        describe_conditions(&spec.conditions)
    ));
    if spec.terminal {
        out.line("  terminal: ends the flow");
    }
    let flow_types: Vec<&str> = spec.flow_types.iter().map(|t| t.console_name()).collect();
    out.line(&format!("  flow types: {}", flow_types.join(", ")));
    let channels: Vec<&str> = spec.channels.iter().map(|c| c.name()).collect();
    out.line(&format!("  channels: {}", channels.join(", ")));
    out.line("");
}

fn describe_family(family: Family) -> &'static str {
    match family {
        Family::Participant => "participant",
        Family::Contact => "contact",
        Family::FlowControl => "flow control",
        Family::Interaction => "interaction",
        Family::CustomerProfiles => "Customer Profiles",
    }
}

fn describe_class(class: ParamClass) -> &'static str {
    match class {
        ParamClass::Static => "literal only",
        ParamClass::SingleReference => "literal or one $. reference",
        ParamClass::Template => "text with $. references",
    }
}

fn describe_conditions(rule: &ConditionRule) -> String {
    match rule {
        ConditionRule::None => "none".into(),
        ConditionRule::EqualsStatic => "Equals with a literal operand".into(),
        ConditionRule::AnyOperator => "any operator, literal or $. operands".into(),
        ConditionRule::Results(results) => format!("Equals one of {}", results.join(", ")),
        ConditionRule::EveryResult(results) => {
            format!("Equals, one condition for each of {}", results.join(", "))
        }
    }
}
