//! Command-line arguments.

use clap::{Args, Parser, Subcommand};
use flow_graph::catalogue::FlowType;
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  the run reached a terminal block or stopped at a --break or --until breakpoint, or lint
     found no errors
  1  lint found errors
  2  usage error, or a flow or scenario file that cannot be read
  3  the run could not end normally: validation errors, step budget exhausted, an unhandled error,
     an action type that is not supported yet, or an open question under --strict";

/// The exit codes of every command, as the README's table lists them.
const ALL_EXIT_CODES: &str = "\
Exit codes:
  0  the run reached a terminal block or stopped at a --break or --until breakpoint, lint found
     no errors, or `flowsim query` selected a value
  1  lint found errors, `flowsim test` had a failing scenario or a flow under --min-coverage, or
     `flowsim query` selected nothing
  2  usage error, or a flow or scenario file that cannot be read
  3  the run could not end normally: validation errors, step budget exhausted, an unhandled error,
     an action type that is not supported yet, or an open question under --strict";

const TEST_EXIT_CODES: &str = "\
Exit codes:
  0  every scenario passed, and every flow met --min-coverage
  1  a scenario failed, or a flow's transition coverage is under --min-coverage
  2  usage error, or a path that is not a file or folder";

const QUERY_EXIT_CODES: &str = "\
Exit codes:
  0  the path selected a value
  1  the path selects nothing in the contact state at that step
  2  usage error, an invalid path, a step past the end of the run, or a flow or scenario file
     that cannot be read
  3  the flow has validation errors";

/// Offline interpreter, simulator and linter for Amazon Connect contact flows.
#[derive(Debug, Parser)]
#[command(name = "flowsim", version, about, after_help = ALL_EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Dry-run a flow and print a trace of every block it passes through.
    #[command(after_help = EXIT_CODES)]
    Run(RunArgs),
    /// Check flows for problems that Connect would reject or that are likely mistakes.
    #[command(after_help = EXIT_CODES)]
    Lint(LintArgs),
    /// Run every scenario under the paths, check its `expect` section and compare its trace with
    /// the snapshot beside it.
    #[command(after_help = TEST_EXIT_CODES)]
    Test(TestArgs),
    /// List every action type flowsim knows, with its parameters, error branches and conditions.
    Blocks(BlocksArgs),
    /// Drive a flow through every transition it can reach, choosing each answer from outside in
    /// turn, and explain the transitions no choice reaches.
    Explore(ExploreArgs),
    /// Run a flow up to a step and print what a JSONPath selects in the contact state there.
    #[command(
        after_help = QUERY_EXIT_CODES,
        override_usage = "flowsim query [FLOW] --at <STEP> [OPTIONS] <PATH>"
    )]
    Query(QueryArgs),
    /// List every attribute path a flow reads or writes, with the blocks that write and read it.
    Attrs(AttrsArgs),
}

#[derive(Debug, Args)]
pub struct AttrsArgs {
    /// The exported flow (JSON), `-` for standard input, or a folder of flows and modules, listed
    /// one file at a time. The placeholders of a `flowsim.resources.json` beside the flows are
    /// filled first.
    pub flow: PathBuf,

    /// Print one JSON Lines `attribute` event per path and flow file on standard output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The exported flow (JSON), `-` for standard input, or a folder of flows and modules that
    /// `TransferToFlow` and `InvokeFlowModule` can enter. A flow file with a
    /// `flowsim.resources.json` beside it runs with the other flows of its folder too. Optional when
    /// the scenario names its flow.
    pub flow: Option<PathBuf>,

    /// The entry flow of a folder run: its file, its id or ARN, or a name from the resource map.
    /// Without it, the scenario's `flow`, or else the folder's only flow, is the entry.
    #[arg(long, value_name = "FLOW")]
    pub start: Option<String>,

    /// Follow the contact past the entry flow in a folder run: after a transfer to a queue, run one
    /// pass of the customer queue flow, and after a disconnect, the disconnect flow, as
    /// `UpdateContactEventHooks` set them.
    #[arg(long)]
    pub follow_contact: bool,

    /// Scenario file that answers the outside world: caller input, Lambda results, hours, queues,
    /// profiles, randomness.
    #[arg(long, short)]
    pub scenario: Option<PathBuf>,

    /// Print JSON Lines (`{"type": ..., "data": ...}`) on standard output instead of the trace.
    #[arg(long)]
    pub json: bool,

    /// Stop at the first question the scenario does not answer, instead of assuming the default.
    #[arg(long)]
    pub strict: bool,

    /// Maximum number of blocks to execute before the run ends as a probable endless loop.
    #[arg(long, value_name = "STEPS", value_parser = clap::value_parser!(u32).range(1..))]
    pub step_budget: Option<u32>,

    /// The flow type to run as, in console or API spelling (`customerQueue`, `CUSTOMER_QUEUE`).
    /// Without it, the export's `Metadata.type` is used, else an inbound contact flow.
    #[arg(long, value_name = "TYPE", value_parser = parse_flow_type)]
    pub flow_type: Option<FlowType>,

    /// Print the value of this Connect path (`$.Customer.Attributes.tier`, `$.Attributes['a b']`)
    /// at the start and at every step that changes it. Repeatable.
    #[arg(long, value_name = "PATH")]
    pub watch: Vec<String>,

    /// Stop the run before it enters this block, named by `Identifier` or by its name in the
    /// flow's metadata, and print the contact state there. Repeatable.
    #[arg(long = "break", value_name = "BLOCK")]
    pub breakpoints: Vec<String>,

    /// Stop the run after this step (from 1) and print the contact state there.
    #[arg(long, value_name = "STEP", value_parser = clap::value_parser!(u32).range(1..))]
    pub until: Option<u32>,

    /// Ask on standard error, and read from standard input, each answer the scenario does not
    /// give: caller keys, Lambda results, hours, queue capacity, block results and a missing
    /// profile store.
    #[arg(long)]
    pub interactive: bool,

    /// With --interactive, write the scenario with the answers typed in to this file, so that
    /// `flowsim run --scenario FILE` replays the session.
    #[arg(long, value_name = "FILE", requires = "interactive")]
    pub save: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// `[FLOW] PATH`: the exported flow (JSON) or a folder of flows and modules, optional when the
    /// scenario names its flow, then a Connect path (`$.Customer.Attributes.tier`,
    /// `$.Attributes['a b']`), which prints the one value it names, or any RFC 9535 JSONPath
    /// (`$.Attributes[?@ == 'gold']`), which prints the array of every value it selects.
    #[arg(value_name = "PATH", num_args = 1..=2, required = true)]
    pub operands: Vec<String>,

    /// Scenario file that answers the outside world during the run.
    #[arg(long, short)]
    pub scenario: Option<PathBuf>,

    /// The entry flow of a folder run: its file, its id or ARN, or a name from the resource map.
    #[arg(long, value_name = "FLOW")]
    pub start: Option<String>,

    /// The step after which to read the state, from 1; 0 reads the state before the first block.
    #[arg(long, value_name = "STEP")]
    pub at: u32,

    /// Print one JSON Lines `query` event on standard output.
    #[arg(long)]
    pub json: bool,
}

impl QueryArgs {
    /// Returns the flow named on the command line, if any.
    pub fn flow(&self) -> Option<PathBuf> {
        match self.operands.as_slice() {
            [flow, _path] => Some(PathBuf::from(flow)),
            _ => None,
        }
    }

    /// Returns the path to select, the last operand.
    pub fn path(&self) -> &str {
        self.operands.last().map_or("", String::as_str)
    }
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Exported flows (JSON) or folders of flows and modules to check; `-` reads standard input.
    /// The placeholders of a `flowsim.resources.json` beside the flows are filled first, and that
    /// file itself is skipped.
    #[arg(required = true)]
    pub flows: Vec<PathBuf>,

    /// Print diagnostics as JSON Lines on standard output.
    #[arg(long)]
    pub json: bool,

    /// Treat the rules Connect enforces only when a flow is published as errors.
    #[arg(long)]
    pub strict: bool,

    /// The flow type to check against, in console or API spelling (`customerQueue`,
    /// `CUSTOMER_QUEUE`). Without it, each export's `Metadata.type` is used, else an inbound
    /// contact flow.
    #[arg(long, value_name = "TYPE", value_parser = parse_flow_type)]
    pub flow_type: Option<FlowType>,

    /// Also write every diagnostic as a SARIF 2.1.0 log to this file, for code-scanning services.
    #[arg(long, value_name = "FILE")]
    pub sarif: Option<PathBuf>,
}

/// Parses a `--flow-type` value.
fn parse_flow_type(text: &str) -> Result<FlowType, String> {
    FlowType::parse(text).ok_or_else(|| {
        let names: Vec<&str> = FlowType::ALL.iter().map(|t| t.console_name()).collect();
        format!("invalid flow type {text:?}: expected one of {}", names.join(", "))
    })
}

#[derive(Debug, Args)]
pub struct BlocksArgs {
    /// Show only these action types (exact `Type` names).
    pub types: Vec<String>,

    /// Print one JSON Lines `block` event per action type on standard output.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExploreArgs {
    /// The exported flow (JSON) to explore, or a folder of flows. A flow with a
    /// `flowsim.resources.json` beside it is explored with the other flows of its folder, so
    /// module calls and transfers are followed.
    pub flow: PathBuf,

    /// The entry flow of a folder: a file in it, a flow id or ARN, or a name from the resource map.
    #[arg(long, value_name = "FLOW")]
    pub start: Option<String>,

    /// Scenario whose contact, profiles and settings every run starts from. The explorer chooses
    /// every answer from outside the flow itself.
    #[arg(long, short)]
    pub scenario: Option<PathBuf>,

    /// Print JSON Lines (`transition`, `dead` and `summary` events) on standard output.
    #[arg(long)]
    pub json: bool,

    /// Write one `*.scenario.json` per reached transition into this folder, with a profile
    /// fixture beside each scenario that searches profiles.
    #[arg(long, value_name = "DIR")]
    pub write_scenarios: Option<PathBuf>,

    /// Maximum number of blocks one run executes before it stops.
    #[arg(long, value_name = "STEPS", default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_depth: u32,

    /// Maximum number of runs; exploration stops there and reports the bound.
    #[arg(long, value_name = "RUNS", default_value_t = 5000, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_runs: u32,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Scenario files, or folders searched for `*.scenario.json` files (`target` folders are
    /// skipped). Without paths, the current folder is searched.
    pub paths: Vec<PathBuf>,

    /// Write missing and changed trace snapshots (`NAME.snap` beside `NAME.scenario.json`)
    /// instead of failing on them.
    #[arg(long)]
    pub accept: bool,

    /// Write the results as JUnit XML to this file.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,

    /// Print JSON Lines on standard output: one `test` event per scenario, a `coverage` event
    /// per flow with --coverage, then one `summary` event.
    #[arg(long)]
    pub json: bool,

    /// Report, per flow, the transitions the scenarios took out of all transitions, and list the
    /// missed ones.
    #[arg(long)]
    pub coverage: bool,

    /// Fail when any flow's transition coverage is under this percentage. Implies --coverage.
    #[arg(long, value_name = "PERCENT", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min_coverage: Option<u8>,
}
