//! Parses arbitrary text as a Customer Profiles fixture (array, document or NDJSON) and indexes it.

#![no_main]

use customer_profiles::search::SearchSettings;
use customer_profiles::{Fixture, MemoryStore};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(fixture) = Fixture::parse(text, "fuzz-input") {
        let _ = MemoryStore::new(fixture, SearchSettings::default());
    }
});
