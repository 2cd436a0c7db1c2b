//! Matching a scenario key to the Lambda function, hours of operation or queue that a flow names.

/// The closeness of a scenario key to a resource it names. A smaller rank is a closer match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchRank {
    /// The key is the flow's value itself, usually the full ARN.
    Exact,
    /// The key is a Lambda function name with its version or alias, `NAME:QUALIFIER`.
    Qualified,
    /// The key is the id at the end of the ARN: a Lambda function name, or a queue or hours id.
    Id,
    /// The key is the resource's display name from the flow's metadata.
    Name,
}

/// Returns how the scenario `key` names the resource that a flow refers to as `reference`, or
/// `None` when it does not.
///
/// A key names the resource when it equals, from closest to loosest match:
/// 1. the flow's value itself, usually the full ARN;
/// 2. for a Lambda ARN `arn:aws:lambda:REGION:ACCOUNT:function:NAME:QUALIFIER`, the `NAME:QUALIFIER`;
/// 3. the id at the end of the ARN: `NAME` after `function:`, or `ID` after the last `/` of a Connect
///    ARN such as `.../queue/ID` or `.../operating-hours/ID`. A key that is an ARN also matches a
///    flow value equal to the key's id;
/// 4. `display_name`, the name the flow's metadata gives the resource, when there is one.
///
/// All comparisons are case-sensitive, as Connect's ids and names are.
pub fn match_rank(key: &str, reference: &str, display_name: Option<&str>) -> Option<MatchRank> {
    if key == reference {
        return Some(MatchRank::Exact);
    }
    if lambda_qualified_name(reference).is_some_and(|qualified| qualified == key) {
        return Some(MatchRank::Qualified);
    }
    if resource_id(reference) == Some(key) || resource_id(key) == Some(reference) {
        return Some(MatchRank::Id);
    }
    if display_name == Some(key) {
        return Some(MatchRank::Name);
    }
    None
}

/// Returns the position of the key that names `reference` most closely. Ties go to the earlier key.
pub fn best_match<'k>(
    keys: impl IntoIterator<Item = &'k str>,
    reference: &str,
    display_name: Option<&str>,
) -> Option<usize> {
    keys.into_iter()
        .enumerate()
        .filter_map(|(position, key)| Some((match_rank(key, reference, display_name)?, position)))
        .min()
        .map(|(_, position)| position)
}

/// Similarity from `strsim::jaro_winkler` at or above which a known name is offered as the
/// correction of a misspelled one.
pub const SUGGESTION_THRESHOLD: f64 = 0.8;

/// Returns the name in `known` most similar to `unknown`, when one is similar enough to be a
/// likely typo.
pub fn closest_name<'n>(unknown: &str, known: impl IntoIterator<Item = &'n str>) -> Option<&'n str> {
    known
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(unknown, candidate), candidate))
        .filter(|(similarity, _)| *similarity >= SUGGESTION_THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// Returns the id at the end of an ARN: the function name of a Lambda ARN (without its qualifier),
/// or the text after the last `/` of any other ARN. Returns `None` for a value that is not an ARN.
pub fn resource_id(arn: &str) -> Option<&str> {
    let resource = arn_resource(arn)?;
    if let Some(function) = resource.strip_prefix("function:") {
        return function.split(':').next();
    }
    resource.rsplit('/').next()
}

/// Returns `NAME:QUALIFIER` for a Lambda ARN that ends with a version or alias.
fn lambda_qualified_name(arn: &str) -> Option<&str> {
    let function = arn_resource(arn)?.strip_prefix("function:")?;
    function.contains(':').then_some(function)
}

/// Returns the resource part of an ARN, `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
fn arn_resource(arn: &str) -> Option<&str> {
    if !arn.starts_with("arn:") {
        return None;
    }
    arn.splitn(6, ':').nth(5).filter(|resource| !resource.is_empty())
}
