//! Table tests of the SearchProfiles rules of the in-memory store.

use customer_profiles::{
    Fixture, LogicalOperator, MemoryStore, PhoneMatching, ProfileStore, QueryError, SearchPair, SearchQuery,
    SearchSettings, StoreErrorKind, UnavailableStore,
};

const FIXTURE: &str = r#"{
  "searchKeys": {
    "loyaltyId": ["Attributes.loyaltyId"],
    "_salesforceContactId": ["Attributes.sfContactId"],
    "postcode": ["Address.PostalCode", "ShippingAddress.PostalCode"]
  },
  "profiles": [
    {"ProfileId": "p-1", "FirstName": "Ana", "LastName": "Diaz", "PhoneNumber": "(555) 010-0101",
     "EmailAddress": "Ana.Diaz@Example.com", "AccountNumber": "A-100",
     "Address": {"PostalCode": "62701"},
     "Attributes": {"loyaltyId": "L-7", "sfContactId": "003-1"}},
    {"ProfileId": "p-2", "FirstName": "Ben", "MiddleName": "J", "LastName": "Okafor",
     "MobilePhoneNumber": "+15550100102", "AccountNumber": "A-200",
     "ShippingAddress": {"PostalCode": "62701"}},
    {"ProfileId": "p-3", "FirstName": "Cleo", "HomePhoneNumber": "555-010-0102",
     "PersonalEmailAddress": "cleo@example.com", "AccountNumber": "A-100"},
    {"ProfileId": "p-4", "LastName": "Li", "BusinessPhoneNumber": "+44 20 7946 0958",
     "BusinessEmailAddress": "ops@example.com"}
  ]
}"#;

/// Key-value pairs of a test search, as (key name, value).
type Pairs<'a> = Vec<(&'a str, &'a str)>;

fn store(settings: SearchSettings) -> MemoryStore {
    let fixture = Fixture::parse(FIXTURE, "search.json").expect("the test fixture is valid");
    MemoryStore::new(fixture, settings).expect("the default calling code 1 is known")
}

/// Returns the ProfileIds that a search finds, in store order.
fn found(store: &MemoryStore, pairs: &[(&str, &str)], operator: LogicalOperator) -> Vec<String> {
    let pairs = pairs.iter().map(|(k, v)| SearchPair::new(k, v)).collect();
    let query = SearchQuery::new(pairs, operator).expect("the test query is valid");
    let matches = store
        .search(&query)
        .expect("the memory store answers every search");
    matches.into_iter().map(|m| m.profile.profile_id).collect()
}

#[test]
fn single_key_table() {
    let store = store(SearchSettings::default());
    let cases: &[(&str, &str, &[&str])] = &[
        ("_phone", "+15550100101", &["p-1"]),
        ("_phone", "(555) 010-0101", &["p-1"]),
        ("_phone", "555-010-0101", &["p-1"]),
        ("_phone", "5550100101", &["p-1"]),
        ("_phone", "+1 555 010 0101", &["p-1"]),
        ("_phone", "+15550100102", &["p-2", "p-3"]),
        ("_phone", "+442079460958", &["p-4"]),
        ("_phone", "+15550100199", &[]),
        ("_phone", "010-0101", &[]),
        ("_email", "ana.diaz@example.com", &["p-1"]),
        ("_email", "ANA.DIAZ@EXAMPLE.COM", &["p-1"]),
        ("_email", "cleo@example.com", &["p-3"]),
        ("_email", "ops@example.com", &["p-4"]),
        ("_email", "nobody@example.com", &[]),
        ("_account", "A-100", &["p-1", "p-3"]),
        ("_account", "a-100", &[]),
        ("_profileId", "p-2", &["p-2"]),
        ("_profileId", "p-9", &[]),
        ("_fullName", "Ana Diaz", &["p-1"]),
        ("_fullName", "Ben J Okafor", &["p-2"]),
        ("_fullName", "Ben Okafor", &[]),
        ("_fullName", "Cleo", &["p-3"]),
        ("_fullName", "Li", &["p-4"]),
        ("loyaltyId", "L-7", &["p-1"]),
        ("postcode", "62701", &["p-1", "p-2"]),
        ("_salesforceContactId", "003-1", &["p-1"]),
        ("_orderId", "o-1", &[]),
    ];
    for (key, value, expected) in cases {
        let ids = found(&store, &[(key, value)], LogicalOperator::Or);
        assert_eq!(&ids, expected, "search {key} = {value:?}");
    }
}

#[test]
fn exact_phone_matching() {
    let settings = SearchSettings {
        phone_matching: PhoneMatching::Exact,
        ..SearchSettings::default()
    };
    let store = store(settings);
    let cases: &[(&str, &[&str])] = &[
        ("+15550100101", &[]),
        ("(555) 010-0101", &["p-1"]),
        ("+15550100102", &["p-2"]),
        ("555-010-0102", &["p-3"]),
    ];
    for (value, expected) in cases {
        let ids = found(&store, &[("_phone", value)], LogicalOperator::Or);
        assert_eq!(&ids, expected, "exact search _phone = {value:?}");
    }
}

#[test]
fn case_sensitive_email() {
    let settings = SearchSettings {
        email_case_insensitive: false,
        ..SearchSettings::default()
    };
    let store = store(settings);
    let exact = found(&store, &[("_email", "Ana.Diaz@Example.com")], LogicalOperator::Or);
    let lower = found(&store, &[("_email", "ana.diaz@example.com")], LogicalOperator::Or);
    assert_eq!(exact, ["p-1"]);
    assert!(lower.is_empty(), "found {lower:?}");
}

#[test]
fn other_calling_code() {
    let settings = SearchSettings {
        phone_matching: PhoneMatching::Normalised {
            default_country_code: 44,
        },
        ..SearchSettings::default()
    };
    let store = store(settings);
    let national = found(&store, &[("_phone", "020 7946 0958")], LogicalOperator::Or);
    let stored_in_e164 = found(&store, &[("_phone", "+15550100102")], LogicalOperator::Or);
    let stored_national = found(&store, &[("_phone", "+15550100101")], LogicalOperator::Or);
    assert_eq!(national, ["p-4"]);
    assert_eq!(stored_in_e164, ["p-2"]);
    // p-1 stores "(555) 010-0101", which is now read as a British national number.
    assert!(stored_national.is_empty(), "found {stored_national:?}");
}

#[test]
fn unknown_calling_code() {
    let fixture = Fixture::default();
    let settings = SearchSettings {
        phone_matching: PhoneMatching::Normalised {
            default_country_code: 999,
        },
        ..SearchSettings::default()
    };
    let error = MemoryStore::new(fixture, settings).expect_err("999 is no calling code");
    assert_eq!(error.kind, StoreErrorKind::InvalidSettings);
    assert_eq!(
        error.message,
        "no country uses the calling code 999 (set default_country_code to a code such as 1 or 44)"
    );
}

#[test]
fn and_or_table() {
    let store = store(SearchSettings::default());
    let cases: &[(Pairs, LogicalOperator, &[&str])] = &[
        (
            vec![("_phone", "+15550100101"), ("_account", "A-100")],
            LogicalOperator::And,
            &["p-1"],
        ),
        (
            vec![("_phone", "+15550100101"), ("_account", "A-100")],
            LogicalOperator::Or,
            &["p-1", "p-3"],
        ),
        (
            vec![("_phone", "+15550100101"), ("_email", "cleo@example.com")],
            LogicalOperator::And,
            &[],
        ),
        (
            vec![("_phone", "+15550100101"), ("_email", "cleo@example.com")],
            LogicalOperator::Or,
            &["p-1", "p-3"],
        ),
        (
            vec![("_phone", "+15550100102"), ("_account", "A-100")],
            LogicalOperator::And,
            &["p-3"],
        ),
        (
            vec![("_account", "A-100"), ("_account", "A-200")],
            LogicalOperator::Or,
            &["p-1", "p-2", "p-3"],
        ),
        (
            vec![("_account", "A-100"), ("_account", "A-200")],
            LogicalOperator::And,
            &[],
        ),
        (
            vec![
                ("_phone", "+15550100101"),
                ("_email", "ana.diaz@example.com"),
                ("_account", "A-100"),
                ("_profileId", "p-1"),
                ("loyaltyId", "L-7"),
            ],
            LogicalOperator::And,
            &["p-1"],
        ),
    ];
    for (pairs, operator, expected) in cases {
        let ids = found(&store, pairs, *operator);
        assert_eq!(&ids, expected, "search {pairs:?} with {operator}");
    }
}

#[test]
fn found_by_items_per_match() {
    let store = store(SearchSettings::default());
    let pairs = vec![
        SearchPair::new("_phone", "+15550100101"),
        SearchPair::new("_account", "A-100"),
    ];
    let query = SearchQuery::new(pairs, LogicalOperator::Or).expect("two pairs are valid");
    let matches = store.search(&query).expect("the memory store answers");
    let found_by: Vec<_> = matches
        .iter()
        .map(|m| (m.profile.profile_id.as_str(), &m.found_by_items))
        .collect();
    insta::assert_json_snapshot!(found_by);
}

#[test]
fn query_limits_table() {
    let long = "9".repeat(256);
    let max = "9".repeat(255);
    let six: Pairs = vec![("_account", "A-1"); 6];
    let five: Pairs = vec![("_account", "A-1"); 5];
    let cases: Vec<(Pairs, Result<(), QueryError>)> = vec![
        (vec![], Err(QueryError::NoPairs)),
        (six, Err(QueryError::TooManyPairs(6))),
        (five, Ok(())),
        (
            vec![("_phone", "")],
            Err(QueryError::EmptyValue {
                key_name: "_phone".to_string(),
            }),
        ),
        (
            vec![("_account", long.as_str())],
            Err(QueryError::ValueTooLong {
                key_name: "_account".to_string(),
                chars: 256,
            }),
        ),
        (vec![("_account", max.as_str())], Ok(())),
    ];
    for (pairs, expected) in cases {
        let count = pairs.len();
        let pairs = pairs.into_iter().map(|(k, v)| SearchPair::new(k, v)).collect();
        let result = SearchQuery::new(pairs, LogicalOperator::And).map(|_| ());
        assert_eq!(result, expected, "query of {count} pairs");
    }
}

#[test]
fn query_error_messages() {
    assert_eq!(
        QueryError::TooManyPairs(6).to_string(),
        "the search has 6 identifiers but at most 5 are allowed"
    );
    let long = QueryError::ValueTooLong {
        key_name: "_email".to_string(),
        chars: 300,
    };
    assert_eq!(
        long.to_string(),
        "the value for _email has 300 characters but at most 255 are allowed"
    );
}

#[test]
fn unknown_key_is_error() {
    let store = store(SearchSettings::default());
    let query = SearchQuery::single("memberNumber", "M-1").expect("one pair is valid");
    let error = store.search(&query).expect_err("memberNumber is not declared");
    assert_eq!(error.kind, StoreErrorKind::UnknownKey);
    assert!(
        error.message.starts_with("unknown search key \"memberNumber\""),
        "{}",
        error.message
    );
}

#[test]
fn get_by_profile_id() {
    let store = store(SearchSettings::default());
    let profile = store.get("p-2").expect("the memory store answers");
    let missing = store.get("p-9").expect("the memory store answers");
    assert_eq!(profile.map(|p| p.first_name), Some(Some("Ben".to_string())));
    assert_eq!(missing, None);
}

#[test]
fn unavailable_store_fails() {
    let query = SearchQuery::single("_phone", "+15550100101").expect("one pair is valid");
    let search = UnavailableStore.search(&query).expect_err("every call fails");
    let get = UnavailableStore.get("p-1").expect_err("every call fails");
    assert_eq!(search.kind, StoreErrorKind::Unavailable);
    assert_eq!(get.kind, StoreErrorKind::Unavailable);
}
