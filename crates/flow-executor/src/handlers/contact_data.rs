//! Set contact properties (`UpdateContactData`): name, description, language, customer id,
//! references and Voice ID settings.

use super::contact_more::{CONTACT_DESCRIPTION_MAX_CHARS, CONTACT_NAME_MAX_CHARS, REFERENCE_TYPES};
use super::contact_record::ContactRecord;
use super::{NO_MATCHING_ERROR, fail_with};
use crate::handler::{ActionContext, HandlerError, HandlerResult};
use crate::outcome::Outcome;
use crate::resolve::render;
use serde_json::{Value, json};

/// The text properties, each written to `$.<name>`, with their maximum lengths in characters
/// ("UpdateContact" in the Amazon Connect API Reference). `CustomerId` has no documented limit.
const TEXT_PROPERTIES: &[(&str, Option<usize>)] = &[
    ("Name", Some(CONTACT_NAME_MAX_CHARS)),
    ("Description", Some(CONTACT_DESCRIPTION_MAX_CHARS)),
    ("CustomerId", None),
];

/// The maximum total size of a contact's references, in UTF-8 bytes ("UpdateContact" in the Amazon
/// Connect API Reference).
// NOTE: the API does not say whether reference names count towards the limit; flowsim counts names
// and values.
pub const REFERENCES_MAX_BYTES: usize = 4096;

/// The Voice ID switches, each `True` or `False` in any letter case.
const VOICE_ID_SWITCHES: &[&str] = &[
    "IsVoiceIdStreamingEnabled",
    "IsVoiceAuthenticationEnabled",
    "IsFraudDetectionEnabled",
];

/// The Voice ID numbers and their allowed ranges. Both thresholds take 0 to 100, as
/// `AcceptanceThreshold` and `RiskThreshold` do in the Voice ID API.
// NOTE: the 5 to 10 second range of the authentication response time is unverified.
const VOICE_ID_NUMBERS: &[(&str, u32, u32)] = &[
    ("VoiceAuthenticationThreshold", 0, 100),
    ("VoiceAuthenticationResponseTime", 5, 10),
    ("FraudDetectionThreshold", 0, 100),
];

/// One write the block makes once every value is checked.
type Write = (Vec<String>, Value);

/// Sets contact properties, all or none: `$.Name`, `$.Description`, `$.LanguageCode`,
/// `$.CustomerId`, `$.References.<name>.{Value,Type}` and the Voice ID settings. `TargetContact`
/// `Related` writes the related contact's properties under `$.RelatedContact`. A value over its
/// length limit, an invalid language code or reference type, or a Voice ID value out of range
/// takes `NoMatchingError` and writes nothing.
pub(super) fn update_contact_data(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let prefix = target_prefix(ctx)?;
    let mut writes = match property_writes(ctx)? {
        Ok(writes) => writes,
        Err(reason) => return fail_with(ctx, NO_MATCHING_ERROR, &reason),
    };
    let voice_id = match voice_id_settings(ctx)? {
        Ok(settings) => settings,
        Err(reason) => return fail_with(ctx, NO_MATCHING_ERROR, &reason),
    };
    if let Some(session) = ctx.resolve_string("WisdomSessionArn")?.filter(|s| !s.is_empty()) {
        writes.push((vec!["Wisdom".into(), "SessionArn".into()], json!(session)));
    }
    if writes.is_empty() && voice_id.is_empty() {
        return Err(ctx.invalid_param(
            "Name",
            "",
            "the block sets no property; set at least one parameter",
        ));
    }
    for (segments, value) in writes {
        let mut path: Vec<&str> = prefix.to_vec();
        path.extend(segments.iter().map(String::as_str));
        ctx.write(&path, value);
    }
    ContactRecord::of_mut(ctx.state).voice_id.extend(voice_id);
    Ok(Outcome::Next)
}

fn target_prefix(ctx: &mut ActionContext<'_>) -> Result<&'static [&'static str], HandlerError> {
    match ctx.resolve_string("TargetContact")?.as_deref() {
        None | Some("Current") => Ok(&[]),
        Some("Related") => Ok(&["RelatedContact"]),
        Some(other) => Err(ctx.invalid_param("TargetContact", other, "expected \"Current\" or \"Related\"")),
    }
}

/// Resolves the text properties and references. The inner `Err` is the reason the block fails.
fn property_writes(ctx: &mut ActionContext<'_>) -> Result<Result<Vec<Write>, String>, HandlerError> {
    let mut writes = Vec::new();
    for (name, max_chars) in TEXT_PROPERTIES {
        let Some(value) = ctx.resolve_string(name)? else {
            continue;
        };
        if let Some(max_chars) = max_chars.filter(|max| value.chars().count() > *max) {
            return Ok(Err(format!("{name} is over its limit of {max_chars} characters")));
        }
        writes.push((vec![name.to_string()], json!(value)));
    }
    if let Some(code) = ctx.resolve_string("LanguageCode")? {
        if !is_language_code(&code) {
            return Ok(Err(format!(
                "invalid LanguageCode {code:?}: expected a code such as en-US"
            )));
        }
        writes.push((vec!["LanguageCode".to_string()], json!(code)));
    }
    match reference_writes(ctx)? {
        Ok(references) => writes.extend(references),
        Err(reason) => return Ok(Err(reason)),
    }
    Ok(Ok(writes))
}

/// Returns true for a language tag of a 2- or 3-letter language and an optional 2-letter region,
/// such as `en-US`, `cmn-CN` or `arb`, the forms of Connect's language codes.
fn is_language_code(code: &str) -> bool {
    let (language, region) = match code.split_once('-') {
        Some((language, region)) => (language, Some(region)),
        None => (code, None),
    };
    let language_ok = (2..=3).contains(&language.len()) && language.chars().all(|c| c.is_ascii_lowercase());
    let region_ok =
        region.is_none_or(|region| region.len() == 2 && region.chars().all(|c| c.is_ascii_uppercase()));
    language_ok && region_ok
}

/// Resolves `References`. Each entry is `{"Value": ..., "Type": ...}` or a bare value, which is
/// taken as a `URL` reference, the only type older exports have.
fn reference_writes(ctx: &mut ActionContext<'_>) -> Result<Result<Vec<Write>, String>, HandlerError> {
    let Some(references) = ctx.resolve_param("References")? else {
        return Ok(Ok(Vec::new()));
    };
    let Value::Object(references) = references else {
        return Err(ctx.invalid_param(
            "References",
            &render(&references),
            "expected an object of named references",
        ));
    };
    let size: usize = references
        .iter()
        .map(|(name, reference)| name.len() + render(reference).len())
        .sum();
    if size > REFERENCES_MAX_BYTES {
        return Ok(Err(format!(
            "the references take {size} bytes, over the limit of {REFERENCES_MAX_BYTES}"
        )));
    }
    let mut writes = Vec::new();
    for (name, reference) in references {
        let (value, reference_type) = match &reference {
            Value::Object(fields) => (
                fields.get("Value").map(render).unwrap_or_default(),
                fields
                    .get("Type")
                    .map(render)
                    .unwrap_or_else(|| "URL".to_string()),
            ),
            other => (render(other), "URL".to_string()),
        };
        if !REFERENCE_TYPES.contains(&reference_type.as_str()) {
            let expected = REFERENCE_TYPES.join(", ");
            return Ok(Err(format!(
                "invalid Type {reference_type:?} of reference {name:?}: expected one of {expected}"
            )));
        }
        let segments = vec!["References".to_string(), name];
        writes.push((segments, json!({"Value": value, "Type": reference_type})));
    }
    Ok(Ok(writes))
}

/// Resolves the Voice ID switches, numbers and `WatchlistId`. The inner `Err` says why the block
/// fails.
fn voice_id_settings(
    ctx: &mut ActionContext<'_>,
) -> Result<Result<Vec<(String, String)>, String>, HandlerError> {
    let mut settings = Vec::new();
    for name in VOICE_ID_SWITCHES {
        let Some(value) = ctx.resolve_string(name)? else {
            continue;
        };
        if !value.eq_ignore_ascii_case("true") && !value.eq_ignore_ascii_case("false") {
            return Err(ctx.invalid_param(name, &value, "expected \"True\" or \"False\""));
        }
        settings.push((name.to_string(), value.to_ascii_lowercase()));
    }
    for (name, min, max) in VOICE_ID_NUMBERS {
        let Some(value) = ctx.resolve_string(name)? else {
            continue;
        };
        match value.trim().parse::<u32>() {
            Ok(number) if (*min..=*max).contains(&number) => {
                settings.push((name.to_string(), number.to_string()))
            }
            _ => {
                return Ok(Err(format!(
                    "invalid {name} {value:?}: expected a whole number from {min} to {max}"
                )));
            }
        }
    }
    if let Some(watchlist) = ctx.resolve_string("WatchlistId")? {
        settings.push(("WatchlistId".to_string(), watchlist));
    }
    Ok(Ok(settings))
}
