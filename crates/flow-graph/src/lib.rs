//! Loads exported Amazon Connect flows, validates them and builds a petgraph graph.
//!
//! The pipeline is [`load`] (bytes to [`model::Flow`]), [`validate`] (every problem at once, as
//! [`Diagnostic`]s) and [`FlowGraph::build`]. The [`catalogue`] describes every action `Type`, and
//! [`codes`] lists every diagnostic code.

pub mod analysis;
pub mod catalogue;
pub mod codes;
pub mod diagnostic;
pub mod flow_set;
pub mod graph;
pub mod load;
pub mod model;
pub mod path;
pub mod validate;

pub use diagnostic::{Diagnostic, Severity};
pub use flow_set::{FlowSet, Member, MemberKind, ResolveError, SetOptions, SkippedFile};
pub use graph::{BlockId, EdgeKind, FlowGraph};
pub use load::{ExportFormat, LoadError, LoadErrorKind, LoadedFlow, load_bytes, load_path};
pub use model::{Action, Flow};
