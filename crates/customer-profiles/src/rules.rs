//! Value rules of the Customer Profiles API's `Profile` that its serde types do not express.

use crate::profile::{ADDRESS_FIELDS, ADDRESS_KINDS, Profile, SCALAR_FIELDS};

/// The maximum length of a profile string field, in characters. `AdditionalInformation` alone
/// allows 1000.
pub const MAX_FIELD_CHARS: usize = 255;

/// The phone fields of a profile, which back the `_phone` search key.
pub const PHONE_FIELDS: [&str; 4] = [
    "PhoneNumber",
    "MobilePhoneNumber",
    "HomePhoneNumber",
    "BusinessPhoneNumber",
];

/// Fields whose values the API restricts to a fixed set.
const ENUM_FIELDS: [(&str, &[&str], &str); 3] = [
    (
        "PartyType",
        &["INDIVIDUAL", "BUSINESS", "OTHER"],
        "use PartyTypeString for any other value",
    ),
    (
        "Gender",
        &["MALE", "FEMALE", "UNSPECIFIED"],
        "use GenderString for any other value",
    ),
    (
        "ProfileType",
        &["PROFILE", "ACCOUNT_PROFILE"],
        "leave the field out for a plain profile",
    ),
];

/// Returns the maximum length of a top-level field whose limit is not [`MAX_FIELD_CHARS`].
fn long_field_max(name: &str) -> Option<usize> {
    (name == "AdditionalInformation").then_some(1000)
}

/// Checks `profile` against the API's value rules: allowed values of `PartyType`, `Gender` and
/// `ProfileType`, and string lengths of 1 to 255 characters (1000 for `AdditionalInformation`,
/// and both keys and values of `Attributes`). Returns a message naming the first broken rule.
pub fn check_profile(profile: &Profile) -> Result<(), String> {
    for (name, allowed, hint) in ENUM_FIELDS {
        check_enum(profile, name, allowed, hint)?;
    }
    for name in SCALAR_FIELDS {
        let max = long_field_max(name).unwrap_or(MAX_FIELD_CHARS);
        check_length(name, profile.scalar(name), max)?;
    }
    for kind in ADDRESS_KINDS {
        check_address(profile, kind)?;
    }
    for (key, value) in &profile.attributes {
        check_length("an Attributes key", Some(key), MAX_FIELD_CHARS)?;
        check_length(&format!("Attributes.{key}"), Some(value), MAX_FIELD_CHARS)?;
    }
    Ok(())
}

fn check_enum(profile: &Profile, name: &str, allowed: &[&str], hint: &str) -> Result<(), String> {
    match profile.scalar(name) {
        Some(value) if !allowed.contains(&value) => Err(format!(
            "invalid {name} {value:?}: expected {} ({hint})",
            allowed.join(", ")
        )),
        _ => Ok(()),
    }
}

fn check_address(profile: &Profile, kind: &str) -> Result<(), String> {
    let Some(address) = profile.address(kind) else {
        return Ok(());
    };
    for field in ADDRESS_FIELDS {
        check_length(&format!("{kind}.{field}"), address.field(field), MAX_FIELD_CHARS)?;
    }
    Ok(())
}

fn check_length(name: &str, value: Option<&str>, max: usize) -> Result<(), String> {
    let Some(value) = value else {
        return Ok(());
    };
    let chars = value.chars().count();
    if chars == 0 {
        return Err(format!("{name} is empty (leave the field out instead)"));
    }
    if chars > max {
        return Err(format!(
            "{name} has {chars} characters but at most {max} are allowed"
        ));
    }
    Ok(())
}

/// Returns the phone fields of `profile` whose values are not in E.164 (`+` and 2 to 15 digits,
/// the first not 0), as `(field, value)` pairs. Connect gives caller numbers in E.164, so such
/// profiles are found only while phone matching normalises numbers.
pub fn non_e164_phones(profile: &Profile) -> Vec<(&'static str, &str)> {
    PHONE_FIELDS
        .iter()
        .filter_map(|&field| Some((field, profile.scalar(field)?)))
        .filter(|(_, value)| !is_e164(value))
        .collect()
}

/// Returns true when `value` is `+` followed by 2 to 15 digits, the first of them not 0.
pub fn is_e164(value: &str) -> bool {
    let Some(digits) = value.strip_prefix('+') else {
        return false;
    };
    (2..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0')
}
