//! Lint rules about attribute reads: reads before writes, near misses, replaced Lambda results,
//! unrequested profile fields, invalid paths, array indexes and unknown namespaces.

use super::access::{AttributePath, Read};
use super::dataflow::{self, Facts, is_covered};
use super::namespaces::{self, Origin};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::graph::BlockId;
use std::collections::{BTreeSet, HashMap};

/// Runs every read rule. `is_module` marks a flow module, whose `$.Modules.Input` the caller sets.
pub(super) fn check(facts: &Facts, is_module: bool) -> Vec<Diagnostic> {
    let written = dataflow::definitely_written(facts);
    let everywhere = all_written_paths(facts);
    let writes_customer = everywhere.iter().any(|p| p.namespace() == "Customer");
    let mut found = Vec::new();
    for block in facts.graph.blocks() {
        let identifier = &facts.graph.action(block).identifier;
        found.extend(bad_references(facts, block, identifier));
        found.extend(indexed_references(facts, block, identifier));
        let Some(before) = written.get(&block) else {
            continue;
        };
        for read in &facts.access(block).reads {
            let context = ReadContext {
                facts,
                block,
                identifier,
                before,
                everywhere: &everywhere,
                writes_customer,
                is_module,
            };
            found.extend(context.check(read));
        }
    }
    found.extend(replaced_results(facts));
    found
}

/// Returns the paths that some block writes, and the paths written before the flow starts.
fn all_written_paths(facts: &Facts) -> BTreeSet<AttributePath> {
    let mut paths: BTreeSet<AttributePath> = facts
        .access
        .iter()
        .flat_map(|access| access.writes.iter().map(|w| w.path.clone()))
        .collect();
    paths.extend(facts.entry.written.iter().cloned());
    paths
}

/// One reachable block's view of the analysis.
struct ReadContext<'a> {
    facts: &'a Facts<'a>,
    block: BlockId,
    identifier: &'a str,
    before: &'a BTreeSet<AttributePath>,
    everywhere: &'a BTreeSet<AttributePath>,
    writes_customer: bool,
    is_module: bool,
}

impl ReadContext<'_> {
    fn check(&self, read: &Read) -> Option<Diagnostic> {
        let namespace = read.path.namespace();
        let Some(origin) = namespaces::origin(namespace) else {
            return Some(self.unknown_namespace(read));
        };
        if is_covered(self.before, &read.path) || self.is_module_input(&read.path) {
            return None;
        }
        // A path that no block writes is not unset because of a failure, so it gets the rule for
        // a path the flow never sets.
        let written_somewhere = self.everywhere.iter().any(|w| w.covers(&read.path));
        if origin != Origin::Contact
            && !read.implicit
            && written_somewhere
            && self.unset_only_after_failure(&read.path)
        {
            return Some(self.unset_after_failure(read));
        }
        match origin {
            Origin::Contact => None,
            Origin::ContactAttributes => Some(self.unset_contact_attribute(read)),
            Origin::Flow if namespace == "Customer" => self.customer_read(read),
            Origin::Flow => Some(self.unset_flow_value(read)),
        }
    }

    fn is_module_input(&self, path: &AttributePath) -> bool {
        self.is_module && path.0.get(..2) == Some(&["Modules".to_string(), "Input".to_string()])
    }

    fn diagnostic(&self, code: &'static str, read: &Read, message: String) -> Diagnostic {
        Diagnostic::warning(code, read.pointer.clone(), message).with_identifier(self.identifier)
    }

    /// Names the flows that transfer into this one, for hints.
    fn transferring_flows(&self) -> String {
        let names: Vec<String> = self
            .facts
            .entry
            .sources
            .iter()
            .map(|name| format!("{name:?}"))
            .collect();
        match names.as_slice() {
            [] => "a flow".to_string(),
            [one] => format!("flow {one}"),
            many => format!("flow {} or another flow", many[0]),
        }
    }

    fn route(&self, path: &AttributePath) -> String {
        dataflow::route_without_write(self.facts, self.block, path, true)
    }

    /// Returns true when every route that reaches the read with `path` unwritten takes an error
    /// branch, so the value is missing only after a block failed.
    fn unset_only_after_failure(&self, path: &AttributePath) -> bool {
        let near_miss = self.near_miss(path).is_some();
        let customer_unchecked = path.namespace() == "Customer" && !self.writes_customer;
        !near_miss
            && !customer_unchecked
            && dataflow::route_without_write(self.facts, self.block, path, false).is_empty()
    }

    fn unset_after_failure(&self, read: &Read) -> Diagnostic {
        let message = format!("`{}` is unset here when an earlier block fails", read.path);
        self.diagnostic(codes::UNSET_AFTER_FAILURE, read, message).with_hint(format!(
            "route: {}; Connect resolves the path to nothing there, so route the error branch elsewhere or set a default",
            self.route(&read.path)
        ))
    }

    fn unknown_namespace(&self, read: &Read) -> Diagnostic {
        let namespace = read.path.namespace();
        let hint = match namespaces::closest(namespace) {
            Some(known) => {
                format!("did you mean `$.{known}`? Connect resolves an unknown namespace to nothing")
            }
            None => "use a Connect namespace such as `$.Attributes`, `$.External` or `$.Customer`".into(),
        };
        self.diagnostic(
            codes::NAMESPACE_UNKNOWN,
            read,
            format!(
                "`{}` reads namespace `{namespace}`, which Connect does not have",
                read.path
            ),
        )
        .with_hint(hint)
    }

    fn unset_contact_attribute(&self, read: &Read) -> Diagnostic {
        if let Some(near) = self.near_miss(&read.path) {
            return self.near_miss_diagnostic(read, &near);
        }
        if self.everywhere.iter().any(|w| w.covers(&read.path)) {
            let message = format!(
                "`{}` may be unset here: a route from the start sets it nowhere",
                read.path
            );
            return self
                .diagnostic(codes::ATTRIBUTE_MAY_BE_UNSET, read, message)
                .with_hint(format!(
                    "route: {}; set it on every route, or check it first",
                    self.route(&read.path)
                ));
        }
        let message = format!("`{}` is never set in this flow", read.path);
        self.diagnostic(codes::ATTRIBUTE_NEVER_SET, read, message)
            .with_hint("make sure an earlier flow, the API or a chat start sets it, or set it in this flow")
    }

    fn unset_flow_value(&self, read: &Read) -> Diagnostic {
        if let Some(near) = self.near_miss(&read.path) {
            return self.near_miss_diagnostic(read, &near);
        }
        let message = format!("`{}` is read before any block writes it on some route", read.path);
        let cleared = self
            .facts
            .entry
            .cleared
            .iter()
            .any(|path| path.covers(&read.path));
        let hint = match cleared {
            true => format!(
                "{} transfers here after it sets `{}`, but TransferToFlow clears flow attributes; pass \
                 the value in a contact attribute (`$.Attributes`) instead; route: {}",
                self.transferring_flows(),
                read.path,
                self.route(&read.path)
            ),
            false => format!(
                "route: {}; Connect resolves the path to nothing there",
                self.route(&read.path)
            ),
        };
        self.diagnostic(codes::READ_BEFORE_WRITE, read, message)
            .with_hint(hint)
    }

    /// Reports `$.Customer` reads: a missing profile ID at the profile actions that need one, and
    /// fields that no profile action on the route requested. A flow with no profile action may get
    /// `$.Customer` from an earlier flow, so it is not checked.
    fn customer_read(&self, read: &Read) -> Option<Diagnostic> {
        let is_profile_id = read.path.0 == ["Customer", "ProfileId"];
        if read.implicit || is_profile_id && !self.writes_customer {
            return read.implicit.then(|| self.profile_id_unset(read));
        }
        if !self.writes_customer {
            return None;
        }
        if let Some(near) = self.near_miss(&read.path) {
            return Some(self.near_miss_diagnostic(read, &near));
        }
        let field = read.path.0[1..].join(".");
        let message = format!(
            "`{}` is read, but no profile action on some route requested `{field}`",
            read.path
        );
        let hint = match flat_address_field(&read.path.0[1..]) {
            Some(flat) => format!(
                "profile blocks write address fields flat: read `$.Customer.{flat}` and request \"{flat}\"; route: {}",
                self.route(&read.path)
            ),
            None => format!(
                "add \"{field}\" to `ProfileResponseData`; route: {}",
                self.route(&read.path)
            ),
        };
        Some(
            self.diagnostic(codes::CUSTOMER_FIELD_NOT_REQUESTED, read, message)
                .with_hint(hint),
        )
    }

    fn profile_id_unset(&self, read: &Read) -> Diagnostic {
        let action = &self.facts.graph.action(self.block).action_type;
        let message = format!("{action} can run before any profile action set `$.Customer.ProfileId`");
        self.diagnostic(codes::PROFILE_ID_UNSET, read, message)
            .with_hint(format!(
                "run GetCustomerProfile or CreateCustomerProfile first on every route; route: {}",
                self.route(&read.path)
            ))
    }

    /// Finds the written path in the same namespace whose name after the namespace is closest to
    /// the read's, when the read path itself is written nowhere in the flow.
    /// Returns the written path closest to `path` that differs from it in one name, after the
    /// namespace, by a near miss, such as `$.Customer.Attributes.tier` for `...teir`.
    fn near_miss(&self, path: &AttributePath) -> Option<AttributePath> {
        if path.0.len() < 2 || self.everywhere.iter().any(|w| w.covers(path)) {
            return None;
        }
        self.everywhere
            .iter()
            .filter_map(|written| {
                let index = first_difference(written, path).filter(|index| *index >= 1)?;
                let (near, name) = (&written.0[index], &path.0[index]);
                is_near(near, name).then(|| (name_distance(near, name), written))
            })
            .min_by_key(|(distance, written)| (*distance, *written))
            .map(|(_, written)| written.clone())
    }

    fn near_miss_diagnostic(&self, read: &Read, near: &AttributePath) -> Diagnostic {
        let message = format!("`{}` is never written, but `{near}` is", read.path);
        self.diagnostic(codes::ATTRIBUTE_NEAR_MISS, read, message)
            .with_hint(format!(
                "did you mean `{near}`? Connect resolves a misspelled name to nothing"
            ))
    }
}

/// Returns the index of the first name in which two paths differ, or `None` when one path is the
/// other or starts it.
fn first_difference(a: &AttributePath, b: &AttributePath) -> Option<usize> {
    a.0.iter().zip(&b.0).position(|(x, y)| x != y)
}

/// Returns the flat `$.Customer` name of a nested address path, such as `ShippingCity` for
/// `ShippingAddress.City`. Get profile writes address fields flat, with the prefix of the address
/// kind: <https://docs.aws.amazon.com/connect/latest/APIReference/interactions-getcustomerprofile.html>.
fn flat_address_field(names: &[String]) -> Option<String> {
    const ADDRESS_FIELDS: &[&str] = &[
        "Address1",
        "Address2",
        "Address3",
        "Address4",
        "City",
        "County",
        "Country",
        "PostalCode",
        "Province",
        "State",
    ];
    let [address, field] = names else {
        return None;
    };
    let prefix = match address.as_str() {
        "Address" => "",
        "ShippingAddress" => "Shipping",
        "MailingAddress" => "Mailing",
        "BillingAddress" => "Billing",
        _ => return None,
    };
    ADDRESS_FIELDS
        .contains(&field.as_str())
        .then(|| format!("{prefix}{field}"))
}

/// Returns true when `read` looks like a misspelling of `written`: the same name in other case at
/// any length, or a name within [`max_edits`] edits of it, ignoring case. An edit inserts, deletes
/// or replaces one character, or swaps two adjacent ones, so `teir` and `tierr` are near `tier`.
///
/// Numbered siblings, such as `retry1` and `retry2` or `customerTier` and `customerTier2`, are
/// different attributes. So is a name that extends another by more than one character, such as
/// `status` and `statusDate`. A digit that only one name has inside it, as in `vmx3_task_flow` and
/// `vmx_task_flow`, is a typo like any other edit.
fn is_near(written: &str, read: &str) -> bool {
    let written = written.to_lowercase();
    let read = read.to_lowercase();
    if written == read {
        return true;
    }
    let limit = max_edits(written.chars().count().min(read.chars().count()));
    if limit == 0 || numbered_siblings(&written, &read) {
        return false;
    }
    let extension = read
        .strip_prefix(written.as_str())
        .or_else(|| written.strip_prefix(read.as_str()));
    if let Some(extension) = extension {
        return extension.chars().count() == 1;
    }
    strsim::osa_distance(&written, &read) <= limit
}

/// Returns how many edits a near miss may have, from the length in characters of the shorter
/// name: none under three characters, where `id` and `ip` are different words, one up to five
/// characters and two from six.
fn max_edits(shorter: usize) -> usize {
    match shorter {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// Returns the edit distance of two names, ignoring case, for ranking near misses.
fn name_distance(written: &str, read: &str) -> usize {
    strsim::osa_distance(&written.to_lowercase(), &read.to_lowercase())
}

/// Returns true for names that differ only in their digits, such as `retry1` and `retry2`, when
/// both have digits, or where one is the other followed by a number, such as `tier` and `tier2`.
fn numbered_siblings(first: &str, second: &str) -> bool {
    let letters = |name: &str| name.chars().filter(|c| !c.is_ascii_digit()).collect::<String>();
    let has_digit = |name: &str| name.chars().any(|c| c.is_ascii_digit());
    if has_digit(first) && has_digit(second) && letters(first) == letters(second) {
        return true;
    }
    let number_suffix = |long: &str, short: &str| {
        long.strip_prefix(short)
            .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()))
    };
    number_suffix(first, second) || number_suffix(second, first)
}

fn bad_references(facts: &Facts, block: BlockId, identifier: &str) -> Vec<Diagnostic> {
    facts
        .access(block)
        .bad_references
        .iter()
        .map(|bad| {
            Diagnostic::warning(
                codes::REFERENCE_INVALID,
                bad.pointer.clone(),
                format!("{:?} is not a valid attribute path: {}", bad.text, bad.message),
            )
            .with_identifier(identifier)
            .with_hint("write the path as `$.Namespace.name`, such as `$.Attributes.tier`; Connect uses the invalid text as a literal")
        })
        .collect()
}

/// Reports references with an array index. Connect's documentation does not say whether a flow
/// block resolves an index such as `[0]`, so flowsim resolves it and warns that Connect may not.
fn indexed_references(facts: &Facts, block: BlockId, identifier: &str) -> Vec<Diagnostic> {
    facts
        .access(block)
        .indexed_references
        .iter()
        .map(|indexed| {
            Diagnostic::warning(
                codes::ARRAY_INDEX_UNVERIFIED,
                indexed.pointer.clone(),
                format!(
                    "`{}` indexes an array, which Connect does not document for flow blocks",
                    indexed.text
                ),
            )
            .with_identifier(identifier)
            .with_hint("flowsim resolves the index, but Connect may not; have the Lambda function return the element under its own key")
        })
        .collect()
}

fn replaced_results(facts: &Facts) -> Vec<Diagnostic> {
    let mut first_pointer: HashMap<BlockId, String> = HashMap::new();
    dataflow::replaced_lambda_results(facts)
        .into_iter()
        .map(|replaced| {
            let name = |block| facts.graph.action(block).identifier.clone();
            let read = facts.access(replaced.reader).reads.iter().find(|r| r.path.namespace() == "External");
            let pointer = first_pointer
                .entry(replaced.reader)
                .or_insert_with(|| read.map(|r| r.pointer.clone()).unwrap_or_default())
                .clone();
            Diagnostic::warning(
                codes::EXTERNAL_REPLACED,
                pointer,
                format!(
                    "this `$.External` read sees the result of Lambda block {:?}, which replaced the result of {:?} before any block read it",
                    name(replaced.replacer),
                    name(replaced.lost)
                ),
            )
            .with_identifier(name(replaced.reader))
            .with_hint("copy the first Lambda's result into contact or flow attributes before the second call")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{flat_address_field, is_near, max_edits};
    use crate::codes;
    use crate::load_bytes;
    use crate::validate::{ValidateOptions, validate};
    use serde_json::json;

    #[test]
    fn array_index_is_reported() {
        let text = "Order $.External.OrderIds[0], again $.External.OrderIds.1, name $.External.Name.First, \
                    extra $.Views.ViewResultData.FormData.extras.0";
        let flow = json!({"Version": "2019-10-30", "StartAction": "say", "Actions": [
            {"Identifier": "say", "Type": "MessageParticipant", "Parameters": {"Text": text},
                "Transitions": {"NextAction": "end", "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}},
            {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
        ]});
        let loaded = load_bytes(flow.to_string().as_bytes(), None).expect("the test flow loads");
        let messages: Vec<String> = validate(&loaded, &ValidateOptions::default())
            .into_iter()
            .filter(|d| d.code == codes::ARRAY_INDEX_UNVERIFIED)
            .map(|d| d.message)
            .collect();
        assert_eq!(
            messages,
            [
                "`$.External.OrderIds[0]` indexes an array, which Connect does not document for flow blocks",
                "`$.External.OrderIds.1` indexes an array, which Connect does not document for flow blocks",
            ]
        );
    }

    #[test]
    fn nested_address_paths_map_to_flat_names() {
        let names = |path: &str| path.split('.').map(String::from).collect::<Vec<_>>();
        let cases = [
            ("Address.City", Some("City")),
            ("ShippingAddress.City", Some("ShippingCity")),
            ("BillingAddress.PostalCode", Some("BillingPostalCode")),
            ("Address.Street", None),
            ("Attributes.City", None),
            ("City", None),
        ];
        for (path, expected) in cases {
            assert_eq!(flat_address_field(&names(path)).as_deref(), expected, "{path}");
        }
    }

    #[test]
    fn near_miss_names() {
        let cases = [
            ("vmx3_task_flow", "vmx_task_flow", true),
            ("vmx_task_flow", "vmx3_task_flow", true),
            ("customerTier", "customerTeir", true),
            ("customerTier", "CustomerTier", true),
            ("department", "departmnt", true),
            ("department", "departmentt", true),
            ("department", "deaprtment", true),
            ("tier", "Tier", true),
            ("tier", "teir", true),
            ("tier", "tierr", true),
            ("tier", "tir", true),
            ("tier", "TIER", true),
            ("id", "ID", true),
            ("retry1", "retry2", false),
            ("step1Done", "step2Done", false),
            ("tier1", "tier2", false),
            ("tier", "tier2", false),
            ("customerTier", "customerTier2", false),
            ("status", "statusDate", false),
            ("tier", "tiers2", false),
            ("customerTier", "account", false),
            ("id", "ip", false),
            ("ab", "ba", false),
            ("tier", "tame", false),
            ("name", "game1", false),
        ];
        for (written, read, expected) in cases {
            assert_eq!(is_near(written, read), expected, "{written} / {read}");
        }
    }

    #[test]
    fn max_edits_by_length() {
        let cases = [(0, 0), (2, 0), (3, 1), (5, 1), (6, 2), (20, 2)];
        for (length, expected) in cases {
            assert_eq!(max_edits(length), expected, "{length} characters");
        }
    }

    /// Returns the code and message of each near-miss, may-be-unset and never-set finding when a
    /// flow sets `written` on one branch and then reads `read`, linted without `--strict`.
    fn near_miss_findings(written: serde_json::Value, read: &str) -> Vec<String> {
        let flow = json!({"Version": "2019-10-30", "StartAction": "menu", "Actions": [
            {"Identifier": "menu", "Type": "Compare", "Parameters": {"ComparisonValue": "$.Channel"},
                "Transitions": {"NextAction": "say", "Conditions": [
                    {"NextAction": "remember", "Condition": {"Operator": "Equals", "Operands": ["VOICE"]}}],
                    "Errors": [{"NextAction": "say", "ErrorType": "NoMatchingCondition"}]}},
            {"Identifier": "remember", "Type": "UpdateContactAttributes",
                "Parameters": {"Attributes": written, "TargetContact": "Current"},
                "Transitions": {"NextAction": "say", "Errors": [{"NextAction": "say", "ErrorType": "NoMatchingError"}]}},
            {"Identifier": "say", "Type": "MessageParticipant", "Parameters": {"Text": format!("Hello {read}")},
                "Transitions": {"NextAction": "end", "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}]}},
            {"Identifier": "end", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
        ]});
        let loaded = load_bytes(flow.to_string().as_bytes(), None).expect("the test flow loads");
        let reported = [
            codes::ATTRIBUTE_NEAR_MISS,
            codes::ATTRIBUTE_MAY_BE_UNSET,
            codes::ATTRIBUTE_NEVER_SET,
        ];
        validate(&loaded, &ValidateOptions::default())
            .into_iter()
            .filter(|d| reported.contains(&d.code))
            .map(|d| format!("{} {}", d.code, d.message))
            .collect()
    }

    #[test]
    fn near_miss_reported_without_strict() {
        let cases = [
            (
                "$.Attributes.teir",
                "FG053 `$.Attributes.teir` is never written, but `$.Attributes.tier` is",
            ),
            (
                "$.Attributes.tierr",
                "FG053 `$.Attributes.tierr` is never written, but `$.Attributes.tier` is",
            ),
            (
                "$.Attributes.Tier",
                "FG053 `$.Attributes.Tier` is never written, but `$.Attributes.tier` is",
            ),
            (
                "$.Attributes.departmentt",
                "FG053 `$.Attributes.departmentt` is never written, but `$.Attributes.department` is",
            ),
        ];
        for (read, expected) in cases {
            let written = json!({"tier": "gold", "department": "billing"});
            assert_eq!(near_miss_findings(written, read), [expected], "{read}");
        }
    }

    #[test]
    fn near_miss_skips_written_names() {
        let cases = [
            (json!({"tier1": "gold", "tier2": "silver"}), "$.Attributes.tier2"),
            (json!({"tier": "gold", "teir": "silver"}), "$.Attributes.teir"),
        ];
        for (written, read) in cases {
            let expected =
                format!("FG051 `{read}` may be unset here: a route from the start sets it nowhere");
            assert_eq!(near_miss_findings(written, read), [expected], "{read}");
        }
    }

    #[test]
    fn near_miss_skips_short_names() {
        let written = json!({"id": "1"});
        assert_eq!(
            near_miss_findings(written, "$.Attributes.ip"),
            Vec::<String>::new()
        );
    }
}
