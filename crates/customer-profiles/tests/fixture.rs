//! Loading profile fixtures in their three forms, and the errors that name where a fixture is wrong.

use customer_profiles::{Fixture, FixtureErrorKind};

fn ids(fixture: &Fixture) -> Vec<&str> {
    fixture.profiles.iter().map(|p| p.profile_id.as_str()).collect()
}

fn error_of(text: &str) -> customer_profiles::FixtureError {
    Fixture::parse(text, "profiles.json").expect_err("the fixture is invalid")
}

#[test]
fn array_form_loads() {
    let text = r#"[
  {"ProfileId": "p-1", "FirstName": "Ana", "Address": {"City": "Springfield"}},
  {"ProfileId": "p-2", "Attributes": {"tier": "gold"}}
]"#;
    let fixture = Fixture::parse(text, "profiles.json").expect("the array is valid");
    assert_eq!(ids(&fixture), ["p-1", "p-2"]);
    assert_eq!(fixture.profiles[1].attributes["tier"], "gold");
    assert!(fixture.search_keys.is_empty());
}

#[test]
fn ndjson_form_skips_blank_lines() {
    let text = "{\"ProfileId\": \"p-1\"}\n\n   \n{\"ProfileId\": \"p-2\"}\r\n";
    let fixture = Fixture::parse(text, "profiles.ndjson").expect("the NDJSON is valid");
    assert_eq!(ids(&fixture), ["p-1", "p-2"]);
}

#[test]
fn empty_text_has_no_profiles() {
    let fixture = Fixture::parse("\n\n", "empty.ndjson").expect("an empty fixture is valid");
    assert!(fixture.profiles.is_empty());
}

#[test]
fn document_form_loads() {
    let text = r#"{
  "searchKeys": {"loyaltyId": ["Attributes.loyaltyId"]},
  "domainArn": "arn:aws:profile:us-east-1:111122223333:domains/example",
  "profiles": [{"ProfileId": "p-1"}]
}"#;
    let fixture = Fixture::parse(text, "profiles.json").expect("the document is valid");
    assert_eq!(ids(&fixture), ["p-1"]);
    assert_eq!(fixture.search_keys["loyaltyId"], ["Attributes.loyaltyId"]);
    assert_eq!(
        fixture.domain_arn.as_deref(),
        Some("arn:aws:profile:us-east-1:111122223333:domains/example")
    );
}

#[test]
fn one_line_document_loads() {
    let text = r#"{"profiles": [{"ProfileId": "p-1"}, {"ProfileId": "p-2"}]}"#;
    let fixture = Fixture::parse(text, "profiles.json").expect("the document is valid");
    assert_eq!(ids(&fixture), ["p-1", "p-2"]);
}

#[test]
fn extensions_load() {
    let text = r#"[{"ProfileId": "p-1",
  "Objects": {"Order": [{"OrderId": "o-1", "Status": "shipped"}]},
  "CalculatedAttributes": {"_frequent_caller": "True"}}]"#;
    let fixture = Fixture::parse(text, "profiles.json").expect("the extensions are valid");
    let profile = &fixture.profiles[0];
    assert_eq!(profile.objects["Order"][0]["OrderId"], "o-1");
    assert_eq!(profile.calculated_attributes["_frequent_caller"], "True");
}

#[test]
fn json_syntax_error_position() {
    let error = error_of("[\n  {\"ProfileId\": \"p-1\"},\n  {\"ProfileId\": }\n]");
    assert_eq!(error.kind, FixtureErrorKind::Syntax);
    assert_eq!(error.location.line, Some(3));
    assert_eq!(error.location.column, Some(17));
    assert_eq!(
        error.to_string(),
        "profiles.json:3:17: invalid profile fixture: expected value (expected a JSON array of \
         profiles, or one profile object per line)"
    );
}

#[test]
fn unknown_field_in_array() {
    let text = "[\n  {\"ProfileId\": \"p-1\"},\n  {\"ProfileId\": \"p-2\",\n   \"FirstNme\": \"Ana\"}\n]";
    let error = error_of(text);
    assert_eq!(error.kind, FixtureErrorKind::InvalidProfile);
    assert_eq!(error.location.index, Some(1));
    assert_eq!(error.location.line, Some(4));
    assert_eq!(error.location.column, Some(13));
    insta::assert_snapshot!(error.to_string());
}

#[test]
fn unknown_address_field_on_first_line() {
    let text = r#"[{"ProfileId": "p-1", "Address": {"Town": "Springfield"}}]"#;
    let error = error_of(text);
    assert_eq!(error.kind, FixtureErrorKind::InvalidProfile);
    assert_eq!(error.location.index, Some(0));
    assert_eq!(error.location.line, Some(1));
    assert_eq!(error.location.column, Some(40));
    assert!(
        error.message.contains("unknown field `Town`"),
        "{}",
        error.message
    );
}

#[test]
fn missing_profile_id() {
    let error = error_of(r#"[{"FirstName": "Ana"}]"#);
    assert_eq!(error.kind, FixtureErrorKind::InvalidProfile);
    assert!(
        error
            .message
            .starts_with("invalid profile at index 0: missing field `ProfileId`"),
        "{}",
        error.message
    );
}

#[test]
fn ndjson_error_names_line() {
    let text = "{\"ProfileId\": \"p-1\"}\n\n{\"ProfileId\": \"p-2\", \"Attributes\": {\"tier\": 3}}\n";
    let error = error_of(text);
    assert_eq!(error.kind, FixtureErrorKind::InvalidProfile);
    assert_eq!(error.location.line, Some(3));
    assert_eq!(error.location.index, Some(1));
    insta::assert_snapshot!(error.to_string());
}

#[test]
fn ndjson_syntax_error_names_line() {
    let text = "{\"ProfileId\": \"p-1\"}\n{\"ProfileId\": \"p-2\"\n";
    let error = error_of(text);
    assert_eq!(error.kind, FixtureErrorKind::Syntax);
    assert_eq!(error.location.line, Some(2));
    assert_eq!(error.location.index, Some(1));
}

#[test]
fn duplicate_id_in_array() {
    let text = "[\n  {\"ProfileId\": \"p-1\"},\n  {\"ProfileId\": \"p-2\"},\n  {\"ProfileId\": \"p-1\"}\n]";
    let error = error_of(text);
    assert_eq!(error.kind, FixtureErrorKind::DuplicateProfileId);
    assert_eq!(
        error.to_string(),
        "profiles.json:4:3: duplicate ProfileId \"p-1\" at index 2 (line 4); the first is at \
         index 0 (line 2) (give every profile its own ProfileId)"
    );
}

#[test]
fn duplicate_id_in_ndjson() {
    let text = "{\"ProfileId\": \"p-1\"}\n\n{\"ProfileId\": \"p-1\"}\n";
    let error = error_of(text);
    assert_eq!(error.kind, FixtureErrorKind::DuplicateProfileId);
    assert_eq!(error.location.line, Some(3));
    assert_eq!(error.location.index, Some(1));
    assert!(
        error.message.contains("the first is at index 0 (line 1)"),
        "{}",
        error.message
    );
}

#[test]
fn unknown_document_key() {
    let error = error_of("{\n  \"profile\": []\n}");
    assert_eq!(error.kind, FixtureErrorKind::Syntax);
    assert_eq!(error.location.line, Some(2));
    assert!(
        error.message.contains("unknown field `profile`"),
        "{}",
        error.message
    );
}

#[test]
fn invalid_search_keys_table() {
    let cases = [
        (
            r#"{"bad key": ["AccountNumber"]}"#,
            "invalid search key name \"bad key\" (use 1 to 64 characters from a-z, A-Z, 0-9, _ and -)",
        ),
        (
            r#"{"_phone": ["Attributes.phone"]}"#,
            "search key \"_phone\" is predefined and cannot be redeclared (choose another name)",
        ),
        (
            r#"{"loyaltyId": []}"#,
            "search key \"loyaltyId\" has no field (list at least one field path, such as Attributes.loyaltyId)",
        ),
        (
            r#"{"town": ["Address.Town"]}"#,
            "search key \"town\" names an unknown profile field \"Address.Town\" (use a Profile field such as AccountNumber, Address.City or Attributes.<key>)",
        ),
    ];
    for (search_keys, expected) in cases {
        let text = format!("{{\"searchKeys\": {search_keys},\n \"profiles\": []}}");
        let error = error_of(&text);
        assert_eq!(error.kind, FixtureErrorKind::InvalidSearchKey, "{search_keys}");
        assert_eq!(error.message, expected, "{search_keys}");
    }
}

#[test]
fn missing_file_is_io_error() {
    let path = std::path::Path::new("/nonexistent/flowsim/profiles.json");
    let error = Fixture::from_path(path).expect_err("the file does not exist");
    assert_eq!(error.kind, FixtureErrorKind::Io);
    assert_eq!(error.location.source, "/nonexistent/flowsim/profiles.json");
    assert!(
        error.message.starts_with("failed to read the profile fixture: "),
        "{}",
        error.message
    );
}
