//! Parsing scenario files: every section, defaults, and located errors with their messages.

use flow_executor::{CallerInput, MissingAttributePolicy, RunSettings};
use flow_scenario::{
    Channel, LambdaAnswer, PhoneMatching, Position, Profiles, QueueState, RandomSource, Scenario,
    ScenarioError, ScenarioErrorKind,
};
use serde_json::json;
use std::path::{Path, PathBuf};

fn parse(text: &str) -> Result<Scenario, ScenarioError> {
    Scenario::from_json(text, Some(Path::new("cases/test.scenario.json")))
}

fn parse_error(text: &str) -> ScenarioError {
    parse(text).expect_err("the scenario should be rejected")
}

#[test]
fn empty_object_takes_defaults() {
    let scenario = parse("{}").unwrap();
    assert_eq!(scenario.contact.channel, Channel::Voice);
    assert!(scenario.contact.attributes.is_empty());
    assert_eq!(scenario.flow, None);
    assert_eq!(scenario.profiles, None);
    assert!(scenario.inputs.is_empty());
    assert!(scenario.lambda.is_empty());
    assert!(scenario.hours.is_empty());
    assert!(scenario.queues.is_empty());
    assert_eq!(scenario.random, None);
    assert!(!scenario.settings.strict);
    assert_eq!(scenario.source, Some(PathBuf::from("cases/test.scenario.json")));
}

#[test]
fn every_section_parses() {
    let text = json!({
        "description": "gold caller presses 1",
        "flow": "../flows/main.json",
        "contact": {
            "channel": "CHAT",
            "customerEndpoint": "+15550100101",
            "systemEndpoint": "+15550100199",
            "attributes": {"tier": "gold", "connect_prefs.lang": "es"},
            "contactId": "c-1",
            "initialContactId": "c-0",
            "instanceArn": "arn:aws:connect:eu-west-2:111122223333:instance/i-1",
            "awsRegion": "eu-west-2",
            "languageCode": "es-ES",
            "queue": "BasicQueue"
        },
        "profiles": "profiles.json",
        "inputs": ["1", "4155550100#", "timeout", "*"],
        "lambda": {
            "lookupAccount": [{"response": {"status": "active"}}, {"error": "throttled"}]
        },
        "hours": {"main-hours": false},
        "queues": {"BasicQueue": {"atCapacity": true, "contactsInQueue": 12}},
        "random": {"seed": 42},
        "settings": {
            "stepBudget": 50,
            "missingAttribute": "error",
            "phoneMatching": "exact",
            "strict": true
        }
    })
    .to_string();
    let scenario = parse(&text).unwrap();

    assert_eq!(scenario.description.as_deref(), Some("gold caller presses 1"));
    assert_eq!(scenario.flow_path(), Some(PathBuf::from("flows/main.json")));
    let contact = &scenario.contact;
    assert_eq!(contact.channel, Channel::Chat);
    assert_eq!(contact.customer_endpoint.as_deref(), Some("+15550100101"));
    assert_eq!(contact.system_endpoint.as_deref(), Some("+15550100199"));
    assert_eq!(contact.attributes["tier"], "gold");
    assert_eq!(contact.attributes["connect_prefs.lang"], "es");
    assert_eq!(contact.contact_id.as_deref(), Some("c-1"));
    assert_eq!(contact.initial_contact_id.as_deref(), Some("c-0"));
    assert_eq!(contact.aws_region.as_deref(), Some("eu-west-2"));
    assert_eq!(contact.language_code.as_deref(), Some("es-ES"));
    assert_eq!(contact.queue.as_deref(), Some("BasicQueue"));
    assert_eq!(
        scenario.profiles,
        Some(Profiles::Fixture(PathBuf::from("profiles.json")))
    );
    assert_eq!(
        scenario.inputs,
        vec![
            CallerInput::Keys("1".into()),
            CallerInput::Keys("4155550100#".into()),
            CallerInput::Timeout,
            CallerInput::Keys("*".into()),
        ]
    );
    assert_eq!(
        scenario.lambda["lookupAccount"],
        vec![
            LambdaAnswer::Response(json!({"status": "active"})),
            LambdaAnswer::Error("throttled".into()),
        ]
    );
    assert_eq!(
        scenario.hours["main-hours"],
        flow_scenario::HoursEntry::Fixed(false)
    );
    let queue = &scenario.queues["BasicQueue"];
    assert!(queue.at_capacity);
    assert_eq!(queue.contacts_in_queue, 12);
    assert_eq!(queue.agents_available, 1, "an unset metric keeps its default");
    assert_eq!(scenario.random, Some(RandomSource::Seed(42)));
    assert_eq!(scenario.settings.phone_matching, Some(PhoneMatching::Exact));
    assert!(scenario.settings.strict);

    let settings = scenario.run_settings(RunSettings::default());
    assert_eq!(settings.step_budget, 50);
    assert_eq!(settings.missing_attribute, MissingAttributePolicy::Error);
}

#[test]
fn run_settings_keep_base_when_unset() {
    let settings = parse("{}").unwrap().run_settings(RunSettings::default());
    assert_eq!(settings.step_budget, RunSettings::default().step_budget);
    assert_eq!(settings.missing_attribute, MissingAttributePolicy::Empty);
}

#[test]
fn channels_parse() {
    for (text, channel) in [
        ("VOICE", Channel::Voice),
        ("CHAT", Channel::Chat),
        ("TASK", Channel::Task),
        ("EMAIL", Channel::Email),
    ] {
        let scenario = parse(&json!({"contact": {"channel": text}}).to_string()).unwrap();
        assert_eq!(scenario.contact.channel, channel, "channel {text}");
        assert_eq!(channel.as_str(), text);
    }
}

#[test]
fn profiles_forms_parse() {
    let cases = [
        (
            json!("fixtures/p.ndjson"),
            Profiles::Fixture(PathBuf::from("fixtures/p.ndjson")),
        ),
        (
            json!([{"ProfileId": "p-1"}]),
            Profiles::Inline(vec![json!({"ProfileId": "p-1"})]),
        ),
        (json!({"unavailable": true}), Profiles::Unavailable),
        (json!({"unavailable": false}), Profiles::Inline(Vec::new())),
    ];
    for (profiles, expected) in cases {
        let scenario = parse(&json!({ "profiles": profiles }).to_string()).unwrap();
        assert_eq!(scenario.profiles, Some(expected), "profiles {profiles}");
    }
}

#[test]
fn random_percent_and_phone_spellings_parse() {
    let scenario =
        parse(r#"{"random": {"percent": 100}, "settings": {"phoneMatching": "normalized"}}"#).unwrap();
    assert_eq!(scenario.random, Some(RandomSource::Percent(100)));
    assert_eq!(scenario.settings.phone_matching, Some(PhoneMatching::Normalised));
}

#[test]
fn queue_defaults_have_room() {
    let scenario = parse(r#"{"queues": {"q": {}}}"#).unwrap();
    assert_eq!(scenario.queues["q"], QueueState::default());
    assert!(!QueueState::default().at_capacity);
    assert_eq!(QueueState::default().agents_staffed, 1);
    assert_eq!(QueueState::default().agents_online, 1);
    assert_eq!(QueueState::default().contacts_in_queue, 0);
}

/// (scenario text, expected pointer, expected message, expected line and column)
const INVALID: &[(&str, &str, &str, (u32, u32))] = &[
    (
        r#"{"inptus": []}"#,
        "/inptus",
        "unknown field `inptus`, expected one of `description`, `flow`, `contact`, `profiles`, `inputs`, `lambda`, `hours`, `clock`, `queues`, `random`, `cases`, `dataTables`, `lex`, `views`, `results`, `faults`, `settings`, `resources`, `expect`",
        (1, 9),
    ),
    (
        r#"{"contact": {"chanel": "VOICE"}}"#,
        "/contact/chanel",
        "unknown field `chanel`, expected one of `channel`, `customerEndpoint`, `systemEndpoint`, `attributes`, `contactId`, `initialContactId`, `instanceArn`, `awsRegion`, `languageCode`, `queue`, `moduleInput`",
        (1, 21),
    ),
    (
        r#"{"contact": {"channel": "SMS"}}"#,
        "/contact/channel",
        "unknown variant `SMS`, expected one of `VOICE`, `CHAT`, `TASK`, `EMAIL`",
        (1, 29),
    ),
    (
        r#"{"contact": {"attributes": {"cartCount": 3}}}"#,
        "/contact/attributes/cartCount",
        "invalid value 3 for contact attribute `cartCount`: contact attributes are strings",
        (1, 43),
    ),
    (
        r#"{"contact": {"attributes": {"vip": true}}}"#,
        "/contact/attributes/vip",
        "invalid value true for contact attribute `vip`: contact attributes are strings",
        (1, 40),
    ),
    (
        r#"{"inputs": ["1", "12a"]}"#,
        "/inputs/1",
        "invalid caller input \"12a\": expected DTMF keys (0-9, * and #) or \"timeout\"",
        (1, 23),
    ),
    (
        r#"{"inputs": [""]}"#,
        "/inputs/0",
        "invalid caller input \"\": expected DTMF keys (0-9, * and #) or \"timeout\"",
        (1, 15),
    ),
    (
        r#"{"inputs": [1]}"#,
        "/inputs/0",
        "invalid type: integer `1`, expected a string",
        (1, 13),
    ),
    (
        r#"{"lambda": {"f": []}}"#,
        "/lambda/f",
        "empty list of Lambda results",
        (1, 20),
    ),
    (
        r#"{"lambda": {"f": [{"result": {}}]}}"#,
        "/lambda/f/0/result",
        "unknown field `result`, expected one of `response`, `error`, `durationSeconds`",
        (1, 27),
    ),
    (
        r#"{"lambda": {"f": [{"error": 5}]}}"#,
        "/lambda/f/0/error",
        "invalid type: integer `5`, expected a string",
        (1, 29),
    ),
    (
        r#"{"hours": {"main": "open"}}"#,
        "/hours/main",
        "invalid hours \"open\": expected true, false, or an hours of operation object with `TimeZone` and `Config`",
        (1, 26),
    ),
    (
        r#"{"queues": {"q": {"atCapacity": true, "waiting": 3}}}"#,
        "/queues/q/waiting",
        "unknown field `waiting`, expected one of `hours`, `atCapacity`, `agentsOnline`, `agentsAvailable`, `agentsStaffed`, `contactsInQueue`, `oldestContactAgeSeconds`, `agentsAfterContactWork`, `agentsBusy`, `agentsMissed`, `agentsNonProductive`, `estimatedWaitTimeSeconds`, `contactPositionInQueue`, `contactEstimatedWaitTimeSeconds`",
        (1, 47),
    ),
    (
        r#"{"queues": {"q": {"agentsOnline": -1}}}"#,
        "/queues/q/agentsOnline",
        "invalid value: integer `-1`, expected u32",
        (1, 36),
    ),
    (
        r#"{"random": {"percent": 0}}"#,
        "/random/percent",
        "invalid percent 0: expected 1 to 100",
        (1, 25),
    ),
    (
        r#"{"random": {"percent": 101}}"#,
        "/random/percent",
        "invalid percent 101: expected 1 to 100",
        (1, 27),
    ),
    (
        r#"{"random": {"seed": 1, "percent": 3}}"#,
        "/random",
        "invalid random: expected exactly one of `seed` and `percent`",
        (1, 37),
    ),
    (
        r#"{"random": {}}"#,
        "/random",
        "invalid random: expected exactly one of `seed` and `percent`",
        (1, 14),
    ),
    (
        r#"{"lambda": {"f": [{"response": {}, "error": "x"}]}}"#,
        "/lambda/f/0",
        "invalid Lambda result: expected exactly one of `response` and `error`",
        (1, 49),
    ),
    (
        r#"{"contact": ["CHAT"]}"#,
        "/contact",
        "invalid type: sequence, expected a JSON object",
        (1, 12),
    ),
    (
        r#"{"settings": [50]}"#,
        "/settings",
        "invalid type: sequence, expected a JSON object",
        (1, 13),
    ),
    (
        r#"{"queues": {"q": [true]}}"#,
        "/queues/q",
        "invalid type: sequence, expected a JSON object",
        (1, 17),
    ),
    (
        r#"{"random": {"dice": 6}}"#,
        "/random/dice",
        "unknown field `dice`, expected `seed` or `percent`",
        (1, 18),
    ),
    (
        r#"{"settings": {"stepBudget": 0}}"#,
        "/settings/stepBudget",
        "invalid value: integer `0`, expected a nonzero usize",
        (1, 29),
    ),
    (
        r#"{"settings": {"missingAttribute": "null"}}"#,
        "/settings/missingAttribute",
        "unknown variant `null`, expected `empty` or `error`",
        (1, 40),
    ),
    (
        r#"{"profiles": 3}"#,
        "/profiles",
        "invalid profiles 3: expected a fixture path, an array of profiles or {\"unavailable\": true}",
        (1, 15),
    ),
    (
        r#"{"profiles": {"unavailable": "yes"}}"#,
        "/profiles",
        "invalid profiles.unavailable \"yes\": expected true or false",
        (1, 36),
    ),
    (
        r#"{"profiles": {"offline": true}}"#,
        "/profiles",
        "unknown field `offline` in profiles, expected `unavailable`",
        (1, 31),
    ),
];

#[test]
fn invalid_scenarios_are_located() {
    for (text, pointer, message, (line, column)) in INVALID {
        let error = parse_error(text);
        eprintln!(
            "{text} => {:?} {:?} {:?}",
            error.pointer, error.message, error.position
        );
        assert_eq!(error.kind, ScenarioErrorKind::Invalid, "kind for {text}");
        assert_eq!(error.message, *message, "message for {text}");
        assert_eq!(error.pointer, *pointer, "pointer for {text}");
        assert_eq!(
            error.position,
            Some(Position {
                line: *line,
                column: *column
            }),
            "position for {text}"
        );
        assert_eq!(
            error.file,
            Some(PathBuf::from("cases/test.scenario.json")),
            "file for {text}"
        );
        assert!(error.hint.is_some(), "hint for {text}");
    }
}

#[test]
fn syntax_error_is_located() {
    let error = parse_error("{\n  \"inputs\": [\"1\",]\n}");
    assert_eq!(error.kind, ScenarioErrorKind::Syntax);
    assert_eq!(error.message, "trailing comma");
    assert_eq!(error.position, Some(Position { line: 2, column: 18 }));
}

#[test]
fn trailing_text_is_rejected() {
    let error = parse_error("{} {}");
    assert_eq!(error.kind, ScenarioErrorKind::Syntax);
    assert_eq!(error.message, "trailing characters");
    assert_eq!(error.pointer, "");
}

#[test]
fn non_object_is_rejected() {
    let error = parse_error("\n  []");
    assert_eq!(error.kind, ScenarioErrorKind::Invalid);
    assert_eq!(error.message, "invalid type: sequence, expected a JSON object");
    assert_eq!(error.position, Some(Position { line: 2, column: 3 }));

    let error = parse_error("\"main.json\"");
    assert_eq!(
        error.message,
        "invalid type: string \"main.json\", expected struct Scenario"
    );
}

#[test]
fn error_display_shows_location_and_hint() {
    let error = parse_error(r#"{"contact": {"attributes": {"cartCount": 3}}}"#);
    insta::assert_snapshot!(error.to_string());
}

#[test]
fn unknown_field_hint_mentions_spelling() {
    let error = parse_error(r#"{"settings": {"strictMode": true}}"#);
    assert_eq!(
        error.hint.as_deref(),
        Some("correct the spelling or remove the field; the message lists the accepted names")
    );
}

#[test]
fn missing_file_is_io_error() {
    let error = Scenario::load(Path::new("no/such/file.scenario.json")).unwrap_err();
    assert_eq!(error.kind, ScenarioErrorKind::Io);
    assert_eq!(error.file, Some(PathBuf::from("no/such/file.scenario.json")));
    assert!(
        error.message.starts_with("cannot read scenario file: "),
        "{}",
        error.message
    );
}

#[test]
fn load_reads_file_and_resolves_paths() {
    let folder = std::env::temp_dir().join(format!("flow-scenario-load-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("a.scenario.json");
    std::fs::write(&path, r#"{"flow": "main.json", "profiles": "p.json"}"#).unwrap();

    let scenario = Scenario::load(&path).unwrap();

    assert_eq!(scenario.flow_path(), Some(folder.join("main.json")));
    assert_eq!(scenario.resolve_path(Path::new("p.json")), folder.join("p.json"));
    assert_eq!(
        scenario.resolve_path(Path::new("/abs/p.json")),
        PathBuf::from("/abs/p.json")
    );
    std::fs::remove_dir_all(&folder).unwrap();
}
