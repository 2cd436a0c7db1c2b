//! Runs one profile block through the registry, outside a whole flow.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

use super::{NoEnvironment, Recorder};
use customer_profiles::{Fixture, MemoryStore, ProfileSlot, ProfileStore, SearchSettings};
use flow_executor::{ActionContext, ContactState, Outcome, Registry, RunSettings};
use flow_graph::model::{Action, Flow};
use serde_json::{Value, json};

/// The store a table case installs, or `None` for a run without a store.
pub type MaybeStore = Option<Box<dyn ProfileStore>>;

/// The outcome, state and trace events of one block run.
pub struct BlockRun {
    pub outcome: Outcome,
    pub state: ContactState,
    pub events: Vec<Value>,
}

impl BlockRun {
    pub fn customer(&self) -> Value {
        self.state.get(&["Customer"]).cloned().unwrap_or(Value::Null)
    }

    pub fn notes(&self) -> Vec<String> {
        self.events
            .iter()
            .filter(|e| e["type"] == "note")
            .filter_map(|e| e["data"]["message"].as_str().map(str::to_string))
            .collect()
    }

    /// Returns the installed store, for checks after the block.
    pub fn store(&self) -> &dyn ProfileStore {
        let slot = self
            .state
            .extensions
            .get::<ProfileSlot>()
            .expect("the test installed a store");
        slot.store.as_ref()
    }
}

/// Parses `text` as a fixture and builds an in-memory store with the default settings.
pub fn memory_store(text: &str) -> Box<dyn ProfileStore> {
    let fixture = Fixture::parse(text, "profiles.json").expect("the test fixture is valid");
    Box::new(MemoryStore::new(fixture, SearchSettings::default()).expect("the default settings are valid"))
}

/// Returns a state with `tree` and, when given, the store installed.
pub fn state_with(tree: Value, store: Option<Box<dyn ProfileStore>>) -> ContactState {
    let mut state = ContactState::new(tree);
    if let Some(store) = store {
        customer_profiles::install(&mut state, store);
    }
    state
}

/// Runs one block of `action_type` with `parameters` on `state`, through the handler that
/// `customer_profiles::register` adds.
pub fn run_block(action_type: &str, parameters: Value, mut state: ContactState) -> BlockRun {
    let action: Action = serde_json::from_value(json!({
        "Identifier": "profile-block",
        "Type": action_type,
        "Parameters": parameters,
        "Transitions": {"NextAction": "next", "Errors": []}
    }))
    .expect("the test action is valid");
    let flow: Flow = serde_json::from_value(json!({
        "Version": "2019-10-30", "StartAction": "profile-block", "Actions": []
    }))
    .expect("the test flow is valid");

    let mut registry = Registry::new();
    customer_profiles::register(&mut registry);
    let handler = registry
        .get(action_type)
        .expect("register adds every profile action");

    let mut env = NoEnvironment;
    let mut observer = Recorder::default();
    let settings = RunSettings::default();
    let mut ctx = ActionContext {
        flow: &flow,
        action: &action,
        step: 1,
        state: &mut state,
        env: &mut env,
        observer: &mut observer,
        settings: &settings,
    };
    let outcome = handler
        .execute(&mut ctx)
        .expect("the handler returns an outcome for these blocks");
    BlockRun {
        outcome,
        state,
        events: observer.events,
    }
}

/// Returns the outcome of an error branch.
pub fn error(error_type: &str) -> Outcome {
    Outcome::Error(error_type.to_string())
}
