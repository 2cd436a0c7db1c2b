//! Scenario files: the outside world of one deterministic run.
//!
//! A `*.scenario.json` file gives the contact that enters the flow, the caller's inputs, Lambda
//! results, hours, queue states, randomness and Customer Profiles. [`Scenario::load`] parses it,
//! [`initial_state`] builds the contact tree with the profile store installed,
//! [`ScenarioEnvironment`] answers the executor's questions, and [`check_against`] reports keys that
//! name nothing the flow uses.
//!
//! ```json
//! {
//!   "flow": "main.json",
//!   "contact": {"customerEndpoint": "+15550100101", "attributes": {"tier": "gold"}},
//!   "inputs": ["1", "timeout"],
//!   "lambda": {"lookupAccount": [{"response": {"status": "active"}}]},
//!   "hours": {"main-hours": false},
//!   "queues": {"BasicQueue": {"atCapacity": true}},
//!   "random": {"seed": 7}
//! }
//! ```

pub mod check;
pub mod contact;
pub mod environment;
pub mod error;
pub mod load;
pub mod names;
pub mod random;
pub mod references;
pub mod scenario;

pub use check::{check_against, check_against_flows};
pub use contact::initial_state;
pub use environment::ScenarioEnvironment;
pub use error::{Position, ScenarioError, ScenarioErrorKind};
pub use names::{MatchRank, match_rank};
pub use random::SplitMix64;
pub use references::{ResourceKind, ResourceNames};
pub use scenario::{
    Channel, Contact, LambdaAnswer, MissingAttribute, PhoneMatching, Profiles, QueueState, RandomSource,
    Scenario, ScenarioSettings,
};
