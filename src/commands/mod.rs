//! One module per subcommand, and the error type they share.

pub mod attrs;
pub mod blocks;
pub mod explore;
pub mod lint;
pub mod query;
pub mod run;
pub mod test;

use std::fmt;

/// Exit code: the run or lint succeeded.
pub const EXIT_OK: u8 = 0;
/// Exit code: lint found errors.
pub const EXIT_LINT_ERRORS: u8 = 1;
/// Exit code: a scenario of `flowsim test` failed.
pub const EXIT_TEST_FAILED: u8 = 1;
/// Exit code: usage error or unreadable input.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: the run could not end normally.
pub const EXIT_RUN_FAILED: u8 = 3;

/// A failure that ends the command, with the exit code it maps to.
#[derive(Debug)]
pub struct CliError {
    pub exit_code: u8,
    pub message: String,
}

impl CliError {
    /// A usage error or unreadable input (exit code 2).
    pub fn input(message: impl Into<String>) -> Self {
        CliError {
            exit_code: EXIT_USAGE,
            message: message.into(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Ends quietly when standard output was closed early (`flowsim ... | head`), else reports the error.
pub fn finish_output(result: std::io::Result<()>) -> Result<(), CliError> {
    match result {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(error) => Err(CliError::input(format!("cannot write output: {error}"))),
        Ok(()) => Ok(()),
    }
}
