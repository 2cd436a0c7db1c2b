//! Static attribute analysis: what each block reads and writes, and the dataflow lint rules.

mod access;
mod dataflow;
pub mod namespaces;
mod reads;
mod structure;
mod writes;

pub use access::{Access, AttributePath, BadReference, Read, Write, access_of, reads_working_queue};
pub use structure::MAX_ATTRIBUTE_BYTES;

use crate::diagnostic::Diagnostic;
use crate::graph::FlowGraph;
use crate::load::LoadedFlow;
use crate::model::Flow;
use serde::Serialize;
use std::collections::BTreeMap;

/// The blocks that write and read one attribute path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttributeUse {
    /// The path in Connect's dotted form, such as `$.Attributes.tier`.
    pub path: String,
    /// `Identifier`s of the blocks that write the path, in `Actions` order.
    pub writers: Vec<String>,
    /// `Identifier`s of the blocks that read the path, in `Actions` order.
    pub readers: Vec<String>,
}

/// Lists every path that a block of `flow` reads or writes, sorted by path. The writers of a path
/// include the blocks that write a path containing it, as a Lambda call writes all of `$.External`.
pub fn attribute_uses(flow: &Flow) -> Vec<AttributeUse> {
    let accesses: Vec<(&str, Access)> = flow
        .actions
        .iter()
        .map(|action| (action.identifier.as_str(), access_of(action)))
        .collect();
    let mut table: BTreeMap<AttributePath, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for (identifier, access) in &accesses {
        for path in access.writes.iter().map(|w| &w.path) {
            table.entry(path.clone()).or_default();
        }
        for read in &access.reads {
            push_unique(&mut table.entry(read.path.clone()).or_default().1, identifier);
        }
    }
    for (path, (writers, _)) in table.iter_mut() {
        for (identifier, access) in &accesses {
            if access.writes.iter().any(|w| w.path.covers(path)) {
                push_unique(writers, identifier);
            }
        }
    }
    table
        .into_iter()
        .map(|(path, (writers, readers))| AttributeUse {
            path: path.to_string(),
            writers,
            readers,
        })
        .collect()
}

fn push_unique(list: &mut Vec<String>, identifier: &str) {
    if !list.iter().any(|existing| existing == identifier) {
        list.push(identifier.to_string());
    }
}

/// Runs the dataflow lint rules on `loaded` and returns their warnings, with absolute pointers.
///
/// Contact attributes that the flow never sets are reported only when `report_unset_contact_attributes`
/// is true, because an earlier flow, the API or a chat start often sets them.
pub fn check(loaded: &LoadedFlow, report_unset_contact_attributes: bool) -> Vec<Diagnostic> {
    let graph = FlowGraph::build(loaded.flow.clone(), None);
    let access: Vec<Access> = loaded.flow.actions.iter().map(access_of).collect();
    let facts = dataflow::Facts {
        graph: &graph,
        access: &access,
    };
    let mut found = reads::check(&facts, loaded.flow.is_module());
    found.extend(structure::check(&facts));
    if !report_unset_contact_attributes {
        found.retain(|d| d.code != crate::codes::ATTRIBUTE_NEVER_SET);
    }
    for diagnostic in &mut found {
        let index = diagnostic
            .identifier
            .as_deref()
            .and_then(|id| loaded.flow.actions.iter().position(|a| a.identifier == id));
        if let Some(index) = index {
            diagnostic.pointer = format!("{}{}", loaded.action_pointer(index), diagnostic.pointer);
        }
    }
    found
}
