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
#[derive(Clone, PartialEq, Eq)]
pub struct UnknownScope {
    input: Box<str>,
    /// The spec's scopes: the suggestion is computed only when asked for, so parsing
    /// untrusted strings never pays for it.
    known: &'static [&'static str],
}

impl UnknownScope {
    /// The error for `input`, whose suggestion is the closest of `known`.
    ///
    /// ```
    /// use pace_scopes::UnknownScope;
    ///
    /// let err = UnknownScope::new("red", &["read", "write"]);
    /// assert_eq!(err.suggestion(), Some("read"));
    /// assert_eq!(UnknownScope::new("zzzzzz", &["read"]).suggestion(), None);
    /// ```
    pub fn new(input: &str, known: &'static [&'static str]) -> Self {
        UnknownScope {
            input: input.into(),
            known,
        }
    }

    /// The string that was not a known scope.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The known scope closest to the input, if one is close enough to be a likely typo.
    /// Computed on each call (edit distance against scopes of similar length).
    pub fn suggestion(&self) -> Option<&'static str> {
        closest(&self.input, self.known.iter().copied())
    }
}

impl fmt::Display for UnknownScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown scope {:?}", &*self.input)?;
        if let Some(s) = self.suggestion() {
            write!(f, "; did you mean {s:?}?")?;
        }
        Ok(())
    }
}

impl fmt::Debug for UnknownScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownScope")
            .field("input", &self.input)
            .finish_non_exhaustive()
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
        // Only candidates of a similar length can be within the limit: this keeps a long
        // hostile input from costing an edit distance against every scope.
        .filter(|k| k.len().abs_diff(input.len()) <= limit)
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
