//! [`Failure`]: why a command stopped, and the exit code scripts see.

/// Why a command stopped; each maps to an exit code.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Bad usage or an invalid configuration (exit 2).
    Invalid(String),
    /// The operation failed (exit 1).
    Failed(String),
    /// Nothing to act on (exit 3).
    NothingToDo(String),
}

impl Failure {
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Failure::Failed(_) => 1,
            Failure::Invalid(_) => 2,
            Failure::NothingToDo(_) => 3,
        }
    }

    pub(crate) fn message(&self) -> &str {
        match self {
            Failure::Invalid(message)
            | Failure::Failed(message)
            | Failure::NothingToDo(message) => message,
        }
    }
}
