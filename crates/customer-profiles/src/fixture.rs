//! Profile fixtures: a JSON array of profiles, NDJSON, or a document with profiles and search keys.
//!
//! Three forms are accepted, distinguished by their first characters:
//!
//! - a JSON array of profiles: `[{"ProfileId": "p-1", ...}, ...]`;
//! - NDJSON, one profile object per line, blank lines skipped;
//! - a document object with a `profiles` array and three optional keys:
//!
//! ```json
//! {
//!   "searchKeys": {"loyaltyId": ["Attributes.loyaltyId"], "_salesforceContactId": ["Attributes.sfId"]},
//!   "domainArn": "arn:aws:profile:us-east-1:111122223333:domains/example",
//!   "segments": {"gold-members": ["p-1"]},
//!   "profiles": [{"ProfileId": "p-1", "Attributes": {"loyaltyId": "L-7"}}]
//! }
//! ```
//!
//! `searchKeys` declares custom search keys, each backed by profile field paths (`AccountNumber`,
//! `Address.City`, `Attributes.<key>`). It may also back a predefined key that no profile field
//! backs (`_salesforceContactId`, `_orderId`, ...), but not `_phone`, `_email`, `_account`,
//! `_profileId` or `_fullName`. `domainArn` makes the Get profile block also write
//! `$.Customer.ProfileARN`. `segments` lists the `ProfileId`s in each segment, by segment
//! definition name, for the segment membership block; every listed id must be a fixture profile.
//!
//! A profile may also carry two keys that the Customer Profiles API keeps elsewhere.
//! `CalculatedAttributes` maps calculated attribute names to values, such as `"_frequent_caller":
//! "True"`. `Objects` maps object type names to lists of profile objects, oldest first, such as
//! `"Asset": [{"AssetId": "a-1", "Status": "Active"}]`.
//!
//! A text whose first non-blank character is `[` is an array. Otherwise, when its first non-blank
//! line is a whole JSON object, the text is NDJSON, unless that object has a `profiles` key and so
//! is a document written on one line. Any other text is read as a document.

use crate::profile::{Profile, is_field_path};
use crate::rules::check_profile;
use crate::search::{is_backed_predefined, is_valid_key_name};
use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// The profiles and settings that one fixture declares.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fixture {
    pub profiles: Vec<Profile>,
    /// Custom search keys, each with the field paths that back it.
    pub search_keys: IndexMap<String, Vec<String>>,
    pub domain_arn: Option<String>,
    /// The `ProfileId`s in each segment, by segment definition name.
    pub segments: IndexMap<String, Vec<String>>,
}

/// What went wrong while loading a fixture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixtureErrorKind {
    /// The file could not be read.
    Io,
    /// The text is not valid JSON, or not in any of the fixture forms.
    Syntax,
    /// A profile has an unknown field, a missing `ProfileId`, a value of the wrong type, or a value
    /// that the API rejects, such as an empty string or a `Gender` outside its set.
    InvalidProfile,
    /// Two profiles have the same `ProfileId`.
    DuplicateProfileId,
    /// A declared search key has an invalid name or field path.
    InvalidSearchKey,
    /// A segment lists a `ProfileId` that no fixture profile has.
    InvalidSegment,
}

/// Where in a fixture an error is. Lines and columns count from 1; the index is the profile's
/// position in the fixture, from 0.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixtureLocation {
    /// The file path, or a name such as `<scenario>` for a fixture given as a string.
    pub source: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub index: Option<usize>,
}

/// A fixture that failed to load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixtureError {
    pub kind: FixtureErrorKind,
    pub location: FixtureLocation,
    pub message: String,
}

impl fmt::Display for FixtureLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        Ok(())
    }
}

impl fmt::Display for FixtureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for FixtureError {}

impl Fixture {
    /// Reads and parses the fixture at `path`.
    pub fn from_path(path: &Path) -> Result<Fixture, FixtureError> {
        let source = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| FixtureError {
            kind: FixtureErrorKind::Io,
            location: FixtureLocation {
                source: source.clone(),
                ..Default::default()
            },
            message: format!("failed to read the profile fixture: {e}"),
        })?;
        Fixture::parse(&text, &source)
    }

    /// Parses fixture `text`; `source` names it in errors.
    pub fn parse(text: &str, source: &str) -> Result<Fixture, FixtureError> {
        let parser = Parser { text, source };
        let fixture = match detect_form(text) {
            Form::Array => parser.array()?,
            Form::Ndjson => parser.ndjson()?,
            Form::Document => parser.document()?,
        };
        check_search_keys(&fixture.search_keys, source)?;
        check_segments(&fixture, source)?;
        Ok(fixture)
    }
}

enum Form {
    Array,
    Ndjson,
    Document,
}

fn detect_form(text: &str) -> Form {
    if text.trim_start().starts_with('[') {
        return Form::Array;
    }
    let Some(first_line) = text.lines().find(|line| !line.trim().is_empty()) else {
        return Form::Ndjson;
    };
    match serde_json::from_str::<serde_json::Value>(first_line) {
        Ok(value) if value.get("profiles").is_some() => Form::Document,
        Ok(_) => Form::Ndjson,
        Err(_) => Form::Document,
    }
}

/// The document form, with each profile kept as raw text so that its errors can name its index.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document<'a> {
    #[serde(borrow)]
    profiles: Vec<&'a RawValue>,
    #[serde(default, rename = "searchKeys")]
    search_keys: IndexMap<String, Vec<String>>,
    #[serde(default, rename = "domainArn")]
    domain_arn: Option<String>,
    #[serde(default)]
    segments: IndexMap<String, Vec<String>>,
}

/// A profile's index and where its text starts, for error messages about it.
#[derive(Clone, Copy)]
struct Position {
    index: usize,
    line: usize,
    column: usize,
}

struct Parser<'a> {
    text: &'a str,
    source: &'a str,
}

impl<'a> Parser<'a> {
    fn array(&self) -> Result<Fixture, FixtureError> {
        let raw: Vec<&RawValue> =
            serde_json::from_str(self.text).map_err(|e| self.syntax_error(&e, "a JSON array of profiles"))?;
        Ok(Fixture {
            profiles: self.profiles_from_raw(&raw)?,
            ..Default::default()
        })
    }

    fn document(&self) -> Result<Fixture, FixtureError> {
        let document: Document = serde_json::from_str(self.text).map_err(|e| {
            self.syntax_error(&e, "an object with profiles, searchKeys, domainArn and segments")
        })?;
        Ok(Fixture {
            profiles: self.profiles_from_raw(&document.profiles)?,
            search_keys: document.search_keys,
            domain_arn: document.domain_arn,
            segments: document.segments,
        })
    }

    fn ndjson(&self) -> Result<Fixture, FixtureError> {
        let lines = self.text.lines().enumerate();
        let mut profiles = Vec::new();
        let mut positions = Vec::new();
        for (line_index, line) in lines.filter(|(_, line)| !line.trim().is_empty()) {
            let position = Position {
                index: profiles.len(),
                line: line_index + 1,
                column: 1,
            };
            let profile = serde_json::from_str::<Profile>(line)
                .map_err(|e| self.profile_error(&e, position, (position.line, e.column())))?;
            profiles.push(profile);
            positions.push(position);
        }
        self.check_profiles(&profiles, &positions)?;
        Ok(Fixture {
            profiles,
            ..Default::default()
        })
    }

    fn profiles_from_raw(&self, raw: &[&RawValue]) -> Result<Vec<Profile>, FixtureError> {
        let mut profiles = Vec::with_capacity(raw.len());
        let mut positions = Vec::with_capacity(raw.len());
        for (index, element) in raw.iter().enumerate() {
            let (line, column) = self.line_column(element.get());
            let position = Position { index, line, column };
            let profile = serde_json::from_str::<Profile>(element.get()).map_err(|e| {
                let at = if e.line() == 1 {
                    (line, column + e.column() - 1)
                } else {
                    (line + e.line() - 1, e.column())
                };
                self.profile_error(&e, position, at)
            })?;
            profiles.push(profile);
            positions.push(position);
        }
        self.check_profiles(&profiles, &positions)?;
        Ok(profiles)
    }

    /// Returns the line and column at which `slice`, a part of the fixture text, starts.
    fn line_column(&self, slice: &str) -> (usize, usize) {
        let offset = (slice.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        (line, offset - line_start + 1)
    }

    /// Checks each profile's values, then that no two profiles share a `ProfileId`.
    fn check_profiles(&self, profiles: &[Profile], positions: &[Position]) -> Result<(), FixtureError> {
        let mut seen: HashMap<&str, Position> = HashMap::new();
        for (profile, &position) in profiles.iter().zip(positions) {
            check_profile(profile).map_err(|message| self.value_error(&message, position))?;
            let id = profile.profile_id.as_str();
            if let Some(&first) = seen.get(id) {
                return Err(self.duplicate_error(id, first, position));
            }
            seen.insert(id, position);
        }
        Ok(())
    }

    fn value_error(&self, message: &str, position: Position) -> FixtureError {
        FixtureError {
            kind: FixtureErrorKind::InvalidProfile,
            location: self.location(Some((position.line, position.column)), Some(position.index)),
            message: format!("invalid profile at index {}: {message}", position.index),
        }
    }

    fn syntax_error(&self, error: &serde_json::Error, expected: &str) -> FixtureError {
        FixtureError {
            kind: FixtureErrorKind::Syntax,
            location: self.location(Some((error.line(), error.column())), None),
            message: format!(
                "invalid profile fixture: {} (expected {expected}, or one profile object per line)",
                message_without_position(error)
            ),
        }
    }

    fn profile_error(
        &self,
        error: &serde_json::Error,
        position: Position,
        at: (usize, usize),
    ) -> FixtureError {
        let kind = if error.is_data() {
            FixtureErrorKind::InvalidProfile
        } else {
            FixtureErrorKind::Syntax
        };
        FixtureError {
            kind,
            location: self.location(Some(at), Some(position.index)),
            message: format!(
                "invalid profile at index {}: {} (profile fields use the names of the Customer \
                 Profiles API's Profile object, such as FirstName or ShippingAddress)",
                position.index,
                message_without_position(error)
            ),
        }
    }

    fn duplicate_error(&self, id: &str, first: Position, second: Position) -> FixtureError {
        FixtureError {
            kind: FixtureErrorKind::DuplicateProfileId,
            location: self.location(Some((second.line, second.column)), Some(second.index)),
            message: format!(
                "duplicate ProfileId {id:?} at index {} (line {}); the first is at index {} (line {}) \
                 (give every profile its own ProfileId)",
                second.index, second.line, first.index, first.line
            ),
        }
    }

    fn location(&self, at: Option<(usize, usize)>, index: Option<usize>) -> FixtureLocation {
        FixtureLocation {
            source: self.source.to_string(),
            line: at.map(|(line, _)| line),
            column: at.map(|(_, column)| column),
            index,
        }
    }
}

/// Returns serde_json's message without the " at line L column C" that its `Display` appends,
/// because the fixture location replaces it.
fn message_without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    message.strip_suffix(&suffix).unwrap_or(&message).to_string()
}

fn check_search_keys(search_keys: &IndexMap<String, Vec<String>>, source: &str) -> Result<(), FixtureError> {
    for (key_name, fields) in search_keys {
        check_search_key(key_name, fields).map_err(|message| FixtureError {
            kind: FixtureErrorKind::InvalidSearchKey,
            location: FixtureLocation {
                source: source.to_string(),
                ..Default::default()
            },
            message,
        })?;
    }
    Ok(())
}

fn check_search_key(key_name: &str, fields: &[String]) -> Result<(), String> {
    if !is_valid_key_name(key_name) {
        return Err(format!(
            "invalid search key name {key_name:?} (use 1 to 64 characters from a-z, A-Z, 0-9, _ and -)"
        ));
    }
    if is_backed_predefined(key_name) {
        return Err(format!(
            "search key {key_name:?} is predefined and cannot be redeclared (choose another name)"
        ));
    }
    if fields.is_empty() {
        return Err(format!(
            "search key {key_name:?} has no field (list at least one field path, such as Attributes.loyaltyId)"
        ));
    }
    match fields.iter().find(|field| !is_field_path(field)) {
        Some(field) => Err(format!(
            "search key {key_name:?} names an unknown profile field {field:?} (use a Profile field \
             such as AccountNumber, Address.City or Attributes.<key>)"
        )),
        None => Ok(()),
    }
}

fn check_segments(fixture: &Fixture, source: &str) -> Result<(), FixtureError> {
    for (segment_name, members) in &fixture.segments {
        let unknown = members.iter().find(|member| {
            !fixture
                .profiles
                .iter()
                .any(|profile| &profile.profile_id == *member)
        });
        if let Some(member) = unknown {
            return Err(FixtureError {
                kind: FixtureErrorKind::InvalidSegment,
                location: FixtureLocation {
                    source: source.to_string(),
                    ..Default::default()
                },
                message: format!(
                    "segment {segment_name:?} lists the unknown ProfileId {member:?} (list only ids of \
                     profiles in this fixture)"
                ),
            });
        }
    }
    Ok(())
}
