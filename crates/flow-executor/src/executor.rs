//! The run loop: step budget, transition rule and events.

use crate::env::Environment;
use crate::handler::Registry;
use crate::observer::Observer;
use crate::outcome::RunOutcome;
use crate::settings::RunSettings;
use crate::state::ContactState;
use flow_graph::FlowGraph;

/// Runs one flow graph with one registry of handlers.
pub struct Executor<'a> {
    pub graph: &'a FlowGraph,
    pub registry: &'a Registry,
    pub settings: RunSettings,
}

impl<'a> Executor<'a> {
    pub fn new(graph: &'a FlowGraph, registry: &'a Registry, settings: RunSettings) -> Self {
        Executor {
            graph,
            registry,
            settings,
        }
    }

    /// Runs the flow from its `StartAction` until it ends, and returns how it ended.
    pub fn run(
        &self,
        state: &mut ContactState,
        env: &mut dyn Environment,
        observer: &mut dyn Observer,
    ) -> RunOutcome {
        let _ = (state, env, observer);
        todo!("flow-executor run loop")
    }
}
