//! `Identifier` rules: at most 50 characters, no forbidden character, no reserved name, as listed in
//! <https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html>.

use super::Context;
use crate::codes;
use crate::diagnostic::Diagnostic;

/// The longest `Identifier` Connect accepts, in characters.
pub const MAX_IDENTIFIER_CHARS: usize = 50;

/// Characters that Connect rejects in an `Identifier`.
pub const FORBIDDEN_CHARACTERS: &[char] = &[
    '%', ':', '(', '\\', '/', ')', '=', '$', ',', ';', '[', ']', '{', '}',
];

/// JavaScript property names that Connect rejects as an `Identifier`.
pub const RESERVED_IDENTIFIERS: &[&str] = &[
    "__proto__",
    "constructor",
    "__defineGetter__",
    "__defineSetter__",
    "toString",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "valueOf",
];

pub(super) fn check(context: &mut Context) {
    for (index, action) in context.actions() {
        for (code, message) in identifier_problems(&action.identifier) {
            let diagnostic = Diagnostic::error(code, context.pointer(index, "/Identifier"), message)
                .with_hint("rename the action and every transition that points at it");
            context.push_for(index, diagnostic);
        }
    }
}

/// Lists each rule that `identifier` breaks, as a code and a message.
pub fn identifier_problems(identifier: &str) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    let length = identifier.chars().count();
    if length > MAX_IDENTIFIER_CHARS {
        problems.push((
            codes::IDENTIFIER_TOO_LONG,
            format!("`Identifier` {identifier:?} has {length} characters, more than {MAX_IDENTIFIER_CHARS}"),
        ));
    }
    if let Some(found) = identifier.chars().find(|c| FORBIDDEN_CHARACTERS.contains(c)) {
        problems.push((
            codes::IDENTIFIER_FORBIDDEN_CHARACTER,
            format!("`Identifier` {identifier:?} contains {found:?}, which Connect rejects"),
        ));
    }
    if RESERVED_IDENTIFIERS.contains(&identifier) {
        problems.push((
            codes::IDENTIFIER_RESERVED,
            format!("`Identifier` {identifier:?} is a reserved name"),
        ));
    }
    problems
}
