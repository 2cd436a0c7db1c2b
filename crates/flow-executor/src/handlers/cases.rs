//! Amazon Connect Cases: `CreateCase`, `GetCase` and `UpdateCase` over a [`CaseStore`].
//!
//! With a store installed (the scenario's `cases` section), the blocks search, create and update
//! cases in it, so a case created early in a run is found later in the same run. Without one, the
//! scenario's results decide each block's branch, and the request fields stand in for the case.

use super::contact_more::outcome_of;
use super::contact_record::{SUCCESS, ask_block_result};
use super::{NO_MATCHING_ERROR, fail_with};
use crate::handler::{ActionContext, HandlerError, HandlerResult, Registry};
use crate::outcome::Outcome;
use crate::resolve::render;
use crate::state::ContactState;
use serde::Serialize;
use serde_json::{Map, Value, json};

/// One case: its fields by field name, such as `case_id`, `status` and `title`.
pub type Case = Map<String, Value>;

/// The cases of one run and the case the contact is linked to, kept in a typed slot of
/// [`ContactState::extensions`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CaseStore {
    cases: Vec<Case>,
    /// The `case_id` of the case the contact is linked to.
    linked: Option<String>,
}

impl CaseStore {
    /// Creates a store with `cases`. A case without `case_id` gets a fixed one from its position.
    pub fn new(cases: Vec<Case>) -> Self {
        let mut store = CaseStore::default();
        for case in cases {
            store.add(case);
        }
        store
    }

    /// Installs `store` in `state`, replacing any earlier one.
    pub fn install(state: &mut ContactState, store: CaseStore) {
        state.extensions.insert(store);
    }

    /// The cases, least recently created or updated first: fixture order, then each case a block
    /// created or updated.
    pub fn cases(&self) -> &[Case] {
        &self.cases
    }

    /// Returns the `case_id` of the case the contact is linked to.
    pub fn linked(&self) -> Option<&str> {
        self.linked.as_deref()
    }

    /// Adds `case`, giving it a `case_id` and `reference_number` when it has none, and returns its
    /// `case_id`.
    fn add(&mut self, mut case: Case) -> String {
        let number = self.cases.len() + 1;
        let case_id = match case.get("case_id").map(render).filter(|id| !id.is_empty()) {
            Some(id) => id,
            None => format!("00000000-0000-4000-8000-{number:012}"),
        };
        case.insert("case_id".into(), json!(case_id));
        case.entry("reference_number")
            .or_insert_with(|| json!(format!("{number:08}")));
        self.cases.push(case);
        case_id
    }

    /// Returns the positions of the cases whose fields equal every field of `request`.
    fn matching(&self, request: &Map<String, Value>) -> Vec<usize> {
        let matches = |case: &Case| {
            request
                .iter()
                .all(|(field, value)| case.get(field).map(render) == Some(render(value)))
        };
        (0..self.cases.len())
            .filter(|&i| matches(&self.cases[i]))
            .collect()
    }

    fn position(&self, case_id: &str) -> Option<usize> {
        self.cases
            .iter()
            .position(|case| case.get("case_id").map(render).as_deref() == Some(case_id))
    }
}

pub fn register(registry: &mut Registry) {
    registry.register("CreateCase", create_case);
    registry.register("GetCase", get_case);
    registry.register("UpdateCase", update_case);
}

/// The resolved parameters that all three case actions share.
struct CaseRequest {
    fields: Map<String, Value>,
    link: bool,
}

fn read_request(ctx: &mut ActionContext<'_>) -> Result<CaseRequest, HandlerError> {
    let fields = match ctx.resolve_param("CaseRequestFields")? {
        None => Map::new(),
        Some(Value::Object(fields)) => fields,
        Some(other) => {
            return Err(ctx.invalid_param(
                "CaseRequestFields",
                &render(&other),
                "expected an object of case fields",
            ));
        }
    };
    let link = ctx.param_bool("LinkContactToCase")?.unwrap_or(false);
    Ok(CaseRequest { fields, link })
}

/// Creates a case from the template `CaseTemplateId` with the request fields and writes the new
/// case's `case_id` to `$.Case.case_id`. An empty template id takes `NoMatchingError`.
// NOTE: with a case store, linking always succeeds, so `ContactNotLinked` comes only from the
// scenario's results in a run without a `cases` section.
fn create_case(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let template = ctx.resolve_string("CaseTemplateId")?.unwrap_or_default();
    if template.is_empty() {
        return fail_with(
            ctx,
            NO_MATCHING_ERROR,
            "CaseTemplateId is empty; set the id of a case template",
        );
    }
    let request = read_request(ctx)?;
    if ctx.state.extensions.get::<CaseStore>().is_none() {
        let result = ask_block_result(ctx, "case creation result")?;
        if result == SUCCESS {
            write_case(ctx, &request.fields);
        }
        return Ok(outcome_of(result));
    }
    let mut case = request.fields.clone();
    case.insert("template_id".into(), json!(template));
    case.entry("status").or_insert_with(|| json!("open"));
    let store = store_mut(ctx.state);
    let case_id = store.add(case);
    if request.link {
        store.linked = Some(case_id.clone());
    }
    ctx.note(&format!("created case {case_id}"));
    ctx.write(&["Case", "case_id"], json!(case_id));
    Ok(Outcome::Next)
}

fn store_mut(state: &mut ContactState) -> &mut CaseStore {
    state
        .extensions
        .get_mut::<CaseStore>()
        .expect("callers check that a case store is installed")
}

/// Finds one case and writes its `CaseResponseFields` to `$.Case.<field>`.
///
/// The search criteria are `CustomerId`, matched against `customer_id`, and the request fields; a
/// block with neither searches every case. No match takes `NoneFound`. Several matches take
/// `MultipleFound`, unless `GetLastUpdatedCase` picks the one created or updated last
/// ("GetCase" in the flow-language reference).
fn get_case(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let request = read_request(ctx)?;
    let mut criteria = request.fields.clone();
    if let Some(customer) = ctx.resolve_string("CustomerId")?.filter(|c| !c.is_empty()) {
        criteria.insert("customer_id".into(), json!(customer));
    }
    let last_updated = ctx.param_bool("GetLastUpdatedCase")?.unwrap_or(false);
    let response_fields = read_response_fields(ctx)?;
    if ctx.state.extensions.get::<CaseStore>().is_none() {
        let result = ask_block_result(ctx, "case search result")?;
        if result == SUCCESS {
            write_selected(ctx, &criteria, &response_fields);
        }
        return Ok(outcome_of(result));
    }

    let position = match find_case(ctx, &criteria, last_updated) {
        Ok(position) => position,
        Err(error_type) => return Ok(Outcome::Error(error_type)),
    };
    let store = store_mut(ctx.state);
    let case = store.cases[position].clone();
    if request.link {
        store.linked = case.get("case_id").map(render);
    }
    write_selected(ctx, &case, &response_fields);
    Ok(Outcome::Next)
}

/// Returns the position of the one case that matches `criteria`, or the error type to take.
fn find_case(
    ctx: &mut ActionContext<'_>,
    criteria: &Map<String, Value>,
    last_updated: bool,
) -> Result<usize, String> {
    let store = ctx
        .state
        .extensions
        .get::<CaseStore>()
        .expect("callers check that a case store is installed");
    let found = store.matching(criteria);
    let count = found.len();
    match found.last() {
        None => {
            ctx.note("no case matches the search criteria");
            Err("NoneFound".to_string())
        }
        Some(&last) if count == 1 || last_updated => Ok(last),
        Some(_) => {
            ctx.note(&format!(
                "{count} cases match the search criteria; set GetLastUpdatedCase to pick the latest"
            ));
            Err("MultipleFound".to_string())
        }
    }
}

/// Reads `CaseResponseFields`: the field names to write, or `None` for every field.
fn read_response_fields(ctx: &mut ActionContext<'_>) -> Result<Option<Vec<String>>, HandlerError> {
    match ctx.resolve_param("CaseResponseFields")? {
        None => Ok(None),
        Some(Value::Array(names)) => Ok(Some(names.iter().map(render).collect())),
        Some(other) => Err(ctx.invalid_param(
            "CaseResponseFields",
            &render(&other),
            "expected an array of field names",
        )),
    }
}

/// Writes the fields of `case` that `fields` names, or every field, to `$.Case`.
fn write_selected(ctx: &mut ActionContext<'_>, case: &Case, fields: &Option<Vec<String>>) {
    let selected: Case = match fields {
        None => case.clone(),
        Some(names) => names
            .iter()
            .filter_map(|name| case.get(name).map(|value| (name.clone(), value.clone())))
            .collect(),
    };
    write_case(ctx, &selected);
}

fn write_case(ctx: &mut ActionContext<'_>, case: &Case) {
    ctx.write(&["Case"], Value::Object(case.clone()));
}

/// Updates the case `CaseId` with the request fields, which makes it the last updated case. An
/// empty or unknown case id takes `NoMatchingError`.
fn update_case(ctx: &mut ActionContext<'_>) -> HandlerResult {
    let request = read_request(ctx)?;
    let case_id = ctx.resolve_string("CaseId")?.unwrap_or_default();
    if ctx.state.extensions.get::<CaseStore>().is_none() {
        let result = ask_block_result(ctx, "case update result")?;
        return Ok(outcome_of(result));
    }
    let store = store_mut(ctx.state);
    let Some(position) = store.position(&case_id).filter(|_| !case_id.is_empty()) else {
        let reason = format!("no case has case_id {case_id:?}; set CaseId to the id of an existing case");
        return fail_with(ctx, NO_MATCHING_ERROR, &reason);
    };
    let mut case = store.cases.remove(position);
    case.extend(request.fields);
    store.cases.push(case);
    if request.link {
        store.linked = Some(case_id.clone());
    }
    ctx.note(&format!("updated case {case_id}"));
    Ok(Outcome::Next)
}
