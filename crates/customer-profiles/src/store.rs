//! The `ProfileStore` trait, the in-memory store indexed by search key, and an unavailable store.

use crate::fixture::Fixture;
use crate::profile::Profile;
use crate::search::{
    FoundByItem, KeyCatalogue, LogicalOperator, Normaliser, ProfileMatch, SearchPair, SearchQuery,
    SearchSettings,
};
use indexmap::IndexMap;
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
    /// The store cannot change profiles, or has no segments.
    Unsupported,
    /// A created profile has the `ProfileId` of a stored one.
    DuplicateProfileId,
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

    /// Returns the `ProfileId` that the next [`ProfileStore::create`] should use.
    fn new_profile_id(&self) -> Result<String, StoreError> {
        Err(unsupported("create profiles"))
    }

    /// Stores `profile` as a new profile, found by later searches.
    fn create(&mut self, profile: Profile) -> Result<(), StoreError> {
        let _ = profile;
        Err(unsupported("create profiles"))
    }

    /// Replaces the stored profile that has the `ProfileId` of `profile`. Returns false when there
    /// is none.
    fn update(&mut self, profile: Profile) -> Result<bool, StoreError> {
        let _ = profile;
        Err(unsupported("update profiles"))
    }

    /// Adds `value` to the search key `key_name` of profile `profile_id`, like the AddProfileKey
    /// API. Returns false when there is no such profile.
    fn add_profile_key(&mut self, profile_id: &str, key_name: &str, value: &str) -> Result<bool, StoreError> {
        let _ = (profile_id, key_name, value);
        Err(unsupported("add profile keys"))
    }

    /// Returns whether profile `profile_id` is in the segment `segment_name`, or `None` when the
    /// store has no such segment.
    fn in_segment(&self, segment_name: &str, profile_id: &str) -> Result<Option<bool>, StoreError> {
        let _ = (segment_name, profile_id);
        Err(unsupported("check segment membership"))
    }
}

fn unsupported(operation: &str) -> StoreError {
    StoreError::new(
        StoreErrorKind::Unsupported,
        format!("this profile store cannot {operation} (use the in-memory store of a profile fixture)"),
    )
}

/// Profiles held in memory, with an index from (search key, normalised value) to profiles that is
/// rebuilt whenever a profile is created or changed.
///
/// The n-th profile created in a store gets the `ProfileId` of n written as 32 lowercase hex
/// digits (`00000000000000000000000000000001` first), the shape of Customer Profiles' own ids, so a
/// run is repeatable. An id that a fixture profile already has is skipped.
#[derive(Debug)]
pub struct MemoryStore {
    profiles: Vec<Profile>,
    by_id: HashMap<String, usize>,
    index: HashMap<String, HashMap<String, Vec<usize>>>,
    keys: KeyCatalogue,
    normaliser: Normaliser,
    domain_arn: Option<String>,
    /// Key values added by [`ProfileStore::add_profile_key`], by `ProfileId`.
    added_keys: HashMap<String, Vec<(String, String)>>,
    segments: IndexMap<String, Vec<String>>,
    created: u128,
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
            added_keys: HashMap::new(),
            segments: fixture.segments,
            created: 0,
        };
        store.build_index();
        Ok(store)
    }

    /// Returns every profile, in fixture order.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    fn build_index(&mut self) {
        self.by_id.clear();
        self.index.clear();
        let key_names = self.indexed_key_names();
        for position in 0..self.profiles.len() {
            let profile = &self.profiles[position];
            self.by_id.insert(profile.profile_id.clone(), position);
            let mut entries: Vec<(String, String)> = Vec::new();
            for key_name in &key_names {
                let values = self.keys.values(key_name, profile);
                entries.extend(values.into_iter().map(|value| (key_name.clone(), value)));
            }
            entries.extend(
                self.added_keys
                    .get(&profile.profile_id)
                    .cloned()
                    .unwrap_or_default(),
            );
            for (key_name, value) in entries {
                self.index_value(position, &key_name, &value);
            }
        }
    }

    fn index_value(&mut self, position: usize, key_name: &str, value: &str) {
        let normalised = self.normaliser.normalise(key_name, value);
        let postings = self.index.entry(key_name.to_string()).or_default();
        let positions = postings.entry(normalised).or_default();
        if positions.last() != Some(&position) {
            positions.push(position);
        }
    }

    /// Returns the `ProfileId` for the n-th created profile, from n = 1.
    fn created_id(count: u128) -> String {
        format!("{count:032x}")
    }

    /// Returns the counter value of the next created profile whose id no profile has yet.
    fn next_free_count(&self) -> u128 {
        (self.created + 1..)
            .find(|&count| !self.by_id.contains_key(&Self::created_id(count)))
            .expect("a u128 counter has more values than the store has profiles")
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

    fn new_profile_id(&self) -> Result<String, StoreError> {
        Ok(Self::created_id(self.next_free_count()))
    }

    fn create(&mut self, profile: Profile) -> Result<(), StoreError> {
        if self.by_id.contains_key(&profile.profile_id) {
            return Err(StoreError::new(
                StoreErrorKind::DuplicateProfileId,
                format!("a profile with ProfileId {:?} already exists", profile.profile_id),
            ));
        }
        if profile.profile_id == Self::created_id(self.next_free_count()) {
            self.created = self.next_free_count();
        }
        self.profiles.push(profile);
        self.build_index();
        Ok(())
    }

    fn update(&mut self, profile: Profile) -> Result<bool, StoreError> {
        let Some(&position) = self.by_id.get(&profile.profile_id) else {
            return Ok(false);
        };
        self.profiles[position] = profile;
        self.build_index();
        Ok(true)
    }

    fn add_profile_key(&mut self, profile_id: &str, key_name: &str, value: &str) -> Result<bool, StoreError> {
        if !self.by_id.contains_key(profile_id) {
            return Ok(false);
        }
        let added = self.added_keys.entry(profile_id.to_string()).or_default();
        let entry = (key_name.to_string(), value.to_string());
        if !added.contains(&entry) {
            added.push(entry);
        }
        self.build_index();
        Ok(true)
    }

    fn in_segment(&self, segment_name: &str, profile_id: &str) -> Result<Option<bool>, StoreError> {
        let members = self.segments.get(segment_name);
        Ok(members.map(|members| members.iter().any(|member| member == profile_id)))
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

    fn new_profile_id(&self) -> Result<String, StoreError> {
        Err(Self::error())
    }

    fn create(&mut self, _profile: Profile) -> Result<(), StoreError> {
        Err(Self::error())
    }

    fn update(&mut self, _profile: Profile) -> Result<bool, StoreError> {
        Err(Self::error())
    }

    fn add_profile_key(
        &mut self,
        _profile_id: &str,
        _key_name: &str,
        _value: &str,
    ) -> Result<bool, StoreError> {
        Err(Self::error())
    }

    fn in_segment(&self, _segment_name: &str, _profile_id: &str) -> Result<Option<bool>, StoreError> {
        Err(Self::error())
    }
}
