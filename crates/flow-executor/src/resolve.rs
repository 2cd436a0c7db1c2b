//! The one resolver every handler reads parameters through.
//!
//! A parameter that is one whole `$.…` reference keeps the JSON type of what it names (an object
//! for a JSON Lambda result, say). References inside text are substituted in place: strings as
//! they are, numbers and booleans in their JSON spelling, objects and arrays as JSON text. A
//! reference to a missing attribute follows [`MissingAttributePolicy`].

use crate::handler::{ActionContext, HandlerError};
use crate::path::{self, PathError};
use crate::settings::MissingAttributePolicy;
use jsonpath_rust::JsonPath;
use serde_json::Value;

/// Reads the value that the Connect path `connect_path` names in `tree`, or `None` when nothing is
/// there.
pub fn lookup<'t>(tree: &'t Value, connect_path: &str) -> Result<Option<&'t Value>, PathError> {
    let rfc_path = path::translate(connect_path)?;
    let found = tree.query(&rfc_path).map_err(|e| PathError {
        path: connect_path.to_string(),
        message: format!("jsonpath-rust rejected `{rfc_path}`: {e}"),
    })?;
    Ok(found.into_iter().next())
}

/// Returns true when all of `text` is one Connect path, such as `$.Attributes.tier`.
pub fn is_whole_reference(text: &str) -> bool {
    path::reference_len(text) == Some(text.len())
}

/// Renders a value the way a template shows it: strings as they are, `null` as the empty string,
/// numbers, booleans, objects and arrays as JSON text.
pub fn render(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

impl ActionContext<'_> {
    /// Resolves a parameter value: a whole `$.…` reference is read from the state, `$.…` references
    /// inside text are substituted, objects and arrays are resolved member by member, and any other
    /// literal is returned as it is.
    pub fn resolve(&mut self, value: &Value) -> Result<Value, HandlerError> {
        match value {
            Value::String(text) => self.resolve_text(text),
            Value::Array(items) => items.iter().map(|item| self.resolve(item)).collect(),
            Value::Object(members) => members
                .iter()
                .map(|(key, member)| Ok((key.clone(), self.resolve(member)?)))
                .collect::<Result<_, HandlerError>>()
                .map(Value::Object),
            other => Ok(other.clone()),
        }
    }

    /// Resolves parameter `name` to a string (numbers and booleans in their JSON spelling), or
    /// `None` when the action has no such parameter.
    pub fn resolve_string(&mut self, name: &str) -> Result<Option<String>, HandlerError> {
        Ok(self.resolve_param(name)?.as_ref().map(render))
    }

    /// Resolves parameter `name`, or returns `None` when the action has no such parameter.
    pub fn resolve_param(&mut self, name: &str) -> Result<Option<Value>, HandlerError> {
        let action = self.action;
        match action.parameters.get(name) {
            Some(raw) => self.resolve(raw).map(Some),
            None => Ok(None),
        }
    }

    /// Resolves parameter `name` as a boolean. Console exports write `"True"` and `"False"`, and
    /// `true`, `false` and JSON booleans are accepted too.
    pub fn param_bool(&mut self, name: &str) -> Result<Option<bool>, HandlerError> {
        let Some(text) = self.resolve_string(name)? else {
            return Ok(None);
        };
        match text.trim() {
            "True" | "true" => Ok(Some(true)),
            "False" | "false" => Ok(Some(false)),
            _ => Err(self.invalid_param(name, &text, "expected \"True\" or \"False\"")),
        }
    }

    /// Resolves parameter `name` as a whole number. Console exports quote numbers (`"8"`).
    pub fn param_u32(&mut self, name: &str) -> Result<Option<u32>, HandlerError> {
        let Some(text) = self.resolve_string(name)? else {
            return Ok(None);
        };
        match text.trim().parse() {
            Ok(number) => Ok(Some(number)),
            Err(_) => Err(self.invalid_param(name, &text, "expected a whole number")),
        }
    }

    /// Builds the error for parameter `name` whose resolved value `value` is unusable.
    pub fn invalid_param(&self, name: &str, value: &str, hint: &str) -> HandlerError {
        HandlerError::Invalid(format!(
            "invalid parameter {name} = {value:?} in block {} at {}: {hint}",
            self.action.identifier,
            self.param_pointer(name)
        ))
    }

    /// Returns the JSON pointer of parameter `name` in the flow export, such as `/Actions/3/Parameters/Text`.
    pub fn param_pointer(&self, name: &str) -> String {
        format!("{}/Parameters/{}", self.action_pointer(), escape_pointer(name))
    }

    /// Returns the JSON pointer of the running action in the flow export, such as `/Actions/3`.
    pub fn action_pointer(&self) -> String {
        let index = self
            .flow
            .actions
            .iter()
            .position(|a| std::ptr::eq(a, self.action))
            .map_or_else(|| "?".to_string(), |i| i.to_string());
        format!("/Actions/{index}")
    }

    /// Reads the Connect path `connect_path` from the state, applying the missing-attribute policy.
    pub fn read_reference(&mut self, connect_path: &str) -> Result<Value, HandlerError> {
        let found = lookup(self.state.tree(), connect_path)
            .map_err(|e| HandlerError::Invalid(format!("{e} in block {}", self.action.identifier)))?;
        match found {
            Some(value) => Ok(value.clone()),
            None => self.missing(connect_path),
        }
    }

    fn resolve_text(&mut self, text: &str) -> Result<Value, HandlerError> {
        if !text.contains('$') {
            return Ok(Value::String(text.to_string()));
        }
        if is_whole_reference(text) {
            return self.read_reference(text);
        }
        self.substitute(text).map(Value::String)
    }

    /// Replaces every `$.…` reference inside `text` by its rendered value.
    fn substitute(&mut self, text: &str) -> Result<String, HandlerError> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(dollar) = rest.find('$') {
            out.push_str(&rest[..dollar]);
            rest = &rest[dollar..];
            let Some(len) = path::reference_len(rest) else {
                out.push('$');
                rest = &rest[1..];
                continue;
            };
            let value = self.read_reference(&rest[..len])?;
            out.push_str(&render(&value));
            rest = &rest[len..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// Applies `RunSettings::missing_attribute` to a reference that names nothing.
    fn missing(&mut self, connect_path: &str) -> Result<Value, HandlerError> {
        match self.settings.missing_attribute {
            MissingAttributePolicy::Empty => {
                let message = format!("{connect_path} is not set; it reads as the empty string");
                self.note(&message);
                Ok(Value::String(String::new()))
            }
            MissingAttributePolicy::Error => {
                let message = format!("{connect_path} is not set; the block fails");
                self.note(&message);
                Err(HandlerError::MissingAttribute {
                    path: connect_path.to_string(),
                })
            }
        }
    }
}

/// Escapes `~` and `/` in a JSON pointer token (RFC 6901).
fn escape_pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
