//! `flowsim attrs`: every attribute path a flow reads or writes, with the blocks that do so.

use super::lint::{Outcome, expand};
use super::{CliError, EXIT_OK, EXIT_USAGE, finish_output};
use crate::cli::AttrsArgs;
use crate::output::Output;
use crate::output::json::envelope;
use flow_graph::analysis::{AttributeUse, attribute_uses};
use serde_json::{Value, json};
use std::io;
use std::path::Path;

/// Prints, per attribute path, the blocks that write it and the blocks that read it. A folder gives
/// one section per flow and module in it.
pub fn attrs(args: AttrsArgs) -> Result<u8, CliError> {
    let targets = expand(&args.flow)?;
    let loaded: Vec<_> = targets
        .iter()
        .filter_map(|target| match &target.outcome {
            Outcome::Loaded(loaded) => Some((target.path.as_path(), loaded)),
            _ => None,
        })
        .collect();
    for target in &targets {
        match &target.outcome {
            Outcome::Skipped(reason) => eprintln!("flowsim: skipped {}: {reason}", target.path.display()),
            Outcome::Failed(error) if targets.len() == 1 => return Err(CliError::input(error.to_string())),
            Outcome::Failed(error) => eprintln!("{error}"),
            Outcome::Loaded(_) => {}
        }
    }
    let failed = targets
        .iter()
        .any(|target| matches!(target.outcome, Outcome::Failed(_)));
    let sections = args.flow.is_dir();
    if sections && targets.is_empty() {
        return Err(CliError::input(format!(
            "no flow or module found in {}; a folder's flows are the *.json files directly in it",
            args.flow.display()
        )));
    }

    let mut out = Output::new(io::stdout().lock());
    let mut total = 0usize;
    for (index, (path, loaded)) in loaded.iter().enumerate() {
        let uses = attribute_uses(&loaded.flow);
        total += uses.len();
        if sections && !args.json {
            if index > 0 {
                out.line("");
            }
            out.line(&format!("{}:", path.display()));
        }
        for entry in &uses {
            if args.json {
                out.line(&envelope(
                    "attribute",
                    json_entry(entry, loaded.source.as_deref()),
                ));
            } else {
                render_text(&mut out, entry);
            }
        }
    }
    if !args.json {
        let mut summary = format!("{total} attribute path{}", plural(total));
        if sections {
            summary.push_str(&format!(" in {} file{}", loaded.len(), plural(loaded.len())));
        }
        out.line(&summary);
    }
    finish_output(out.finish())?;
    Ok(if failed { EXIT_USAGE } else { EXIT_OK })
}

/// Returns the JSON of one entry, with the `file` it was found in when the flow came from a file.
fn json_entry(entry: &AttributeUse, file: Option<&Path>) -> Value {
    let mut value = json!(entry);
    if let Some(file) = file {
        value["file"] = json!(file.to_string_lossy());
    }
    value
}

fn render_text(out: &mut Output<impl io::Write>, entry: &AttributeUse) {
    out.line(&entry.path);
    out.line(&format!("  written by: {}", list_or_none(&entry.writers)));
    out.line(&format!("  read by:    {}", list_or_none(&entry.readers)));
}

fn list_or_none(identifiers: &[String]) -> String {
    if identifiers.is_empty() {
        "(no block)".to_string()
    } else {
        identifiers.join(", ")
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}
