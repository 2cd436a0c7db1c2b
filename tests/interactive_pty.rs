//! `flowsim run --interactive` in a pseudo-terminal, as a person at a terminal uses it: the
//! terminal echoes what is typed, edits the line before Enter, and turns Ctrl-D into the end of
//! input. Each test waits for a question, types the answer and reads what the terminal shows.
#![cfg(unix)]

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

/// A guard against a hang, such as a question that is never shown. No test depends on timing.
const HANG_GUARD_MS: u64 = 30_000;

const DTMF_MENU: &str = "flows/dtmf-menu/dtmf-menu.json";
const CALLER_LOOKUP: &str = "flows/caller-lookup/caller-lookup.json";

const HOURS_ARN: &str = "arn:aws:connect:us-east-1:123456789012:instance/5a486531-0201-43e0-bd81-d544bb08d0dc/operating-hours/2d070527-5f3f-4a0c-b426-2e598f6d470d";
const BALANCE_LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:harborline-balance-lookup";
const SERVICE_QUEUE: &str = "arn:aws:connect:us-east-1:123456789012:instance/5a486531-0201-43e0-bd81-d544bb08d0dc/queue/e15dd35f-55dc-4ef1-a484-f1748d2ab540";
const GOLD_QUEUE: &str = "arn:aws:connect:us-east-1:123456789012:instance/5a486531-0201-43e0-bd81-d544bb08d0dc/queue/2c21a4b6-c51a-4990-b440-b0841534f73a";

const MAIN_MENU_BLOCK: &str = "2f8fa4ff-cd06-4312-aada-129f3ec8d3fa";
const BALANCE_MENU_BLOCK: &str = "1028ba76-50c4-42ad-828b-aac2d52383f5";
const DTMF_TRANSFER_BLOCK: &str = "8cc3f23e-28d4-4113-9ff1-94ce9eccd2a9";
const LOOKUP_TRANSFER_BLOCK: &str = "9d24fbdc-47af-4800-a55c-08b77b458238";

const END_OF_INPUT: &str = "end of input, so flowsim asks no more questions\n";

/// Text that only a question, or the lines printed right before it, shows. A transcript without
/// any of it asked nothing.
const QUESTION_MARKS: [&str; 6] = [
    "(yes or no):",
    "or `timeout`):",
    "or `error`):",
    "choose:",
    "the caller hears: ",
    "Lambda parameters: ",
];

fn hours_question() -> String {
    format!("are the hours {HOURS_ARN} open at block 8ed67cd1-a5f5-41ca-9449-ac51d724c015? (yes or no): ")
}

fn keys_question(block: &str) -> String {
    format!("keys at block {block} (digits, # and *, or `timeout`): ")
}

fn lambda_question() -> String {
    format!(
        "result of Lambda function {BALANCE_LAMBDA} at block af192450-1352-4546-9f33-f63df0b7eb1c \
         (a JSON object, or `error`): "
    )
}

fn queue_question(queue: &str, block: &str) -> String {
    format!("is queue {queue} at capacity at block {block}? (yes or no): ")
}

/// flowsim in a pseudo-terminal, with everything it has shown so far. Lines end in `\n`, since
/// the terminal's `\r\n` is folded.
struct Screen {
    session: PtySession,
    transcript: String,
}

impl Screen {
    /// Starts flowsim with `args` in the project folder. rexpect turns echo off in the terminal it
    /// creates, so `stty echo` turns it back on first, as a person's terminal has it.
    fn spawn(args: &[&str]) -> Screen {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg("stty echo && exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_flowsim"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        let session =
            spawn_command(command, Some(HANG_GUARD_MS)).expect("flowsim starts in a pseudo-terminal");
        Screen {
            session,
            transcript: String::new(),
        }
    }

    /// Waits until the terminal shows `text`, and returns what it showed before it since the last
    /// wait.
    fn wait_for(&mut self, text: &str) -> String {
        let before = match self.session.exp_string(text) {
            Ok(before) => before.replace("\r\n", "\n"),
            Err(error) => panic!(
                "the terminal did not show {text:?}: {error}\nshown before:\n{}",
                self.transcript
            ),
        };
        self.transcript.push_str(&before);
        self.transcript.push_str(text);
        before
    }

    /// Types `line` and Enter.
    fn type_line(&mut self, line: &str) {
        self.session.send_line(line).expect("the answer can be typed");
    }

    /// Types `text` without Enter.
    fn type_text(&mut self, text: &str) {
        self.session.send(text).expect("the text can be typed");
        self.session.flush().expect("the text reaches the terminal");
    }

    fn press_ctrl_d(&mut self) {
        self.session.send_control('d').expect("Ctrl-D can be typed");
    }

    /// Waits until flowsim closes the terminal, and returns what it showed since the last wait
    /// and its exit code.
    fn finish(mut self) -> (String, i32) {
        let rest = match self.session.exp_eof() {
            Ok(rest) => rest.replace("\r\n", "\n"),
            Err(error) => panic!(
                "flowsim did not exit: {error}\nshown before:\n{}",
                self.transcript
            ),
        };
        self.transcript.push_str(&rest);
        let status = self.session.process().wait().expect("flowsim can be waited for");
        match status {
            WaitStatus::Exited(_, code) => (rest, code),
            other => panic!("flowsim did not exit normally: {other:?}\n{}", self.transcript),
        }
    }
}

/// Returns the lines a run's trace prints per step, such as `   5  GetParticipantInput  ...`.
fn step_lines(transcript: &str) -> Vec<&str> {
    transcript
        .lines()
        .filter(|line| line.starts_with(' ') && line.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .collect()
}

fn end_line(transcript: &str) -> Option<&str> {
    transcript.lines().find(|line| line.starts_with("ended: "))
}

fn read_scenario(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("the session was saved");
    serde_json::from_str(&text).expect("the saved scenario is JSON")
}

/// Runs the saved scenario in a terminal, still with `--interactive`, and checks that it asks
/// nothing and takes the steps of the session, to the same end.
fn assert_replays(saved: &Path, session: &str) {
    let saved = saved.to_string_lossy();
    let replay = Screen::spawn(&["run", "--scenario", &saved, "--interactive"]);
    let (replayed, code) = replay.finish();
    assert_eq!(code, 0, "{replayed}");
    for mark in QUESTION_MARKS {
        assert!(
            !replayed.contains(mark),
            "the replay asked a question:\n{replayed}"
        );
    }
    assert_eq!(step_lines(&replayed), step_lines(session));
    assert_eq!(end_line(&replayed), end_line(session));
}

/// Runs `args` with no terminal and no input, and returns its `ended:` line.
fn plain_end_line(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("flowsim runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    end_line(&stdout).expect("the run prints its end").to_string()
}

#[test]
fn menu_session_saved_and_replayed() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let saved = folder.path().join("session.scenario.json");
    let saved_text = saved.to_string_lossy().into_owned();
    let mut screen = Screen::spawn(&["run", DTMF_MENU, "--interactive", "--save", &saved_text]);

    let before_hours = screen.wait_for(&hours_question());
    assert!(
        before_hours.starts_with("flow \"Harborline Energy - Main menu\": flows/dtmf-menu/dtmf-menu.json\n"),
        "{before_hours}"
    );
    assert!(
        before_hours.contains("   2  UpdateContactTextToSpeechVoice  "),
        "the steps before the question are shown first:\n{before_hours}"
    );

    screen.type_line("maybe");
    let rejected = screen.wait_for(&hours_question());
    assert_eq!(rejected, "maybe\ninvalid answer \"maybe\": expected yes or no\n");

    screen.type_line("yes");
    let before_menu = screen.wait_for(&keys_question(MAIN_MENU_BLOCK));
    assert!(
        before_menu.starts_with("yes\n   3  CheckHoursOfOperation  "),
        "{before_menu}"
    );
    assert!(
        before_menu.contains("        prompt  Thanks for calling Harborline Energy.\n"),
        "{before_menu}"
    );
    assert!(
        before_menu.ends_with(
            "\nthe caller hears: For your account balance, press 1. To report a power outage, press 2. \
             To speak with a customer service agent, press 3.\n"
        ),
        "the menu prompt is shown right before the question:\n{before_menu}"
    );

    // The terminal's line editing: the erase key (DEL) removes the 2, so flowsim reads 1.
    screen.type_line("2\u{7f}1");
    let before_lambda = screen.wait_for(&lambda_question());
    assert!(
        before_lambda.contains("        answer  caller input: \"1\"\n"),
        "{before_lambda}"
    );
    assert!(
        before_lambda.ends_with("\nLambda parameters: {\"callerNumber\":\"+15550100100\"}\n"),
        "{before_lambda}"
    );

    screen.type_line(r#"{"balance": "7.00", "dueDate": "May 1"}"#);
    let before_balance_menu = screen.wait_for(&keys_question(BALANCE_MENU_BLOCK));
    assert!(
        before_balance_menu.contains("        prompt  Your current balance is 7.00 dollars, due on May 1.\n"),
        "{before_balance_menu}"
    );
    assert!(
        before_balance_menu.ends_with(
            "\nthe caller hears: To hear your balance again, press 1. To speak with an agent, press 2.\n"
        ),
        "{before_balance_menu}"
    );

    screen.type_line("timeout");
    let (rest, code) = screen.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.starts_with("timeout\n   8  GetParticipantInput  "), "{rest}");
    assert_eq!(
        end_line(&rest),
        Some("ended: disconnected at 4787675c-685f-44a1-be23-d41d9340198f after 10 steps")
    );
    assert!(!rest.contains(END_OF_INPUT), "{rest}");

    let scenario = read_scenario(&saved);
    assert_eq!(scenario["inputs"], json!(["1", "timeout"]));
    assert_eq!(
        scenario["lambda"][BALANCE_LAMBDA],
        json!([{"response": {"balance": "7.00", "dueDate": "May 1"}}])
    );
    assert_eq!(scenario["hours"], json!({ HOURS_ARN: true }));

    let session = format!("{before_hours}{before_menu}{before_lambda}{before_balance_menu}{rest}");
    assert_replays(&saved, &session);
}

#[test]
fn lambda_error_and_full_queue() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let saved = folder.path().join("error.scenario.json");
    let saved_text = saved.to_string_lossy().into_owned();
    let mut screen = Screen::spawn(&["run", DTMF_MENU, "--interactive", "--save", &saved_text]);

    let mut session = screen.wait_for(&hours_question());
    screen.type_line("yes");
    session += &screen.wait_for(&keys_question(MAIN_MENU_BLOCK));
    screen.type_line("1");
    session += &screen.wait_for(&lambda_question());
    screen.type_line("error");

    let before_queue = screen.wait_for(&queue_question(SERVICE_QUEUE, DTMF_TRANSFER_BLOCK));
    assert!(
        before_queue.contains("[error NoMatchingError] -> a3c7e13d-9ee2-47e2-abb8-c842d3ebf5b5\n"),
        "{before_queue}"
    );
    assert!(
        before_queue.contains(
            "        prompt  Sorry, we can't get your balance right now. Let me connect you with an agent.\n"
        ),
        "{before_queue}"
    );
    screen.type_line("yes");
    let (rest, code) = screen.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(
        rest.contains("[error QueueAtCapacity] -> 3acf40c3-0a6c-4235-8e86-4f041d9efd15\n"),
        "{rest}"
    );
    assert_eq!(
        end_line(&rest),
        Some("ended: disconnected at 4787675c-685f-44a1-be23-d41d9340198f after 11 steps")
    );

    let scenario = read_scenario(&saved);
    assert_eq!(
        scenario["lambda"][BALANCE_LAMBDA],
        json!([{"error": "error entered at the terminal"}])
    );
    assert_eq!(scenario["queues"], json!({ SERVICE_QUEUE: {"atCapacity": true} }));

    session += &before_queue;
    session += &rest;
    assert_replays(&saved, &session);
}

#[test]
fn profile_store_typed_inline() {
    let folder = tempfile::tempdir().expect("a temporary folder can be created");
    let saved = folder.path().join("profile.scenario.json");
    let saved_text = saved.to_string_lossy().into_owned();
    let mut screen = Screen::spawn(&["run", CALLER_LOOKUP, "--interactive", "--save", &saved_text]);

    let menu = screen.wait_for("choose: ");
    assert_eq!(
        menu,
        "the flow uses Customer Profiles, but the scenario has no profile store:\n  \
         1. none: an empty store, so searches find no profile\n  2. an inline profile\n"
    );
    screen.type_line("3");
    let rejected = screen.wait_for("choose: ");
    assert_eq!(rejected, "3\ninvalid answer \"3\": expected 1 or 2\n");

    screen.type_line("2");
    screen.wait_for(
        "profile as a JSON object, such as {\"FirstName\": \"Maya\", \"PhoneNumber\": \"+15550100101\"}: ",
    );
    let profile = json!({
        "ProfileId": "p1",
        "FirstName": "Ana",
        "LastName": "Silva",
        "PhoneNumber": "+15550100100",
        "Attributes": {"tier": "gold"},
    });
    screen.type_line(&profile.to_string());
    let before_queue = screen.wait_for(&queue_question(GOLD_QUEUE, LOOKUP_TRANSFER_BLOCK));
    assert!(
        before_queue.contains("        prompt  Hello Ana, thanks for calling Harborline Energy.\n"),
        "{before_queue}"
    );
    assert!(
        before_queue.contains("        set     $.Attributes.customerTier = \"gold\"\n"),
        "{before_queue}"
    );

    screen.type_line("no");
    let (rest, code) = screen.finish();
    assert_eq!(code, 0, "{rest}");
    let expected_end =
        format!("ended: transferred to queue {GOLD_QUEUE} at {LOOKUP_TRANSFER_BLOCK} after 8 steps");
    assert_eq!(end_line(&rest), Some(expected_end.as_str()));

    let scenario = read_scenario(&saved);
    assert_eq!(scenario["profiles"], json!([profile]));
    assert_eq!(scenario["queues"], json!({ GOLD_QUEUE: {"atCapacity": false} }));

    assert_replays(&saved, &format!("{before_queue}{rest}"));
}

#[test]
fn ctrl_d_keeps_defaults() {
    let mut screen = Screen::spawn(&["run", DTMF_MENU, "--interactive"]);
    screen.wait_for(&hours_question());
    screen.press_ctrl_d();
    let (rest, code) = screen.finish();
    assert_eq!(code, 0, "{rest}");

    // A terminal echoes no newline for Ctrl-D, so flowsim ends the question's line itself.
    let expected_start = format!("\n{END_OF_INPUT}   3  CheckHoursOfOperation  ");
    assert!(rest.starts_with(&expected_start), "{rest}");
    for mark in QUESTION_MARKS {
        assert!(!rest.contains(mark), "a question was asked after Ctrl-D:\n{rest}");
    }
    let plain_end = plain_end_line(&["run", DTMF_MENU]);
    assert_eq!(end_line(&rest), Some(plain_end.as_str()));
}

#[test]
fn ctrl_d_after_typed_keys() {
    let mut screen = Screen::spawn(&["run", DTMF_MENU, "--interactive"]);
    screen.wait_for(&hours_question());
    screen.type_line("yes");
    screen.wait_for(&keys_question(MAIN_MENU_BLOCK));

    // The first Ctrl-D hands the typed 1 to flowsim, and the second one ends the input.
    screen.type_text("1");
    screen.press_ctrl_d();
    screen.press_ctrl_d();
    let (rest, code) = screen.finish();
    assert_eq!(code, 0, "{rest}");

    let expected_start = format!("1\n{END_OF_INPUT}   5  GetParticipantInput  ");
    assert!(rest.starts_with(&expected_start), "{rest}");
    assert!(rest.contains("        answer  caller input: \"1\"\n"), "{rest}");
    for mark in QUESTION_MARKS {
        assert!(!rest.contains(mark), "a question was asked after Ctrl-D:\n{rest}");
    }
}

#[test]
fn ctrl_d_at_profile_question() {
    let mut screen = Screen::spawn(&["run", CALLER_LOOKUP, "--interactive"]);
    screen.wait_for("choose: ");
    screen.press_ctrl_d();
    let (rest, code) = screen.finish();
    assert_eq!(code, 0, "{rest}");

    let expected_start = format!("\n{END_OF_INPUT}flow \"Harborline Energy - Caller lookup\": ");
    assert!(rest.starts_with(&expected_start), "{rest}");
    for mark in QUESTION_MARKS {
        assert!(!rest.contains(mark), "a question was asked after Ctrl-D:\n{rest}");
    }
    let plain_end = plain_end_line(&["run", CALLER_LOOKUP]);
    assert_eq!(end_line(&rest), Some(plain_end.as_str()));
}

#[test]
fn terminal_output_has_no_escapes() {
    let mut screen = Screen::spawn(&["run", DTMF_MENU, "--interactive"]);
    let mut transcript = screen.wait_for(&hours_question());
    screen.type_line("no");
    let (rest, code) = screen.finish();
    assert_eq!(code, 0, "{rest}");
    transcript += &rest;
    assert!(
        !transcript.contains('\u{1b}'),
        "flowsim wrote an escape sequence:\n{transcript:?}"
    );
    assert!(
        !transcript.contains('\r'),
        "a lone carriage return:\n{transcript:?}"
    );
}
