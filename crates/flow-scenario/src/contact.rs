//! The contact tree a run starts from, and the profile store installed on it.

use crate::error::{ScenarioError, ScenarioErrorKind};
use crate::scenario::{Channel, Contact, PhoneMatching, Profiles, Scenario};
use customer_profiles::{Fixture, FixtureError, MemoryStore, ProfileStore, SearchSettings, UnavailableStore};
use flow_executor::ContactState;
use flow_executor::handlers::cases::CaseStore;
use flow_executor::handlers::data_tables::{DataTable, DataTableStore};
use serde_json::{Map, Value, json};

/// `$.ContactId` when the scenario gives none, and `$.InitialContactId` when it gives neither. Ids
/// are fixed, so traces of two runs are identical.
pub const DEFAULT_CONTACT_ID: &str = "00000000-0000-4000-8000-000000000001";
/// `$.InstanceARN` when the scenario gives none. 123456789012 is the account id AWS's examples use.
pub const DEFAULT_INSTANCE_ARN: &str =
    "arn:aws:connect:us-east-1:123456789012:instance/00000000-0000-4000-8000-000000000000";
/// `$.AwsRegion` when the scenario gives neither a region nor an instance ARN.
pub const DEFAULT_REGION: &str = "us-east-1";
/// `$.LanguageCode` when the scenario gives none.
pub const DEFAULT_LANGUAGE_CODE: &str = "en-US";
/// Caller and dialled numbers of a voice contact, from the 555-0100 to 555-0199 range that the
/// North American Numbering Plan keeps for fiction.
pub const DEFAULT_VOICE_ENDPOINTS: (&str, &str) = ("+15550100100", "+15550100199");
/// Customer and contact-center addresses of an email contact, in the `example.com` domain that
/// RFC 2606 reserves.
pub const DEFAULT_EMAIL_ENDPOINTS: (&str, &str) = ("customer@example.com", "support@example.com");

/// Builds the contact tree and installs the profile store that `scenario` describes.
///
/// The tree has the system attributes Connect sets on an inbound contact (`Channel`, `ContactId`,
/// `InitialContactId`, `InstanceARN`, `AwsRegion`, `LanguageCode`, `InitiationMethod`, the
/// endpoints), the initial `Attributes`, the module input when given, and empty `External`,
/// `Customer`, `Lex` and `FlowAttributes`. Every id has a fixed default, and nothing reads the clock.
pub fn initial_state(scenario: &Scenario) -> Result<ContactState, ScenarioError> {
    let mut state = ContactState::new(Value::Object(contact_tree(scenario)));
    if let Some(store) = profile_store(scenario)? {
        customer_profiles::install(&mut state, store);
    }
    install_fixtures(&mut state, scenario);
    Ok(state)
}

/// Installs the `cases` and `dataTables` sections as the stores that the case and data-table
/// blocks read and write.
fn install_fixtures(state: &mut ContactState, scenario: &Scenario) {
    if let Some(cases) = &scenario.cases {
        CaseStore::install(state, CaseStore::new(cases.clone()));
    }
    if scenario.data_tables.is_empty() {
        return;
    }
    let tables = scenario.data_tables.iter().map(|(key, fixture)| {
        let table = DataTable {
            primary_attributes: fixture.primary_attributes.clone(),
            records: fixture.records.clone(),
            lock_version: fixture.lock_version,
        };
        (key.clone(), table)
    });
    DataTableStore::install(
        state,
        DataTableStore {
            tables: tables.collect(),
        },
    );
}

fn contact_tree(scenario: &Scenario) -> Map<String, Value> {
    let mut tree = system_attributes(&scenario.contact);

    let (customer, system) = endpoints(scenario);
    if let Some(customer) = customer {
        tree.insert("CustomerEndpoint".into(), customer);
    }
    if let Some(system) = system {
        tree.insert("SystemEndpoint".into(), system);
    }
    if let Some(queue) = &scenario.contact.queue {
        tree.insert("Queue".into(), working_queue(queue));
    }

    for namespace in ["External", "Customer", "Lex", "FlowAttributes"] {
        tree.insert(namespace.into(), Value::Object(Map::new()));
    }
    if let Some(input) = &scenario.contact.module_input {
        tree.insert("Modules".into(), json!({ "Input": input }));
    }
    tree
}

/// Builds `Attributes` and the contact's ids, instance, region, language and initiation method.
fn system_attributes(contact: &Contact) -> Map<String, Value> {
    let contact_id = contact.contact_id.as_deref().unwrap_or(DEFAULT_CONTACT_ID);
    let initial_contact_id = contact.initial_contact_id.as_deref().unwrap_or(contact_id);
    let instance_arn = contact.instance_arn.as_deref().unwrap_or(DEFAULT_INSTANCE_ARN);
    let region = aws_region(contact.aws_region.as_deref(), instance_arn);
    let language = contact.language_code.as_deref().unwrap_or(DEFAULT_LANGUAGE_CODE);

    let mut tree = Map::new();
    tree.insert("Attributes".into(), json!(contact.attributes));
    tree.insert("Channel".into(), json!(contact.channel.as_str()));
    tree.insert("ContactId".into(), json!(contact_id));
    tree.insert("InitialContactId".into(), json!(initial_contact_id));
    tree.insert("InstanceARN".into(), json!(instance_arn));
    tree.insert("AwsRegion".into(), json!(region));
    tree.insert("LanguageCode".into(), json!(language));
    tree.insert("InitiationMethod".into(), json!("INBOUND"));
    tree
}

/// Returns the region given, else the region field of the instance ARN, else [`DEFAULT_REGION`].
fn aws_region<'a>(region: Option<&'a str>, instance_arn: &'a str) -> &'a str {
    let from_arn = instance_arn.split(':').nth(3).filter(|region| !region.is_empty());
    region.or(from_arn).unwrap_or(DEFAULT_REGION)
}

/// Builds `$.CustomerEndpoint` and `$.SystemEndpoint`.
///
/// Connect documents `$.CustomerEndpoint.Address` as the caller's phone number, or email address on
/// the EMAIL channel, and a web chat or a task has no endpoints. So voice and email contacts get
/// default addresses, and chat and task contacts have endpoints only when the scenario gives them.
/// Source: Amazon Connect Administrator Guide, "List of available contact attributes".
fn endpoints(scenario: &Scenario) -> (Option<Value>, Option<Value>) {
    let contact = &scenario.contact;
    let defaults = match contact.channel {
        Channel::Voice => Some(DEFAULT_VOICE_ENDPOINTS),
        Channel::Email => Some(DEFAULT_EMAIL_ENDPOINTS),
        Channel::Chat | Channel::Task => None,
    };
    let customer = contact.customer_endpoint.as_deref().or(defaults.map(|d| d.0));
    let system = contact.system_endpoint.as_deref().or(defaults.map(|d| d.1));
    (customer.map(endpoint), system.map(endpoint))
}

/// Builds an endpoint object. `Type` is one of the `Endpoint` values of the Connect API reference:
/// `EMAIL_ADDRESS` for an address with `@`, else `TELEPHONE_NUMBER`.
fn endpoint(address: &str) -> Value {
    let endpoint_type = if address.contains('@') {
        "EMAIL_ADDRESS"
    } else {
        "TELEPHONE_NUMBER"
    };
    json!({"Address": address, "Type": endpoint_type})
}

/// Builds `$.Queue` for a working queue given as an ARN, id or name. `ARN` carries the text as
/// given, because the executor reads the working queue from it, and `Id` is its last `/` segment.
pub(crate) fn working_queue(queue: &str) -> Value {
    let id = queue.rsplit('/').next().unwrap_or(queue);
    let mut object = json!({"ARN": queue, "Id": id});
    if !queue.starts_with("arn:") {
        object["Name"] = json!(queue);
    }
    object
}

/// Builds the profile store of the `profiles` section, or `None` when the section is absent.
fn profile_store(scenario: &Scenario) -> Result<Option<Box<dyn ProfileStore>>, ScenarioError> {
    let fixture = match &scenario.profiles {
        None => return Ok(None),
        Some(Profiles::Unavailable) => return Ok(Some(Box::new(UnavailableStore))),
        Some(Profiles::Fixture(path)) => Fixture::from_path(&scenario.resolve_path(path)),
        Some(Profiles::Inline(profiles)) => {
            Fixture::parse(&Value::from(profiles.clone()).to_string(), "<scenario>")
        }
    };
    let fixture = fixture.map_err(|error| fixture_error(scenario, &error))?;
    let store = MemoryStore::new(fixture, search_settings(scenario)).map_err(|error| {
        profiles_error(
            scenario,
            "/settings",
            format!("invalid profile store settings: {error}"),
        )
    })?;
    Ok(Some(Box::new(store)))
}

fn search_settings(scenario: &Scenario) -> SearchSettings {
    let mut settings = SearchSettings::default();
    if let Some(PhoneMatching::Exact) = scenario.settings.phone_matching {
        settings.phone_matching = customer_profiles::PhoneMatching::Exact;
    }
    settings
}

fn fixture_error(scenario: &Scenario, error: &FixtureError) -> ScenarioError {
    match (&scenario.profiles, error.location.index) {
        (Some(Profiles::Inline(_)), Some(index)) => {
            profiles_error(scenario, &format!("/profiles/{index}"), error.message.clone())
        }
        _ => profiles_error(
            scenario,
            "/profiles",
            format!("cannot load the profile fixture: {error}"),
        ),
    }
}

fn profiles_error(scenario: &Scenario, pointer: &str, message: String) -> ScenarioError {
    ScenarioError::new(ScenarioErrorKind::Profiles, pointer, message)
        .with_file(scenario.source.clone())
        .with_hint("a profile is an object with a ProfileId and Customer Profiles' standard fields, such as FirstName and PhoneNumber")
}
