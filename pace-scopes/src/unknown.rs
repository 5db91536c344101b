//! The error of parsing a scope string that the spec does not declare.

use core::fmt;

/// A string that is not a scope of the spec.
///
/// Returned by `FromStr`/`TryFrom<&str>` of every generated scope enum. Its message quotes
/// the input and, when one is close, names the nearest known scope.
///
/// ```
/// use pace_scopes::Scope;
///
/// let err = "user:users:raed".parse::<Scope>().unwrap_err();
/// assert_eq!(err.input(), "user:users:raed");
/// assert_eq!(err.suggestion(), Some("user:users:read"));
/// assert_eq!(
///     err.to_string(),
///     r#"unknown scope "user:users:raed"; did you mean "user:users:read"?"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownScope {
    input: Box<str>,
    suggestion: Option<&'static str>,
}

impl UnknownScope {
    /// The error for `input`, suggesting the closest of `known`.
    ///
    /// ```
    /// use pace_scopes::UnknownScope;
    ///
    /// let err = UnknownScope::new("red", ["read", "write"]);
    /// assert_eq!(err.suggestion(), Some("read"));
    /// assert_eq!(UnknownScope::new("zzzzzz", ["read"]).suggestion(), None);
    /// ```
    pub fn new(input: &str, known: impl IntoIterator<Item = &'static str>) -> Self {
        UnknownScope {
            input: input.into(),
            suggestion: closest(input, known),
        }
    }

    /// The string that was not a known scope.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The known scope closest to the input, if one is close enough to be a likely typo.
    pub fn suggestion(&self) -> Option<&'static str> {
        self.suggestion
    }
}

impl fmt::Display for UnknownScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown scope {:?}", &*self.input)?;
        if let Some(s) = self.suggestion {
            write!(f, "; did you mean {s:?}?")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownScope {}

/// The closest candidate by edit distance, if within a third of the input's length (at least
/// two edits), or equal ignoring ASCII case.
///
/// The proc-macro crate applies the same rule to compile-time errors
/// (`pace-scopes-macros/src/suggest.rs`); it cannot depend on this crate.
pub(crate) fn closest(
    input: &str,
    known: impl IntoIterator<Item = &'static str>,
) -> Option<&'static str> {
    let limit = (input.chars().count() / 3).max(2);
    known
        .into_iter()
        .map(|k| {
            let d = if k.eq_ignore_ascii_case(input) {
                0
            } else {
                strsim::levenshtein(input, k)
            };
            (d, k)
        })
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}
