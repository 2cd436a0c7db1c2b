//! SearchProfiles semantics: search keys, the query, value normalisation and match information.

use crate::profile::Profile;
use indexmap::IndexMap;
use phonenumber::country;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// The maximum number of key-value pairs in one SearchProfiles request, and so in one Get profile
/// block.
pub const MAX_SEARCH_PAIRS: usize = 5;

/// The maximum length of a SearchProfiles value, in characters.
pub const MAX_VALUE_CHARS: usize = 255;

/// Predefined search keys that some profile field backs, with the fields that back them, from the
/// standard profile definition of Customer Profiles.
const BACKED_KEYS: [(&str, &[&str]); 4] = [
    (
        "_phone",
        &[
            "PhoneNumber",
            "MobilePhoneNumber",
            "HomePhoneNumber",
            "BusinessPhoneNumber",
        ],
    ),
    (
        "_email",
        &["EmailAddress", "PersonalEmailAddress", "BusinessEmailAddress"],
    ),
    ("_account", &["AccountNumber"]),
    ("_profileId", &["ProfileId"]),
];

/// Predefined search keys that no profile field backs: object types (`_assetId`, `_orderId`,
/// `_caseId`) and integrations fill them. A fixture may back them through `searchKeys`; otherwise a
/// search by one of them finds nothing.
pub const UNBACKED_KEYS: [&str; 16] = [
    "_assetId",
    "_caseId",
    "_orderId",
    "_ctrContactId",
    "_marketoLeadId",
    "_salesforceAccountId",
    "_salesforceContactId",
    "_salesforceAssetId",
    "_zendeskUserId",
    "_zendeskExternalId",
    "_zendeskTicketId",
    "_serviceNowSystemId",
    "_serviceNowIncidentId",
    "_segmentUserId",
    "_shopifyCustomerId",
    "_shopifyOrderId",
];

/// The full-name key, built from "FirstName MiddleName LastName" with missing parts left out.
pub const FULL_NAME_KEY: &str = "_fullName";

/// The comparison rule of the `_phone` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum PhoneMatching {
    /// Both sides are parsed and compared in E.164, as Customer Profiles does for fields of type
    /// `PHONE_NUMBER`, so `+15550100101` finds `(555) 010-0101`. A number without a `+` is read in
    /// the main country of `default_country_code` (1: the North American Numbering Plan).
    Normalised { default_country_code: u16 },
    /// The stored and searched strings must be equal.
    Exact,
}

/// The comparison rules of one profile store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SearchSettings {
    pub phone_matching: PhoneMatching,
    /// Whether `_email` values compare without regard to case. Customer Profiles does not document
    /// its rule, so case-insensitive comparison is flowsim's default.
    pub email_case_insensitive: bool,
}

impl Default for SearchSettings {
    fn default() -> Self {
        SearchSettings {
            phone_matching: PhoneMatching::Normalised {
                default_country_code: 1,
            },
            email_case_insensitive: true,
        }
    }
}

/// The operator that combines the pairs of a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum LogicalOperator {
    /// Profiles that match every pair.
    #[serde(rename = "AND")]
    And,
    /// Profiles that match at least one pair, the API's default.
    #[default]
    #[serde(rename = "OR")]
    Or,
}

impl FromStr for LogicalOperator {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        match text {
            "AND" => Ok(LogicalOperator::And),
            "OR" => Ok(LogicalOperator::Or),
            _ => Err(()),
        }
    }
}

impl fmt::Display for LogicalOperator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LogicalOperator::And => "AND",
            LogicalOperator::Or => "OR",
        })
    }
}

/// One search key and one value to look for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchPair {
    pub key_name: String,
    pub value: String,
}

impl SearchPair {
    pub fn new(key_name: &str, value: &str) -> Self {
        SearchPair {
            key_name: key_name.to_string(),
            value: value.to_string(),
        }
    }
}

/// A SearchProfiles request: one to five key-value pairs and the operator that combines them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchQuery {
    pub pairs: Vec<SearchPair>,
    pub operator: LogicalOperator,
}

/// The reason a search request is invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    NoPairs,
    TooManyPairs(usize),
    EmptyValue { key_name: String },
    ValueTooLong { key_name: String, chars: usize },
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::NoPairs => f.write_str("the search has no identifier"),
            QueryError::TooManyPairs(count) => write!(
                f,
                "the search has {count} identifiers but at most {MAX_SEARCH_PAIRS} are allowed"
            ),
            QueryError::EmptyValue { key_name } => {
                write!(f, "the value for {key_name} is empty")
            }
            QueryError::ValueTooLong { key_name, chars } => write!(
                f,
                "the value for {key_name} has {chars} characters but at most {MAX_VALUE_CHARS} are allowed"
            ),
        }
    }
}

impl SearchQuery {
    /// Builds a query, checking the limits of SearchProfiles: one to five pairs, each value 1 to
    /// 255 characters.
    pub fn new(pairs: Vec<SearchPair>, operator: LogicalOperator) -> Result<Self, QueryError> {
        if pairs.is_empty() {
            return Err(QueryError::NoPairs);
        }
        if pairs.len() > MAX_SEARCH_PAIRS {
            return Err(QueryError::TooManyPairs(pairs.len()));
        }
        pairs.iter().try_for_each(check_value)?;
        Ok(SearchQuery { pairs, operator })
    }

    /// Builds a query of one pair.
    pub fn single(key_name: &str, value: &str) -> Result<Self, QueryError> {
        Self::new(vec![SearchPair::new(key_name, value)], LogicalOperator::Or)
    }
}

fn check_value(pair: &SearchPair) -> Result<(), QueryError> {
    let chars = pair.value.chars().count();
    if chars == 0 {
        return Err(QueryError::EmptyValue {
            key_name: pair.key_name.clone(),
        });
    }
    if chars > MAX_VALUE_CHARS {
        return Err(QueryError::ValueTooLong {
            key_name: pair.key_name.clone(),
            chars,
        });
    }
    Ok(())
}

/// The keys and values by which a search found one profile, like the API's `FoundByItems`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct FoundByItem {
    pub key_name: String,
    pub values: Vec<String>,
}

/// One profile that a search found, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileMatch {
    pub profile: Profile,
    pub found_by_items: Vec<FoundByItem>,
}

/// The search keys of one store: the predefined ones and those a fixture declares.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyCatalogue {
    /// Keys a fixture declares, each with the field paths that back it.
    pub custom: IndexMap<String, Vec<String>>,
}

impl KeyCatalogue {
    /// Returns true when `key_name` is a predefined or declared key.
    pub fn contains(&self, key_name: &str) -> bool {
        is_predefined(key_name) || self.custom.contains_key(key_name)
    }

    /// Returns the values of `key_name` on `profile`, before normalisation.
    pub fn values(&self, key_name: &str, profile: &Profile) -> Vec<String> {
        if key_name == FULL_NAME_KEY {
            return full_name(profile).into_iter().collect();
        }
        let fields = backing_fields(key_name)
            .map(|fields| fields.iter().map(|f| f.to_string()).collect())
            .or_else(|| self.custom.get(key_name).cloned())
            .unwrap_or_default();
        fields
            .iter()
            .filter_map(|path| profile.field(path))
            .map(str::to_string)
            .collect()
    }
}

/// Returns true for the keys that Customer Profiles predefines.
pub fn is_predefined(key_name: &str) -> bool {
    key_name == FULL_NAME_KEY || backing_fields(key_name).is_some() || UNBACKED_KEYS.contains(&key_name)
}

/// Returns true for predefined keys that a fixture may not redefine, because profile fields
/// already back them.
pub fn is_backed_predefined(key_name: &str) -> bool {
    key_name == FULL_NAME_KEY || backing_fields(key_name).is_some()
}

fn backing_fields(key_name: &str) -> Option<&'static [&'static str]> {
    BACKED_KEYS
        .iter()
        .find(|(name, _)| *name == key_name)
        .map(|(_, fields)| *fields)
}

/// Returns "FirstName MiddleName LastName" with the missing parts left out, or `None` when the
/// profile has no name part.
pub fn full_name(profile: &Profile) -> Option<String> {
    let parts: Vec<&str> = [&profile.first_name, &profile.middle_name, &profile.last_name]
        .into_iter()
        .filter_map(|part| part.as_deref())
        .filter(|part| !part.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Returns true when a search key name is well formed: 1 to 64 characters from `a-z A-Z 0-9 _ -`.
pub fn is_valid_key_name(key_name: &str) -> bool {
    (1..=64).contains(&key_name.len())
        && key_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Compares values by the rules of one store's [`SearchSettings`].
#[derive(Debug, Clone)]
pub struct Normaliser {
    settings: SearchSettings,
    phone_region: Option<country::Id>,
}

/// An error for settings whose default calling code no country uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCallingCode(pub u16);

impl fmt::Display for UnknownCallingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no country uses the calling code {} (set default_country_code to a code such as 1 or 44)",
            self.0
        )
    }
}

impl Normaliser {
    /// Creates a normaliser, resolving the default calling code to its main country.
    pub fn new(settings: SearchSettings) -> Result<Self, UnknownCallingCode> {
        let phone_region = match settings.phone_matching {
            PhoneMatching::Normalised { default_country_code } => Some(main_region(default_country_code)?),
            PhoneMatching::Exact => None,
        };
        Ok(Normaliser {
            settings,
            phone_region,
        })
    }

    /// Returns the form of `value` under which `key_name` indexes and searches it.
    pub fn normalise(&self, key_name: &str, value: &str) -> String {
        match key_name {
            "_phone" => self.normalise_phone(value),
            "_email" if self.settings.email_case_insensitive => value.to_lowercase(),
            _ => value.to_string(),
        }
    }

    /// Returns `value` in E.164, or `value` itself when the setting is exact matching or the value
    /// is not a phone number.
    fn normalise_phone(&self, value: &str) -> String {
        let Some(region) = self.phone_region else {
            return value.to_string();
        };
        match phonenumber::parse(Some(region), value) {
            Ok(number) => number.format().mode(phonenumber::Mode::E164).to_string(),
            Err(_) => value.to_string(),
        }
    }
}

/// Returns the main country of a calling code (US for 1, GB for 44), as libphonenumber's metadata
/// marks it.
fn main_region(calling_code: u16) -> Result<country::Id, UnknownCallingCode> {
    let regions = phonenumber::metadata::DATABASE
        .by_code(&calling_code)
        .unwrap_or_default();
    let main = regions
        .iter()
        .find(|meta| meta.is_main_country_for_code())
        .or(regions.first())
        .ok_or(UnknownCallingCode(calling_code))?;
    country::Id::from_str(main.id()).map_err(|_| UnknownCallingCode(calling_code))
}
