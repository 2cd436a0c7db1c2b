//! `flowsim run --interactive`: an `Environment` that asks the person at the terminal each question
//! the scenario leaves open, and records the answers so `--save` can write a scenario that replays them.

use customer_profiles::{Fixture, MemoryStore, ProfileStore, SearchSettings};
use flow_executor::{
    Answer, BlockQuestion, CallerInput, EnvResult, Environment, Event, HoursSource, HoursStatus,
    LambdaRequest, LambdaResult, LexRequest, LexResult, Observer, QueueStatus, ViewRequest, ViewResult,
};
use indexmap::IndexMap;
use serde_json::{Map, Value, json};
use std::cell::RefCell;
use std::io::{BufRead, Write};
use std::rc::Rc;

/// The message of a Lambda failure typed as `error` at the terminal.
const LAMBDA_ERROR_MESSAGE: &str = "error entered at the terminal";

/// The text of the prompt the caller heard last, shared by [`PromptTap`] and the environment.
pub type LastPrompt = Rc<RefCell<Option<String>>>;

/// An observer that keeps the last prompt the caller heard, so an input question can show it.
#[derive(Debug, Default)]
pub struct PromptTap {
    pub last_prompt: LastPrompt,
}

impl Observer for PromptTap {
    fn on_event(&mut self, event: &Event<'_>) {
        if let Event::Note { message, .. } = event
            && let Some(prompt) = message.strip_prefix("prompt: ")
        {
            *self.last_prompt.borrow_mut() = Some(prompt.to_string());
        }
    }
}

/// The answers typed during one session, in the shape of a scenario's sections.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Session {
    pub inputs: Vec<String>,
    pub lambda: IndexMap<String, Vec<Value>>,
    pub hours: IndexMap<String, bool>,
    pub queues: IndexMap<String, bool>,
    pub results: IndexMap<String, Vec<String>>,
    /// The inline profile store chosen for a scenario that had none.
    pub profiles: Option<Vec<Value>>,
}

impl Session {
    /// Adds the answers to `scenario` (the JSON of the scenario file the run used, or an empty
    /// object): new caller inputs after the ones it lists, and new entries in `lambda`, `hours`,
    /// `queues` and `results`.
    pub fn merge_into(&self, scenario: &mut Map<String, Value>) {
        if !self.inputs.is_empty() {
            append(scenario, "inputs", self.inputs.iter().map(|keys| json!(keys)));
        }
        for (function, results) in &self.lambda {
            append_keyed(scenario, "lambda", function, results.iter().cloned());
        }
        for (hours, open) in &self.hours {
            section(scenario, "hours").insert(hours.clone(), json!(open));
        }
        for (queue, at_capacity) in &self.queues {
            section(scenario, "queues").insert(queue.clone(), json!({ "atCapacity": at_capacity }));
        }
        for (identifier, results) in &self.results {
            append_keyed(scenario, "results", identifier, results.iter().map(|r| json!(r)));
        }
        if let Some(profiles) = &self.profiles {
            scenario.entry("profiles").or_insert_with(|| json!(profiles));
        }
    }
}

/// Asks which profile store a run without one uses: none, which is an empty store, or one inline
/// profile typed as a JSON object. Returns `None` at the end of input, so the run keeps no store.
pub fn ask_profile_store(terminal: &mut Terminal<impl BufRead, impl Write>) -> Option<Vec<Value>> {
    terminal.say("the flow uses Customer Profiles, but the scenario has no profile store:");
    terminal.say("  1. none: an empty store, so searches find no profile");
    terminal.say("  2. an inline profile");
    let options = ["none", "inline"];
    let choice = terminal.ask_until("choose:", "1 or 2", |text| parse_choice(text, &options))?;
    if choice == "none" {
        return Some(Vec::new());
    }
    let question =
        "profile as a JSON object, such as {\"FirstName\": \"Maya\", \"PhoneNumber\": \"+15550100101\"}:";
    let profile = terminal.ask_checked(question, parse_profile)?;
    Some(vec![profile])
}

/// Parses a typed profile, a JSON object with the fields of a Customer Profiles `Profile`, and
/// checks it as a fixture profile. A profile without `ProfileId` gets the id that the store would
/// give a profile that `CreateCustomerProfile` creates, so that `--save` writes a scenario that
/// loads.
fn parse_profile(text: &str) -> Result<Value, String> {
    let typed = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(typed)) => typed,
        Ok(_) => return Err("expected a JSON object".to_string()),
        Err(error) => {
            return Err(format!(
                "expected a JSON object, but it is not valid JSON: {error}"
            ));
        }
    };
    let mut profile = Map::new();
    if !typed.contains_key("ProfileId") {
        profile.insert("ProfileId".to_string(), json!(new_profile_id()?));
    }
    profile.extend(typed);
    let profile = Value::Object(profile);

    let text = json!([profile]).to_string();
    let fixture = Fixture::parse(&text, "the typed profile").map_err(|error| {
        let message = error.message;
        match message.strip_prefix("invalid profile at index 0: ") {
            Some(reason) => format!("invalid profile: {reason}"),
            None => message,
        }
    })?;
    MemoryStore::new(fixture, SearchSettings::default()).map_err(|error| error.to_string())?;
    Ok(profile)
}

/// Returns the `ProfileId` that an empty store gives the first profile it creates.
fn new_profile_id() -> Result<String, String> {
    let empty =
        MemoryStore::new(Fixture::default(), SearchSettings::default()).map_err(|error| error.to_string())?;
    empty.new_profile_id().map_err(|error| error.to_string())
}

fn section<'s>(scenario: &'s mut Map<String, Value>, name: &str) -> &'s mut Map<String, Value> {
    let entry = scenario.entry(name).or_insert_with(|| json!({}));
    if !entry.is_object() {
        *entry = json!({});
    }
    entry
        .as_object_mut()
        .expect("the section was just made an object")
}

fn append(scenario: &mut Map<String, Value>, name: &str, items: impl Iterator<Item = Value>) {
    let entry = scenario.entry(name).or_insert_with(|| json!([]));
    if let Value::Array(list) = entry {
        list.extend(items);
    }
}

fn append_keyed(
    scenario: &mut Map<String, Value>,
    name: &str,
    key: &str,
    items: impl Iterator<Item = Value>,
) {
    let list = section(scenario, name).entry(key).or_insert_with(|| json!([]));
    if let Value::Array(list) = list {
        list.extend(items);
    }
}

/// The questions and answers of one session: questions go to `output` and answers come from
/// `input`, one line each. The profile-store question and the run share one, so that the end of
/// input ends the questions of both.
pub struct Terminal<R, W> {
    input: R,
    output: W,
    input_closed: bool,
}

impl<R: BufRead, W: Write> Terminal<R, W> {
    pub fn new(input: R, output: W) -> Self {
        Terminal {
            input,
            output,
            input_closed: false,
        }
    }

    /// Prints `question` and reads one trimmed line. Returns `None` at the end of input or after a
    /// read error.
    fn ask(&mut self, question: &str) -> Option<String> {
        if self.input_closed {
            return None;
        }
        // NOTE: a failed write to the terminal is ignored, since the answer can still be read.
        let _ = write!(self.output, "{question} ");
        let _ = self.output.flush();
        let mut line = String::new();
        match self.input.read_line(&mut line) {
            Ok(_) if line.ends_with('\n') => Some(line.trim().to_string()),
            Ok(_) => {
                // A line without a newline means the input ended, by Ctrl-D at a terminal or at the
                // end of a pipe. A terminal lets the next read wait for more, so reading stops here.
                self.close_input("end of input");
                let answer = line.trim();
                (!answer.is_empty()).then(|| answer.to_string())
            }
            Err(error) => {
                self.close_input(&format!("cannot read the answer: {error}"));
                None
            }
        }
    }

    /// Stops reading answers and prints why. It ends the question's line first, since a terminal
    /// echoes no newline for Ctrl-D.
    fn close_input(&mut self, reason: &str) {
        self.input_closed = true;
        let _ = writeln!(self.output);
        let _ = writeln!(self.output, "{reason}, so flowsim asks no more questions");
    }

    /// Asks until `parse` accepts the answer, explaining `expected` after each rejected one.
    /// Returns `None` at the end of input.
    fn ask_until<T>(
        &mut self,
        question: &str,
        expected: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        self.ask_checked(question, |answer| {
            parse(answer).ok_or_else(|| format!("expected {expected}"))
        })
    }

    /// Asks until `parse` accepts the answer, printing the reason it gives for each rejected one.
    /// Returns `None` at the end of input.
    fn ask_checked<T>(&mut self, question: &str, parse: impl Fn(&str) -> Result<T, String>) -> Option<T> {
        loop {
            let answer = self.ask(question)?;
            match parse(&answer) {
                Ok(value) => return Some(value),
                Err(reason) => {
                    let _ = writeln!(self.output, "invalid answer {answer:?}: {reason}");
                }
            }
        }
    }

    fn say(&mut self, line: &str) {
        let _ = writeln!(self.output, "{line}");
    }
}

/// Wraps the scenario's environment and asks at the terminal wherever it would assume a default
/// or, under `--strict`, leave the question open. At the end of input, it keeps the default.
pub struct InteractiveEnvironment<E, R, W> {
    inner: E,
    terminal: Terminal<R, W>,
    last_prompt: LastPrompt,
    pub session: Session,
}

impl<E, R: BufRead, W: Write> InteractiveEnvironment<E, R, W> {
    /// Asks its questions on `terminal`. `last_prompt` is the prompt a [`PromptTap`] on the same
    /// run saw last.
    pub fn new(inner: E, terminal: Terminal<R, W>, last_prompt: LastPrompt) -> Self {
        InteractiveEnvironment {
            inner,
            terminal,
            last_prompt,
            session: Session::default(),
        }
    }

    fn ask_until<T>(
        &mut self,
        question: &str,
        expected: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        self.terminal.ask_until(question, expected, parse)
    }

    fn say(&mut self, line: &str) {
        self.terminal.say(line);
    }

    /// Returns true when the inner environment had no answer and the input has not ended, so
    /// that no prompt or option list is printed for a question that is not asked.
    fn should_ask<T>(&self, given: &EnvResult<T>) -> bool {
        is_open(given) && !self.terminal.input_closed
    }
}

/// Returns true when the inner environment had no answer of its own.
fn is_open<T>(result: &EnvResult<T>) -> bool {
    match result {
        Ok(answer) => answer.assumed,
        Err(_) => true,
    }
}

fn parse_keys(text: &str) -> Option<CallerInput> {
    if text.eq_ignore_ascii_case("timeout") {
        return Some(CallerInput::Timeout);
    }
    let is_key = |c: char| c.is_ascii_digit() || c == '#' || c == '*';
    (!text.is_empty() && text.chars().all(is_key)).then(|| CallerInput::Keys(text.to_string()))
}

fn parse_lambda(text: &str) -> Option<LambdaResult> {
    if text.eq_ignore_ascii_case("error") {
        return Some(LambdaResult::Error {
            message: LAMBDA_ERROR_MESSAGE.to_string(),
        });
    }
    match serde_json::from_str::<Value>(text) {
        Ok(value @ Value::Object(_)) => Some(LambdaResult::Response { value }),
        _ => None,
    }
}

fn parse_yes_no(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" => Some(true),
        "n" | "no" | "false" => Some(false),
        _ => None,
    }
}

/// Reads a choice by its number in the list (from 1) or by its text.
fn parse_choice(text: &str, options: &[&str]) -> Option<String> {
    let by_number = text
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| options.get(i));
    let by_name = options.iter().find(|option| option.eq_ignore_ascii_case(text));
    by_number.or(by_name).map(|option| option.to_string())
}

fn hours_key(hours: HoursSource<'_>) -> &str {
    match hours {
        HoursSource::Hours(reference) | HoursSource::QueueHours(reference) => reference,
    }
}

impl<E: Environment, R: BufRead, W: Write> Environment for InteractiveEnvironment<E, R, W> {
    fn caller_input(&mut self, identifier: &str) -> EnvResult<CallerInput> {
        let given = self.inner.caller_input(identifier);
        if !self.should_ask(&given) {
            return given;
        }
        let prompt = self.last_prompt.borrow_mut().take();
        if let Some(prompt) = prompt {
            self.say(&format!("the caller hears: {prompt}"));
        }
        let question = format!("keys at block {identifier} (digits, # and *, or `timeout`):");
        let Some(input) = self.ask_until(
            &question,
            "DTMF keys such as 1 or 4155550100#, or timeout",
            parse_keys,
        ) else {
            return given;
        };
        let recorded = match &input {
            CallerInput::Keys(keys) => keys.clone(),
            CallerInput::Timeout => "timeout".to_string(),
        };
        self.session.inputs.push(recorded);
        Ok(Answer::given(input))
    }

    fn invoke_lambda(&mut self, identifier: &str, request: &LambdaRequest) -> EnvResult<LambdaResult> {
        let given = self.inner.invoke_lambda(identifier, request);
        if !self.should_ask(&given) {
            return given;
        }
        self.say(&format!("Lambda parameters: {}", request.parameters));
        let question = format!(
            "result of Lambda function {} at block {identifier} (a JSON object, or `error`):",
            request.function
        );
        let Some(result) = self.ask_until(
            &question,
            "a JSON object such as {\"balance\": \"42.10\"}, or error",
            parse_lambda,
        ) else {
            return given;
        };
        let recorded = match &result {
            LambdaResult::Response { value } => json!({ "response": value }),
            LambdaResult::Error { message } => json!({ "error": message }),
        };
        let results = self.session.lambda.entry(request.function.clone()).or_default();
        results.push(recorded);
        Ok(Answer::given(result))
    }

    fn hours_open(&mut self, identifier: &str, hours: HoursSource<'_>) -> EnvResult<bool> {
        let answer = self.hours_status(identifier, hours)?;
        Ok(Answer {
            value: answer.value.open,
            assumed: answer.assumed,
        })
    }

    fn hours_status(&mut self, identifier: &str, hours: HoursSource<'_>) -> EnvResult<HoursStatus> {
        let given = self.inner.hours_status(identifier, hours);
        if !self.should_ask(&given) {
            return given;
        }
        let key = hours_key(hours);
        let question = format!("are the hours {key} open at block {identifier}? (yes or no):");
        let Some(open) = self.ask_until(&question, "yes or no", parse_yes_no) else {
            return given;
        };
        self.session.hours.insert(key.to_string(), open);
        Ok(Answer::given(HoursStatus { open, detail: None }))
    }

    fn queue_status(&mut self, identifier: &str, queue: &str) -> EnvResult<QueueStatus> {
        let given = self.inner.queue_status(identifier, queue);
        if !self.should_ask(&given) {
            return given;
        }
        let question = format!("is queue {queue} at capacity at block {identifier}? (yes or no):");
        let Some(at_capacity) = self.ask_until(&question, "yes or no", parse_yes_no) else {
            return given;
        };
        self.session.queues.insert(queue.to_string(), at_capacity);
        let mut status = match given {
            Ok(answer) => answer.value,
            Err(_) => QueueStatus::default(),
        };
        status.at_capacity = at_capacity;
        Ok(Answer::given(status))
    }

    fn random_percent(&mut self, identifier: &str) -> EnvResult<u8> {
        self.inner.random_percent(identifier)
    }

    fn block_result(&mut self, identifier: &str, question: &BlockQuestion<'_>) -> EnvResult<String> {
        let given = self.inner.block_result(identifier, question);
        if !self.should_ask(&given) {
            return given;
        }
        self.say(&format!("the {} at block {identifier}:", question.topic));
        for (number, option) in question.options.iter().enumerate() {
            self.say(&format!("  {}. {option}", number + 1));
        }
        let expected = format!(
            "a number from 1 to {}, or one of the names",
            question.options.len()
        );
        let parse = |text: &str| parse_choice(text, question.options);
        let Some(choice) = self.ask_until("choose:", &expected, parse) else {
            return given;
        };
        let results = self.session.results.entry(identifier.to_string()).or_default();
        results.push(choice.clone());
        Ok(Answer::given(choice))
    }

    fn lex_turn(&mut self, identifier: &str, request: &LexRequest) -> EnvResult<LexResult> {
        self.inner.lex_turn(identifier, request)
    }

    fn show_view(&mut self, identifier: &str, request: &ViewRequest) -> EnvResult<ViewResult> {
        self.inner.show_view(identifier, request)
    }

    fn fault(
        &mut self,
        identifier: &str,
        action_type: &str,
        errors: &[&str],
    ) -> Result<Option<String>, flow_executor::OpenQuestion> {
        self.inner.fault(identifier, action_type, errors)
    }
}
