//! The flat `$.Customer.*` names of profile fields.

use customer_profiles::Fixture;
use customer_profiles::mapping::{FlatValue, customer_segments, flat_name, flat_value, profile_path};

#[test]
fn profile_path_table() {
    let cases = [
        ("FirstName", Some("FirstName")),
        ("ProfileId", Some("ProfileId")),
        ("BusinessEmailAddress", Some("BusinessEmailAddress")),
        ("City", Some("Address.City")),
        ("Address1", Some("Address.Address1")),
        ("PostalCode", Some("Address.PostalCode")),
        ("ShippingCity", Some("ShippingAddress.City")),
        ("MailingAddress4", Some("MailingAddress.Address4")),
        ("BillingPostalCode", Some("BillingAddress.PostalCode")),
        ("Attributes.loyaltyTier", Some("Attributes.loyaltyTier")),
        ("Attributes.", None),
        ("Address.City", None),
        ("ShippingTown", None),
        ("Shipping", None),
        ("FirstNme", None),
    ];
    for (flat_name, expected) in cases {
        assert_eq!(profile_path(flat_name).as_deref(), expected, "{flat_name}");
    }
}

#[test]
fn flat_value_table() {
    let text = r#"[{"ProfileId": "p-1", "FirstName": "Ana", "LastName": "Diaz",
      "Address": {"City": "Springfield", "Address1": "1 Main St"},
      "ShippingAddress": {"City": "Shelbyville"},
      "BillingAddress": {"PostalCode": "62701"},
      "Attributes": {"loyaltyTier": "gold"}}]"#;
    let fixture = Fixture::parse(text, "mapping.json").expect("the fixture is valid");
    let profile = &fixture.profiles[0];
    let present = |value: &str| FlatValue::Present(value.to_string());
    let cases = [
        ("FirstName", present("Ana")),
        ("ProfileId", present("p-1")),
        ("City", present("Springfield")),
        ("Address1", present("1 Main St")),
        ("ShippingCity", present("Shelbyville")),
        ("BillingPostalCode", present("62701")),
        ("Attributes.loyaltyTier", present("gold")),
        ("MiddleName", FlatValue::Missing),
        ("MailingCity", FlatValue::Missing),
        ("Attributes.locale", FlatValue::Missing),
        ("Address.City", FlatValue::Unknown),
        ("loyaltyTier", FlatValue::Unknown),
    ];
    for (flat_name, expected) in cases {
        assert_eq!(flat_value(profile, flat_name), expected, "{flat_name}");
    }
}

#[test]
fn customer_segments_table() {
    assert_eq!(customer_segments("City"), ["Customer", "City"]);
    assert_eq!(customer_segments("ShippingCity"), ["Customer", "ShippingCity"]);
    assert_eq!(
        customer_segments("Attributes.loyaltyTier"),
        ["Customer", "Attributes", "loyaltyTier"]
    );
}

#[test]
fn flat_name_table() {
    let cases = [
        ("Address.City", Some("City")),
        ("ShippingAddress.City", Some("ShippingCity")),
        ("BillingAddress.Address2", Some("BillingAddress2")),
        ("Address.Town", None),
        ("City", None),
        ("Attributes.tier", None),
    ];
    for (nested_path, expected) in cases {
        assert_eq!(flat_name(nested_path).as_deref(), expected, "{nested_path}");
    }
}
