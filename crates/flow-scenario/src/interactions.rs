//! Answers from the `lex`, `views`, `results` and `faults` sections, each list used in order with its last
//! answer repeating.

use crate::names::{best_match, resource_id};
use crate::scenario::{LexAnswer, Scenario, ViewAnswer};
use flow_executor::{LexRequest, LexResult, ViewRequest, ViewResult};
use indexmap::IndexMap;

/// The key of a `lex` entry that answers every bot no other key names.
pub const ANY_BOT: &str = "*";

/// The scripted answers of one key and how many questions have used them.
#[derive(Debug, Clone)]
struct Script<T> {
    key: String,
    answers: Vec<T>,
    calls: usize,
}

impl<T: Clone> Script<T> {
    fn from_section(section: &IndexMap<String, Vec<T>>) -> Vec<Self> {
        section
            .iter()
            .map(|(key, answers)| Script {
                key: key.clone(),
                answers: answers.clone(),
                calls: 0,
            })
            .collect()
    }

    /// Returns the next answer; the last one repeats once the list is used up.
    fn next_answer(&mut self) -> Option<T> {
        let index = self.calls.min(self.answers.len().checked_sub(1)?);
        self.calls += 1;
        self.answers.get(index).cloned()
    }
}

/// The scripted Lex turns, view outcomes and block results of one run.
#[derive(Debug, Clone, Default)]
pub struct InteractionScripts {
    lex: Vec<Script<LexAnswer>>,
    views: Vec<Script<ViewAnswer>>,
    results: Vec<Script<String>>,
    faults: Vec<Script<Option<String>>>,
}

impl InteractionScripts {
    /// Creates fresh scripts from the scenario's `lex`, `views` and `results` sections.
    pub fn new(scenario: &Scenario) -> Self {
        InteractionScripts {
            lex: Script::from_section(&scenario.lex),
            views: Script::from_section(&scenario.views),
            results: Script::from_section(&scenario.results),
            faults: Script::from_section(&scenario.faults),
        }
    }

    /// Returns the next turn scripted for the request's bot, or `None` when no key names it.
    pub fn lex_turn(&mut self, request: &LexRequest) -> Option<LexResult> {
        let keys = self.lex.iter().map(|script| script.key.as_str());
        let index = best_match(keys, &request.bot, None)
            .or_else(|| self.lex.iter().position(|s| names_lex_bot(&s.key, &request.bot)))
            .or_else(|| self.lex.iter().position(|s| s.key == ANY_BOT))?;
        let answer = self.lex[index].next_answer()?;
        Some(match answer {
            LexAnswer::Intent(intent) => LexResult::Intent(intent),
            LexAnswer::Timeout => LexResult::Timeout,
            LexAnswer::Error(message) => LexResult::Error { message },
        })
    }

    /// Returns the next outcome scripted for the request's view, or `None` when no key names it.
    pub fn show_view(&mut self, request: &ViewRequest) -> Option<ViewResult> {
        let keys = self.views.iter().map(|script| script.key.as_str());
        let index = best_match(keys, &request.view, None)?;
        let answer = self.views[index].next_answer()?;
        Some(match answer {
            ViewAnswer::Action { action, data } => ViewResult::Action { action, data },
            ViewAnswer::Error(error_type) => ViewResult::Error { error_type },
        })
    }

    /// Returns the next result scripted for the block `identifier`, else for its `action_type`,
    /// or `None` when neither is a key.
    pub fn block_result(&mut self, identifier: &str, action_type: &str) -> Option<String> {
        let index = self
            .results
            .iter()
            .position(|script| script.key == identifier)
            .or_else(|| self.results.iter().position(|script| script.key == action_type))?;
        self.results[index].next_answer()
    }

    /// Returns the failure scripted for this visit of the block `identifier`, else of its
    /// `action_type`, or `None` when the visit runs normally.
    pub fn fault(&mut self, identifier: &str, action_type: &str) -> Option<String> {
        let index = self
            .faults
            .iter()
            .position(|script| script.key == identifier)
            .or_else(|| self.faults.iter().position(|script| script.key == action_type))?;
        self.faults[index].next_answer().flatten()
    }
}

/// Returns true when `key` is the bot id of a Lex V2 alias ARN such as
/// `arn:aws:lex:REGION:ACCOUNT:bot-alias/BOTID/ALIASID`, so a key can name a bot whatever its alias.
pub fn names_lex_bot(key: &str, bot: &str) -> bool {
    let bot_id = bot
        .split_once(":bot-alias/")
        .and_then(|(_, rest)| rest.split('/').next());
    bot_id == Some(key) || resource_id(bot) == Some(key)
}
