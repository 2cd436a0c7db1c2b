//! The stable diagnostic codes of the loader and of validation, with one line of meaning each.

/// Every code that the flow-graph crate emits, with its meaning. Tools and CI scripts match on these
/// codes, so a released code must keep its meaning.
pub const CODES: &[(&str, &str)] = &[
    (
        DECODED_AS_WINDOWS_1252,
        "the file is not UTF-8 and was decoded as Windows-1252",
    ),
    (
        DECODED_AS_UTF_16,
        "the file is UTF-16 (as PowerShell writes it) and was decoded",
    ),
    (ACTIONS_NOT_ARRAY, "`Actions` is not an array"),
    (ACTION_NOT_OBJECT, "an element of `Actions` is not an object"),
    (
        IDENTIFIER_INVALID,
        "an action's `Identifier` is missing or not a string",
    ),
    (TYPE_INVALID, "an action's `Type` is missing or not a string"),
    (PARAMETERS_NOT_OBJECT, "an action's `Parameters` is not an object"),
    (
        TRANSITIONS_INVALID,
        "an action's `Transitions` or one of its entries has the wrong shape",
    ),
    (
        TOP_LEVEL_INVALID,
        "`Version`, `StartAction` or `Metadata` has the wrong JSON type",
    ),
    (VERSION_INVALID, "`Version` is missing or not \"2019-10-30\""),
    (START_ACTION_MISSING, "`StartAction` is missing or empty"),
    (START_ACTION_DANGLING, "`StartAction` names no action"),
    (DUPLICATE_IDENTIFIER, "two actions share one `Identifier`"),
    (TARGET_DANGLING, "a transition's `NextAction` names no action"),
    (UNKNOWN_TYPE, "an action `Type` that Connect does not know"),
    (
        TYPE_ALIAS,
        "an action `Type` in the documentation's spelling, not the service's",
    ),
    (
        TERMINAL_WITH_TRANSITIONS,
        "an action that ends the flow declares transitions",
    ),
    (
        IDENTIFIER_TOO_LONG,
        "an `Identifier` is longer than 50 characters",
    ),
    (
        IDENTIFIER_FORBIDDEN_CHARACTER,
        "an `Identifier` contains one of % : ( \\ / ) = $ , ; [ ] { }",
    ),
    (
        IDENTIFIER_RESERVED,
        "an `Identifier` is a reserved JavaScript property name",
    ),
    (UNREACHABLE, "no path from `StartAction` reaches the action"),
    (
        NEXT_ACTION_MISSING,
        "an action that does not end the flow has no `NextAction`",
    ),
    (
        EMPTY_VALUE,
        "a parameter value or condition operand is an empty string",
    ),
    (
        PLACEHOLDER,
        "a deployment placeholder such as `${...}` or `{{...}}` is left in a value",
    ),
    (PARAMETER_MISSING, "a required parameter is missing"),
    (PARAMETER_KIND, "a parameter has the wrong JSON kind"),
    (
        REFERENCE_IN_STATIC,
        "a `$.` reference in a parameter that takes only literals",
    ),
    (
        PARTIAL_REFERENCE,
        "a `$.` reference that is not the entire value of a single-reference parameter",
    ),
    (
        UNKNOWN_OPERATOR,
        "a condition operator that Connect does not know",
    ),
    (OPERAND_COUNT, "a condition without exactly one operand"),
    (
        CONDITIONS_NOT_ACCEPTED,
        "conditions on an action type that takes none",
    ),
    (
        OPERATOR_NOT_ACCEPTED,
        "a condition operator other than `Equals` on an action that takes only `Equals`",
    ),
    (
        RESULT_UNKNOWN,
        "a condition operand that the action never returns",
    ),
    (
        OPERAND_NOT_LITERAL,
        "a `$.` operand on an action that compares only literals",
    ),
    (
        ERROR_TYPE_UNKNOWN,
        "an `ErrorType` that the action type does not declare",
    ),
    (ERROR_TYPE_DUPLICATE, "two `Errors` entries name one `ErrorType`"),
    (
        FLOW_TYPE_MISMATCH,
        "an action that the flow's type does not offer",
    ),
    (
        PARAMETER_UNKNOWN,
        "a parameter that the action type does not take",
    ),
    (
        PROMPT_AMBIGUOUS,
        "an action with more than one of `Text`, `SSML`, `PromptId` and `Media`",
    ),
    (
        RESULT_CONDITION_MISSING,
        "a Loop or CheckHoursOfOperation without a condition for each result",
    ),
    (
        ATTRIBUTE_KEY_INVALID,
        "a contact attribute key that contains `$` or `.`",
    ),
    (TOO_MANY_ACTIONS, "a flow with more than 250 actions"),
    (
        LIMIT_OUT_OF_RANGE,
        "a literal `InvocationTimeLimitSeconds` or `LoopCount` outside its documented range",
    ),
    (
        PROFILE_REQUEST_MISSING,
        "GetCustomerProfile without a `ProfileRequestData` object",
    ),
    (
        PROFILE_TOO_MANY_IDENTIFIERS,
        "GetCustomerProfile with more than five identifiers",
    ),
    (
        PROFILE_OPERATOR_MISSING,
        "GetCustomerProfile `SearchCriteria` without `LogicalOperator`",
    ),
    (
        PROFILE_OPERATOR_INVALID,
        "GetCustomerProfile `LogicalOperator` other than AND or OR",
    ),
    (
        PROFILE_MISSPELLED_KEY,
        "GetCustomerProfile key spelled `IdentiferName` or `IdentiferValue`",
    ),
    (
        PROFILE_KEY_OUTSIDE_REQUEST,
        "a Customer Profiles identifier key directly under `Parameters`",
    ),
    (
        READ_BEFORE_WRITE,
        "a flow-local attribute read where some route from the start has not written it",
    ),
    (
        ATTRIBUTE_MAY_BE_UNSET,
        "a contact attribute read where some route from the start has not set it",
    ),
    (
        ATTRIBUTE_NEVER_SET,
        "a contact attribute read that the flow never sets, so it must come from outside",
    ),
    (
        ATTRIBUTE_NEAR_MISS,
        "an attribute read whose name is close to, but not, a name the flow writes",
    ),
    (
        EXTERNAL_REPLACED,
        "a `$.External` read after a second Lambda replaced a result that nothing read",
    ),
    (
        CUSTOMER_FIELD_NOT_REQUESTED,
        "a `$.Customer` field read that no profile action on the route requested",
    ),
    (
        PROFILE_ID_UNSET,
        "a profile action that needs `$.Customer.ProfileId` reachable before any sets it",
    ),
    (
        REFERENCE_INVALID,
        "a value meant as an attribute path that is not valid, such as `.Attributes.x`",
    ),
    (
        NAMESPACE_UNKNOWN,
        "an attribute path whose first name is not a Connect namespace",
    ),
    (
        ERRORS_UNHANDLED,
        "an action that can fail but has no `Errors` entry",
    ),
    (
        ATTRIBUTES_TOO_LARGE,
        "literal contact attribute values that together can pass 32 KB",
    ),
    (
        CONDITION_SHADOWED,
        "a condition that an earlier condition of the same action always matches first",
    ),
    (
        ATTRIBUTE_KEY_CHARACTERS,
        "a contact attribute key with characters other than letters, digits, `-` and `_`",
    ),
    (
        UNSET_AFTER_FAILURE,
        "an attribute read that is unset only on routes through an error branch",
    ),
    (
        FOUND_ERRORS_UNWIRED,
        "an action with `Errors` entries that leave out its `NoneFoundError` or `MultipleFoundError`",
    ),
    (
        RESPONSE_TYPE_INVALID,
        "an InvokeLambdaFunction `ResponseType` other than a literal STRING_MAP or JSON",
    ),
    (
        ARRAY_INDEX_UNVERIFIED,
        "an attribute path with an array index, which flow blocks are not documented to resolve",
    ),
    (
        PHONE_NOT_E164,
        "a literal GetCustomerProfile `_phone` value that is not an E.164 number",
    ),
    (
        NUMBER_COMPARED_AS_TEXT,
        "a numeric `Equals` operand on a Compare block whose other conditions compare numbers",
    ),
    (LOAD_IO, "the file could not be read"),
    (LOAD_SYNTAX, "the file is not valid JSON"),
    (LOAD_EMPTY, "the file is empty"),
    (
        LOAD_NOT_OBJECT,
        "the document is not a JSON object or a string that contains one",
    ),
    (
        LOAD_LEGACY,
        "the file is a legacy designer export (modules/branches)",
    ),
    (LOAD_TOO_LARGE, "the file is larger than the size limit"),
    (LOAD_TOO_DEEP, "the JSON nests deeper than the depth limit"),
    (
        LOAD_CONTENT_INVALID,
        "a DescribeContactFlow `Content` is missing or not a JSON string",
    ),
];

pub const DECODED_AS_WINDOWS_1252: &str = "FG001";
pub const DECODED_AS_UTF_16: &str = "FG009";
pub const ACTIONS_NOT_ARRAY: &str = "FG002";
pub const ACTION_NOT_OBJECT: &str = "FG003";
pub const IDENTIFIER_INVALID: &str = "FG004";
pub const TYPE_INVALID: &str = "FG005";
pub const PARAMETERS_NOT_OBJECT: &str = "FG006";
pub const TRANSITIONS_INVALID: &str = "FG007";
pub const TOP_LEVEL_INVALID: &str = "FG008";
pub const VERSION_INVALID: &str = "FG010";
pub const START_ACTION_MISSING: &str = "FG011";
pub const START_ACTION_DANGLING: &str = "FG012";
pub const DUPLICATE_IDENTIFIER: &str = "FG013";
pub const TARGET_DANGLING: &str = "FG014";
pub const UNKNOWN_TYPE: &str = "FG015";
pub const TYPE_ALIAS: &str = "FG016";
pub const TERMINAL_WITH_TRANSITIONS: &str = "FG017";
pub const IDENTIFIER_TOO_LONG: &str = "FG018";
pub const IDENTIFIER_FORBIDDEN_CHARACTER: &str = "FG019";
pub const IDENTIFIER_RESERVED: &str = "FG020";
pub const UNREACHABLE: &str = "FG021";
pub const NEXT_ACTION_MISSING: &str = "FG022";
pub const EMPTY_VALUE: &str = "FG023";
pub const PLACEHOLDER: &str = "FG024";
pub const PARAMETER_MISSING: &str = "FG025";
pub const PARAMETER_KIND: &str = "FG026";
pub const REFERENCE_IN_STATIC: &str = "FG027";
pub const PARTIAL_REFERENCE: &str = "FG028";
pub const UNKNOWN_OPERATOR: &str = "FG029";
pub const OPERAND_COUNT: &str = "FG030";
pub const CONDITIONS_NOT_ACCEPTED: &str = "FG031";
pub const OPERATOR_NOT_ACCEPTED: &str = "FG032";
pub const RESULT_UNKNOWN: &str = "FG033";
pub const OPERAND_NOT_LITERAL: &str = "FG034";
pub const ERROR_TYPE_UNKNOWN: &str = "FG035";
pub const ERROR_TYPE_DUPLICATE: &str = "FG036";
pub const FLOW_TYPE_MISMATCH: &str = "FG037";
pub const PARAMETER_UNKNOWN: &str = "FG038";
pub const PROMPT_AMBIGUOUS: &str = "FG039";
pub const RESULT_CONDITION_MISSING: &str = "FG046";
pub const ATTRIBUTE_KEY_INVALID: &str = "FG047";
pub const TOO_MANY_ACTIONS: &str = "FG048";
pub const LIMIT_OUT_OF_RANGE: &str = "FG049";
pub const PROFILE_REQUEST_MISSING: &str = "FG040";
pub const PROFILE_TOO_MANY_IDENTIFIERS: &str = "FG041";
pub const PROFILE_OPERATOR_MISSING: &str = "FG042";
pub const PROFILE_OPERATOR_INVALID: &str = "FG043";
pub const PROFILE_MISSPELLED_KEY: &str = "FG044";
pub const PROFILE_KEY_OUTSIDE_REQUEST: &str = "FG045";
pub const READ_BEFORE_WRITE: &str = "FG050";
pub const ATTRIBUTE_MAY_BE_UNSET: &str = "FG051";
pub const ATTRIBUTE_NEVER_SET: &str = "FG052";
pub const ATTRIBUTE_NEAR_MISS: &str = "FG053";
pub const EXTERNAL_REPLACED: &str = "FG054";
pub const CUSTOMER_FIELD_NOT_REQUESTED: &str = "FG055";
pub const PROFILE_ID_UNSET: &str = "FG056";
pub const REFERENCE_INVALID: &str = "FG057";
pub const NAMESPACE_UNKNOWN: &str = "FG058";
pub const ERRORS_UNHANDLED: &str = "FG059";
pub const ATTRIBUTES_TOO_LARGE: &str = "FG060";
pub const CONDITION_SHADOWED: &str = "FG061";
pub const ATTRIBUTE_KEY_CHARACTERS: &str = "FG062";
pub const UNSET_AFTER_FAILURE: &str = "FG063";
pub const FOUND_ERRORS_UNWIRED: &str = "FG064";
pub const RESPONSE_TYPE_INVALID: &str = "FG065";
pub const ARRAY_INDEX_UNVERIFIED: &str = "FG066";
pub const PHONE_NOT_E164: &str = "FG067";
pub const NUMBER_COMPARED_AS_TEXT: &str = "FG068";
pub const LOAD_IO: &str = "FG090";
pub const LOAD_SYNTAX: &str = "FG091";
pub const LOAD_EMPTY: &str = "FG092";
pub const LOAD_NOT_OBJECT: &str = "FG093";
pub const LOAD_LEGACY: &str = "FG094";
pub const LOAD_TOO_LARGE: &str = "FG095";
pub const LOAD_TOO_DEEP: &str = "FG096";
pub const LOAD_CONTENT_INVALID: &str = "FG097";
