//! Where things are in the spec text.
//!
//! serde gives positions for syntax and shape errors only. For the problems found after
//! parsing (a bad scope, a missing URL, a name collision) this finds the key in the text by
//! walking its path: each key is searched after the previous one, which holds for block and
//! flow YAML and for JSON, where a child always follows its parent.

use std::cell::{Cell, OnceCell};

use crate::diagnostic::Location;

/// Bytes between two checkpoints of the character count (for columns on long lines).
const CHECKPOINT: usize = 4096;

/// Positions in one spec text.
///
/// Every query costs at most a bounded share of the text: line numbers come from an index of
/// line starts, columns from character counts checkpointed every 4 KiB, and the text scanned
/// by key and token searches is drawn from a budget proportional to the text's size. A
/// hostile spec (100,000 scopes on one 50 MB line, keys that never appear literally) used to
/// cost one full scan per scope; once the budget is spent, searches find nothing and the
/// remaining problems are reported without a line.
pub(crate) struct Locator<'a> {
    text: &'a str,
    /// Offsets where lines start, built on first use.
    lines: OnceCell<Vec<usize>>,
    /// `chars[k]`: the characters in `text[..k * CHECKPOINT]`, built on first use.
    chars: OnceCell<Vec<usize>>,
    /// Bytes that searches may still scan.
    work: Cell<usize>,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Locator {
            text,
            lines: OnceCell::new(),
            chars: OnceCell::new(),
            work: Cell::new(text.len().saturating_mul(64).saturating_add(1 << 24)),
        }
    }

    /// The location of byte `offset`.
    pub(crate) fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let lines = self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = lines.partition_point(|&start| start <= offset);
        let line_start = lines[line.saturating_sub(1)];
        // Lines are short but for minified JSON: count them directly, long ones from the
        // checkpoints.
        let column = match self.text.get(line_start..offset) {
            Some(line) if line.len() <= 2 * CHECKPOINT => line.chars().count() + 1,
            _ => self.chars_before(offset) - self.chars_before(line_start) + 1,
        };
        Location { line, column }
    }

    /// The number of characters in `text[..offset]`.
    fn chars_before(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let is_char_start = |b: &u8| (*b as i8) >= -0x40;
        let chars = self.chars.get_or_init(|| {
            let mut out = vec![0];
            let mut n = 0;
            for chunk in bytes.chunks(CHECKPOINT) {
                n += chunk.iter().filter(|b| is_char_start(b)).count();
                out.push(n);
            }
            out
        });
        let k = offset / CHECKPOINT;
        chars[k]
            + bytes[k * CHECKPOINT..offset]
                .iter()
                .filter(|b| is_char_start(b))
                .count()
    }

    /// Takes `bytes` of search work from the budget; false once it is spent.
    fn spend(&self, bytes: usize) -> bool {
        let left = self.work.get();
        self.work.set(left.saturating_sub(bytes));
        left > 0
    }

    /// `needle` in the text at or after `from`, charged to the budget.
    fn find(&self, needle: &str, from: usize) -> Option<usize> {
        if self.work.get() == 0 {
            return None;
        }
        let rest = self.text.get(from..)?;
        match rest.find(needle) {
            Some(i) => {
                self.spend(i + needle.len());
                Some(from + i)
            }
            None => {
                self.spend(rest.len());
                None
            }
        }
    }

    /// The location of the last key of `path`, each key searched after the one before.
    /// Stops at the deepest key found, so a missing child reports its parent.
    pub(crate) fn key_path(&self, path: &[&str]) -> Option<Location> {
        self.key_path_offset(path).map(|at| self.location(at))
    }

    /// [`key_path`](Self::key_path) as a byte offset.
    pub(crate) fn key_path_offset(&self, path: &[&str]) -> Option<usize> {
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
        found
    }

    /// The offset of `key` used as a mapping key at or after `from`: for the keys of one
    /// map, searched one after another from the previous one's offset.
    pub(crate) fn key_after(&self, key: &str, from: usize) -> Option<usize> {
        self.find_key(key, from)
    }

    /// The first occurrence of `token` as a whole value (a list item or quoted string) at
    /// or after `from`, else before it.
    pub(crate) fn token_near(&self, token: &str, from: usize) -> Option<usize> {
        self.token_from(token, from)
            .or_else(|| self.token_from(token, 0).filter(|&at| at < from))
    }

    fn token_from(&self, token: &str, mut from: usize) -> Option<usize> {
        if token.is_empty() {
            return None;
        }
        while let Some(at) = self.find(token, from) {
            let end = at + token.len();
            if boundary_before(self.text, at) && boundary_after(self.text, end) {
                return Some(at);
            }
            from = at + 1;
            while !self.text.is_char_boundary(from) {
                from += 1;
            }
        }
        None
    }

    /// The byte offset of `key` used as a mapping key at or after `from`.
    fn find_key(&self, key: &str, from: usize) -> Option<usize> {
        if key.is_empty() {
            // Only a quoted key is empty.
            return ["\"\"", "''"]
                .iter()
                .filter_map(|k| self.find_key_text(k, from))
                .min();
        }
        let mut candidates = vec![key.to_owned()];
        for escaped in [
            key.replace('/', "\\/"),
            json_escaped(key, false),
            json_escaped(key, true),
            yaml_escaped(key),
        ] {
            if !candidates.contains(&escaped) {
                candidates.push(escaped);
            }
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
        while let Some(at) = self.find(key, search) {
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
            while !self.text.is_char_boundary(search) {
                search += 1;
            }
        }
        None
    }
}

/// `key` as JSON writers write it inside a string: as serde_json (and JavaScript's
/// `JSON.stringify`) does, `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, other characters
/// below U+0020 as `\u001f`, the rest as is; with `ascii_only`, as Python's `json.dumps` does
/// by default, also DEL and every character past ASCII as `\u00e9` (past U+FFFF as a
/// surrogate pair).
fn json_escaped(key: &str, ascii_only: bool) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' || (ascii_only && !(' '..'\u{7f}').contains(&c)) => {
                let mut units = [0; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// `key` as a double-quoted YAML scalar writes it: `\0`, `\t`, `\x01`, `\u2028`.
fn yaml_escaped(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{1b}' => out.push_str("\\e"),
            c if (c as u32) < 0x100 && c.is_control() => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
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
    fn finds_escaped_keys() {
        let l = Locator::new("s:\n  \"a\\x01b\": x\n  \"c\\\"d\": y\n");
        assert_eq!(
            l.key_path(&["s", "a\u{1}b"]),
            Some(Location { line: 2, column: 3 })
        );
        assert_eq!(
            l.key_path(&["s", "c\"d"]),
            Some(Location { line: 3, column: 3 })
        );
        let l = Locator::new(r#"{"s":{"a\u0001b":1}}"#);
        assert_eq!(
            l.key_path(&["s", "a\u{1}b"]),
            Some(Location { line: 1, column: 7 })
        );
    }

    #[test]
    fn finds_keys_as_json_writers_escape_them() {
        let keys = [
            "a\u{8}b",
            "c\u{c}d\u{1f}",
            "caf\u{e9}:read",
            "\u{1f600}\u{7f}",
        ];
        // serde_json's own escaping, one key per line.
        let text = keys
            .iter()
            .map(|k| serde_json::to_string(k).map(|k| format!("{k}: 1")))
            .collect::<Result<Vec<_>, _>>()
            .map(|lines| lines.join("\n"))
            .unwrap_or_default();
        let l = Locator::new(&text);
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(
                l.key_path(&[key]),
                Some(Location {
                    line: i + 1,
                    column: 1
                }),
                "{key:?} in {text}"
            );
        }
        // Python's `json.dumps` (ASCII only), as it writes these keys.
        let text = r#"{"a\b": 1,
"caf\u00e9:read": 2,
"\ud83d\ude00\u007f": 3}"#;
        let l = Locator::new(text);
        for (key, line) in [("a\u{8}", 1), ("caf\u{e9}:read", 2), ("\u{1f600}\u{7f}", 3)] {
            let column = if line == 1 { 2 } else { 1 };
            assert_eq!(
                l.key_path(&[key]),
                Some(Location { line, column }),
                "{key:?}"
            );
        }
    }

    #[test]
    fn columns_count_characters_on_long_lines() {
        let text = format!(
            "{}\n{}é{}x",
            "a".repeat(5000),
            "é".repeat(3000),
            "b".repeat(9000)
        );
        let l = Locator::new(&text);
        let x = text.len() - 1;
        assert_eq!(
            l.location(x),
            Location {
                line: 2,
                column: 12002
            }
        );
        assert_eq!(l.location(0), Location { line: 1, column: 1 });
        assert_eq!(l.location(5001), Location { line: 2, column: 1 });
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
