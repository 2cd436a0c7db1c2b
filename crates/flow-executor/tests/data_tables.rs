//! Data-table handlers over an installed `DataTableStore`, and through scripted results without one.

mod scripted_results;

use flow_executor::handlers::data_tables::{DataTable, DataTableStore};
use flow_executor::{ContactState, HandlerError, Outcome};
use scripted_results::{ResultEnv, action, run, run_in};
use serde_json::{Value, json};

fn record(fields: Value) -> serde_json::Map<String, Value> {
    fields.as_object().expect("test records are objects").clone()
}

fn fixture() -> ContactState {
    let table = DataTable {
        primary_attributes: vec!["Line_Of_Business".into(), "Location".into()],
        records: vec![
            record(json!({"Line_Of_Business": "Care", "Location": "Leeds", "Patients_In_Care": "12"})),
            record(json!({"Line_Of_Business": "Care", "Location": "York", "Patients_In_Care": "4"})),
            record(json!({"Line_Of_Business": "Clinic", "Location": "Leeds", "Patients_In_Care": "0"})),
        ],
        lock_version: 3,
    };
    let mut state = ContactState::new(json!({"Attributes": {"site": "York"}}));
    let tables = [("operations".to_string(), table)].into_iter().collect();
    DataTableStore::install(&mut state, DataTableStore { tables });
    state
}

fn table(state: &ContactState) -> &DataTable {
    &state
        .extensions
        .get::<DataTableStore>()
        .expect("a store is installed")
        .tables["operations"]
}

fn error(error_type: &str) -> Result<Outcome, HandlerError> {
    Ok(Outcome::Error(error_type.to_string()))
}

const TABLE_ARN: &str = "arn:aws:connect:us-east-1:123456789012:instance/i/data-table/operations";

#[test]
fn list_writes_groups() {
    let parameters = json!({
        "DataTableId": TABLE_ARN,
        "PrimaryKeyGroups": [
            {"PrimaryKeyGroupName": "care", "PrimaryValues": [{"Name": "Line_Of_Business", "Value": "Care"}]},
            {"PrimaryKeyGroupName": "york", "PrimaryValues": [{"Name": "Location", "Value": "$.Attributes.site"}]},
        ],
    });
    let run = run_in(
        action("ListDataTableValues", parameters),
        fixture(),
        ResultEnv::default(),
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    insta::assert_json_snapshot!(run.state.get(&["DataTableList", "ResultData"]));
}

#[test]
fn list_accepts_json_text_and_no_groups() {
    let groups =
        r#"[{"PrimaryKeyGroupName": "pg1", "PrimaryValues": [{"Name": "Location", "Value": "Leeds"}]}]"#;
    let parameters = json!({"DataTableId": "operations", "PrimaryKeyGroups": groups});
    let run = run_in(
        action("ListDataTableValues", parameters),
        fixture(),
        ResultEnv::default(),
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    let listed = run
        .state
        .get(&["DataTableList", "ResultData", "primaryKeyGroups", "pg1"]);
    assert_eq!(listed.and_then(Value::as_array).map(Vec::len), Some(2));

    let all = run_in(
        action("ListDataTableValues", json!({"DataTableId": "operations"})),
        fixture(),
        ResultEnv::default(),
    );
    let listed = all
        .state
        .get(&["DataTableList", "ResultData", "primaryKeyGroups", "all"]);
    assert_eq!(listed.and_then(Value::as_array).map(Vec::len), Some(3));
}

#[test]
fn list_error_branches() {
    let cases = [
        json!({"DataTableId": "missing"}),
        json!({"DataTableId": "operations", "PrimaryKeyGroups": "not json"}),
        json!({"DataTableId": "operations", "PrimaryKeyGroups": {"a": 1}}),
        json!({"DataTableId": "operations", "PrimaryKeyGroups": [{"PrimaryKeyGroupName": "g"}]}),
    ];
    for parameters in cases {
        let run = run_in(
            action("ListDataTableValues", parameters.clone()),
            fixture(),
            ResultEnv::default(),
        );
        assert_eq!(run.result, error("NoMatchingError"), "{parameters}");
        assert_eq!(run.state.get(&["DataTableList"]), None, "{parameters}");
    }
}

#[test]
fn evaluate_writes_query_attributes() {
    let parameters = json!({
        "DataTableId": "operations",
        "Queries": [
            {
                "QueryName": "site",
                "PrimaryValues": [{"Name": "Line_Of_Business", "Value": "Care"}, {"Name": "Location", "Value": "$.Attributes.site"}],
                "Attributes": ["Patients_In_Care"],
            },
            {"QueryName": "nowhere", "PrimaryValues": [{"Name": "Location", "Value": "Hull"}]},
        ],
    });
    let run = run_in(
        action("EvaluateDataTableValues", parameters),
        fixture(),
        ResultEnv::default(),
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    assert_eq!(
        run.state.get(&["DataTables"]),
        Some(&json!({"site": {"Patients_In_Care": "4"}}))
    );
    assert_eq!(run.notes, ["query \"nowhere\" found no record"]);
}

#[test]
fn evaluate_error_branches() {
    let missing_table = json!({"DataTableId": "missing", "Queries": []});
    let run_missing = run_in(
        action("EvaluateDataTableValues", missing_table),
        fixture(),
        ResultEnv::default(),
    );
    assert_eq!(run_missing.result, error("NoMatchingError"));
    let bad_query = json!({"DataTableId": "operations", "Queries": [{"QueryName": "q"}]});
    let run_bad = run_in(
        action("EvaluateDataTableValues", bad_query),
        fixture(),
        ResultEnv::default(),
    );
    assert_eq!(run_bad.result, error("NoMatchingError"));
    let no_queries = json!({"DataTableId": "operations"});
    let run_none = run_in(
        action("EvaluateDataTableValues", no_queries),
        fixture(),
        ResultEnv::default(),
    );
    assert!(matches!(run_none.result, Err(HandlerError::Invalid(_))));
}

#[test]
fn upsert_updates_and_inserts() {
    let parameters = json!({
        "DataTableId": "operations",
        "LockVersion": "3",
        "DataTableUpsertAttributes": [
            {
                "PrimaryKeyGroupName": "pg1",
                "PrimaryValues": [{"Name": "Line_Of_Business", "Value": "Care"}, {"Name": "Location", "Value": "York"}],
                "Attributes": [{"Name": "Patients_In_Care", "Value": "5"}],
            },
            {
                "PrimaryKeyGroupName": "pg2",
                "PrimaryValues": [{"Name": "Line_Of_Business", "Value": "Care"}, {"Name": "Location", "Value": "Hull"}],
                "Attributes": [{"Name": "Patients_In_Care", "Value": "1"}],
            },
        ],
    });
    let run = run_in(
        action("UpsertDataTableValues", parameters),
        fixture(),
        ResultEnv::default(),
    );
    assert_eq!(run.result, Ok(Outcome::Next));
    let table = table(&run.state);
    assert_eq!(table.lock_version, 4);
    assert_eq!(table.records.len(), 4);
    assert_eq!(table.records[1]["Patients_In_Care"], json!("5"));
    assert_eq!(
        table.records[3],
        record(json!({"Line_Of_Business": "Care", "Location": "Hull", "Patients_In_Care": "1"}))
    );
}

#[test]
fn upsert_visible_to_later_list() {
    let upsert = json!({
        "DataTableId": "operations",
        "DataTableUpsertAttributes": [{
            "PrimaryValues": [{"Name": "Line_Of_Business", "Value": "Clinic"}, {"Name": "Location", "Value": "Leeds"}],
            "Attributes": [{"Name": "Patients_In_Care", "Value": "9"}],
        }],
    });
    let written = run_in(
        action("UpsertDataTableValues", upsert),
        fixture(),
        ResultEnv::default(),
    );
    let evaluate = json!({"DataTableId": "operations", "Queries": [{
        "QueryName": "clinic",
        "PrimaryValues": [{"Name": "Line_Of_Business", "Value": "Clinic"}],
    }]});
    let read = run_in(
        action("EvaluateDataTableValues", evaluate),
        written.state,
        ResultEnv::default(),
    );
    assert_eq!(
        read.state.get(&["DataTables", "clinic", "Patients_In_Care"]),
        Some(&json!("9"))
    );
}

#[test]
fn upsert_stale_lock_writes_nothing() {
    let parameters = json!({
        "DataTableId": "operations",
        "LockVersion": "2",
        "DataTableUpsertAttributes": [{"PrimaryValues": [{"Name": "Location", "Value": "Leeds"}], "Attributes": []}],
    });
    let run = run_in(
        action("UpsertDataTableValues", parameters),
        fixture(),
        ResultEnv::default(),
    );
    assert_eq!(run.result, error("NoMatchingError"));
    assert_eq!(table(&run.state).lock_version, 3);
    let missing = run_in(
        action("UpsertDataTableValues", json!({"DataTableId": "operations"})),
        fixture(),
        ResultEnv::default(),
    );
    assert_eq!(missing.result, error("NoMatchingError"));
}

#[test]
fn without_store_results_decide() {
    for action_type in [
        "ListDataTableValues",
        "EvaluateDataTableValues",
        "UpsertDataTableValues",
    ] {
        let ok = run(action_type, json!({"DataTableId": "t"}), json!({}), &[]);
        assert_eq!(ok.result, Ok(Outcome::Next), "{action_type}");
        let failed = run(
            action_type,
            json!({"DataTableId": "t"}),
            json!({}),
            &["NoMatchingError"],
        );
        assert_eq!(failed.result, error("NoMatchingError"), "{action_type}");
    }
}
