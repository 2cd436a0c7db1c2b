//! The `ProfileStore` trait, the in-memory store indexed by search key, and an unavailable store.

use crate::fixture::Fixture;
use crate::profile::Profile;
use crate::search::{
    FoundByItem, KeyCatalogue, LogicalOperator, Normaliser, ProfileMatch, SearchPair, SearchQuery,
    SearchSettings,
};
use std::collections::{BTreeSet, HashMap};
use std::fmt;

/// The kind of a failed store call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreErrorKind {
    /// The store is switched off, as when Customer Profiles is not enabled or the service fails.
    Unavailable,
    /// The search names a key that is neither predefined nor declared by the fixture.
    UnknownKey,
    /// The store settings cannot be used.
    InvalidSettings,
}

/// A failed store call. In a flow every such failure takes the block's `NoMatchingError` branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError {
    pub kind: StoreErrorKind,
    pub message: String,
}

impl StoreError {
    pub fn new(kind: StoreErrorKind, message: impl Into<String>) -> Self {
        StoreError {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StoreError {}

/// A Customer Profiles domain as the profile actions see it.
pub trait ProfileStore: Send {
    /// Returns the profiles that `query` finds, in store order, like SearchProfiles.
    fn search(&self, query: &SearchQuery) -> Result<Vec<ProfileMatch>, StoreError>;

    /// Returns the profile with `profile_id`, or `None` when there is none.
    fn get(&self, profile_id: &str) -> Result<Option<Profile>, StoreError>;

    /// Returns the domain ARN (`arn:aws:profile:<region>:<account>:domains/<name>`), when known, from
    /// which a profile's ARN is `<domain ARN>/profiles/<ProfileId>`.
    fn domain_arn(&self) -> Option<&str> {
        None
    }
}

/// Profiles held in memory, with an index from (search key, normalised value) to profiles that is
/// built once when the store is created.
#[derive(Debug)]
pub struct MemoryStore {
    profiles: Vec<Profile>,
    by_id: HashMap<String, usize>,
    index: HashMap<String, HashMap<String, Vec<usize>>>,
    keys: KeyCatalogue,
    normaliser: Normaliser,
    domain_arn: Option<String>,
}

impl MemoryStore {
    /// Creates a store of the fixture's profiles, indexed under `settings`.
    pub fn new(fixture: Fixture, settings: SearchSettings) -> Result<Self, StoreError> {
        let normaliser = Normaliser::new(settings)
            .map_err(|e| StoreError::new(StoreErrorKind::InvalidSettings, e.to_string()))?;
        let mut store = MemoryStore {
            profiles: fixture.profiles,
            by_id: HashMap::new(),
            index: HashMap::new(),
            keys: KeyCatalogue {
                custom: fixture.search_keys,
            },
            normaliser,
            domain_arn: fixture.domain_arn,
        };
        store.build_index();
        Ok(store)
    }

    /// Returns every profile, in fixture order.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    fn build_index(&mut self) {
        let key_names = self.indexed_key_names();
        for (position, profile) in self.profiles.iter().enumerate() {
            self.by_id.insert(profile.profile_id.clone(), position);
            for key_name in &key_names {
                for value in self.keys.values(key_name, profile) {
                    let normalised = self.normaliser.normalise(key_name, &value);
                    let postings = self.index.entry(key_name.clone()).or_default();
                    let positions = postings.entry(normalised).or_default();
                    if positions.last() != Some(&position) {
                        positions.push(position);
                    }
                }
            }
        }
    }

    fn indexed_key_names(&self) -> Vec<String> {
        ["_phone", "_email", "_account", "_profileId", "_fullName"]
            .into_iter()
            .map(str::to_string)
            .chain(self.keys.custom.keys().cloned())
            .collect()
    }

    /// Returns the positions of the profiles that `pair` finds.
    fn lookup(&self, pair: &SearchPair) -> Result<BTreeSet<usize>, StoreError> {
        if !self.keys.contains(&pair.key_name) {
            return Err(unknown_key(&pair.key_name));
        }
        let normalised = self.normaliser.normalise(&pair.key_name, &pair.value);
        let positions = self
            .index
            .get(&pair.key_name)
            .and_then(|postings| postings.get(&normalised));
        Ok(positions.into_iter().flatten().copied().collect())
    }
}

fn unknown_key(key_name: &str) -> StoreError {
    StoreError::new(
        StoreErrorKind::UnknownKey,
        format!(
            "unknown search key {key_name:?} (use a predefined key such as _phone, _email or \
             _account, or declare it under searchKeys in the profile fixture)"
        ),
    )
}

impl ProfileStore for MemoryStore {
    fn search(&self, query: &SearchQuery) -> Result<Vec<ProfileMatch>, StoreError> {
        let hits = query
            .pairs
            .iter()
            .map(|pair| Ok((pair, self.lookup(pair)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let positions = combine(&hits, query.operator);
        Ok(positions
            .into_iter()
            .map(|position| self.to_match(position, &hits))
            .collect())
    }

    fn get(&self, profile_id: &str) -> Result<Option<Profile>, StoreError> {
        Ok(self
            .by_id
            .get(profile_id)
            .map(|&position| self.profiles[position].clone()))
    }

    fn domain_arn(&self) -> Option<&str> {
        self.domain_arn.as_deref()
    }
}

impl MemoryStore {
    fn to_match(&self, position: usize, hits: &[(&SearchPair, BTreeSet<usize>)]) -> ProfileMatch {
        ProfileMatch {
            profile: self.profiles[position].clone(),
            found_by_items: found_by_items(position, hits),
        }
    }
}

/// Combines the positions each pair found: all of them under AND, any of them under OR.
fn combine(hits: &[(&SearchPair, BTreeSet<usize>)], operator: LogicalOperator) -> BTreeSet<usize> {
    let mut sets = hits.iter().map(|(_, positions)| positions.clone());
    let first = sets.next().unwrap_or_default();
    match operator {
        LogicalOperator::And => sets.fold(first, |all, set| &all & &set),
        LogicalOperator::Or => sets.fold(first, |any, set| &any | &set),
    }
}

/// Lists the pairs that found the profile at `position`, grouped by key in query order.
fn found_by_items(position: usize, hits: &[(&SearchPair, BTreeSet<usize>)]) -> Vec<FoundByItem> {
    let mut items: Vec<FoundByItem> = Vec::new();
    let matched = hits.iter().filter(|(_, positions)| positions.contains(&position));
    for (pair, _) in matched {
        match items.iter_mut().find(|item| item.key_name == pair.key_name) {
            Some(item) => item.values.push(pair.value.clone()),
            None => items.push(FoundByItem {
                key_name: pair.key_name.clone(),
                values: vec![pair.value.clone()],
            }),
        }
    }
    items
}

/// A store whose every call fails, for a scenario that sets `{"unavailable": true}`: Customer
/// Profiles not enabled, throttled or down.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnavailableStore;

impl UnavailableStore {
    fn error() -> StoreError {
        StoreError::new(
            StoreErrorKind::Unavailable,
            "the profile store is unavailable because the scenario sets it so",
        )
    }
}

impl ProfileStore for UnavailableStore {
    fn search(&self, _query: &SearchQuery) -> Result<Vec<ProfileMatch>, StoreError> {
        Err(Self::error())
    }

    fn get(&self, _profile_id: &str) -> Result<Option<Profile>, StoreError> {
        Err(Self::error())
    }
}
