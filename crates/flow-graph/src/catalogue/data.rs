//! The catalogue's table: one `ActionSpec` per action `Type`.
//!
//! Flow-type lists follow the "Restrictions" section of each action in the Amazon Connect API
//! Reference's flow-language pages. Flow modules are listed wherever the module designer offers the
//! block.
// NOTE: the flow-type and channel lists are as exact as the documentation, which lags the console, so
// validation reports a flow-type mismatch only as a warning.

use super::ConditionRule::{AnyOperator, EqualsStatic, EveryResult, Results};
use super::Family::{Contact, CustomerProfiles, FlowControl, Interaction, Participant};
use super::JsonKind::{Any, Array, Object, Scalar};
use super::ParamClass::{SingleReference, Static, Template};
use super::{ActionSpec, Channel, ConditionRule, FlowType, ParamSpec};

use Channel::{Chat, Email, Task, Voice};
use FlowType::{
    AgentHold, AgentTransfer, AgentWhisper, Campaign, ContactFlow, CustomerHold, CustomerQueue,
    CustomerWhisper, Module, OutboundWhisper, QueueTransfer,
};

const ALL_FLOWS: &[FlowType] = FlowType::ALL;
const INBOUND: &[FlowType] = &[ContactFlow, AgentTransfer, QueueTransfer, Module];
const INBOUND_AND_QUEUE: &[FlowType] = &[ContactFlow, AgentTransfer, QueueTransfer, CustomerQueue, Module];
const SPEAKING: &[FlowType] = &[
    ContactFlow,
    AgentTransfer,
    QueueTransfer,
    CustomerQueue,
    CustomerWhisper,
    AgentWhisper,
    OutboundWhisper,
    Campaign,
    Module,
];
const HOLD_AND_QUEUE: &[FlowType] = &[CustomerQueue, CustomerHold, AgentHold];
const WHISPER_AND_QUEUE: &[FlowType] = &[
    CustomerWhisper,
    AgentWhisper,
    OutboundWhisper,
    CustomerQueue,
    CustomerHold,
    AgentHold,
];
const DISCONNECTING: &[FlowType] = &[
    ContactFlow,
    AgentTransfer,
    QueueTransfer,
    CustomerQueue,
    Campaign,
    Module,
];
const OUTBOUND: &[FlowType] = &[OutboundWhisper, Campaign];

const ALL_CHANNELS: &[Channel] = Channel::ALL;
const VOICE: &[Channel] = &[Voice];
const CHAT: &[Channel] = &[Chat];
const VOICE_AND_CHAT: &[Channel] = &[Voice, Chat];
const NOT_VOICE: &[Channel] = &[Chat, Task, Email];

const NO_ERRORS: &[&str] = &[];
const ERROR: &[&str] = &["NoMatchingError"];
const NO_PARAMETERS: &[ParamSpec] = &[];

const fn fixed(name: &'static str) -> ParamSpec {
    ParamSpec::new(name, Static, Scalar)
}
const fn reference(name: &'static str) -> ParamSpec {
    ParamSpec::new(name, SingleReference, Scalar)
}
const fn template(name: &'static str) -> ParamSpec {
    ParamSpec::new(name, Template, Scalar)
}
const fn object(name: &'static str) -> ParamSpec {
    ParamSpec::new(name, Template, Object)
}
const fn array(name: &'static str) -> ParamSpec {
    ParamSpec::new(name, Template, Array)
}
const fn any(name: &'static str) -> ParamSpec {
    ParamSpec::new(name, Template, Any)
}

/// Builds the spec of an action that continues with `NextAction`, works in every flow type and on every
/// channel, and takes no conditions.
const fn action(
    name: &'static str,
    family: super::Family,
    summary: &'static str,
    parameters: &'static [ParamSpec],
    errors: &'static [&'static str],
) -> ActionSpec {
    ActionSpec {
        name,
        family,
        summary,
        parameters,
        errors,
        conditions: ConditionRule::None,
        terminal: false,
        ends_on_success: false,
        flow_types: ALL_FLOWS,
        channels: ALL_CHANNELS,
    }
}

impl ActionSpec {
    const fn conditions(mut self, rule: ConditionRule) -> Self {
        self.conditions = rule;
        self
    }
    const fn terminal(mut self) -> Self {
        self.terminal = true;
        self
    }
    const fn ends_on_success(mut self) -> Self {
        self.ends_on_success = true;
        self
    }
    const fn flows(mut self, flow_types: &'static [FlowType]) -> Self {
        self.flow_types = flow_types;
        self
    }
    const fn on(mut self, channels: &'static [Channel]) -> Self {
        self.channels = channels;
        self
    }
}

const PROMPT: [ParamSpec; 4] = [
    reference("PromptId"),
    template("Text"),
    template("SSML"),
    object("Media"),
];

pub(super) const ACTIONS: &[ActionSpec] = &[
    // Participant actions.
    action(
        "ConnectParticipantWithLexBot",
        Participant,
        "Get customer input (Lex): play a prompt and branch on the intent that an Amazon Lex bot recognises",
        &[
            PROMPT[0],
            PROMPT[1],
            PROMPT[2],
            PROMPT[3],
            object("LexV2Bot"),
            object("LexBot"),
            object("LexSessionAttributes"),
            object("LexInitializationData"),
            // The API reference's "Action syntax" block spells the key this way.
            object("LexInitilizationData"),
            object("LexTimeoutSeconds"),
        ],
        &["NoMatchingCondition", "NoMatchingError", "InputTimeLimitExceeded"],
    )
    .conditions(EqualsStatic)
    .flows(INBOUND_AND_QUEUE)
    // "Supported channels for flow blocks" lists Lex input for voice and chat only.
    .on(VOICE_AND_CHAT),
    action(
        "DisconnectParticipant",
        Participant,
        "Disconnect / hang up: end the contact",
        NO_PARAMETERS,
        NO_ERRORS,
    )
    .terminal()
    .flows(DISCONNECTING),
    action(
        "GetParticipantInput",
        Participant,
        "Get customer input or Store customer input: play a prompt and read DTMF keys",
        &[
            PROMPT[0],
            PROMPT[1],
            PROMPT[2],
            PROMPT[3],
            reference("InputTimeLimitSeconds"),
            fixed("StoreInput"),
            object("InputValidation"),
            object("InputEncryption"),
            object("DTMFConfiguration"),
            reference("MaxDigits"),
            object("LexV2Bot"),
        ],
        &[
            "InputTimeLimitExceeded",
            "NoMatchingCondition",
            "NoMatchingError",
            "InvalidPhoneNumber",
        ],
    )
    .conditions(EqualsStatic)
    .flows(INBOUND_AND_QUEUE)
    .on(VOICE),
    action(
        "MessageParticipant",
        Participant,
        "Play prompt: speak or send a text, SSML, prompt or media message",
        &[
            PROMPT[0],
            PROMPT[1],
            PROMPT[2],
            PROMPT[3],
            fixed("SkipWhenDTMFBufferEnabled"),
            fixed("TextToSpeechType"),
        ],
        ERROR,
    )
    .flows(SPEAKING),
    action(
        "MessageParticipantIteratively",
        Participant,
        "Loop prompts: play messages in a loop while the contact waits",
        &[
            array("Messages").required(),
            reference("InterruptFrequencySeconds"),
            fixed("ContinueMessagingDuringInterrupt"),
        ],
        ERROR,
    )
    .conditions(Results(&["MessagesInterrupted"]))
    .flows(HOLD_AND_QUEUE)
    .on(VOICE),
    action(
        "ShowView",
        Participant,
        "Show view: show a step-by-step guide view and branch on the action chosen in it",
        &[
            object("ViewResource").required(),
            reference("InvocationTimeLimitSeconds"),
            any("ViewData"),
            any("SensitiveDataConfiguration"),
        ],
        &["NoMatchingCondition", "NoMatchingError", "TimeLimitExceeded"],
    )
    .conditions(EqualsStatic)
    .on(CHAT),
    action(
        "TransferParticipantToThirdParty",
        Participant,
        "Transfer to phone number: dial an external number",
        &[
            template("ThirdPartyPhoneNumber").required(),
            reference("ThirdPartyConnectionTimeLimitSeconds").required(),
            fixed("ContinueFlowExecution").required(),
            reference("ThirdPartyDTMFDigits"),
            object("CallerId"),
        ],
        &["ConnectionTimeLimitExceeded", "CallFailed", "NoMatchingError"],
    )
    .flows(INBOUND_AND_QUEUE)
    .on(VOICE),
    // Contact actions.
    action(
        "CompleteOutboundCall",
        Contact,
        "Call phone number: place the outbound call of an outbound whisper or campaign flow",
        &[object("CallerId"), any("VoiceConnector")],
        NO_ERRORS,
    )
    .flows(OUTBOUND)
    .on(VOICE),
    action(
        "CreateCase",
        Contact,
        "Cases: create a case from a template",
        &[
            reference("CaseTemplateId").required(),
            object("CaseRequestFields"),
            fixed("LinkContactToCase"),
        ],
        &["ContactNotLinked", "NoMatchingError"],
    ),
    action(
        "CreateContact",
        Contact,
        "Create contact: create a related contact on another channel",
        &[reference("Channel"), any("RelatedContact")],
        ERROR,
    ),
    action(
        "CreatePersistentContactAssociation",
        Contact,
        "Create persistent contact association: continue a past chat's transcript",
        &[reference("RehydrationType")],
        ERROR,
    )
    .on(CHAT),
    action(
        "CreateTask",
        Contact,
        "Create task: create a task contact",
        &[
            template("Name").required(),
            template("Description"),
            reference("ContactFlowId"),
            object("Attributes"),
            object("References"),
            reference("DelaySeconds"),
            reference("ScheduledTime"),
            reference("TaskTemplateId"),
        ],
        ERROR,
    ),
    action(
        "CreateWisdomSession",
        Contact,
        "Amazon Q in Connect: create a session and set $.Wisdom.SessionArn",
        &[reference("WisdomAssistantArn").required()],
        ERROR,
    ),
    action(
        "DequeueContactAndTransferToQueue",
        Contact,
        "Transfer to queue (customer queue flow): move a queued contact to another queue",
        &[reference("QueueId"), reference("AgentId")],
        &["QueueAtCapacity", "NoMatchingError"],
    )
    .flows(&[CustomerQueue]),
    action(
        "EndFlowModuleExecution",
        Contact,
        "Return: end a flow module and resume the calling flow",
        &[template("Result"), any("ResultData")],
        NO_ERRORS,
    )
    .terminal()
    .flows(&[Module]),
    action(
        "GetCase",
        Contact,
        "Cases: find the case of a customer that matches the request fields",
        &[
            reference("CustomerId"),
            object("CaseRequestFields"),
            any("CaseResponseFields"),
            fixed("GetLastUpdatedCase"),
            fixed("LinkContactToCase"),
        ],
        &[
            "ContactNotLinked",
            "MultipleFound",
            "NoneFound",
            "NoMatchingError",
        ],
    ),
    action(
        "InvokeFlowModule",
        Contact,
        "Invoke module: run a flow module and resume at NextAction",
        &[reference("FlowModuleId").required(), any("Input")],
        &["NoMatchingError", "NoMatchingCondition"],
    )
    .conditions(EqualsStatic)
    .flows(&[ContactFlow, Module]),
    action(
        "RenderMessageTemplate",
        Contact,
        "Message template: render an Amazon Q in Connect message template",
        &[
            reference("WisdomMessageTemplateArn"),
            reference("WisdomKnowledgeBaseArn"),
        ],
        &["NoMatchingError", "TemplateRenderingError"],
    ),
    action(
        "ResumeContact",
        Contact,
        "Resume contact: resume a paused task or chat",
        NO_PARAMETERS,
        ERROR,
    )
    .on(NOT_VOICE),
    action(
        "StartOutboundChatContact",
        Contact,
        "Send message: start an outbound chat (SMS) contact",
        &[
            any("SourceEndpoint"),
            any("DestinationEndpoint"),
            reference("ContactFlowArn"),
            fixed("ContactSubtype"),
            any("RelatedContact"),
        ],
        &["NoMatchingError", "TemplateRenderingError"],
    ),
    action(
        "StartOutboundEmailContact",
        Contact,
        "Send message: send an outbound email",
        &[
            any("FromEmailAddress"),
            any("DestinationEmailAddress"),
            any("EmailMessage"),
        ],
        &["NoMatchingError", "TemplateRenderingError"],
    ),
    action(
        "TagContact",
        Contact,
        "Tag contact: add user-defined tags to the contact",
        &[object("Tags").required()],
        ERROR,
    ),
    action(
        "TransferContactToAgent",
        Contact,
        "Transfer to agent: connect the contact to the agent of a transfer flow",
        NO_PARAMETERS,
        NO_ERRORS,
    )
    .terminal()
    .flows(&[AgentTransfer, QueueTransfer])
    .on(VOICE),
    action(
        "TransferContactToQueue",
        Contact,
        "Transfer to queue: place the contact in its working queue and end the flow",
        &[reference("QueueId"), reference("AgentId")],
        &["QueueAtCapacity", "NoMatchingError"],
    )
    .ends_on_success()
    .flows(INBOUND),
    action(
        "UntagContact",
        Contact,
        "Untag contact: remove user-defined tags from the contact",
        &[array("TagKeys").required()],
        ERROR,
    ),
    action(
        "UpdateCase",
        Contact,
        "Cases: update the fields of a case",
        &[
            reference("CaseId"),
            object("CaseRequestFields"),
            fixed("LinkContactToCase"),
        ],
        &["ContactNotLinked", "NoMatchingError"],
    ),
    action(
        "UpdateContactAttributes",
        Contact,
        "Set contact attributes: write $.Attributes keys on the current or related contact",
        &[object("Attributes").required(), fixed("TargetContact")],
        ERROR,
    ),
    action(
        "UpdateContactCallbackNumber",
        Contact,
        "Set callback number: take the callback number from an attribute",
        &[reference("CallbackNumber").required()],
        &[
            "InvalidCallbackNumber",
            "CallbackNumberNotDialable",
            "NoMatchingError",
        ],
    )
    // Other channels take the InvalidCallbackNumber branch ("Set callback number" block page).
    .on(VOICE),
    action(
        "UpdateContactData",
        Contact,
        "Set contact properties: name, description, language, customer ID, Voice ID settings",
        &[
            template("Name"),
            template("Description"),
            reference("LanguageCode"),
            reference("CustomerId"),
            object("References"),
            fixed("IsVoiceIdStreamingEnabled"),
            fixed("IsVoiceAuthenticationEnabled"),
            fixed("IsFraudDetectionEnabled"),
            reference("VoiceAuthenticationThreshold"),
            reference("VoiceAuthenticationResponseTime"),
            reference("FraudDetectionThreshold"),
            reference("WatchlistId"),
            reference("WisdomSessionArn"),
            fixed("TargetContact"),
        ],
        ERROR,
    ),
    action(
        "UpdateContactEventHooks",
        Contact,
        "Set event flow: set the queue, hold, whisper, disconnect or agent UI flow of the contact",
        &[object("EventHooks"), object("EventHooksConfiguration")],
        ERROR,
    ),
    // NOTE: AWS's pages give no parameter names for this action, so validation warns about each
    // parameter it carries.
    action(
        "UpdateContactMediaProcessing",
        Contact,
        "Set chat processing: turn message processing of a chat on or off",
        NO_PARAMETERS,
        ERROR,
    )
    .on(CHAT),
    action(
        "UpdateContactMediaStreamingBehavior",
        Contact,
        "Start or stop media streaming of the customer's audio",
        &[
            fixed("MediaStreamingState").required(),
            fixed("MediaStreamType").required(),
            array("Participants").required(),
        ],
        ERROR,
    )
    .on(VOICE),
    action(
        "UpdateContactRecordingAndAnalyticsBehavior",
        Contact,
        "Set recording, analytics and processing behavior (newer variant)",
        &[
            object("VoiceBehavior"),
            object("ChatBehavior"),
            object("ScreenRecordingBehavior"),
            object("EmailBehavior"),
        ],
        &[
            "NoMatchingError",
            "ChannelMismatch",
            "InFlightRedactionConfigurationFailed",
        ],
    ),
    action(
        "UpdateContactRecordingBehavior",
        Contact,
        "Set recording and analytics behavior",
        &[
            object("RecordingBehavior").required(),
            object("AnalyticsBehavior"),
        ],
        NO_ERRORS,
    ),
    action(
        "UpdateContactRoutingBehavior",
        Contact,
        "Change routing priority / age of the contact in its queue",
        &[fixed("QueuePriority"), fixed("QueueTimeAdjustmentSeconds")],
        NO_ERRORS,
    )
    .flows(INBOUND_AND_QUEUE),
    action(
        "UpdateContactTargetQueue",
        Contact,
        "Set working queue: choose the queue or agent queue the contact goes to",
        &[reference("QueueId"), reference("AgentId")],
        ERROR,
    )
    .flows(INBOUND),
    action(
        "UpdateContactTextToSpeechVoice",
        Contact,
        "Set voice: choose the Amazon Polly voice, engine and speaking style",
        &[
            reference("TextToSpeechVoice"),
            reference("TextToSpeechEngine"),
            reference("TextToSpeechStyle"),
        ],
        ERROR,
    ),
    action(
        "UpdatePreviousContactParticipantState",
        Contact,
        "Hold customer or agent: put a participant of the previous contact on or off hold",
        &[fixed("PreviousContactParticipantState").required()],
        ERROR,
    )
    .on(VOICE),
    // Flow-control actions.
    action(
        "CheckHoursOfOperation",
        FlowControl,
        "Check hours of operation: branch on whether the hours (default: the working queue's) are open",
        &[reference("HoursOfOperationId")],
        ERROR,
    )
    .conditions(EveryResult(&["True", "False"]))
    .flows(INBOUND_AND_QUEUE),
    action(
        "CheckMetricData",
        FlowControl,
        "Check staffing / Check queue status: branch on a real-time metric of a queue",
        &[
            fixed("MetricType").required(),
            reference("QueueId"),
            reference("AgentId"),
        ],
        &["NoMatchingError", "NoMatchingCondition"],
    )
    .conditions(AnyOperator),
    action(
        "CheckOutboundCallStatus",
        FlowControl,
        "Check call progress: branch on answering-machine detection of an outbound call",
        NO_PARAMETERS,
        ERROR,
    )
    .conditions(Results(&[
        "CallAnswered",
        "VoicemailBeep",
        "VoicemailNoBeep",
        "NotDetected",
    ]))
    .flows(OUTBOUND)
    .on(VOICE),
    action(
        "CheckVoiceId",
        FlowControl,
        "Check Voice ID: branch on voice authentication or fraud detection",
        &[fixed("CheckVoiceIdOption").required()],
        ERROR,
    )
    // "Enrolled" is a result of the enrollmentStatus option ("Check Voice ID" block page).
    .conditions(Results(&[
        "Enrolled",
        "Authenticated",
        "NotAuthenticated",
        "Inconclusive",
        "NotEnrolled",
        "OptedOut",
        "HighRisk",
        "LowRisk",
    ]))
    .on(VOICE),
    action(
        "Compare",
        FlowControl,
        "Check contact attributes: compare one value against conditions",
        &[reference("ComparisonValue").required()],
        &["NoMatchingCondition"],
    )
    .conditions(AnyOperator),
    action(
        "DistributeByPercentage",
        FlowControl,
        "Distribute by percentage: branch at random by NumberLessThan thresholds on 1 to 100",
        NO_PARAMETERS,
        &["NoMatchingCondition", "NoMatchingError"],
    )
    .conditions(AnyOperator)
    .flows(INBOUND_AND_QUEUE),
    action(
        "EndFlowExecution",
        FlowControl,
        "End flow / Resume: end the flow without disconnecting the contact",
        NO_PARAMETERS,
        NO_ERRORS,
    )
    .terminal()
    .flows(WHISPER_AND_QUEUE),
    action(
        "GetMetricData",
        FlowControl,
        "Get queue metrics: write real-time metrics of a queue to $.Metrics",
        &[reference("QueueId"), reference("AgentId"), fixed("QueueChannel")],
        ERROR,
    ),
    action(
        "Loop",
        FlowControl,
        "Loop: take the ContinueLooping branch LoopCount times, then DoneLooping",
        &[reference("LoopCount").required()],
        ERROR,
    )
    .conditions(EveryResult(&["ContinueLooping", "DoneLooping"])),
    action(
        "StartVoiceIdStream",
        FlowControl,
        "Set Voice ID: start streaming audio to Voice ID",
        NO_PARAMETERS,
        ERROR,
    )
    .on(VOICE),
    action(
        "TransferToFlow",
        FlowControl,
        "Transfer to flow: end this flow and start another",
        &[reference("ContactFlowId").required()],
        ERROR,
    )
    .ends_on_success()
    .flows(INBOUND),
    action(
        "UpdateContactRoutingCriteria",
        FlowControl,
        "Set routing criteria: route the contact by agent proficiencies",
        &[any("RoutingCriteria").required()],
        ERROR,
    ),
    action(
        "UpdateFlowAttributes",
        FlowControl,
        "Set flow attributes: write $.FlowAttributes keys that only this flow sees",
        &[object("FlowAttributes").required()],
        ERROR,
    ),
    action(
        "UpdateFlowLoggingBehavior",
        FlowControl,
        "Set logging behavior: turn CloudWatch flow logs on or off",
        &[fixed("FlowLoggingBehavior").required()],
        NO_ERRORS,
    ),
    action(
        "Wait",
        FlowControl,
        "Wait: pause a chat until a time limit or an event such as CustomerReturned",
        &[
            reference("TimeLimitSeconds"),
            reference("TimeoutSeconds"),
            array("Events"),
            fixed("ContinueExecution"),
            reference("MinimumWaitTimeSeconds"),
        ],
        &["NoMatchingError", "ParticipantNotFound"],
    )
    .conditions(Results(&[
        "WaitCompleted",
        "CustomerReturned",
        "BotParticipantDisconnected",
        "Continue",
    ]))
    // The API reference says chat only, but the "Wait" block page supports tasks and email, and
    // voice in the keep-running mode.
    .on(ALL_CHANNELS),
    // Interactions.
    action(
        "CreateCallbackContact",
        Interaction,
        "Transfer to queue (callback): queue a callback to the contact's callback number",
        &[
            reference("QueueId"),
            reference("AgentId"),
            reference("InitialCallDelaySeconds"),
            reference("MaximumConnectionAttempts"),
            reference("RetryDelaySeconds"),
            reference("ContactFlowId"),
            any("CallerId"),
            fixed("CallbackMode"),
        ],
        ERROR,
    )
    .on(VOICE_AND_CHAT),
    // NOTE: only `DataTableId` is confirmed, by the EvaluateDataTableValues API; `Queries` is a
    // guess from the console's "query" wording.
    action(
        "EvaluateDataTableValues",
        Interaction,
        "Data table (evaluate): read attribute values of a data table by primary values",
        &[reference("DataTableId").required(), any("Queries")],
        ERROR,
    ),
    action(
        "InvokeLambdaFunction",
        Interaction,
        "Invoke AWS Lambda function: call a Lambda and store its response in $.External",
        &[
            template("LambdaFunctionARN").required(),
            reference("InvocationTimeLimitSeconds").required(),
            fixed("InvocationType"),
            object("LambdaInvocationAttributes"),
            object("ResponseValidation"),
        ],
        ERROR,
    ),
    action(
        "ListDataTableValues",
        Interaction,
        "Data table (list): list the records of a data table",
        &[reference("DataTableId").required(), any("PrimaryKeyGroups")],
        ERROR,
    ),
    action(
        "UpsertDataTableValues",
        Interaction,
        "Data table (write): create or update records of a data table",
        &[
            reference("DataTableId").required(),
            any("DataTableUpsertAttributes"),
            reference("LockVersion"),
        ],
        ERROR,
    ),
    // Customer Profiles actions.
    action(
        "AssociateContactToCustomerProfile",
        CustomerProfiles,
        "Customer profiles (associate contact): link the contact to a profile",
        &[
            object("ProfileRequestData").required(),
            any("ProfileResponseData"),
        ],
        ERROR,
    ),
    action(
        "CheckSegmentMembershipForCustomerProfile",
        CustomerProfiles,
        "Customer profiles (check segment membership): branch on whether a profile is in a segment",
        &[object("ProfileRequestData").required()],
        ERROR,
    )
    .conditions(Results(&["True", "False"])),
    action(
        "CreateCustomerProfile",
        CustomerProfiles,
        "Customer profiles (create profile): create a profile and set $.Customer.ProfileId",
        &[
            object("ProfileRequestData").required(),
            any("ProfileResponseData"),
        ],
        ERROR,
    ),
    action(
        "GetCalculatedAttributesForCustomerProfile",
        CustomerProfiles,
        "Customer profiles (get calculated attributes): read calculated attributes of a profile",
        &[
            object("ProfileRequestData").required(),
            any("ProfileResponseData"),
        ],
        &["NoneFoundError", "NoMatchingError"],
    ),
    action(
        "GetCustomerProfile",
        CustomerProfiles,
        "Customer profiles (get profile): search for one profile by up to five identifiers",
        &[
            object("ProfileRequestData").required(),
            any("ProfileResponseData"),
        ],
        &["MultipleFoundError", "NoneFoundError", "NoMatchingError"],
    ),
    action(
        "GetCustomerProfileObject",
        CustomerProfiles,
        "Customer profiles (get profile object): read an asset, order or case of a profile",
        &[
            object("ProfileRequestData").required(),
            any("ProfileResponseData"),
        ],
        &["NoneFoundError", "NoMatchingError"],
    ),
    action(
        "UpdateCustomerProfile",
        CustomerProfiles,
        "Customer profiles (update profile): change fields of the profile found or created earlier",
        &[
            object("ProfileRequestData").required(),
            any("ProfileResponseData"),
        ],
        ERROR,
    ),
];
