//! Cases handlers over an installed `CaseStore`, and through scripted results without one.

mod scripted_results;

use flow_executor::handlers::cases::{Case, CaseStore};
use flow_executor::{ContactState, HandlerError, Outcome};
use scripted_results::{ResultEnv, action, run, run_in};
use serde_json::{Value, json};

fn case(fields: Value) -> Case {
    fields.as_object().expect("test cases are objects").clone()
}

fn state_with_cases(cases: Vec<Value>) -> ContactState {
    let mut state = ContactState::new(json!({"Attributes": {"caseTitle": "Broken router"}}));
    CaseStore::install(&mut state, CaseStore::new(cases.into_iter().map(case).collect()));
    state
}

fn fixture() -> ContactState {
    state_with_cases(vec![
        json!({"case_id": "c-1", "customer_id": "p-1", "status": "open", "title": "Broken router"}),
        json!({"case_id": "c-2", "customer_id": "p-1", "status": "closed", "title": "Late bill"}),
        json!({"case_id": "c-3", "customer_id": "p-2", "status": "open", "title": "Late bill"}),
    ])
}

fn store(state: &ContactState) -> &CaseStore {
    state
        .extensions
        .get::<CaseStore>()
        .expect("a case store is installed")
}

fn error(error_type: &str) -> Result<Outcome, HandlerError> {
    Ok(Outcome::Error(error_type.to_string()))
}

#[test]
fn store_fills_missing_ids() {
    let store = CaseStore::new(vec![case(json!({"title": "a"})), case(json!({"case_id": "c-9"}))]);
    assert_eq!(
        store.cases()[0]["case_id"],
        json!("00000000-0000-4000-8000-000000000001")
    );
    assert_eq!(store.cases()[0]["reference_number"], json!("00000001"));
    assert_eq!(store.cases()[1]["case_id"], json!("c-9"));
}

#[test]
fn create_case_adds_and_links() {
    let parameters = json!({
        "CaseTemplateId": "template-1",
        "LinkContactToCase": "true",
        "CaseRequestFields": {"customer_id": "p-3", "title": "Sample case for $.Attributes.caseTitle"},
    });
    let run = run_in(action("CreateCase", parameters), fixture(), ResultEnv::default());
    assert_eq!(run.result, Ok(Outcome::Next));
    let created = &store(&run.state).cases()[3];
    assert_eq!(created["title"], json!("Sample case for Broken router"));
    assert_eq!(created["status"], json!("open"));
    assert_eq!(created["template_id"], json!("template-1"));
    let case_id = created["case_id"].clone();
    assert_eq!(run.state.get(&["Case", "case_id"]), Some(&case_id));
    assert_eq!(store(&run.state).linked(), case_id.as_str());
    assert!(run.env.asked.is_empty());
}

#[test]
fn create_case_without_template_fails() {
    let parameters = json!({"CaseTemplateId": "", "CaseRequestFields": {"title": "t"}});
    let run = run_in(action("CreateCase", parameters), fixture(), ResultEnv::default());
    assert_eq!(run.result, error("NoMatchingError"));
    assert_eq!(store(&run.state).cases().len(), 3);
}

#[test]
fn get_case_writes_response_fields() {
    let parameters = json!({
        "CaseRequestFields": {"title": "$.Attributes.caseTitle"},
        "CaseResponseFields": ["case_id", "status", "summary"],
        "LinkContactToCase": "true",
    });
    let run = run_in(action("GetCase", parameters), fixture(), ResultEnv::default());
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(
        run.state.get(&["Case"]),
        Some(&json!({"case_id": "c-1", "status": "open"}))
    );
    assert_eq!(store(&run.state).linked(), Some("c-1"));
}

#[test]
fn get_case_search_branches() {
    let cases = [
        (json!({"title": "Late bill"}), "false", error("MultipleFound")),
        (json!({"title": "Lost card"}), "false", error("NoneFound")),
        (json!({}), "false", error("MultipleFound")),
    ];
    for (fields, last_updated, expected) in cases {
        let parameters = json!({"CaseRequestFields": fields, "GetLastUpdatedCase": last_updated});
        let run = run_in(action("GetCase", parameters), fixture(), ResultEnv::default());
        assert_eq!(run.result, expected, "{fields}");
        assert_eq!(run.state.get(&["Case"]), None, "{fields}");
    }
}

#[test]
fn get_case_last_updated_picks_latest() {
    let parameters = json!({"CaseRequestFields": {"title": "Late bill"}, "GetLastUpdatedCase": "true"});
    let run = run_in(action("GetCase", parameters), fixture(), ResultEnv::default());
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(run.state.get(&["Case", "case_id"]), Some(&json!("c-3")));
}

#[test]
fn get_case_filters_by_customer() {
    let parameters = json!({"CustomerId": "p-2", "CaseResponseFields": ["case_id"]});
    let run = run_in(action("GetCase", parameters), fixture(), ResultEnv::default());
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(run.state.get(&["Case"]), Some(&json!({"case_id": "c-3"})));
}

#[test]
fn created_case_is_last_updated() {
    let create = json!({"CaseTemplateId": "t", "CaseRequestFields": {"customer_id": "p-1", "title": "New"}});
    let created = run_in(action("CreateCase", create), fixture(), ResultEnv::default());
    let get =
        json!({"CustomerId": "p-1", "GetLastUpdatedCase": "true", "CaseResponseFields": ["title", "status"]});
    let found = run_in(action("GetCase", get), created.state, ResultEnv::default());
    assert_eq!(found.result, Ok(Outcome::Next));
    assert_eq!(
        found.state.get(&["Case"]),
        Some(&json!({"title": "New", "status": "open"}))
    );
}

#[test]
fn updated_case_is_last_updated() {
    let update = json!({"CaseId": "c-1", "CaseRequestFields": {"status": "pending"}});
    let updated = run_in(action("UpdateCase", update), fixture(), ResultEnv::default());
    let get = json!({"GetLastUpdatedCase": "true", "CaseResponseFields": ["case_id", "status"]});
    let found = run_in(action("GetCase", get), updated.state, ResultEnv::default());
    assert_eq!(
        found.state.get(&["Case"]),
        Some(&json!({"case_id": "c-1", "status": "pending"}))
    );
}

#[test]
fn update_case_changes_fields() {
    let parameters = json!({"CaseId": "c-3", "CaseRequestFields": {"status": "closed"}});
    let run = run_in(action("UpdateCase", parameters), fixture(), ResultEnv::default());
    assert_eq!(run.result, Ok(Outcome::Next));
    let cases = store(&run.state).cases();
    assert_eq!(cases[2]["case_id"], json!("c-3"));
    assert_eq!(cases[2]["status"], json!("closed"));
}

#[test]
fn update_case_error_branches() {
    let no_id = json!({"CaseRequestFields": {"status": "closed"}});
    let run_no_id = run_in(action("UpdateCase", no_id), fixture(), ResultEnv::default());
    assert_eq!(run_no_id.result, error("NoMatchingError"));
    let unknown = json!({"CaseId": "c-404", "CaseRequestFields": {"status": "closed"}});
    let run_unknown = run_in(action("UpdateCase", unknown), fixture(), ResultEnv::default());
    assert_eq!(run_unknown.result, error("NoMatchingError"));
}

#[test]
fn without_store_results_decide() {
    let get = json!({"CaseRequestFields": {"title": "x"}, "CaseResponseFields": ["title"]});
    for result in [
        "ContactNotLinked",
        "MultipleFound",
        "NoneFound",
        "NoMatchingError",
    ] {
        let run = run("GetCase", get.clone(), json!({}), &[result]);
        assert_eq!(run.result, error(result));
    }
    let found = run("GetCase", get, json!({}), &[]);
    assert_eq!(found.result, Ok(Outcome::Next));
    assert_eq!(found.state.get(&["Case"]), Some(&json!({"title": "x"})));

    let create = json!({"CaseTemplateId": "t", "CaseRequestFields": {"title": "x"}});
    let not_linked = run("CreateCase", create, json!({}), &["ContactNotLinked"]);
    assert_eq!(not_linked.result, error("ContactNotLinked"));
    let update = run(
        "UpdateCase",
        json!({"CaseId": "c"}),
        json!({}),
        &["ContactNotLinked"],
    );
    assert_eq!(update.result, error("ContactNotLinked"));
    assert_eq!(
        update.env.asked,
        ["case update result: Success|ContactNotLinked|NoMatchingError"]
    );
}

#[test]
fn invalid_request_fields_rejected() {
    let run = run_in(
        action("GetCase", json!({"CaseRequestFields": ["title"]})),
        fixture(),
        ResultEnv::default(),
    );
    assert!(matches!(run.result, Err(HandlerError::Invalid(_))));
}
