//! Translation of Connect's attribute-path syntax into RFC 9535 JSONPath for jsonpath-rust.
//!
//! Connect writes paths such as `$.Attributes.tier`, `$.Attributes.['a b']` (a dot before the
//! bracket, a form Connect's documentation uses), `$['AwsRegion']`, `$.Attributes.hoop-name` and
//! `$.Views.ViewResultData.pickup.0`.
//! RFC 9535 accepts none of the dotted-bracket, hyphen or `.0` forms, so every path is parsed into
//! segments here and rendered in bracket notation: `$['Attributes']['a b']`.

use std::fmt;

/// A Connect path that cannot be translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid attribute path `{}`: {}", self.path, self.message)
    }
}

impl std::error::Error for PathError {}

/// One step of a Connect path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An object member: `.tier`, `['a b']` or `.['a b']`.
    Key(String),
    /// An array element: `.0` or `[0]`.
    Index(usize),
}

/// Translates a Connect path such as `$.Attributes.['a b']` into RFC 9535 (`$['Attributes']['a b']`).
pub fn translate(connect_path: &str) -> Result<String, PathError> {
    Ok(render(&parse(connect_path)?))
}

/// Parses a whole Connect path into its segments. The path must start with `$` and name at least
/// one segment.
pub fn parse(connect_path: &str) -> Result<Vec<Segment>, PathError> {
    let fail = |message: String| PathError {
        path: connect_path.to_string(),
        message,
    };
    let rest = connect_path
        .strip_prefix('$')
        .ok_or_else(|| fail("a path starts with `$.`, such as `$.Attributes.tier`".into()))?;
    let mut parser = Parser {
        rest,
        segments: Vec::new(),
    };
    while !parser.rest.is_empty() {
        let offset = connect_path.len() - parser.rest.len();
        parser
            .segment()
            .map_err(|e| fail(format!("{e} at byte {offset}")))?;
    }
    if parser.segments.is_empty() {
        return Err(fail(
            "the path names no attribute; write `$.Attributes.name`".into(),
        ));
    }
    Ok(parser.segments)
}

/// Renders segments as an RFC 9535 path in bracket notation.
pub fn render(segments: &[Segment]) -> String {
    let mut out = String::from("$");
    for segment in segments {
        match segment {
            Segment::Key(name) => {
                out.push_str("['");
                push_escaped(&mut out, name);
                out.push_str("']");
            }
            Segment::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

/// Returns the length in bytes of the Connect path at the start of `text`, as it appears inside a
/// template such as `Hello $.Customer.FirstName, welcome.`, or `None` when `text` does not start
/// with one.
///
/// The path ends at the first character that cannot continue it (whitespace, `<`, `,`, `:`, `"`, an
/// unclosed bracket, ...). A dot not followed by a name or bracket ends the path, so the full stop
/// in `$.Attributes.MessageOfTheDay.` is text.
pub fn reference_len(text: &str) -> Option<usize> {
    let rest = text.strip_prefix('$')?;
    let mut scanner = Parser {
        rest,
        segments: Vec::new(),
    };
    while scanner.segment().is_ok() {}
    if scanner.segments.is_empty() {
        return None;
    }
    Some(text.len() - scanner.rest.len())
}

/// Returns true for a character that may appear in a dot-form name (`$.Attributes.hoop-name`).
/// Other characters need the bracket form `['a:b']`.
///
/// NOTE: only ASCII letters and digits count, so that `$.Attributes.UserName您好` in a Chinese
/// prompt reads `UserName`. A key with other letters must be written `$.Attributes.['名前']`.
pub fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

struct Parser<'a> {
    rest: &'a str,
    segments: Vec<Segment>,
}

impl Parser<'_> {
    /// Consumes one segment, or leaves `rest` unchanged and returns what is wrong.
    fn segment(&mut self) -> Result<(), String> {
        let start = self.rest;
        let result = match self.rest.chars().next() {
            Some('.') => self.dotted(),
            Some('[') => self.bracketed(),
            Some(c) => Err(format!("unexpected `{c}`; expected `.name` or `['name']`")),
            None => Err("the path ends early".into()),
        };
        if result.is_err() {
            self.rest = start;
        }
        result
    }

    fn dotted(&mut self) -> Result<(), String> {
        self.rest = &self.rest[1..];
        if self.rest.starts_with('[') {
            return self.bracketed();
        }
        let len = self
            .rest
            .find(|c: char| !is_name_char(c))
            .unwrap_or(self.rest.len());
        if len == 0 {
            return Err(self.unexpected_after_dot());
        }
        let name = &self.rest[..len];
        self.rest = &self.rest[len..];
        self.segments.push(name_or_index(name));
        Ok(())
    }

    fn unexpected_after_dot(&self) -> String {
        match self.rest.chars().next() {
            None => "the path ends with a dot".into(),
            Some('.') => "empty name between two dots (recursive descent `..` is not a Connect path)".into(),
            Some('*') => "wildcards are not part of Connect paths".into(),
            Some(c) => format!("`{c}` cannot start a name; write such names in brackets: `['{c}...']`"),
        }
    }

    fn bracketed(&mut self) -> Result<(), String> {
        let inner = &self.rest[1..];
        match inner.chars().next() {
            Some(quote @ ('\'' | '"')) => self.quoted(quote),
            Some(c) if c.is_ascii_digit() => self.index(),
            Some('*') => Err("wildcards are not part of Connect paths".into()),
            _ => Err("a bracket holds a quoted name or an index, such as `['a b']` or `[0]`".into()),
        }
    }

    fn quoted(&mut self, quote: char) -> Result<(), String> {
        let body = &self.rest[2..];
        let (name, used) = unescape_until(body, quote).ok_or("unclosed quoted name")?;
        let after = &body[used..];
        let after = after
            .strip_prefix(']')
            .ok_or("a quoted name must be followed by `]`")?;
        if name.is_empty() {
            return Err("empty name in brackets".into());
        }
        self.rest = after;
        self.segments.push(Segment::Key(name));
        Ok(())
    }

    fn index(&mut self) -> Result<(), String> {
        let body = &self.rest[1..];
        let len = body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len());
        let digits = &body[..len];
        let after = body[len..]
            .strip_prefix(']')
            .ok_or("an index must be followed by `]`")?;
        let index = digits
            .parse()
            .map_err(|_| format!("index `{digits}` is too large"))?;
        self.rest = after;
        self.segments.push(Segment::Index(index));
        Ok(())
    }
}

/// Reads a dot-form name of digits only (`.0`) as an array index, as in `$.Views...pickup.0`.
fn name_or_index(name: &str) -> Segment {
    let all_digits = name.bytes().all(|b| b.is_ascii_digit());
    match name.parse() {
        Ok(index) if all_digits => Segment::Index(index),
        _ => Segment::Key(name.to_string()),
    }
}

/// Reads a quoted name up to the closing `quote`, honouring `\'`, `\"` and `\\`. Returns the name
/// and the bytes consumed, including the closing quote.
fn unescape_until(body: &str, quote: char) -> Option<(String, usize)> {
    let mut name = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => name.push(chars.next()?.1),
            c if c == quote => return Some((name, i + c.len_utf8())),
            c => name.push(c),
        }
    }
    None
}

fn push_escaped(out: &mut String, name: &str) {
    for c in name.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
}
