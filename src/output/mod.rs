//! Rendering of runs and diagnostics for people (`text`) and for programs (`json`).

pub mod json;
pub mod sarif;
pub mod text;
pub mod watch;

use std::io::{self, Write};

/// A writer that remembers its first error and then drops further output, so a closed pipe
/// (`flowsim run ... | head`) ends the output quietly instead of failing at every line.
pub struct Output<W: Write> {
    writer: W,
    pub error: Option<io::Error>,
}

impl<W: Write> Output<W> {
    pub fn new(writer: W) -> Self {
        Output { writer, error: None }
    }

    /// Writes one line; after the first failure, does nothing.
    pub fn line(&mut self, text: &str) {
        if self.error.is_some() {
            return;
        }
        if let Err(error) = writeln!(self.writer, "{text}") {
            self.error = Some(error);
        }
    }

    /// Flushes the writer and returns the first error seen.
    pub fn finish(mut self) -> io::Result<()> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        self.writer.flush()
    }
}
