//! Validation: every problem of a flow in one pass.

mod actions;
mod conditions;
mod content;
mod document;
mod flow_types;
mod identifiers;
mod limits;
mod parameters;
mod profiles;
mod publish;

pub use crate::codes::CODES;
pub use content::MAX_ACTIONS;
pub use flow_types::{FlowTypeSource, ResolvedFlowType, documented_rejection};
pub use identifiers::{
    FORBIDDEN_CHARACTERS, MAX_IDENTIFIER_CHARS, RESERVED_IDENTIFIERS, identifier_problems,
};
pub use profiles::MAX_PROFILE_IDENTIFIERS;

use crate::analysis::EntryPaths;
use crate::catalogue::FlowType;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::LoadedFlow;

/// Options that select the checks beyond the rules that Connect always enforces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidateOptions {
    /// Reports the rules that Connect enforces only when a flow is published as errors, not warnings.
    pub strict: bool,
    /// The flow type to check actions against. `None` takes it from the export (`Metadata.type`, or
    /// a module's `Settings`), and an export that names no type is checked as an inbound contact
    /// flow.
    pub flow_type: Option<FlowType>,
    /// The attribute paths that the flows of its folder that transfer to it wrote or cleared before
    /// its first block. Empty for a flow checked alone.
    pub entry: EntryPaths,
}

/// Returns the loader's diagnostics and every problem that validation finds, sorted by position in
/// the document.
pub fn validate(loaded: &LoadedFlow, options: &ValidateOptions) -> Vec<Diagnostic> {
    let mut context = Context::new(loaded, options);
    document::check(&mut context);
    identifiers::check(&mut context);
    actions::check(&mut context);
    parameters::check(&mut context);
    conditions::check(&mut context);
    content::check(&mut context);
    limits::check(&mut context);
    profiles::check(&mut context);
    publish::check(&mut context);
    context.found.extend(crate::analysis::check_entered(
        loaded,
        options.strict,
        &options.entry,
    ));
    context.finish()
}

/// The flow under validation and the diagnostics found so far.
struct Context<'a> {
    loaded: &'a LoadedFlow,
    options: &'a ValidateOptions,
    flow_type: ResolvedFlowType,
    found: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    fn new(loaded: &'a LoadedFlow, options: &'a ValidateOptions) -> Self {
        Context {
            loaded,
            options,
            flow_type: ResolvedFlowType::of(&loaded.flow, options.flow_type),
            found: Vec::new(),
        }
    }

    /// Iterates over the actions with their index in `flow.actions`.
    fn actions(&self) -> impl Iterator<Item = (usize, &'a crate::model::Action)> + use<'a> {
        self.loaded.flow.actions.iter().enumerate()
    }

    /// Builds the JSON pointer of the action at `index`, followed by `suffix` such as `/Parameters`.
    fn pointer(&self, index: usize, suffix: &str) -> String {
        format!("{}{suffix}", self.loaded.action_pointer(index))
    }

    /// Returns the severity of a rule that Connect enforces only on publish.
    fn publish_severity(&self) -> Severity {
        if self.options.strict {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    /// Records a diagnostic about the whole document.
    fn push(&mut self, diagnostic: Diagnostic) {
        self.found.push(diagnostic);
    }

    /// Records a diagnostic about the action at `index`.
    fn push_for(&mut self, index: usize, diagnostic: Diagnostic) {
        let identifier = &self.loaded.flow.actions[index].identifier;
        self.found.push(diagnostic.with_identifier(identifier.clone()));
    }

    fn finish(self) -> Vec<Diagnostic> {
        let mut all = self.loaded.diagnostics.clone();
        all.extend(self.found);
        if let Some(file) = &self.loaded.source {
            for diagnostic in &mut all {
                diagnostic.file = Some(file.clone());
            }
        }
        all.sort_by_cached_key(|d| pointer_sort_key(&d.pointer));
        all
    }
}

/// Orders JSON pointers by document position: numeric tokens compare as numbers, so `/Actions/2`
/// sorts before `/Actions/10`. The sort is stable, so one location keeps the order of the rules.
fn pointer_sort_key(pointer: &str) -> Vec<(usize, String)> {
    pointer
        .split('/')
        .map(|token| match token.parse::<usize>() {
            Ok(number) => (number, String::new()),
            Err(_) => (usize::MAX, token.to_string()),
        })
        .collect()
}

/// Returns true when `text` holds a `$.` reference anywhere.
fn has_reference(text: &str) -> bool {
    text.contains("$.") || text.contains("$['")
}

/// Returns true when `text` is one whole `$.` reference, such as `$.Attributes.tier`.
fn is_whole_reference(text: &str) -> bool {
    let text = text.trim();
    (text.starts_with("$.") || text.starts_with("$['"))
        && !text.contains(char::is_whitespace)
        && text[1..].find('$').is_none()
}
