//! The `flowsim` command: dry-run, lint and test Amazon Connect flows offline.

mod cli;
mod commands;
mod interactive;
mod output;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Run(args) => commands::run::run(args),
        cli::Command::Lint(args) => commands::lint::lint(args),
        cli::Command::Blocks(args) => commands::blocks::blocks(args),
        cli::Command::Test(args) => commands::test::test(args),
        cli::Command::Explore(args) => commands::explore::run(args),
        cli::Command::Query(args) => commands::query::query(args),
        cli::Command::Attrs(args) => commands::attrs::attrs(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("flowsim: {error}");
            ExitCode::from(error.exit_code)
        }
    }
}
