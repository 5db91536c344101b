//! The one place that parses YAML. serde_yaml is deprecated upstream; a maintained fork with
//! the same serde interface replaces it here and nowhere else.

use serde::de::DeserializeOwned;

use crate::diagnostic::Location;
use crate::locate::Locator;

/// A syntax or shape error, with where the parser saw it.
pub(crate) struct ParseError {
    pub(crate) message: String,
    pub(crate) location: Option<Location>,
}

/// The deepest flow nesting (`[`, `{`) accepted: serde_yaml's own recursion limit, and
/// serde_json's.
pub(crate) const MAX_FLOW_DEPTH: usize = 128;

/// Deserializes a YAML document, in time and memory linear in its size.
///
/// serde_yaml bounds the recursion depth of what it builds (128) and the number of alias
/// jumps; two more bounds are needed for hostile input:
/// - libyaml's scanner walks its stack of flow levels for every token, so `[[[[...` costs
///   depth × tokens: 10,000 levels took 6 s (debug build), so a 1 MB line of `[` would take
///   about 10^4 times that, even inside a key that is skipped. Flow nesting deeper than
///   [`MAX_FLOW_DEPTH`] is rejected before parsing.
/// - what aliases expand to is capped by [`crate::raw::with_budget`].
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    if let Some(offset) = too_deep(text, MAX_FLOW_DEPTH) {
        return Err(ParseError {
            message: format!(
                "flow collections (`[`, `{{`) nest deeper than {MAX_FLOW_DEPTH} levels"
            ),
            location: Some(Locator::new(text).location(offset)),
        });
    }
    let limit = text.len().saturating_mul(2);
    crate::raw::with_budget(limit, || serde_yaml::from_str(text)).map_err(|e| {
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

/// The byte offset of the first flow indicator that opens level `limit + 1`, if any.
///
/// A lexical pass that follows YAML closely enough to count flow levels: `[`/`{` open one
/// where a node may start (after indentation, `- `, `? `, `: `, a property, or inside flow
/// after `[`, `{`, `,`), never inside quoted scalars, comments or block scalars (`|`, `>`),
/// and never in the middle of a plain scalar (`a[0]`, `it's`). It may miss a level that
/// libyaml would count only where the text is not valid YAML anyway.
fn too_deep(text: &str, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    // Where a node may start: at a line's first character, and after the indicators above.
    let mut node_start = true;
    // A block scalar's header was seen: skip the lines indented more than `block_indent`.
    let mut block_indent: Option<usize> = None;
    let mut line_indent = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            i += 1;
            // Measure the next line's indentation.
            let start = i;
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
            let indent = i - start;
            let blank = i >= bytes.len() || matches!(bytes[i], b'\n' | b'\r');
            if let Some(parent) = block_indent {
                if blank || indent > parent {
                    // A line of the block scalar: skip to its end.
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                block_indent = None;
            }
            line_indent = indent;
            if depth == 0 {
                node_start = true;
            }
            continue;
        }
        // A document marker is followed by a node on the same line (`--- [...]`).
        if (i == 0 || bytes[i - 1] == b'\n')
            && (bytes[i..].starts_with(b"---") || bytes[i..].starts_with(b"..."))
            && bytes
                .get(i + 3)
                .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        {
            i += 3;
            node_start = true;
            continue;
        }
        match b {
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'[' | b'{' if node_start || depth > 0 => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
                node_start = true;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                node_start = false;
            }
            b',' if depth > 0 => node_start = true,
            b'\'' | b'"' if node_start => {
                i = skip_quoted(bytes, i);
                node_start = false;
                continue;
            }
            b'-' | b'?' | b':'
                if (node_start || b == b':')
                    && bytes
                        .get(i + 1)
                        .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')) =>
            {
                node_start = true;
            }
            // In flow, `:` may follow a quoted key directly (`{"a":[1]}`).
            b':' if depth > 0 => node_start = true,
            b'|' | b'>' if node_start && depth == 0 => {
                block_indent = Some(line_indent);
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            // A property before the node: an anchor or a tag.
            b'&' | b'!' if node_start => {
                while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
                    if depth > 0 && matches!(bytes[i], b',' | b'[' | b']' | b'{' | b'}') {
                        break;
                    }
                    i += 1;
                }
                continue;
            }
            _ => {
                // A plain scalar (or an alias): in flow it ends at a flow indicator.
                while i < bytes.len() && !matches!(bytes[i], b'\n') {
                    let c = bytes[i];
                    if depth > 0 && matches!(c, b',' | b'[' | b']' | b'{' | b'}') {
                        break;
                    }
                    if c == b':'
                        && bytes
                            .get(i + 1)
                            .is_none_or(|n| matches!(n, b' ' | b'\t' | b'\n' | b'\r'))
                    {
                        break;
                    }
                    if depth > 0 && c == b':' {
                        break;
                    }
                    if c == b'#' && matches!(bytes[i - 1], b' ' | b'\t') {
                        break;
                    }
                    i += 1;
                }
                node_start = false;
                continue;
            }
        }
        i += 1;
    }
    None
}

/// The offset just after the quoted scalar that starts at `start`.
fn skip_quoted(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_limit_hit(text: &str, limit: usize) -> bool {
        too_deep(text, limit).is_some()
    }

    #[test]
    fn counts_flow_levels() {
        assert!(depth_limit_hit("a: [[[1]]]", 2));
        assert!(!depth_limit_hit("a: [[[1]]]", 3));
        assert!(depth_limit_hit("- {a: [{b: [c]}]}", 3));
        assert!(depth_limit_hit("{\"a\":[[1]]}", 2));
        assert!(depth_limit_hit("x: &a [[1]]", 1));
        assert!(depth_limit_hit("--- [[1]]", 1));
    }

    #[test]
    fn ignores_brackets_in_scalars_comments_and_block_scalars() {
        let text = "a: x[[[ 'it''s [[[' \"[[[\\\"[[\"\nb: it's [[[\n# [[[[\nc: |\n  [[[[\n  [[[\nd: 1 # [[[\n";
        assert!(!depth_limit_hit(text, 1));
        assert!(!depth_limit_hit("a: [x, 'z[[', \"]]\"]\n", 1));
        assert!(depth_limit_hit("c: |\n  [[\nd: [[x]]\n", 1));
    }
}
