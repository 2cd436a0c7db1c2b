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
//!   "lambda": {"lookupAccount": [{"response": {"status": "active"}}, {"error": "timed out"}]},
//!   "hours": {"main-hours": false},
//!   "queues": {"BasicQueue": {"atCapacity": true}},
//!   "random": {"seed": 7}
//! }
//! ```
//!
//! Every section is optional, and an unknown field is an error:
//! - `flow`: the flow file, relative to the scenario file;
//! - `contact`: `channel` (`VOICE`, the default, `CHAT`, `TASK` or `EMAIL`), `customerEndpoint`,
//!   `systemEndpoint`, `attributes` (strings only), `contactId`, `initialContactId`, `instanceArn`,
//!   `awsRegion`, `languageCode` and `queue`, the working queue when the flow starts;
//! - `profiles`: a fixture path relative to the scenario file, an array of profiles, or
//!   `{"unavailable": true}`;
//! - `inputs`: the caller's inputs in order, each DTMF keys or `"timeout"`;
//! - `lambda`: results per function ARN or name, used in order, the last one repeating. A result
//!   may add `"durationSeconds"`, and one over the block's `InvocationTimeLimitSeconds` times out;
//! - `hours`: per hours-of-operation ARN, id or name, `true` (open), `false`, or a schedule in
//!   the shape of `aws connect describe-hours-of-operation` output, optionally with the
//!   `HoursOfOperationOverrideList` of `list-hours-of-operation-overrides` beside it (see
//!   [`hours`]);
//! - `clock`: the RFC 3339 instant at which schedules are evaluated, such as
//!   `"2026-12-07T09:30:00Z"`;
//! - `queues`: per queue ARN, id or name, `hours` (the `hours` key of the queue's hours),
//!   `atCapacity` and the metrics `agentsOnline`,
//!   `agentsAvailable`, `agentsStaffed`, `agentsAfterContactWork`, `agentsBusy`, `agentsMissed`,
//!   `agentsNonProductive`, `contactsInQueue`, `oldestContactAgeSeconds`,
//!   `estimatedWaitTimeSeconds`, `contactPositionInQueue` and `contactEstimatedWaitTimeSeconds`;
//! - `random`: `{"seed": N}` or `{"percent": N}`;
//! - `lex`: Lex turns per bot alias ARN, bot id, bot name or `*`, used in order, the last one
//!   repeating. A turn is `{"intent": "OrderPizza", "confidence": 0.9, "slots": {...},
//!   "sessionAttributes": {...}, "sentiment": {"label": "POSITIVE", "positive": 0.8},
//!   "dialogState": "ReadyForFulfillment", "transcript": "...", "alternateIntents": [...]}`,
//!   `"timeout"` or `{"error": "..."}`;
//! - `views`: per view ARN or id, outcomes `{"action": "Next", "data": {...}}` or
//!   `{"error": "TimeLimitExceeded"}`, used in order, the last one repeating;
//! - `results`: per block `Identifier` or action `Type`, the results of blocks such as
//!   `CheckVoiceId`, `CheckOutboundCallStatus`, `Wait` and `TransferParticipantToThirdParty`
//!   (`Success` or an error type for blocks without result branches), used in order, the last one
//!   repeating;
//! - `faults`: per block `Identifier` or action `Type`, per visit, an error type the block fails
//!   with before it runs, or `null` to run normally; the last one repeats;
//! - `cases`: Amazon Connect Cases as objects of case fields (`case_id`, `customer_id`, `status`,
//!   `title`, ...), which `CreateCase`, `GetCase` and `UpdateCase` search and change;
//! - `dataTables`: per data table id, ARN or name, `primaryAttributes`, `records` (objects of
//!   attribute values) and `lockVersion`, which the data-table blocks read and write;
//! - `settings`: `stepBudget`, `missingAttribute` (`empty` or `error`), `attributeOverflow`
//!   (`error` or `truncate`, past the 32 KB attribute limit), `phoneMatching` (`normalised` or
//!   `exact`) and `strict`.
//!
//! A key in `lambda`, `hours` and `queues` matches by full ARN, by the id at the end of the ARN, or
//! by the display name in the flow's metadata (see [`match_rank`]).

pub mod check;
mod check_scripts;
pub mod clock;
pub mod contact;
pub mod coverage;
pub mod environment;
pub mod error;
pub mod expect;
pub mod explore;
pub mod hours;
pub mod interactions;
pub mod junit;
pub mod load;
pub mod names;
pub mod random;
pub mod references;
pub mod resources;
pub mod scenario;
pub mod snapshot;
pub mod suite;

pub use check::{check_against, check_against_flows, check_against_named_flows, check_entry};
pub use contact::initial_state;
pub use environment::ScenarioEnvironment;
pub use error::{Position, ScenarioError, ScenarioErrorKind};
pub use hours::{HoursEntry, HoursEvaluation, HoursOverride, HoursSchedule, OverrideType, TimeRange};
pub use names::{MatchRank, match_rank};
pub use random::SplitMix64;
pub use references::{ResourceKind, ResourceNames};
pub use resources::{FlowResource, RESOURCE_MAP_FILE, ResourceMap};
pub use scenario::{
    AttributeOverflow, Channel, Contact, DataTableFixture, LambdaAnswer, LexAnswer, MissingAttribute,
    PhoneMatching, Profiles, QueueState, RandomSource, Scenario, ScenarioSettings, ViewAnswer,
};
