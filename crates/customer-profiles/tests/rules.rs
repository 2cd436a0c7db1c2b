//! The Profile API's value rules as fixture errors, and the E.164 check of phone fields.

use customer_profiles::rules::{is_e164, non_e164_phones};
use customer_profiles::{Fixture, FixtureErrorKind};

#[test]
fn invalid_values_table() {
    let long = "x".repeat(256);
    let longer = "x".repeat(1001);
    let cases = [
        (
            r#"{"Gender": "M"}"#.to_string(),
            "invalid Gender \"M\": expected MALE, FEMALE, UNSPECIFIED (use GenderString for any other value)",
        ),
        (
            r#"{"PartyType": "PERSON"}"#.to_string(),
            "invalid PartyType \"PERSON\": expected INDIVIDUAL, BUSINESS, OTHER (use PartyTypeString for any other value)",
        ),
        (
            r#"{"ProfileType": "ACCOUNT"}"#.to_string(),
            "invalid ProfileType \"ACCOUNT\": expected PROFILE, ACCOUNT_PROFILE (leave the field out for a plain profile)",
        ),
        (
            r#"{"MiddleName": ""}"#.to_string(),
            "MiddleName is empty (leave the field out instead)",
        ),
        (
            format!(r#"{{"FirstName": "{long}"}}"#),
            "FirstName has 256 characters but at most 255 are allowed",
        ),
        (
            format!(r#"{{"AdditionalInformation": "{longer}"}}"#),
            "AdditionalInformation has 1001 characters but at most 1000 are allowed",
        ),
        (
            r#"{"ShippingAddress": {"City": ""}}"#.to_string(),
            "ShippingAddress.City is empty (leave the field out instead)",
        ),
        (
            r#"{"Attributes": {"": "gold"}}"#.to_string(),
            "an Attributes key is empty (leave the field out instead)",
        ),
        (
            format!(r#"{{"Attributes": {{"note": "{long}"}}}}"#),
            "Attributes.note has 256 characters but at most 255 are allowed",
        ),
    ];
    for (fields, expected) in cases {
        let object = fields.trim_start_matches('{');
        let text = format!("{{\"ProfileId\": \"p-1\"}}\n{{\"ProfileId\": \"p-2\", {object}\n");
        let error = Fixture::parse(&text, "profiles.ndjson").expect_err("the value is invalid");
        assert_eq!(error.kind, FixtureErrorKind::InvalidProfile, "{fields}");
        assert_eq!(error.location.line, Some(2), "{fields}");
        assert_eq!(error.location.index, Some(1), "{fields}");
        assert_eq!(error.message, format!("invalid profile at index 1: {expected}"));
    }
}

#[test]
fn valid_values_load() {
    let text = r#"[{"ProfileId": "p-1", "Gender": "FEMALE", "GenderString": "Woman",
      "PartyType": "INDIVIDUAL", "ProfileType": "ACCOUNT_PROFILE",
      "AdditionalInformation": "VIP since 2019"}]"#;
    let fixture = Fixture::parse(text, "profiles.json").expect("the values are valid");
    assert_eq!(fixture.profiles[0].gender.as_deref(), Some("FEMALE"));
}

#[test]
fn is_e164_table() {
    let cases = [
        ("+15550100101", true),
        ("+442079460958", true),
        ("+12", true),
        ("+1", false),
        ("+1234567890123456", false),
        ("+05550100101", false),
        ("15550100101", false),
        ("+1 555 010 0101", false),
        ("(555) 010-0101", false),
        ("", false),
    ];
    for (value, expected) in cases {
        assert_eq!(is_e164(value), expected, "{value:?}");
    }
}

#[test]
fn non_e164_phone_fields() {
    let text = r#"[{"ProfileId": "p-1", "PhoneNumber": "+15550100101",
      "MobilePhoneNumber": "555-010-0102", "BusinessPhoneNumber": "(555) 010-0103"}]"#;
    let fixture = Fixture::parse(text, "profiles.json").expect("the fixture is valid");
    assert_eq!(
        non_e164_phones(&fixture.profiles[0]),
        [
            ("MobilePhoneNumber", "555-010-0102"),
            ("BusinessPhoneNumber", "(555) 010-0103")
        ]
    );
}
