//! The flat `$.Customer.*` names of profile fields, as the profile blocks read and write them.
//!
//! Top-level fields keep their names (`$.Customer.FirstName`). The fields of `Address` lose their
//! prefix (`$.Customer.City`), those of `ShippingAddress`, `MailingAddress` and `BillingAddress` take
//! `Shipping`, `Mailing` or `Billing` (`$.Customer.ShippingCity`), and `Attributes.x` stays nested
//! (`$.Customer.Attributes.x`), as the Amazon Connect Administrator Guide's "Customer profiles"
//! block page describes.

use crate::profile::{ADDRESS_FIELDS, Profile, SCALAR_FIELDS};

/// The address prefixes of flat names and the profile fields they stand for.
const ADDRESS_PREFIXES: [(&str, &str); 3] = [
    ("Shipping", "ShippingAddress"),
    ("Mailing", "MailingAddress"),
    ("Billing", "BillingAddress"),
];

/// The value of one flat name on one profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlatValue {
    Present(String),
    /// The name is valid but the profile has no value for it.
    Missing,
    /// The name is not a flat name of any profile field.
    Unknown,
}

/// Returns the dotted profile field path (`FirstName`, `Address.City`, `ShippingAddress.City`,
/// `Attributes.tier`) that a flat name stands for, or `None` for an unknown name.
pub fn profile_path(flat_name: &str) -> Option<String> {
    if let Some(key) = flat_name.strip_prefix("Attributes.") {
        return (!key.is_empty()).then(|| flat_name.to_string());
    }
    if SCALAR_FIELDS.contains(&flat_name) {
        return Some(flat_name.to_string());
    }
    if ADDRESS_FIELDS.contains(&flat_name) {
        return Some(format!("Address.{flat_name}"));
    }
    ADDRESS_PREFIXES.iter().find_map(|(prefix, kind)| {
        let field = flat_name.strip_prefix(prefix)?;
        ADDRESS_FIELDS.contains(&field).then(|| format!("{kind}.{field}"))
    })
}

/// Returns the flat name of a nested address path (`City` for `Address.City`, `ShippingCity` for
/// `ShippingAddress.City`), or `None` for any other text.
pub fn flat_name(nested_path: &str) -> Option<String> {
    let (kind, field) = nested_path.split_once('.')?;
    if !ADDRESS_FIELDS.contains(&field) {
        return None;
    }
    if kind == "Address" {
        return Some(field.to_string());
    }
    ADDRESS_PREFIXES
        .iter()
        .find(|(_, address_kind)| *address_kind == kind)
        .map(|(prefix, _)| format!("{prefix}{field}"))
}

/// Reads the flat name `flat_name` from `profile`.
pub fn flat_value(profile: &Profile, flat_name: &str) -> FlatValue {
    let Some(path) = profile_path(flat_name) else {
        return FlatValue::Unknown;
    };
    match profile.field(&path) {
        Some(value) => FlatValue::Present(value.to_string()),
        None => FlatValue::Missing,
    }
}

/// Returns the path segments under the contact tree where a flat name is written:
/// `["Customer", "City"]`, or `["Customer", "Attributes", "tier"]` for `Attributes.tier`.
pub fn customer_segments(flat_name: &str) -> Vec<&str> {
    match flat_name.strip_prefix("Attributes.") {
        Some(key) => vec!["Customer", "Attributes", key],
        None => vec!["Customer", flat_name],
    }
}
