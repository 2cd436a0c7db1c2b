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
use crate::flow_set::{FlowSet, MemberKind};
use crate::graph::FlowGraph;
use crate::load::LoadedFlow;
use crate::model::Flow;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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
    check_entered(loaded, report_unset_contact_attributes, &EntryPaths::default())
}

/// Runs the dataflow lint rules as [`check`] does, for a flow that other flows transfer to, whose
/// first block runs with the paths of `entry` written or cleared.
pub fn check_entered(
    loaded: &LoadedFlow,
    report_unset_contact_attributes: bool,
    entry: &EntryPaths,
) -> Vec<Diagnostic> {
    let graph = FlowGraph::build(loaded.flow.clone(), None);
    let access: Vec<Access> = loaded.flow.actions.iter().map(access_of).collect();
    let facts = dataflow::Facts {
        graph: &graph,
        access: &access,
        entry: entry.clone(),
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

/// Attribute paths at the start of a flow that other flows of its set transfer to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryPaths {
    /// Paths that every transfer into the flow wrote on every route to it, so the flow can read them.
    pub written: Vec<AttributePath>,
    /// Flow attributes that some flow transferring into the flow writes, which the transfer clears.
    pub cleared: Vec<AttributePath>,
    /// The flows that transfer into the flow, by their name or id.
    pub sources: Vec<String>,
}

/// Returns, for each member of `set` in [`FlowSet::members`] order, the paths written before
/// every `TransferToFlow` of the set that names it, and the flow attributes that the flows with
/// such a transfer write, which the transfer clears.
/// A member that no transfer names statically gets empty lists.
///
/// NOTE: a flow that some transfer names is taken to be entered only through the set's transfers,
/// so a read that a direct call to it would find unset is not reported.
pub fn transfer_entry_paths(set: &FlowSet) -> Vec<EntryPaths> {
    let members = set.members();
    let mut written: Vec<Option<BTreeSet<AttributePath>>> = vec![None; members.len()];
    let mut cleared: Vec<BTreeSet<AttributePath>> = vec![BTreeSet::new(); members.len()];
    let mut sources: Vec<Vec<String>> = vec![Vec::new(); members.len()];
    for member in members {
        let access: Vec<Access> = member.graph.flow().actions.iter().map(access_of).collect();
        let facts = dataflow::Facts {
            graph: &member.graph,
            access: &access,
            entry: EntryPaths::default(),
        };
        let states = dataflow::definitely_written(&facts);
        for block in member.graph.blocks() {
            let action = member.graph.action(block);
            if action.action_type != "TransferToFlow" {
                continue;
            }
            let Some(target) = static_target(action.parameters.get("ContactFlowId")) else {
                continue;
            };
            let Ok(target) = set.resolve(target, MemberKind::Flow) else {
                continue;
            };
            let Some(index) = members.iter().position(|m| std::ptr::eq(m, target)) else {
                continue;
            };
            let Some(before) = states.get(&block) else {
                continue;
            };
            let carried: BTreeSet<AttributePath> = before
                .iter()
                .filter(|path| path.namespace() != "FlowAttributes")
                .cloned()
                .collect();
            let flow_scoped = access
                .iter()
                .flat_map(|access| &access.writes)
                .filter(|write| write.path.namespace() == "FlowAttributes");
            cleared[index].extend(flow_scoped.map(|write| write.path.clone()));
            let source = member.label().to_string();
            if !sources[index].contains(&source) {
                sources[index].push(source);
            }
            written[index] = Some(match written[index].take() {
                None => carried,
                Some(current) => current.intersection(&carried).cloned().collect(),
            });
        }
    }
    written
        .into_iter()
        .zip(cleared)
        .zip(sources)
        .map(|((written, cleared), sources)| EntryPaths {
            written: written.unwrap_or_default().into_iter().collect(),
            cleared: cleared.into_iter().collect(),
            sources,
        })
        .collect()
}

/// Returns a target parameter that names one flow without a `$.` reference.
fn static_target(value: Option<&serde_json::Value>) -> Option<&str> {
    value?.as_str().filter(|text| !text.contains("$."))
}
