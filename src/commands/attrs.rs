//! `flowsim attrs`: every attribute path a flow reads or writes, with the blocks that do so.

use super::{CliError, EXIT_OK, finish_output};
use crate::cli::AttrsArgs;
use crate::output::Output;
use crate::output::json::envelope;
use flow_graph::analysis::{AttributeUse, attribute_uses};
use flow_graph::load::load_path;
use std::io;

/// Prints, per attribute path, the blocks that write it and the blocks that read it.
pub fn attrs(args: AttrsArgs) -> Result<u8, CliError> {
    let loaded = load_path(&args.flow).map_err(|error| CliError::input(error.to_string()))?;
    let uses = attribute_uses(&loaded.flow);
    let mut out = Output::new(io::stdout().lock());
    for entry in &uses {
        if args.json {
            out.line(&envelope("attribute", entry));
        } else {
            render_text(&mut out, entry);
        }
    }
    if !args.json {
        out.line(&format!(
            "{} attribute path{}",
            uses.len(),
            if uses.len() == 1 { "" } else { "s" }
        ));
    }
    finish_output(out.finish())?;
    Ok(EXIT_OK)
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
