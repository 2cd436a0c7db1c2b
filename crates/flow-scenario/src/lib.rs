//! Scenario files: the outside world of one deterministic run.
