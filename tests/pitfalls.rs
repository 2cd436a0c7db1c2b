//! End-to-end checks of attribute, JSONPath and Customer Profiles behaviour that flow builders have
//! got wrong in real flows. Each test runs `flowsim` on a small flow under
//! `tests/fixtures/pitfalls/` and asserts the blocks entered, the prompts, the final contact state
//! or the diagnostics.

use serde_json::Value;
use std::process::{Command, Output};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pitfalls");

/// Runs `flowsim` in the fixture folder, so paths in its output are relative to that folder.
fn flowsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(args)
        .current_dir(FIXTURES)
        .output()
        .expect("the flowsim binary that cargo built should start")
}

/// Renders the exit code, standard output and standard error of a command for a snapshot.
fn transcript(output: &Output) -> String {
    let mut text = format!("exit code: {}\n", output.status.code().unwrap_or(-1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !stderr.is_empty() {
        text.push_str("--- stderr\n");
        text.push_str(&stderr);
    }
    text.push_str("--- stdout\n");
    text.push_str(&String::from_utf8_lossy(&output.stdout));
    text
}

/// Lints one fixture flow and returns the transcript for a snapshot.
fn lint(flow: &str, extra: &[&str]) -> String {
    let mut args = vec!["lint", flow];
    args.extend_from_slice(extra);
    transcript(&flowsim(&args))
}

/// Returns the codes of the diagnostics that `flowsim lint --json` reports for one fixture flow.
fn lint_codes(flow: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["lint", "--json", flow];
    args.extend_from_slice(extra);
    let output = flowsim(&args);
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).expect("each line is one JSON object"))
        .filter(|event| event["type"] == "diagnostic")
        .map(|event| event["data"]["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// One `flowsim run --json` of a fixture scenario.
struct Run {
    steps: Vec<Value>,
    end: Value,
    /// The codes of the `diagnostic` events printed before the run.
    warnings: Vec<String>,
}

impl Run {
    fn of(scenario: &str) -> Run {
        let output = flowsim(&["run", "--json", "--scenario", scenario]);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(0), "{scenario}: {stderr}");
        let events: Vec<Value> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
            .collect();
        let steps = events
            .iter()
            .filter(|event| event["type"] == "step")
            .map(|event| event["data"].clone())
            .collect();
        let end = events
            .iter()
            .find(|event| event["type"] == "end")
            .map(|event| event["data"].clone())
            .expect("the run ends with an end event");
        let warnings = events
            .iter()
            .filter(|event| event["type"] == "diagnostic")
            .map(|event| event["data"]["code"].as_str().unwrap_or_default().to_string())
            .collect();
        Run { steps, end, warnings }
    }

    /// Returns the `Identifier` of each block entered, in order.
    fn path(&self) -> Vec<&str> {
        self.steps
            .iter()
            .map(|step| step["identifier"].as_str().unwrap_or_default())
            .collect()
    }

    /// Returns the prompts the caller heard, in order.
    fn prompts(&self) -> Vec<&str> {
        self.steps
            .iter()
            .flat_map(|step| step["notes"].as_array().into_iter().flatten())
            .filter_map(|note| note.as_str()?.strip_prefix("prompt: "))
            .collect()
    }

    /// Returns the step record of the first visit to a block.
    fn step(&self, identifier: &str) -> &Value {
        self.steps
            .iter()
            .find(|step| step["identifier"] == identifier)
            .unwrap_or_else(|| panic!("the run never enters {identifier}: {:?}", self.path()))
    }

    /// Returns the error type of the branch a block took, or `None` when it did not take an error branch.
    fn error_of(&self, identifier: &str) -> Option<&str> {
        self.step(identifier)["branch"]["errorType"].as_str()
    }

    /// Returns the final contact state at a JSON pointer, such as `/Attributes/flag`.
    fn state(&self, pointer: &str) -> Option<&Value> {
        self.end["state"].pointer(pointer)
    }
}

// ---------------------------------------------------------------------------------------------
// Lambda responses
// ---------------------------------------------------------------------------------------------
// `ResponseType` is `STRING_MAP` (a flat object of strings) or `JSON` (any object, nesting
// included), and a response the block does not accept takes its error branch:
// https://docs.aws.amazon.com/connect/latest/APIReference/interactions-invokelambdafunction.html

/// A STRING_MAP block rejects a nested object and takes its error branch.
#[test]
fn string_map_response_with_nested_object_takes_error_branch() {
    let run = Run::of("lambda-responses/string-map-nested-object.scenario.json");

    assert_eq!(run.error_of("lookup-account"), Some("NoMatchingError"));
    assert_eq!(run.path(), ["lookup-account", "say-lookup-failed", "hang-up"]);
    assert_eq!(run.state("/External"), Some(&serde_json::json!({})));
}

/// A JSON block accepts the same nested object, and a dot path reaches into it.
#[test]
fn json_response_with_nested_object_is_reachable_by_dot_path() {
    let run = Run::of("lambda-responses/json-nested-object.scenario.json");

    assert_eq!(run.error_of("lookup-account"), None);
    assert_eq!(run.prompts(), ["bracket=[] dotted=[Account]"]);
    assert_eq!(run.state("/External/acct/type"), Some(&Value::from("Account")));
}

/// A flattened key such as `acct.type` is one key: only the bracket path reads it.
#[test]
fn string_map_dotted_key_needs_bracket_path() {
    let run = Run::of("lambda-responses/string-map-dotted-key.scenario.json");

    assert_eq!(run.error_of("lookup-account"), None);
    assert_eq!(run.prompts(), ["bracket=[Account] dotted=[]"]);
    assert_eq!(run.state("/External/acct.type"), Some(&Value::from("Account")));
}

/// A number in a STRING_MAP response takes the error branch. The documentation says only that the
/// values should be strings, so flowsim's choice is recorded in COMPATIBILITY.md.
#[test]
fn string_map_number_value_takes_error_branch() {
    let run = Run::of("lambda-responses/string-map-number.scenario.json");

    assert_eq!(run.error_of("lookup-account"), Some("NoMatchingError"));
    let notes = run.step("lookup-account")["notes"].to_string();
    assert!(notes.contains("non-string value at \\\"count\\\": 3"), "{notes}");
}

/// `ResponseType` must be one of the two documented words, written as a literal.
#[test]
fn response_type_outside_string_map_and_json_is_reported() {
    assert_eq!(
        lint_codes("lambda-responses/response-type-invalid.json", &[]),
        ["FG065", "FG065"]
    );
    insta::assert_snapshot!(lint("lambda-responses/response-type-invalid.json", &[]));
}

/// In a JSON response, nested members and array elements are reachable, and numbers and booleans
/// compare as their JSON text (`7`, `true`). Connect's documentation does not say whether `[n]`
/// indexing works inside flow blocks, so lint warns about it.
#[test]
fn json_response_arrays_and_scalars_render_as_json_text() {
    let run = Run::of("lambda-responses/json-arrays.scenario.json");

    assert_eq!(
        run.prompts(),
        ["Hi Ana, order x123", "Score above five.", "VIP caller."]
    );
    assert_eq!(
        run.path(),
        [
            "load-customer",
            "greet",
            "check-score",
            "say-high-score",
            "check-vip",
            "say-vip",
            "hang-up"
        ]
    );
    assert_eq!(lint_codes("lambda-responses/json-arrays.json", &[]), ["FG066"]);
    insta::assert_snapshot!(lint("lambda-responses/json-arrays.json", &[]));
}

// ---------------------------------------------------------------------------------------------
// Attribute size
// ---------------------------------------------------------------------------------------------
// The UpdateContactAttributes API reference states that a Set contact attributes block whose
// attributes would pass 32 KB takes its Error branch, and that either all attributes are set or
// none are:
// https://docs.aws.amazon.com/connect/latest/APIReference/API_UpdateContactAttributes.html

/// The write that would pass 32 KB takes its error branch and writes none of its pairs.
#[test]
fn attributes_over_32_kb_take_error_branch_and_write_nothing() {
    let run = Run::of("attribute-size/over-limit.scenario.json");

    assert_eq!(run.error_of("set-more"), Some("NoMatchingError"));
    assert_eq!(run.prompts(), ["The attributes are too large."]);
    assert_eq!(run.state("/Attributes/notes2"), None);
    assert_eq!(run.state("/Attributes/flag"), None);
    let notes = run.state("/Attributes/notes").and_then(Value::as_str);
    assert_eq!(notes.map(str::len), Some(20_000));
}

/// Blanking the first note before the second write leaves room for it.
#[test]
fn blanking_an_attribute_frees_room_under_32_kb() {
    let run = Run::of("attribute-size/blanked-first.scenario.json");

    assert_eq!(run.error_of("set-more"), None);
    assert_eq!(run.prompts(), ["Both notes saved."]);
    assert_eq!(run.state("/Attributes/notes"), Some(&Value::from("")));
    assert_eq!(run.state("/Attributes/flag"), Some(&Value::from("1")));
}

/// Literal values that together can pass 32 KB are reported before the run.
#[test]
fn literal_attributes_past_32_kb_are_reported() {
    assert_eq!(lint_codes("attribute-size/two-large-writes.json", &[]), ["FG060"]);
    let run = Run::of("attribute-size/over-limit.scenario.json");
    assert!(
        run.warnings.iter().any(|code| code == "FG060"),
        "{:?}",
        run.warnings
    );
}

// ---------------------------------------------------------------------------------------------
// Key names
// ---------------------------------------------------------------------------------------------
// Destination keys must not contain `$` or `.`, because both are JSONPath syntax, and the API
// accepts only letters, digits, `-` and `_`:
// https://docs.aws.amazon.com/connect/latest/adminguide/set-contact-attributes.html

/// `order.id` and `$total` are errors, and `caller name` is a warning.
#[test]
fn attribute_keys_with_jsonpath_characters_are_rejected() {
    let codes = lint_codes("key-names/order-keys.json", &[]);
    assert_eq!(codes, ["FG047", "FG062", "FG047"]);
    insta::assert_snapshot!(lint("key-names/order-keys.json", &[]));
}

// ---------------------------------------------------------------------------------------------
// Path spelling
// ---------------------------------------------------------------------------------------------
// Attribute names with spaces are written `$.Attributes.['name']`, system attributes also
// `$['Name']`, and names are case-sensitive:
// https://docs.aws.amazon.com/connect/latest/adminguide/how-to-reference-attributes.html

/// Dot, bracket and dot-bracket spellings read the same attribute, and a lower-case namespace
/// reads nothing.
#[test]
fn path_spellings_resolve_and_namespace_case_matters() {
    let run = Run::of("path-spelling/spellings.scenario.json");

    assert_eq!(run.prompts(), ["A=gold B= C=v1 D=v1 E=gold"]);
    assert!(
        run.warnings.iter().any(|code| code == "FG058"),
        "{:?}",
        run.warnings
    );
}

/// `$.attributes` is reported with the namespace's right spelling.
#[test]
fn namespace_in_wrong_case_is_reported() {
    assert_eq!(lint_codes("path-spelling/spellings.json", &[]), ["FG058"]);
    insta::assert_snapshot!(lint("path-spelling/spellings.json", &[]));
}

/// A path with an unclosed bracket is reported, because Connect would use it as literal text.
// NOTE: this is a warning, not an error, so a flow with such a path still loads and runs.
#[test]
fn unparsable_path_is_reported() {
    assert_eq!(lint_codes("path-spelling/unparsable.json", &[]), ["FG057"]);
    insta::assert_snapshot!(lint("path-spelling/unparsable.json", &[]));
}

// ---------------------------------------------------------------------------------------------
// Missing attributes
// ---------------------------------------------------------------------------------------------

/// A misspelled key reads as empty text, so the Compare falls to `NoMatchingCondition`.
#[test]
fn misspelled_attribute_reads_empty_and_matches_nothing() {
    let run = Run::of("misspelled-key/task-flow.scenario.json");

    assert_eq!(
        run.step("check-task-flow")["branch"]["kind"],
        "noMatchingCondition"
    );
    assert_eq!(run.prompts(), ["Using the default task flow."]);
}

/// The read of `vmx_task_flow` is reported with the written `vmx3_task_flow` as a suggestion.
#[test]
fn misspelled_attribute_is_reported_with_suggestion() {
    assert_eq!(lint_codes("misspelled-key/task-flow.json", &[]), ["FG053"]);
    insta::assert_snapshot!(lint("misspelled-key/task-flow.json", &[]));
}

// ---------------------------------------------------------------------------------------------
// Attributes from outside the flow
// ---------------------------------------------------------------------------------------------
// Chat start attributes are string-to-string, and a non-string value makes the chat fail to start:
// https://docs.aws.amazon.com/connect/latest/adminguide/pass-contact-attributes-chat.html

/// A number among the initial attributes is rejected before the run, as StartChatContact would.
#[test]
fn initial_attribute_number_is_rejected() {
    let output = flowsim(&[
        "run",
        "--scenario",
        "injected-attributes/number-value.scenario.json",
    ]);

    assert_eq!(output.status.code(), Some(2));
    insta::assert_snapshot!(transcript(&output));
}

/// A dotted initial key is one key: the bracket path reads it, the dot path does not.
// NOTE: flowsim does not warn about dotted keys among a scenario's initial attributes.
#[test]
fn initial_dotted_key_needs_bracket_path() {
    let run = Run::of("injected-attributes/string-values.scenario.json");

    assert_eq!(run.prompts(), ["bracket=[es] dotted=[] count=[3]"]);
    assert_eq!(
        run.state("/Attributes/connect_prefs.lang"),
        Some(&Value::from("es"))
    );
}

// ---------------------------------------------------------------------------------------------
// Compare: numbers, text and missing values
// ---------------------------------------------------------------------------------------------
// Check contact attributes compares with Equals, Is Greater Than, Is Less Than, Starts With and
// Contains, and a NULL check needs a Lambda:
// https://docs.aws.amazon.com/connect/latest/adminguide/check-contact-attributes.html

/// Number operators compare numerically, `Equals` compares text, a non-number matches no number
/// operator, a missing attribute matches nothing, and an empty operand matches a blank value.
#[test]
fn compare_numbers_text_and_missing_values() {
    let cases = [
        ("ten-greater-than-nine", "balance-greater-than-9", "matched"),
        ("decimal-equals-integer", "balance-equals-10", "no match"),
        ("text-less-than-number", "balance-less-than-5", "no match"),
        ("never-set", "balance-greater-than-9", "no match"),
        ("blank-equals-empty", "balance-equals-empty", "matched"),
    ];
    for (scenario, block, expected) in cases {
        let run = Run::of(&format!("compare/{scenario}.scenario.json"));
        assert_eq!(run.prompts(), [expected], "{scenario}");
        let matched = run.step(block)["branch"]["kind"] == "condition";
        assert_eq!(matched, expected == "matched", "{scenario}");
    }
}

/// An empty condition operand matches a blank attribute at run time, but Connect rejects it when
/// the flow is published.
// NOTE: flowsim has no setting that sends a non-number under a number operator to the error branch.
#[test]
fn compare_empty_operand_is_reported() {
    assert_eq!(lint_codes("compare/balance.json", &[]), ["FG023"]);
}

/// `100.0` is neither greater than 100 nor the text `100`, so a block that tests for "exactly 100"
/// with `Equals` beside a number operator sends it to "below 100", and lint reports the `Equals`.
#[test]
fn numeric_equals_beside_number_operator_misses_decimal() {
    let run = Run::of("compare/decimal-hundred.scenario.json");
    assert_eq!(run.prompts(), ["below 100"]);

    assert_eq!(lint_codes("compare/balance-bands.json", &[]), ["FG068"]);
    insta::assert_snapshot!(lint("compare/balance-bands.json", &[]));
}

// ---------------------------------------------------------------------------------------------
// Customer Profiles: Get profile outcomes
// ---------------------------------------------------------------------------------------------
// Get profile routes to Success for one profile, and to Multiple found, None found or Error:
// https://docs.aws.amazon.com/connect/latest/adminguide/customer-profiles-block.html

/// One match takes Success, two take `MultipleFoundError`, none takes `NoneFoundError`, and an
/// unavailable store takes `NoMatchingError`.
#[test]
fn get_profile_takes_one_of_four_branches() {
    let cases = [
        ("one-match", None, "greet"),
        ("two-matches", Some("MultipleFoundError"), "disambiguate"),
        ("no-match", Some("NoneFoundError"), "create"),
        ("store-unavailable", Some("NoMatchingError"), "fallback"),
    ];
    for (scenario, error, next) in cases {
        let run = Run::of(&format!("profiles/{scenario}.scenario.json"));
        assert_eq!(run.error_of("get-profile"), error, "{scenario}");
        assert_eq!(run.path(), ["get-profile", next, "hang-up"], "{scenario}");
    }
}

/// A Get profile block that wires only Success and Error is reported.
#[test]
fn get_profile_without_found_branches_is_reported() {
    assert_eq!(lint_codes("profiles/unwired-branches.json", &[]), ["FG064"]);
    insta::assert_snapshot!(lint("profiles/unwired-branches.json", &[]));
}

// ---------------------------------------------------------------------------------------------
// Customer Profiles: phone number formats
// ---------------------------------------------------------------------------------------------
// The Get profile block's documentation does not say whether phone numbers are normalised before
// matching. flowsim reads both numbers as E.164 by default, and the scenario setting
// `"phoneMatching": "exact"` compares them character for character (see COMPATIBILITY.md).

/// By default, the caller's E.164 number finds a profile stored in another format.
// NOTE: flowsim does not warn about fixture profiles whose phone numbers are not in E.164 form.
#[test]
fn phone_search_matches_across_formats_by_default() {
    let run = Run::of("profiles/crm-number-normalised.scenario.json");

    assert_eq!(run.path(), ["first-lookup", "greet", "hang-up"]);
    assert_eq!(run.state("/Customer/ProfileId"), Some(&Value::from("p-crm")));
    assert_eq!(run.prompts(), ["Hello [Ana]."]);
}

/// With exact matching the stored number is not found, the flow creates an E.164 profile, and
/// the second lookup finds only that new profile.
#[test]
fn exact_phone_matching_finds_only_the_created_profile() {
    let run = Run::of("profiles/crm-number-exact.scenario.json");

    assert_eq!(run.error_of("first-lookup"), Some("NoneFoundError"));
    assert_eq!(
        run.path(),
        [
            "first-lookup",
            "create-profile",
            "second-lookup",
            "greet",
            "hang-up"
        ]
    );
    assert_eq!(run.error_of("second-lookup"), None);
    assert_eq!(
        run.state("/Customer/ProfileId"),
        Some(&Value::from("00000000000000000000000000000001"))
    );
    assert_eq!(run.prompts(), ["Hello []."]);
}

/// A literal `_phone` value outside E.164 form is reported, because the caller's number arrives in
/// E.164 form.
#[test]
fn literal_phone_identifier_outside_e164_is_reported() {
    assert_eq!(lint_codes("profiles/literal-phone.json", &[]), ["FG067"]);
    insta::assert_snapshot!(lint("profiles/literal-phone.json", &[]));
}

// ---------------------------------------------------------------------------------------------
// Customer Profiles: request shape
// ---------------------------------------------------------------------------------------------
// Get profile takes `ProfileRequestData` with one identifier, or `SearchCriteria` of up to five
// identifiers and one `LogicalOperator` for all of them:
// https://docs.aws.amazon.com/connect/latest/APIReference/interactions-getcustomerprofile.html

/// Identifiers outside the wrapper, `SearchCriteria` without an operator, six identifiers and the
/// documentation's `Identifer` spelling are each errors.
#[test]
fn profile_request_shape_errors() {
    let cases = [
        ("request-no-wrapper", vec!["FG025", "FG045", "FG045"]),
        ("request-no-logical-operator", vec!["FG042"]),
        ("request-six-identifiers", vec!["FG041"]),
        ("request-identifer-typo", vec!["FG044", "FG044"]),
    ];
    for (flow, expected) in cases {
        let path = format!("profiles/{flow}.json");
        assert_eq!(lint_codes(&path, &[]), expected, "{flow}");
        insta::assert_snapshot!(flow, lint(&path, &[]));
    }
}

/// With AND, a profile that matches the phone number but not the email address is not found;
/// with OR, it is.
#[test]
fn logical_operator_applies_to_every_identifier() {
    let with_and = Run::of("profiles/phone-and-email.scenario.json");
    assert_eq!(with_and.error_of("get-profile"), Some("NoneFoundError"));
    assert_eq!(with_and.prompts(), ["We could not find your account."]);

    let with_or = Run::of("profiles/phone-or-email.scenario.json");
    assert_eq!(with_or.error_of("get-profile"), None);
    assert_eq!(with_or.prompts(), ["Hello Ana."]);
}

// ---------------------------------------------------------------------------------------------
// Customer Profiles: what lands in $.Customer
// ---------------------------------------------------------------------------------------------

/// Only the requested fields are written, address fields are flat (`City`, `ShippingCity`), custom
/// attributes sit under `Attributes`, and the profile ID is always written.
#[test]
fn get_profile_writes_only_requested_flat_fields() {
    let run = Run::of("profiles/address-fields.scenario.json");

    assert_eq!(
        run.prompts(),
        ["first=[Ana] last=[] city=[Springfield] nested=[] shipping=[Shelbyville] tier=[gold] id=[p-1]"]
    );
    let customer = run.state("/Customer").expect("the run writes $.Customer");
    assert_eq!(
        customer,
        &serde_json::json!({
            "ProfileId": "p-1",
            "FirstName": "Ana",
            "City": "Springfield",
            "ShippingCity": "Shelbyville",
            "Attributes": {"loyaltyTier": "gold"}
        })
    );
}

/// Reads of a field that was not requested and of a nested `Address.City` are reported.
#[test]
fn unrequested_and_nested_customer_fields_are_reported() {
    assert_eq!(
        lint_codes("profiles/address-fields.json", &[]),
        ["FG055", "FG055"]
    );
    insta::assert_snapshot!(lint("profiles/address-fields.json", &[]));
}

// ---------------------------------------------------------------------------------------------
// Customer Profiles: a profile ID on every route
// ---------------------------------------------------------------------------------------------
// Association actions need a profile ID, given or taken from `$.Customer` after Get profile:
// https://docs.aws.amazon.com/connect/latest/adminguide/customer-profiles-block.html

/// On the None found route `$.Customer.ProfileId` is empty, so Associate takes its error branch.
#[test]
fn associate_after_none_found_takes_error_branch() {
    let run = Run::of("profiles/associate-after-none-found.scenario.json");

    assert_eq!(run.error_of("associate"), Some("NoMatchingError"));
    assert_eq!(run.prompts(), ["Association failed."]);
    assert_eq!(run.state("/Customer/ProfileId"), None);
}

/// The route from None found to Associate is reported.
#[test]
fn associate_reachable_without_profile_id_is_reported() {
    assert_eq!(
        lint_codes("profiles/associate-after-none-found.json", &[]),
        ["FG063"]
    );
    insta::assert_snapshot!(lint("profiles/associate-after-none-found.json", &[]));
}

/// Creating a profile on the None found route gives Associate a profile ID, and nothing is
/// reported.
#[test]
fn associate_after_create_profile_succeeds() {
    let run = Run::of("profiles/associate-after-create.scenario.json");

    assert_eq!(run.error_of("associate"), None);
    assert_eq!(run.prompts(), ["Contact associated."]);
    assert_eq!(
        run.state("/Customer/ProfileId"),
        Some(&Value::from("00000000000000000000000000000001"))
    );
    assert!(lint_codes("profiles/associate-after-create.json", &[]).is_empty());
}
