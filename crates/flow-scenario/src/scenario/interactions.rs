//! The `lex`, `views` and `results` sections: scripted Lex turns, view actions and block results.

use flow_executor::LexIntent;
use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{Deserializer, Error as _};
use serde_json::Value;

/// One scripted turn of a Lex bot: an intent object, `"timeout"`, or `{"error": "..."}`.
#[derive(Debug, Clone, PartialEq)]
pub enum LexAnswer {
    /// The bot recognised this intent, with its slots, scores and session attributes.
    Intent(Box<LexIntent>),
    /// The customer said nothing before the time limit.
    Timeout,
    /// The bot failed with this message.
    Error(String),
}

/// One scripted outcome of a view: `{"action": "...", "data": {...}}` or `{"error": "..."}`.
#[derive(Debug, Clone, PartialEq)]
pub enum ViewAnswer {
    /// The user chose `action`, and the view returned `data` (an empty object when left out).
    Action { action: String, data: Value },
    /// The view ended with this error type: `TimeLimitExceeded` or `NoMatchingError`.
    Error(String),
}

/// The error types a view may end with.
pub const VIEW_ERRORS: [&str; 2] = ["TimeLimitExceeded", "NoMatchingError"];

impl<'de> Deserialize<'de> for LexAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::String(word) if word == "timeout" => Ok(LexAnswer::Timeout),
            Value::Object(fields) if fields.contains_key("error") => {
                lex_error(fields).map_err(D::Error::custom)
            }
            Value::Object(fields) => {
                let intent =
                    serde_json::from_value::<LexIntent>(Value::Object(fields)).map_err(D::Error::custom)?;
                if intent.intent.is_empty() {
                    return Err(D::Error::custom("missing field `intent` in Lex turn"));
                }
                Ok(LexAnswer::Intent(Box::new(intent)))
            }
            other => Err(D::Error::custom(format!(
                "invalid Lex turn {other}: expected an object with `intent`, \"timeout\" or {{\"error\": \"...\"}}"
            ))),
        }
    }
}

fn lex_error(fields: serde_json::Map<String, Value>) -> Result<LexAnswer, String> {
    if fields.len() > 1 {
        return Err("invalid Lex turn: `error` cannot be combined with other fields".to_string());
    }
    match fields.get("error") {
        Some(Value::String(message)) => Ok(LexAnswer::Error(message.clone())),
        _ => Err("invalid Lex turn: `error` must be a string message".to_string()),
    }
}

/// The fields of a view outcome, of which `action` or `error` must be present.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ViewAnswerFields {
    action: Option<String>,
    data: Option<Value>,
    error: Option<String>,
}

impl<'de> Deserialize<'de> for ViewAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields: ViewAnswerFields = super::de::object(deserializer)?;
        match (fields.action, fields.data, fields.error) {
            (Some(action), data, None) => Ok(ViewAnswer::Action {
                action,
                data: data.unwrap_or_else(|| Value::Object(Default::default())),
            }),
            (None, None, Some(error)) if VIEW_ERRORS.contains(&error.as_str()) => {
                Ok(ViewAnswer::Error(error))
            }
            (None, None, Some(error)) => Err(D::Error::custom(format!(
                "invalid view error {error:?}: expected TimeLimitExceeded or NoMatchingError"
            ))),
            _ => Err(D::Error::custom(
                "invalid view outcome: expected {\"action\": ..., \"data\": ...} or {\"error\": ...}",
            )),
        }
    }
}

/// A list of scripted answers, of which there must be at least one.
struct Script<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Script<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let answers = Vec::<T>::deserialize(deserializer)?;
        if answers.is_empty() {
            return Err(D::Error::custom(
                "empty list: expected at least one scripted answer",
            ));
        }
        Ok(Script(answers))
    }
}

/// Deserializes a map from key to a non-empty list of answers.
pub(super) fn scripts<'de, D, T>(deserializer: D) -> Result<IndexMap<String, Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let scripts = IndexMap::<String, Script<T>>::deserialize(deserializer)?;
    Ok(scripts.into_iter().map(|(key, script)| (key, script.0)).collect())
}
