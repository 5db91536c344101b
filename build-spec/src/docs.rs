//! Spec prose as rustdoc that stays prose.
//!
//! Descriptions come from a file anyone may edit. Rendered as markdown they could become
//! doctests (code fences, indented blocks), HTML, or links that rustdoc rejects under
//! `-D warnings`. Each line is made inert: fences become ```` ```text ````, indentation is
//! dropped, `<`, `>`, `&`, `[`, `]` are escaped, and bare URLs become autolinks.

/// The doc lines for a description.
pub(crate) fn description_lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = inert_chars(&text);
    let mut out = Vec::new();
    let mut fence: Option<String> = None;
    for raw in text.lines() {
        let line = raw.trim_start();
        let marker: String = line.chars().take_while(|&c| c == '`' || c == '~').collect();
        let is_fence = marker.len() >= 3
            && (marker.chars().all(|c| c == '`') || marker.chars().all(|c| c == '~'));
        match &fence {
            Some(open) => {
                if is_fence
                    && marker.starts_with(open.as_str())
                    && line[marker.len()..].trim().is_empty()
                {
                    fence = None;
                    out.push(" ```".to_owned());
                } else {
                    // Inside a text block nothing is interpreted, but a line that looks like
                    // a closing fence would end it early.
                    out.push(format!(" {}", raw.replace("```", "` ` `")));
                }
            }
            None if is_fence => {
                fence = Some(marker.clone());
                out.push(" ```text".to_owned());
            }
            None => out.push(format!(" {}", escape_prose(line))),
        }
    }
    if fence.is_some() {
        out.push(" ```".to_owned());
    }
    // Trailing blank lines add nothing.
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out
}

/// Replaces the characters that make a doc comment fail to compile or read differently than
/// it is: control characters (but tabs and line ends) and the bidirectional overrides that
/// rustc rejects in comments (`text_direction_codepoint_in_comment`, deny by default: a
/// description holding U+202E broke the build of the generated crate). In code blocks too.
fn inert_chars(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => {
                '\u{fffd}'
            }
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// Escapes one line of prose.
fn escape_prose(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        let url_at = ["https://", "http://"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let (text, tail) = match url_at {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        escape_text(text, &mut out);
        if tail.is_empty() {
            break;
        }
        let end = tail
            .find(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '<' | '>'
                            | '"'
                            | '`'
                            | '['
                            | ']'
                            | '('
                            | ')'
                            | '{'
                            | '}'
                            | '|'
                            | '\\'
                            | '^'
                    )
            })
            .unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
        if url.len() > "https://".len() {
            out.push('<');
            out.push_str(url);
            out.push('>');
        } else {
            escape_text(url, &mut out);
        }
        rest = &tail[url.len()..];
    }
    out
}

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '\\' => out.push_str("\\\\"),
            '`' => out.push_str("\\`"),
            '*' => out.push_str("\\*"),
            '_' => out.push_str("\\_"),
            '#' => out.push_str("\\#"),
            '|' => out.push_str("\\|"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

/// `text` in code font, fenced with enough backticks for any it contains.
pub(crate) fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    if longest > 0 || text.starts_with('`') || text.ends_with('`') {
        format!("{ticks} {text} {ticks}")
    } else {
        format!("{ticks}{text}{ticks}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_become_text_blocks() {
        let lines = description_lines("Run:\n```rust\nfn main() {}\n```\ndone");
        assert_eq!(
            lines,
            [" Run:", " ```text", " fn main() {}", " ```", " done"]
        );
    }

    #[test]
    fn unclosed_fence_is_closed() {
        let lines = description_lines("~~~\ncode");
        assert_eq!(lines, [" ```text", " code", " ```"]);
    }

    #[test]
    fn indentation_cannot_make_a_code_block() {
        assert_eq!(
            description_lines("a\n\n    fn main() {}"),
            [" a", " ", " fn main() {}"]
        );
    }

    #[test]
    fn html_links_and_urls_are_inert() {
        assert_eq!(
            description_lines(
                "<script>x</script> [link](javascript:alert(1)) see https://example.com/a."
            ),
            [
                " &lt;script&gt;x&lt;/script&gt; \\[link\\](javascript:alert(1)) see <https://example.com/a>."
            ]
        );
    }

    #[test]
    fn bidi_overrides_and_controls_are_replaced() {
        assert_eq!(
            description_lines("a\u{202e}b\u{0}c\n```\nx\u{2066}\u{1b}y\n```"),
            [" a\u{fffd}b c", " ```text", " x\u{fffd} y", " ```"]
        );
    }

    #[test]
    fn carriage_returns_split_lines() {
        assert_eq!(description_lines("a\r\nb\rc"), [" a", " b", " c"]);
    }

    #[test]
    fn code_handles_backticks() {
        assert_eq!(code("user:read"), "`user:read`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
