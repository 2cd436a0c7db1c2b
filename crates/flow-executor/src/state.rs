//! `ContactState`: the contact-attribute JSON tree that blocks read and write, plus plugin slots.

use serde_json::{Map, Value};
use std::any::{Any, TypeId};
use std::collections::HashMap;

/// The contact as the flow sees it: one JSON object whose top-level keys are the namespaces of
/// Connect's attribute paths (`Attributes`, `External`, `Customer`, `Lex`, `SystemEndpoint`, ...).
#[derive(Debug, Default)]
pub struct ContactState {
    tree: Value,
    /// DTMF keys the caller typed ahead, kept for the next input block.
    pub key_buffer: String,
    /// `Loop` counters keyed by (flow name, action `Identifier`).
    pub loop_counters: HashMap<(String, String), u32>,
    /// Typed slots for plugin-private state, such as the profile store.
    pub extensions: Extensions,
}

impl ContactState {
    /// Creates a state whose tree is `tree`; a non-object value is replaced by an empty object.
    pub fn new(tree: Value) -> Self {
        let tree = if tree.is_object() {
            tree
        } else {
            Value::Object(Map::new())
        };
        ContactState {
            tree,
            ..Default::default()
        }
    }

    /// The whole tree, for JSONPath queries and the final report.
    pub fn tree(&self) -> &Value {
        &self.tree
    }

    /// The whole tree, for writers that know what they are doing.
    pub fn tree_mut(&mut self) -> &mut Value {
        &mut self.tree
    }

    /// Reads the value at `segments` (object keys, no array indexes), if present.
    pub fn get(&self, segments: &[&str]) -> Option<&Value> {
        segments.iter().try_fold(&self.tree, |node, key| node.get(*key))
    }

    /// Writes `value` at `segments`, creating objects on the way, and returns the value it replaced.
    ///
    /// A non-object value on the way is replaced by an object, as a later write of a nested
    /// attribute replaces an earlier flat one.
    pub fn set(&mut self, segments: &[&str], value: Value) -> Option<Value> {
        let (last, parents) = segments.split_last()?;
        let mut node = &mut self.tree;
        for key in parents {
            node = object_entry(node, key);
        }
        ensure_object(node).insert((*last).to_string(), value)
    }

    /// Removes and returns the value at `segments`.
    pub fn remove(&mut self, segments: &[&str]) -> Option<Value> {
        let (last, parents) = segments.split_last()?;
        let mut node = &mut self.tree;
        for key in parents {
            node = node.get_mut(*key)?;
        }
        node.as_object_mut()?.shift_remove(*last)
    }
}

fn ensure_object(node: &mut Value) -> &mut Map<String, Value> {
    if !node.is_object() {
        *node = Value::Object(Map::new());
    }
    node.as_object_mut().expect("node was just made an object")
}

fn object_entry<'a>(node: &'a mut Value, key: &str) -> &'a mut Value {
    ensure_object(node)
        .entry(key.to_string())
        .or_insert_with(|| Value::Object(Map::new()))
}

/// A map from type to one value of that type, for state that belongs to one plugin.
#[derive(Default)]
pub struct Extensions {
    slots: HashMap<TypeId, Box<dyn Any + Send>>,
}

impl std::fmt::Debug for Extensions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extensions")
            .field("slots", &self.slots.len())
            .finish()
    }
}

impl Extensions {
    /// Stores `value`, replacing any earlier value of the same type.
    pub fn insert<T: Any + Send>(&mut self, value: T) {
        self.slots.insert(TypeId::of::<T>(), Box::new(value));
    }

    pub fn get<T: Any + Send>(&self) -> Option<&T> {
        self.slots.get(&TypeId::of::<T>())?.downcast_ref()
    }

    pub fn get_mut<T: Any + Send>(&mut self) -> Option<&mut T> {
        self.slots.get_mut(&TypeId::of::<T>())?.downcast_mut()
    }
}
