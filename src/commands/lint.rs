//! `flowsim lint`: load and validate flows, print every diagnostic.

use super::{CliError, EXIT_LINT_ERRORS, EXIT_OK, EXIT_USAGE, finish_output};
use crate::cli::LintArgs;
use crate::output::Output;
use crate::output::json::envelope;
use crate::output::sarif::{LintedFile, sarif_log};
use flow_graph::Diagnostic;
use flow_graph::load::{LoadErrorKind, load_path};
use flow_graph::validate::{ResolvedFlowType, ValidateOptions, validate};
use std::io;

/// Lints every flow named on the command line and returns the exit code.
pub fn lint(args: LintArgs) -> Result<u8, CliError> {
    let options = ValidateOptions {
        strict: args.strict,
        flow_type: args.flow_type,
    };
    let mut out = Output::new(io::stdout().lock());
    let mut errors = 0usize;
    let mut warnings = 0usize;
    let mut unreadable = 0usize;
    let mut linted = Vec::new();
    for path in &args.flows {
        let diagnostics = match load_path(path) {
            Ok(loaded) => {
                if !args.json {
                    let resolved = ResolvedFlowType::of(&loaded.flow, args.flow_type);
                    out.line(&format!("{}: checked as {resolved}", path.display()));
                }
                validate(&loaded, &options)
            }
            Err(error) => {
                if error.kind == LoadErrorKind::Io {
                    unreadable += 1;
                }
                vec![error.to_diagnostic()]
            }
        };
        for diagnostic in &diagnostics {
            if diagnostic.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
            print_diagnostic(&mut out, diagnostic, args.json);
        }
        if args.sarif.is_some() {
            let text = std::fs::read_to_string(path).ok();
            linted.push(LintedFile {
                path,
                text,
                diagnostics,
            });
        }
    }
    if let Some(sarif_path) = &args.sarif {
        write_sarif(sarif_path, &linted)?;
    }
    if !args.json {
        out.line(&format!(
            "{} file{} checked: {errors} error{}, {warnings} warning{}",
            args.flows.len(),
            plural(args.flows.len()),
            plural(errors),
            plural(warnings)
        ));
    }
    finish_output(out.finish())?;
    Ok(if unreadable > 0 {
        EXIT_USAGE
    } else if errors > 0 {
        EXIT_LINT_ERRORS
    } else {
        EXIT_OK
    })
}

fn write_sarif(path: &std::path::Path, linted: &[LintedFile]) -> Result<(), CliError> {
    let log = sarif_log(linted);
    let text = serde_json::to_string_pretty(&log).expect("a JSON value always serializes");
    std::fs::write(path, text + "\n")
        .map_err(|error| CliError::input(format!("cannot write SARIF log {}: {error}", path.display())))
}

fn print_diagnostic(out: &mut Output<impl io::Write>, diagnostic: &Diagnostic, json: bool) {
    if json {
        out.line(&envelope("diagnostic", diagnostic));
    } else {
        out.line(&diagnostic.to_string());
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}
