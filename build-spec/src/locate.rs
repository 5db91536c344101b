//! Where things are in the spec text.
//!
//! serde gives positions for syntax and shape errors only. For the problems found after
//! parsing (a bad scope, a missing URL, a name collision) this finds the key in the text by
//! walking its path: each key is searched after the previous one, which holds for block and
//! flow YAML and for JSON, where a child always follows its parent.

use crate::diagnostic::Location;

/// Positions in one spec text.
pub(crate) struct Locator<'a> {
    text: &'a str,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Locator { text }
    }

    /// The location of byte `offset`.
    pub(crate) fn location(&self, offset: usize) -> Location {
        let before = &self.text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Location { line, column }
    }

    /// The location of the last key of `path`, each key searched after the one before.
    /// Stops at the deepest key found, so a missing child reports its parent.
    pub(crate) fn key_path(&self, path: &[&str]) -> Option<Location> {
        let mut offset = 0;
        let mut found = None;
        for key in path {
            match self.find_key(key, offset) {
                Some(at) => {
                    found = Some(at);
                    offset = at + 1;
                }
                None => break,
            }
        }
        found.map(|at| self.location(at))
    }

    /// The first occurrence of `token` as a whole value (a list item or quoted string).
    pub(crate) fn token(&self, token: &str) -> Option<Location> {
        let mut from = 0;
        while let Some(i) = self.text[from..].find(token) {
            let at = from + i;
            let end = at + token.len();
            if boundary_before(self.text, at) && boundary_after(self.text, end) {
                return Some(self.location(at));
            }
            from = at + token.len().max(1);
        }
        None
    }

    /// The byte offset of `key` used as a mapping key at or after `from`.
    fn find_key(&self, key: &str, from: usize) -> Option<usize> {
        let escaped = key.replace('/', "\\/");
        let mut candidates = vec![key.to_owned()];
        if escaped != key {
            candidates.push(escaped);
        }
        candidates
            .iter()
            .filter_map(|k| self.find_key_text(k, from))
            .min()
    }

    fn find_key_text(&self, key: &str, from: usize) -> Option<usize> {
        if key.is_empty() || from > self.text.len() {
            return None;
        }
        let bytes = self.text.as_bytes();
        let mut search = from;
        while let Some(i) = self.text.get(search..)?.find(key) {
            let at = search + i;
            let mut end = at + key.len();
            let quoted = at > 0 && matches!(bytes[at - 1], b'"' | b'\'');
            let ok_before = if quoted {
                true
            } else {
                boundary_before(self.text, at)
            };
            if quoted && bytes.get(end) == Some(&bytes[at - 1]) {
                end += 1;
            }
            let rest = &self.text[end..];
            let after = rest.trim_start_matches([' ', '\t']);
            let is_key = after.starts_with(':')
                && (quoted
                    || after[1..].is_empty()
                    || after[1..].starts_with([' ', '\t', '\n', '\r']));
            if ok_before && is_key && (quoted || (end == at + key.len())) {
                return Some(if quoted { at - 1 } else { at });
            }
            search = at + 1;
        }
        None
    }
}

fn boundary_before(text: &str, at: usize) -> bool {
    at == 0
        || matches!(
            text.as_bytes()[at - 1],
            b' ' | b'\t' | b'\n' | b'\r' | b'{' | b'[' | b',' | b'"' | b'\'' | b'-'
        )
}

fn boundary_after(text: &str, end: usize) -> bool {
    end >= text.len()
        || matches!(
            text.as_bytes()[end],
            b' ' | b'\t' | b'\n' | b'\r' | b'}' | b']' | b',' | b'"' | b'\''
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_yaml_keys() {
        let text =
            "a:\n  read: x\nschemes:\n  s:\n    scopes:\n      user:read: R\n      read: r\n";
        let l = Locator::new(text);
        assert_eq!(
            l.key_path(&["schemes", "s", "scopes", "read"]),
            Some(Location { line: 7, column: 7 })
        );
        assert_eq!(
            l.key_path(&["schemes", "s", "scopes", "user:read"]),
            Some(Location { line: 6, column: 7 })
        );
    }

    #[test]
    fn finds_json_keys_and_escaped_slashes() {
        let text = r#"{"s":{"scopes":{"https:\/\/x.io\/read":"R","b":""}}}"#;
        let l = Locator::new(text);
        assert_eq!(
            l.key_path(&["s", "scopes", "https://x.io/read"]),
            Some(Location {
                line: 1,
                column: 17
            })
        );
        assert_eq!(
            l.key_path(&["s", "scopes", "b"]),
            Some(Location {
                line: 1,
                column: 44
            })
        );
    }

    #[test]
    fn a_prefix_of_a_key_is_not_the_key() {
        let l = Locator::new("user:users:read: x\nuser:users: y\n");
        assert_eq!(
            l.key_path(&["user:users"]),
            Some(Location { line: 2, column: 1 })
        );
    }

    #[test]
    fn missing_child_reports_parent() {
        let l = Locator::new("x:\n  y: 1\n");
        assert_eq!(
            l.key_path(&["x", "nope"]),
            Some(Location { line: 1, column: 1 })
        );
    }
}
