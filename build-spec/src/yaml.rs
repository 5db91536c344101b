//! The one place that parses YAML. serde_yaml is deprecated upstream; a maintained fork with
//! the same serde interface replaces it here and nowhere else.

use serde::de::DeserializeOwned;

use crate::diagnostic::Location;

/// A syntax or shape error, with where the parser saw it.
pub(crate) struct ParseError {
    pub(crate) message: String,
    pub(crate) location: Option<Location>,
}

/// Deserializes a YAML document. serde_yaml bounds recursion depth and alias expansion
/// ("billion laughs"), so hostile input ends in an error, not a stack overflow.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    serde_yaml::from_str(text).map_err(|e| {
        let location = e.location().map(|l| Location {
            line: l.line(),
            column: l.column(),
        });
        let mut message = e.to_string();
        // serde_yaml appends " at line L column C"; the location is reported separately.
        if let Some(cut) = message.find(" at line ") {
            message.truncate(cut);
        }
        ParseError { message, location }
    })
}
