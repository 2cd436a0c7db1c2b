//! Data tables: `ListDataTableValues`, `EvaluateDataTableValues` and `UpsertDataTableValues` over
//! a [`DataTableStore`].
//!
//! With a store installed (the scenario's `dataTables` section), the blocks read and write its
//! records, so an upsert is visible to later reads of the same run. Without one, the scenario's
//! results decide each block's branch and nothing is written.
//!
//! The shapes of `PrimaryKeyGroups`, `DataTableUpsertAttributes` and `$.DataTableList.ResultData`
//! follow AWS's sample "sample-amazon-connect-configurable-workspace", whose Lambda functions
//! build the first two and read the third.

use super::contact_more::outcome_of;
use super::contact_record::{SUCCESS, ask_block_result};
use super::{NO_MATCHING_ERROR, fail_with};
use crate::handler::{ActionContext, HandlerError, HandlerResult, Registry};
use crate::outcome::Outcome;
use crate::resolve::render;
use crate::state::ContactState;
use indexmap::IndexMap;
use serde::Serialize;
use serde_json::{Map, Value, json};

/// One record: attribute values by attribute name, primary attributes included.
pub type Record = Map<String, Value>;

/// One data table: which attributes identify a record, the records, and the lock version that
/// each write increments.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DataTable {
    pub primary_attributes: Vec<String>,
    pub records: Vec<Record>,
    pub lock_version: u64,
}

/// The data tables of one run keyed by id, ARN or name, kept in a typed slot of
/// [`ContactState::extensions`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DataTableStore {
    pub tables: IndexMap<String, DataTable>,
}

impl DataTableStore {
    /// Installs `store` in `state`, replacing any earlier one.
    pub fn install(state: &mut ContactState, store: DataTableStore) {
        state.extensions.insert(store);
    }

    /// Returns the key of the table that `reference` names: the key itself, or a key equal to the
    /// id at the end of an ARN such as `arn:aws:connect:…:instance/…/data-table/<id>`.
    pub fn key_of(&self, reference: &str) -> Option<String> {
        let id = reference.rsplit('/').next().unwrap_or(reference);
        let id = id.split(':').next().unwrap_or(id);
        [reference, id]
            .into_iter()
            .find(|candidate| self.tables.contains_key(*candidate))
            .map(String::from)
    }
}

impl DataTable {
    /// Returns the position of the record whose primary attributes have `values`.
    fn position(&self, values: &Map<String, Value>) -> Option<usize> {
        let matches = |record: &Record| {
            values
                .iter()
                .all(|(name, value)| record.get(name).map(render) == Some(render(value)))
        };
        self.records.iter().position(matches)
    }

    /// Returns the positions of the records whose attributes equal `values`.
    fn matching(&self, values: &Map<String, Value>) -> Vec<usize> {
        let matches = |record: &Record| {
            values
                .iter()
                .all(|(name, value)| record.get(name).map(render) == Some(render(value)))
        };
        (0..self.records.len())
            .filter(|&i| matches(&self.records[i]))
            .collect()
    }

    /// Builds one record in the shape of `$.DataTableList.ResultData`: the primary and the other
    /// attributes as lists of `attributeName` and `attributeValue`.
    fn listed(&self, record: &Record) -> Value {
        let pair = |(name, value): (&String, &Value)| json!({"attributeName": name, "attributeValue": value});
        let is_primary = |name: &String| self.primary_attributes.contains(name);
        let primary: Vec<Value> = record
            .iter()
            .filter(|(name, _)| is_primary(name))
            .map(pair)
            .collect();
        let other: Vec<Value> = record
            .iter()
            .filter(|(name, _)| !is_primary(name))
            .map(pair)
            .collect();
        json!({"primaryKeys": primary, "attributes": other})
    }
}

pub fn register(registry: &mut Registry) {
    registry.register("ListDataTableValues", list_data_table_values);
    registry.register("EvaluateDataTableValues", evaluate_data_table_values);
    registry.register("UpsertDataTableValues", upsert_data_table_values);
}

/// A table the block names, found in the store, or why the block cannot use it.
enum TableLookup {
    Found(String),
    /// No store is installed: the scenario's results decide.
    NoStore,
    Missing(String),
}

fn lookup_table(ctx: &mut ActionContext<'_>) -> Result<TableLookup, HandlerError> {
    let reference = ctx.resolve_string("DataTableId")?.unwrap_or_default();
    let Some(store) = ctx.state.extensions.get::<DataTableStore>() else {
        return Ok(TableLookup::NoStore);
    };
    Ok(match store.key_of(&reference) {
        Some(key) => TableLookup::Found(key),
        None => TableLookup::Missing(format!("the scenario's dataTables has no table {reference:?}")),
    })
}

fn table_mut<'s>(state: &'s mut ContactState, key: &str) -> &'s mut DataTable {
    state
        .extensions
        .get_mut::<DataTableStore>()
        .and_then(|store| store.tables.get_mut(key))
        .expect("lookup_table found this key in the installed store")
}

/// Lists the records of each primary key group to `$.DataTableList.ResultData`, as
/// `{"primaryKeyGroups": {<group>: [records]}, "lockVersion": {"dataTable": "<n>"}}`. Without
/// `PrimaryKeyGroups` every record is listed under the group `all`.
fn list_data_table_values(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let key = match lookup_table(ctx)? {
        TableLookup::Found(key) => key,
        TableLookup::NoStore => return ask_without_store(ctx, "data table list result"),
        TableLookup::Missing(reason) => return fail_with(ctx, NO_MATCHING_ERROR, &reason),
    };
    let groups = match read_groups(ctx, "PrimaryKeyGroups")? {
        Ok(groups) => groups,
        Err(reason) => return fail_with(ctx, NO_MATCHING_ERROR, &reason),
    };
    let table = table_mut(ctx.state, &key).clone();
    let mut listed = Map::new();
    for group in groups {
        let records = table
            .matching(&group.primary_values)
            .into_iter()
            .map(|i| table.listed(&table.records[i]));
        listed.insert(group.name, Value::Array(records.collect()));
    }
    let result =
        json!({"primaryKeyGroups": listed, "lockVersion": {"dataTable": table.lock_version.to_string()}});
    ctx.write(&["DataTableList", "ResultData"], result);
    Ok(Outcome::Next)
}

fn ask_without_store(ctx: &mut ActionContext<'_>, topic: &str) -> HandlerResult {
    let result = ask_block_result(ctx, topic)?;
    if result == SUCCESS {
        ctx.note("the scenario has no dataTables section, so the block writes no values");
    }
    Ok(outcome_of(result))
}

/// One entry of `PrimaryKeyGroups` or `DataTableUpsertAttributes`.
struct KeyGroup {
    name: String,
    primary_values: Map<String, Value>,
    attributes: Map<String, Value>,
}

/// Reads the groups of parameter `name`: an array, or JSON text of one, of
/// `{"PrimaryKeyGroupName", "PrimaryValues": [{"Name", "Value"}], "Attributes": [{"Name", "Value"}]}`.
/// An absent parameter gives one group `all` that matches every record.
fn read_groups(
    ctx: &mut ActionContext<'_>,
    name: &str,
) -> Result<Result<Vec<KeyGroup>, String>, HandlerError> {
    let value = match ctx.resolve_param(name)? {
        None => {
            return Ok(Ok(vec![KeyGroup {
                name: "all".into(),
                primary_values: Map::new(),
                attributes: Map::new(),
            }]));
        }
        Some(Value::String(text)) => match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(error) => return Ok(Err(format!("{name} is text but not JSON: {error}"))),
        },
        Some(value) => value,
    };
    let Value::Array(entries) = value else {
        return Ok(Err(format!("{name} must be an array of primary key groups")));
    };
    Ok(entries
        .iter()
        .enumerate()
        .map(|(index, entry)| read_group(entry, index))
        .collect())
}

fn read_group(entry: &Value, index: usize) -> Result<KeyGroup, String> {
    let name = entry
        .get("PrimaryKeyGroupName")
        .map(render)
        .unwrap_or_else(|| format!("group{}", index + 1));
    let primary_values = name_value_pairs(entry.get("PrimaryValues"))
        .ok_or_else(|| format!("primary key group {name:?} has no PrimaryValues list of Name and Value"))?;
    let attributes = name_value_pairs(entry.get("Attributes")).unwrap_or_default();
    Ok(KeyGroup {
        name,
        primary_values,
        attributes,
    })
}

/// Reads a list of `{"Name", "Value"}` (or `AttributeName`) pairs into an object.
fn name_value_pairs(list: Option<&Value>) -> Option<Map<String, Value>> {
    let Value::Array(pairs) = list? else {
        return None;
    };
    pairs
        .iter()
        .map(|pair| {
            let name = pair.get("Name").or_else(|| pair.get("AttributeName"))?;
            Some((render(name), pair.get("Value").cloned().unwrap_or(Value::Null)))
        })
        .collect()
}

/// Reads the attributes that each query names from the record its primary values find, and
/// writes them to `$.DataTables.<QueryName>.<attribute>`. A query whose record is missing writes
/// nothing.
// NOTE: only `DataTableId` is confirmed. The `Queries` shape
// (`[{"QueryName", "PrimaryValues": [{"Name", "Value"}], "Attributes": ["name"]}]`) is a guess from
// the console's query form. Whether a missing record takes the error branch is undocumented.
fn evaluate_data_table_values(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let key = match lookup_table(ctx)? {
        TableLookup::Found(key) => key,
        TableLookup::NoStore => return ask_without_store(ctx, "data table evaluation result"),
        TableLookup::Missing(reason) => return fail_with(ctx, NO_MATCHING_ERROR, &reason),
    };
    let Some(Value::Array(queries)) = ctx.resolve_param("Queries")? else {
        return Err(ctx.invalid_param(
            "Queries",
            "",
            "expected an array of queries with QueryName and PrimaryValues",
        ));
    };
    let table = table_mut(ctx.state, &key).clone();
    for (index, query) in queries.iter().enumerate() {
        let name = query
            .get("QueryName")
            .map(render)
            .unwrap_or_else(|| format!("query{}", index + 1));
        let Some(primary_values) = name_value_pairs(query.get("PrimaryValues")) else {
            let reason = format!("query {name:?} has no PrimaryValues list of Name and Value");
            return fail_with(ctx, NO_MATCHING_ERROR, &reason);
        };
        let Some(position) = table.position(&primary_values) else {
            ctx.note(&format!("query {name:?} found no record"));
            continue;
        };
        write_query(ctx, &name, &table.records[position], query.get("Attributes"));
    }
    Ok(Outcome::Next)
}

/// Writes the attributes `names` of `record`, or all of them, to `$.DataTables.<query>`.
fn write_query(ctx: &mut ActionContext<'_>, query: &str, record: &Record, names: Option<&Value>) {
    let selected: Record = match names {
        Some(Value::Array(names)) => names
            .iter()
            .map(render)
            .filter_map(|name| record.get(&name).map(|value| (name, value.clone())))
            .collect(),
        _ => record.clone(),
    };
    ctx.write(&["DataTables", query], Value::Object(selected));
}

/// Creates or updates one record per entry of `DataTableUpsertAttributes` and increments the
/// table's lock version. A `LockVersion` other than the table's current one means another writer
/// changed the table since it was read: the block takes `NoMatchingError` and writes nothing.
fn upsert_data_table_values(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let key = match lookup_table(ctx)? {
        TableLookup::Found(key) => key,
        TableLookup::NoStore => return ask_without_store(ctx, "data table write result"),
        TableLookup::Missing(reason) => return fail_with(ctx, NO_MATCHING_ERROR, &reason),
    };
    let groups = match ctx.param("DataTableUpsertAttributes").is_some() {
        true => read_groups(ctx, "DataTableUpsertAttributes")?,
        false => Err("DataTableUpsertAttributes is missing; list the records to write".to_string()),
    };
    let groups = match groups {
        Ok(groups) => groups,
        Err(reason) => return fail_with(ctx, NO_MATCHING_ERROR, &reason),
    };
    let lock = ctx.resolve_string("LockVersion")?.filter(|lock| !lock.is_empty());
    let current = table_mut(ctx.state, &key).lock_version;
    if let Some(lock) = lock.filter(|lock| *lock != current.to_string()) {
        let reason = format!("LockVersion {lock} is stale: table {key} is at version {current}");
        return fail_with(ctx, NO_MATCHING_ERROR, &reason);
    }
    let table = table_mut(ctx.state, &key);
    for group in groups {
        upsert(table, group);
    }
    table.lock_version += 1;
    let version = table.lock_version;
    ctx.note(&format!("table {key} is now at lock version {version}"));
    Ok(Outcome::Next)
}

fn upsert(table: &mut DataTable, group: KeyGroup) {
    match table.position(&group.primary_values) {
        Some(position) => table.records[position].extend(group.attributes),
        None => {
            let mut record = group.primary_values;
            record.extend(group.attributes);
            table.records.push(record);
        }
    }
}
