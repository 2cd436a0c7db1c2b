//! `FlowSet`: the flows and modules of one folder or file list, resolved by id, ARN or mapped name.
//!
//! `TransferToFlow` takes "a flow ID or flow ARN" in `ContactFlowId` (flow-language reference), and
//! `InvokeFlowModule` a module id or ARN in `FlowModuleId`, which console exports write with a
//! `:$LATEST`, version or alias qualifier. The "Transfer to flow" block takes its Error branch when
//! the target is not a valid flow, so a display name is not an identifier there. flowsim
//! therefore resolves a bare name only through the names a resource map gives.

use crate::graph::FlowGraph;
use crate::load::{ExportFormat, LoadError, LoadErrorKind, LoadedFlow, MAX_FILE_BYTES, load_bytes};
use indexmap::IndexMap;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The file-name ending of scenario files, which a folder load skips.
pub const SCENARIO_SUFFIX: &str = ".scenario.json";

/// The name of the resource map that may sit beside the flows, which a folder load skips.
pub const RESOURCE_MAP_FILE: &str = "flowsim.resources.json";

/// Whether a member of the set is a flow or a flow module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberKind {
    Flow,
    Module,
}

impl MemberKind {
    /// Returns the noun used in messages: `flow` or `module`.
    pub fn noun(self) -> &'static str {
        match self {
            MemberKind::Flow => "flow",
            MemberKind::Module => "module",
        }
    }
}

/// One flow or module of the set, loaded and built.
#[derive(Debug, Clone)]
pub struct Member {
    /// The id that `ContactFlowId` or `FlowModuleId` names it by.
    pub id: String,
    /// The ARN from a `describe-contact-flow` wrapper or a resource map, when known.
    pub arn: Option<String>,
    pub kind: MemberKind,
    /// The flow as loaded, with its load diagnostics, for validation.
    pub loaded: LoadedFlow,
    pub graph: FlowGraph,
}

impl Member {
    /// Returns the flow's name from its metadata, else the id.
    pub fn label(&self) -> &str {
        self.graph.flow().name().unwrap_or(&self.id)
    }
}

/// A file that a folder load left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedFile {
    pub path: PathBuf,
    /// True for a file skipped by its name (a scenario or the resource map), false for a JSON
    /// file that did not load as a flow.
    pub by_name: bool,
    pub reason: String,
}

/// What a resource map adds to a load: placeholder values, ids and ARNs for files, and names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetOptions {
    /// Placeholder text, such as `${BillingFlowArn}` or `{{queues.main}}`, and the value that
    /// replaces it in each file before the file is parsed.
    pub placeholders: IndexMap<String, String>,
    /// Files whose id (an id or an ARN) the resource map gives, for files without a
    /// `describe-contact-flow` wrapper.
    pub ids_by_file: Vec<(PathBuf, String)>,
    /// Names that resolve to an id or ARN, as a resource map declares them.
    pub names: IndexMap<String, String>,
}

/// Why a target could not be resolved, with what was looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveError {
    pub target: String,
    pub reason: String,
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} not found: {}", self.target, self.reason)
    }
}

/// The flows and modules one run may enter.
#[derive(Debug, Clone, Default)]
pub struct FlowSet {
    members: Vec<Member>,
    names: IndexMap<String, String>,
    skipped: Vec<SkippedFile>,
}

impl FlowSet {
    /// Loads every `*.json` file directly in `folder` that is a flow-language export, in file-name
    /// order. Scenario files, the resource map and files that do not load as a flow are skipped
    /// and listed in [`FlowSet::skipped`]. Subfolders are not read.
    pub fn load_folder(folder: &Path, options: &SetOptions) -> Result<FlowSet, LoadError> {
        let mut set = FlowSet::with_names(options);
        for path in json_files(folder)? {
            if let Some(reason) = skip_by_name(&path) {
                set.skipped.push(SkippedFile {
                    path,
                    by_name: true,
                    reason,
                });
                continue;
            }
            match load_member(&path, options) {
                Ok(member) => set.members.push(member),
                Err(reason) => set.skipped.push(SkippedFile {
                    path,
                    by_name: false,
                    reason,
                }),
            }
        }
        Ok(set)
    }

    /// Loads each file in `paths`. Unlike a folder load, a file that is not a flow is an error.
    pub fn load_files(paths: &[PathBuf], options: &SetOptions) -> Result<FlowSet, LoadError> {
        let mut set = FlowSet::with_names(options);
        for path in paths {
            let loaded = load_with_placeholders(path, options)?;
            set.members.push(build_member(path, loaded, options));
        }
        Ok(set)
    }

    /// Creates a set from flows already loaded, with the ids they carry or their file stems.
    pub fn from_loaded(flows: Vec<LoadedFlow>, options: &SetOptions) -> FlowSet {
        let mut set = FlowSet::with_names(options);
        for loaded in flows {
            let path = loaded.source.clone().unwrap_or_default();
            set.members.push(build_member(&path, loaded, options));
        }
        set
    }

    fn with_names(options: &SetOptions) -> FlowSet {
        FlowSet {
            names: options.names.clone(),
            ..FlowSet::default()
        }
    }

    /// Every flow and module, in load order.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// The files a folder load left out, with the reason for each.
    pub fn skipped(&self) -> &[SkippedFile] {
        &self.skipped
    }

    /// Returns the member with this id, if any.
    pub fn by_id(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// Returns the member loaded from `path`, comparing canonical paths where they exist.
    pub fn by_path(&self, path: &Path) -> Option<&Member> {
        let expected = Some(canonical(path));
        self.members
            .iter()
            .find(|m| m.loaded.source.as_deref().map(canonical) == expected)
    }

    /// Resolves `target` to a member of kind `kind`, as `TransferToFlow` (a flow) or
    /// `InvokeFlowModule` (a module) would.
    ///
    /// `target` is a full ARN (`arn:aws:connect:REGION:ACCOUNT:instance/ID/contact-flow/FLOW_ID` or
    /// `.../flow-module/MODULE_ID`) or a bare id, either with an optional `:QUALIFIER` such as
    /// `:$LATEST`, or a name that the resource map declares.
    pub fn resolve(&self, target: &str, kind: MemberKind) -> Result<&Member, ResolveError> {
        let error = |reason: String| ResolveError {
            target: target.to_string(),
            reason,
        };
        let member = match parse_arn(target) {
            Some(arn) => self.resolve_arn(target, &arn, kind).map_err(error)?,
            None => self.resolve_bare(target).map_err(error)?,
        };
        if member.kind != kind {
            return Err(error(format!(
                "it names the {} {:?}, not a {}",
                member.kind.noun(),
                member.id,
                kind.noun()
            )));
        }
        Ok(member)
    }

    fn resolve_arn(&self, target: &str, arn: &ConnectArn<'_>, kind: MemberKind) -> Result<&Member, String> {
        if arn.kind != kind {
            return Err(format!(
                "the ARN names a {}, not a {}",
                arn.kind.noun(),
                kind.noun()
            ));
        }
        let unqualified = strip_qualifier(target);
        let by_arn = self
            .members
            .iter()
            .find(|m| m.arn.as_deref().map(strip_qualifier) == Some(unqualified));
        by_arn.or_else(|| self.by_id(arn.id)).ok_or_else(|| {
            format!(
                "looked up ARN {unqualified} and id {:?}; no loaded {} has either",
                arn.id,
                kind.noun()
            )
        })
    }

    fn resolve_bare(&self, target: &str) -> Result<&Member, String> {
        let id = strip_qualifier(target);
        if let Some(member) = self.by_id(target).or_else(|| self.by_id(id)) {
            return Ok(member);
        }
        let Some(mapped) = self.names.get(target) else {
            return Err(format!(
                "looked up id {id:?}; no loaded flow or module has that id, and the resource map \
                 declares no such name (Connect takes the error branch for a flow name)"
            ));
        };
        let mapped_id = parse_arn(mapped).map_or(strip_qualifier(mapped), |arn| arn.id);
        self.by_id(mapped_id).ok_or_else(|| {
            format!("the resource map maps the name to {mapped:?}, but no loaded flow or module has id {mapped_id:?}")
        })
    }
}

/// The parts of a Connect flow or module ARN that resolution uses.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ConnectArn<'a> {
    kind: MemberKind,
    id: &'a str,
}

/// Parses `arn:PARTITION:connect:REGION:ACCOUNT:instance/INSTANCE/contact-flow/ID[:QUALIFIER]` or
/// the same with `flow-module`. Returns `None` for anything else.
fn parse_arn(text: &str) -> Option<ConnectArn<'_>> {
    let mut fields = text.splitn(6, ':');
    let (prefix, _partition, service) = (fields.next()?, fields.next()?, fields.next()?);
    if prefix != "arn" || service != "connect" {
        return None;
    }
    let resource = fields.nth(2)?;
    let mut parts = resource.split('/');
    if parts.next()? != "instance" {
        return None;
    }
    let _instance = parts.next()?;
    let kind = match parts.next()? {
        "contact-flow" => MemberKind::Flow,
        "flow-module" => MemberKind::Module,
        _ => return None,
    };
    let id = strip_qualifier(parts.next()?);
    (!id.is_empty() && parts.next().is_none()).then_some(ConnectArn { kind, id })
}

/// Removes a trailing `:QUALIFIER` (`:$LATEST`, a version number or an alias) from the last
/// path segment of an id or ARN.
pub fn strip_qualifier(text: &str) -> &str {
    let segment_start = text.rfind('/').map_or(0, |slash| slash + 1);
    if text.starts_with("arn:") && segment_start == 0 {
        return text;
    }
    match text[segment_start..].find(':') {
        Some(colon) => &text[..segment_start + colon],
        None => text,
    }
}

/// Lists the `*.json` files directly in `folder`, sorted by name.
fn json_files(folder: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let entries = std::fs::read_dir(folder).map_err(|e| folder_error(folder, &e))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| folder_error(folder, &e))?.path();
        let is_json = path.extension().is_some_and(|ext| ext == "json");
        if is_json && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn folder_error(folder: &Path, error: &std::io::Error) -> LoadError {
    LoadError {
        kind: LoadErrorKind::Io,
        file: Some(folder.to_path_buf()),
        message: format!("failed to list folder {}: {error}", folder.display()),
        hint: Some("check that the folder exists and is readable".to_string()),
    }
}

/// Returns why a file is skipped by its name alone: a scenario or the resource map.
fn skip_by_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(SCENARIO_SUFFIX) {
        return Some("a scenario file, not a flow".to_string());
    }
    (name == RESOURCE_MAP_FILE).then(|| "the resource map, not a flow".to_string())
}

/// Loads one file of a folder. A file that loads but has no `Version`, `StartAction` or `Actions`
/// is some other JSON document, such as a profile fixture.
fn load_member(path: &Path, options: &SetOptions) -> Result<Member, String> {
    let loaded = load_with_placeholders(path, options).map_err(|error| match error.kind {
        LoadErrorKind::NotAnObject => format!(
            "not a flow-language export, such as a profile fixture: {}",
            error.message
        ),
        _ => error.message,
    })?;
    let flow = &loaded.flow;
    if flow.version.is_none() && flow.start_action.is_none() && flow.actions.is_empty() {
        return Err("not a flow-language export: no Version, StartAction or Actions".to_string());
    }
    Ok(build_member(path, loaded, options))
}

/// Loads `path`, first replacing each placeholder of `options` when any is given.
fn load_with_placeholders(path: &Path, options: &SetOptions) -> Result<LoadedFlow, LoadError> {
    let too_large = std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_FILE_BYTES as u64);
    if options.placeholders.is_empty() || too_large {
        // The loader reports a missing or oversized file with its own message and hint.
        return crate::load::load_path(path);
    }
    let file = Some(path.to_path_buf());
    let bytes = std::fs::read(path).map_err(|error| LoadError {
        kind: LoadErrorKind::Io,
        file: file.clone(),
        message: format!("failed to read {}: {error}", path.display()),
        hint: Some("check that the path exists and is a readable file".to_string()),
    })?;
    let filled = match String::from_utf8(bytes) {
        Ok(text) => fill_placeholders(&text, &options.placeholders).into_bytes(),
        Err(error) => error.into_bytes(),
    };
    load_bytes(&filled, file)
}

/// Replaces every occurrence of each placeholder in `text` with its value, escaped for a JSON
/// string, because placeholders sit inside JSON strings.
///
/// NOTE: a placeholder inside the `Content` string of a `describe-contact-flow` wrapper is inside
/// a string that holds JSON, so a value with `"` or `\` would need escaping twice. ARNs, ids and
/// names without those characters are unaffected.
pub fn fill_placeholders(text: &str, placeholders: &IndexMap<String, String>) -> String {
    let mut filled = text.to_string();
    for (placeholder, value) in placeholders {
        let quoted = Value::String(value.clone()).to_string();
        let escaped = &quoted[1..quoted.len() - 1];
        filled = filled.replace(placeholder.as_str(), escaped);
    }
    filled
}

/// Builds a member, taking the id from the wrapper, else the resource map, else the file stem.
fn build_member(path: &Path, loaded: LoadedFlow, options: &SetOptions) -> Member {
    let wrapper = wrapper_identity(path, loaded.format);
    let mapped = mapped_identity(path, options);
    let (id, arn) = wrapper.or(mapped).unwrap_or_else(|| (file_stem(path), None));
    let is_module = loaded.flow.is_module() || loaded.format == ExportFormat::DescribeContactFlowModule;
    let kind = if is_module {
        MemberKind::Module
    } else {
        MemberKind::Flow
    };
    let graph = FlowGraph::build(loaded.flow.clone(), loaded.source.clone());
    Member {
        id,
        arn,
        kind,
        loaded,
        graph,
    }
}

/// Reads `Id` and `Arn` from a `describe-contact-flow` or `describe-contact-flow-module` wrapper.
fn wrapper_identity(path: &Path, format: ExportFormat) -> Option<(String, Option<String>)> {
    let key = match format {
        ExportFormat::DescribeContactFlow => "ContactFlow",
        ExportFormat::DescribeContactFlowModule => "ContactFlowModule",
        _ => return None,
    };
    let bytes = std::fs::read(path).ok()?;
    let document: Value = serde_json::from_slice(&bytes).ok()?;
    let described = document.get(key)?;
    let arn = described.get("Arn").and_then(Value::as_str).map(str::to_string);
    let id_from_arn = arn.as_deref().and_then(parse_arn).map(|a| a.id.to_string());
    let id = described.get("Id").and_then(Value::as_str).map(str::to_string);
    Some((id.or(id_from_arn)?, arn))
}

/// Returns the id (and the ARN, when the map gives one) that the resource map declares for `path`.
fn mapped_identity(path: &Path, options: &SetOptions) -> Option<(String, Option<String>)> {
    let expected = canonical(path);
    let (_, key) = options
        .ids_by_file
        .iter()
        .find(|(file, _)| canonical(file) == expected)?;
    match parse_arn(key) {
        Some(arn) => Some((arn.id.to_string(), Some(key.clone()))),
        None => Some((strip_qualifier(key).to_string(), None)),
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or_default()
        .to_string()
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arn_parts() {
        let arn = "arn:aws:connect:us-east-1:111122223333:instance/abc/contact-flow/f1:$LATEST";
        let parsed = parse_arn(arn).expect("a flow ARN parses");
        assert_eq!(parsed.kind, MemberKind::Flow);
        assert_eq!(parsed.id, "f1");
    }

    #[test]
    fn qualifier_stripping() {
        assert_eq!(strip_qualifier("f1:$LATEST"), "f1");
        assert_eq!(strip_qualifier("f1"), "f1");
        assert_eq!(
            strip_qualifier("arn:aws:connect:r:a:instance/i/flow-module/m:prod"),
            "arn:aws:connect:r:a:instance/i/flow-module/m"
        );
    }
}
