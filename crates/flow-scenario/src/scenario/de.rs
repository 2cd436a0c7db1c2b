//! Deserializers of the scenario sections that serde's derive cannot check on its own.

use super::{LambdaAnswer, Profiles, QueueState, RandomSource};
use flow_executor::CallerInput;
use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, Visitor};
use serde_json::Value;
use std::fmt;
use std::marker::PhantomData;
use std::path::PathBuf;

/// Deserializes a struct from a JSON object only. serde's derive also accepts an array of the
/// fields in order, which would let `"contact": ["CHAT"]` set the channel.
pub(super) fn object<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map))
    }
}

/// A value that [`object`] deserializes, for use inside maps and lists.
struct Object<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object(deserializer).map(Object)
    }
}

pub(super) fn queue_states<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<IndexMap<String, QueueState>, D::Error> {
    let states = IndexMap::<String, Object<QueueState>>::deserialize(deserializer)?;
    Ok(states.into_iter().map(|(key, state)| (key, state.0)).collect())
}

impl<'de> Deserialize<'de> for Profiles {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::String(path) => Ok(Profiles::Fixture(PathBuf::from(path))),
            Value::Array(profiles) => Ok(Profiles::Inline(profiles)),
            Value::Object(object) => profiles_switch(&object).map_err(D::Error::custom),
            other => Err(D::Error::custom(format!(
                "invalid profiles {other}: expected a fixture path, an array of profiles or {{\"unavailable\": true}}"
            ))),
        }
    }
}

/// Reads the object form of `profiles`: `{"unavailable": true}`, or `false` for an empty store.
fn profiles_switch(object: &serde_json::Map<String, Value>) -> Result<Profiles, String> {
    let unknown = object.keys().find(|key| key.as_str() != "unavailable");
    if let Some(key) = unknown {
        return Err(format!(
            "unknown field `{key}` in profiles, expected `unavailable`"
        ));
    }
    match object.get("unavailable") {
        Some(Value::Bool(true)) => Ok(Profiles::Unavailable),
        Some(Value::Bool(false)) => Ok(Profiles::Inline(Vec::new())),
        Some(other) => Err(format!(
            "invalid profiles.unavailable {other}: expected true or false"
        )),
        None => Err("missing field `unavailable` in profiles".to_string()),
    }
}

/// The fields of a Lambda result, of which exactly one must be present.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase")]
struct LambdaAnswerFields {
    response: Option<Value>,
    error: Option<String>,
    duration_seconds: Option<f64>,
}

impl<'de> Deserialize<'de> for LambdaAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields: LambdaAnswerFields = object(deserializer)?;
        let answer = match (fields.response, fields.error) {
            (Some(value), None) => LambdaAnswer::Response(value),
            (None, Some(message)) => LambdaAnswer::Error(message),
            _ => {
                return Err(D::Error::custom(
                    "invalid Lambda result: expected exactly one of `response` and `error`",
                ));
            }
        };
        match fields.duration_seconds {
            None => Ok(answer),
            Some(seconds) if seconds.is_finite() && seconds >= 0.0 => Ok(LambdaAnswer::Timed {
                duration_seconds: seconds,
                answer: Box::new(answer),
            }),
            Some(seconds) => Err(D::Error::custom(format!(
                "invalid durationSeconds {seconds}: expected a number of seconds, 0 or more"
            ))),
        }
    }
}

/// The fields of `random`, of which exactly one must be present.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RandomFields {
    seed: Option<u64>,
    #[serde(default, deserialize_with = "optional_percent")]
    percent: Option<u8>,
}

impl<'de> Deserialize<'de> for RandomSource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields: RandomFields = object(deserializer)?;
        match (fields.seed, fields.percent) {
            (Some(seed), None) => Ok(RandomSource::Seed(seed)),
            (None, Some(percent)) => Ok(RandomSource::Percent(percent)),
            _ => Err(D::Error::custom(
                "invalid random: expected exactly one of `seed` and `percent`",
            )),
        }
    }
}

fn optional_percent<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u8>, D::Error> {
    let value = u64::deserialize(deserializer)?;
    match u8::try_from(value) {
        Ok(percent @ 1..=100) => Ok(Some(percent)),
        _ => Err(D::Error::custom(format!(
            "invalid percent {value}: expected 1 to 100"
        ))),
    }
}

/// Reads contact attributes, rejecting any value that is not a JSON string with a message that
/// names its key.
pub(super) fn string_attributes<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<IndexMap<String, String>, D::Error> {
    deserializer.deserialize_map(AttributesVisitor)
}

struct AttributesVisitor;

/// One attribute value. It fails inside the value, so the error's path ends at the key.
struct AttributeValue<'k> {
    key: &'k str,
}

impl<'de> DeserializeSeed<'de> for AttributeValue<'_> {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::String(text) => Ok(text),
            other => Err(D::Error::custom(format!(
                "invalid value {other} for contact attribute `{}`: contact attributes are strings",
                self.key
            ))),
        }
    }
}

impl<'de> Visitor<'de> for AttributesVisitor {
    type Value = IndexMap<String, String>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object of string attribute values")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut attributes = IndexMap::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(AttributeValue { key: &key })?;
            attributes.insert(key, value);
        }
        Ok(attributes)
    }
}

/// A caller's input: DTMF keys or the word `timeout`.
struct InputText(CallerInput);

impl<'de> Deserialize<'de> for InputText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text == "timeout" {
            return Ok(InputText(CallerInput::Timeout));
        }
        let is_dtmf = !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '*' || c == '#');
        if !is_dtmf {
            return Err(D::Error::custom(format!(
                "invalid caller input {text:?}: expected DTMF keys (0-9, * and #) or \"timeout\""
            )));
        }
        Ok(InputText(CallerInput::Keys(text)))
    }
}

pub(super) fn caller_inputs<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<CallerInput>, D::Error> {
    let inputs = Vec::<InputText>::deserialize(deserializer)?;
    Ok(inputs.into_iter().map(|input| input.0).collect())
}

/// The results of one Lambda function, of which there must be at least one.
struct LambdaScript(Vec<LambdaAnswer>);

impl<'de> Deserialize<'de> for LambdaScript {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let answers = Vec::<LambdaAnswer>::deserialize(deserializer)?;
        if answers.is_empty() {
            return Err(D::Error::custom("empty list of Lambda results"));
        }
        Ok(LambdaScript(answers))
    }
}

pub(super) fn lambda_scripts<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<IndexMap<String, Vec<LambdaAnswer>>, D::Error> {
    let scripts = IndexMap::<String, LambdaScript>::deserialize(deserializer)?;
    Ok(scripts.into_iter().map(|(key, script)| (key, script.0)).collect())
}
