//! Parsing a token's `scope` claim into a set, generically over the spec.

use crate::ScopeBits;
use crate::lookup::Lookup;

/// Calls `found` with the index of every token of `claim` that is exactly a known scope.
///
/// RFC 6749 §3.3: the claim is scope tokens separated by single spaces, case-sensitive.
/// Only `' '` separates; empty tokens (double spaces, leading or trailing space) and tokens
/// holding any other byte that the grammar forbids (tabs, newlines, quotes, NUL) never match,
/// because no known scope contains them. Nothing is trimmed, folded or matched by prefix.
#[inline]
pub fn for_each_index(claim: &str, lookup: &Lookup, mut found: impl FnMut(usize)) {
    for token in claim.split(' ') {
        if let Some(index) = lookup.find(token) {
            found(index);
        }
    }
}

/// Collects the scopes of a sequence of strings (an array `scp` claim), ignoring unknown ones.
pub fn from_strs<'a, S: ScopeBits>(tokens: impl IntoIterator<Item = &'a str>) -> S {
    let mut set = S::empty();
    for token in tokens {
        if let Some(scope) = <S::Scope as crate::ScopeEnum>::lookup(token) {
            set.insert(scope);
        }
    }
    set
}
