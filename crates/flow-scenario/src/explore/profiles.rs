//! A profile store whose searches return a chosen outcome: one profile, none, several, or a
//! store error.

use super::candidates::push_unique;
use super::choice::{Choice, SharedLog};
use customer_profiles::search::{ProfileMatch, SearchQuery};
use customer_profiles::{Profile, ProfileStore, StoreError, StoreErrorKind};
use flow_executor::ContactState;
use indexmap::IndexMap;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// The profile store of an exploring run. Profiles that a search returned, or that a block created,
/// stay in the store for later blocks of the run. Other profiles come from the base scenario's
/// store when it has one.
pub struct ExploringStore {
    log: SharedLog,
    /// Values that the flow compares `$.Customer.Attributes.<name>` with, by attribute name.
    compared: Vec<(String, Vec<String>)>,
    profiles: Arc<Mutex<Vec<Profile>>>,
    inner: Option<Box<dyn ProfileStore>>,
}

impl ExploringStore {
    /// Replaces the store in `state` with an exploring store over it, and returns a handle that
    /// keeps the store's profiles alive for the run.
    pub fn install(
        state: &mut ContactState,
        log: SharedLog,
        compared: &IndexMap<String, Vec<String>>,
    ) -> Arc<Mutex<Vec<Profile>>> {
        let inner = state
            .extensions
            .get_mut::<customer_profiles::ProfileSlot>()
            .map(|slot| std::mem::replace(&mut slot.store, Box::new(customer_profiles::UnavailableStore)));
        let profiles = Arc::new(Mutex::new(Vec::new()));
        let store = ExploringStore {
            log,
            compared: compared_attributes(compared),
            profiles: profiles.clone(),
            inner,
        };
        customer_profiles::install(state, Box::new(store));
        profiles
    }

    /// Returns the outcomes offered for a search: one profile per compared attribute value (or
    /// one plain profile), none, two, and a store error.
    fn options(&self, query: &SearchQuery) -> Vec<Choice> {
        let mut variants: Vec<BTreeMap<String, String>> = Vec::new();
        let base: BTreeMap<String, String> = self
            .compared
            .iter()
            .filter_map(|(name, values)| Some((name.clone(), values.first()?.clone())))
            .collect();
        variants.push(base.clone());
        for (name, values) in &self.compared {
            for value in values.iter().skip(1) {
                let mut variant = base.clone();
                variant.insert(name.clone(), value.clone());
                if !variants.contains(&variant) {
                    variants.push(variant);
                }
            }
        }
        let mut options: Vec<Choice> = variants
            .into_iter()
            .map(|attributes| found(query, 1, attributes))
            .collect();
        options.push(found(query, 0, BTreeMap::new()));
        options.push(found(query, 2, base));
        options.push(Choice::Profiles {
            found: None,
            attributes: BTreeMap::new(),
            profiles: Vec::new(),
        });
        options
    }
}

/// Returns the outcome of a search that finds `count` profiles with `attributes`, each holding
/// the searched values.
fn found(query: &SearchQuery, count: usize, attributes: BTreeMap<String, String>) -> Choice {
    let profiles = (1..=count).map(|n| profile_for(query, n, &attributes)).collect();
    Choice::Profiles {
        found: Some(count),
        attributes,
        profiles,
    }
}

/// Builds a profile that a search by `query`'s standard keys finds.
///
/// NOTE: custom search keys are not filled in, so a written fixture may not reproduce a search by
/// one of them.
fn profile_for(query: &SearchQuery, number: usize, attributes: &BTreeMap<String, String>) -> Profile {
    let mut profile = Profile {
        profile_id: format!("explored-profile-{number}"),
        first_name: Some("Explored".to_string()),
        last_name: Some(format!("Caller {number}")),
        ..Profile::default()
    };
    for pair in &query.pairs {
        let value = Some(pair.value.clone());
        match pair.key_name.as_str() {
            "_phone" => profile.phone_number = value,
            "_email" => profile.email_address = value,
            "_account" => profile.account_number = value,
            "_profileId" if number == 1 => profile.profile_id = pair.value.clone(),
            _ => {}
        }
    }
    profile.attributes = attributes
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect::<IndexMap<_, _>>();
    profile
}

fn compared_attributes(values: &IndexMap<String, Vec<String>>) -> Vec<(String, Vec<String>)> {
    let mut compared: Vec<(String, Vec<String>)> = Vec::new();
    for (reference, values) in values.clone() {
        let Some(name) = reference.strip_prefix("$.Customer.Attributes.") else {
            continue;
        };
        let mut kept = Vec::new();
        for value in values.into_iter().filter(|v| !v.is_empty()) {
            push_unique(&mut kept, value);
        }
        compared.push((name.to_string(), kept));
    }
    compared
}

impl ProfileStore for ExploringStore {
    fn search(&self, query: &SearchQuery) -> Result<Vec<ProfileMatch>, StoreError> {
        let options = self.options(query);
        let subject: Vec<String> = query
            .pairs
            .iter()
            .map(|p| format!("{}={}", p.key_name, p.value))
            .collect();
        let choice = {
            let mut log = self
                .log
                .lock()
                .expect("the run log is only locked for short updates");
            let block = log.current_block.clone();
            log.choose(&block, "profiles", &subject.join(" "), options)
        };
        let Some(Choice::Profiles {
            found: Some(_),
            profiles,
            ..
        }) = choice
        else {
            return Err(StoreError::new(
                StoreErrorKind::Unavailable,
                "the explorer chose a store error",
            ));
        };
        let mut kept = self
            .profiles
            .lock()
            .expect("the profile list is only locked for short updates");
        for profile in &profiles {
            kept.retain(|p| p.profile_id != profile.profile_id);
            kept.push(profile.clone());
        }
        Ok(profiles
            .into_iter()
            .map(|profile| ProfileMatch {
                profile,
                found_by_items: Vec::new(),
            })
            .collect())
    }

    fn get(&self, profile_id: &str) -> Result<Option<Profile>, StoreError> {
        let kept = self
            .profiles
            .lock()
            .expect("the profile list is only locked for short updates");
        if let Some(profile) = kept.iter().find(|p| p.profile_id == profile_id) {
            return Ok(Some(profile.clone()));
        }
        match &self.inner {
            Some(inner) => inner.get(profile_id),
            None => Ok(None),
        }
    }

    fn new_profile_id(&self) -> Result<String, StoreError> {
        let count = self
            .profiles
            .lock()
            .expect("the profile list is only locked for short updates")
            .len();
        Ok(format!("explored-created-{}", count + 1))
    }

    fn create(&mut self, profile: Profile) -> Result<(), StoreError> {
        self.profiles
            .lock()
            .expect("the profile list is only locked for short updates")
            .push(profile);
        Ok(())
    }

    fn update(&mut self, profile: Profile) -> Result<bool, StoreError> {
        let mut kept = self
            .profiles
            .lock()
            .expect("the profile list is only locked for short updates");
        match kept.iter_mut().find(|p| p.profile_id == profile.profile_id) {
            Some(slot) => {
                *slot = profile;
                Ok(true)
            }
            None => Ok(false),
        }
    }
}
