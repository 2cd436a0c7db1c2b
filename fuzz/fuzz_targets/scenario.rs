//! Parses arbitrary text as a scenario file and builds its environment and initial contact.

#![no_main]

use flow_scenario::{Scenario, ScenarioEnvironment, initial_state};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(scenario) = Scenario::from_json(text, None) else {
        return;
    };
    let _ = ScenarioEnvironment::new(&scenario);
    let _ = initial_state(&scenario);
});
