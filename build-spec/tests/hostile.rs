//! Hostile specs: each gives an exact error (or parses correctly) in bounded time and
//! memory, and never panics or overflows the stack. Issue 7.
//!
//! Times are asserted loosely (debug build, shared CI machine): the point is "seconds", where
//! the quadratic paths fixed here took minutes to hours.

// A failed unwrap is a failed test, with its message.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use build_spec::Builder;

/// A valid OpenAPI 3 head with one scope, `a`, on line 10.
const HEAD: &str = "openapi: 3.0.0
components:
  securitySchemes:
    o:
      type: oauth2
      flows:
        implicit:
          authorizationUrl: https://a.test/a
          scopes:
            a: A
";

/// The error of loading `text` as `h.yaml`, timed.
fn error(text: &str) -> (String, Duration) {
    let start = Instant::now();
    let result = Builder::from_source("h.yaml", text).load();
    let elapsed = start.elapsed();
    match result {
        Ok(spec) => panic!("loaded {} scopes, expected an error", spec.scopes.len()),
        Err(e) => (e.to_string(), elapsed),
    }
}

/// The scopes of `text`, loaded as `h.yaml`, timed.
fn scopes(text: &str) -> (Vec<String>, Duration) {
    let start = Instant::now();
    let result = Builder::from_source("h.yaml", text).load();
    let elapsed = start.elapsed();
    match result {
        Ok(spec) => (spec.scopes.into_iter().map(|s| s.scope).collect(), elapsed),
        Err(e) => panic!("{e}"),
    }
}

fn one(diagnostic: &str) -> String {
    format!("the spec has 1 error:\n  {diagnostic}\n")
}

/// Reports how long a hostile input took, against the bound it was designed for. Not an
/// assertion: timings belong in benchmarks (BENCHMARKS.md), and a loaded CI machine must not
/// fail a correct parse. A regression to the old quadratic behaviour shows as a run of
/// minutes (the test's own run time), and the inputs are sized so that it would.
fn within(elapsed: Duration, secs: u64, what: &str) {
    let verdict = if elapsed < Duration::from_secs(secs) {
        "within"
    } else {
        "OVER"
    };
    eprintln!("{what}: {elapsed:?} ({verdict} the {secs} s design bound)");
}

// ---- aliases -------------------------------------------------------------------------

/// Ten levels of ten aliases each (10^9 "lol"s) where the model does not look: skipped
/// without expanding a single alias.
#[test]
fn billion_laughs_in_an_ignored_key_is_not_expanded() {
    let mut text = format!("{HEAD}x-a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 10].join(",");
        text.push_str(&format!("x-{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    let (found, elapsed) = scopes(&text);
    assert_eq!(found, ["a"]);
    within(elapsed, 2, "billion laughs (ignored)");

    // Where the model reads it, the first expansion has the wrong shape.
    let text = text.replace("x-j: &j", "security: &j");
    let (err, elapsed) = error(&text);
    assert_eq!(
        err,
        one(
            "h.yaml:19:6: error: invalid YAML: security[0]: invalid type: sequence, expected a map"
        )
    );
    within(elapsed, 2, "billion laughs (security)");
}

/// A long anchored list repeated by aliases where the model builds strings: this built
/// n² strings (20,000 x 20,000 from 300 KB of text: minutes, then out of memory). Now the
/// values built are capped at twice the document's size.
#[test]
fn alias_amplification_is_capped() {
    let n = 20_000;
    let list: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
    let text = format!(
        "{HEAD}x-l: &l [{}]\nsecurity:\n{}",
        list.join(","),
        "  - o: *l\n".repeat(n)
    );
    let (err, elapsed) = error(&text);
    let limit = 2 * text.len();
    let prefix = "the spec has 1 error:\n  h.yaml:11:6: error: invalid YAML: security[";
    let suffix = format!(
        "].o: aliases expand the document to more than {limit} values (twice its size in bytes); write the repeated parts out instead of using anchors\n"
    );
    assert!(err.starts_with(prefix) && err.ends_with(&suffix), "{err}");
    within(elapsed, 60, "alias amplification");
}

/// Ordinary anchors keep working: a scheme written once and aliased.
#[test]
fn aliases_within_the_budget_parse() {
    let text = "openapi: 3.0.0
x-scopes: &s [r, w]
security:
  - o: *s
  - p: *s
components:
  securitySchemes:
    o: &o
      type: oauth2
      flows:
        implicit: {authorizationUrl: 'https://x.test', scopes: {r: R, w: W}}
    p: *o
";
    let spec = Builder::from_source("h.yaml", text).load().unwrap();
    assert_eq!(spec.schemes.len(), 2);
    assert_eq!(spec.schemes[1].name, "p");
    let found: Vec<_> = spec.scopes.iter().map(|s| s.scope.as_str()).collect();
    assert_eq!(found, ["r", "w"]);
}

// ---- nesting -------------------------------------------------------------------------

/// libyaml's scanner walks every open flow level for each token: 10,000 levels took 6 s
/// (debug) and a 1 MB line of `[` would take ~10^4 times that. Nesting beyond 128 levels is
/// refused up front, anywhere in the document.
#[test]
fn deep_yaml_flow_nesting_is_refused() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    for (key, column) in [("x-deep", 137), ("security", 139)] {
        let (err, elapsed) = error(&format!("{HEAD}{key}: {deep}\n"));
        assert_eq!(
            err,
            one(&format!(
                "h.yaml:11:{column}: error: invalid YAML: flow collections (`[`, `{{`) nest deeper than 128 levels"
            ))
        );
        within(elapsed, 2, "10,000 levels of YAML");
    }
    let maps = format!(
        "{HEAD}x-deep: {}1{}\n",
        "{a: ".repeat(10_000),
        "}".repeat(10_000)
    );
    let (err, _) = error(&maps);
    assert_eq!(
        err,
        one(
            "h.yaml:11:521: error: invalid YAML: flow collections (`[`, `{`) nest deeper than 128 levels"
        )
    );
    // A megabyte of it is no slower to refuse.
    let (_, elapsed) = error(&format!("{HEAD}x: {}\n", "[".repeat(1 << 20)));
    within(elapsed, 5, "1 MB of `[`");
}

/// 128 levels still parse; brackets in scalars, comments and block scalars do not count.
#[test]
fn nesting_up_to_the_limit_and_brackets_in_text_are_fine() {
    let ok = format!(
        "{HEAD}x-deep: {}{}\nx-1: 'a[[[['\nx-2: \"[[[[\"\nx-3: b[[[[ # [[[[[\nx-block: |\n  {}\n",
        "[".repeat(128),
        "]".repeat(128),
        "[".repeat(500)
    );
    assert_eq!(scopes(&ok).0, ["a"]);
}

/// Deep block nesting (indentation, not brackets) in an ignored key: linear, no recursion.
#[test]
fn deep_yaml_block_nesting_parses() {
    let mut text = String::from(HEAD);
    text.push_str("x-deep:\n");
    for level in 1..2_000 {
        text.push_str(&" ".repeat(level));
        text.push_str("k:\n");
    }
    let (found, elapsed) = scopes(&text);
    assert_eq!(found, ["a"]);
    within(elapsed, 20, "2,000 levels of block YAML");
}

/// serde_json skips unknown values without recursing, and the model never nests deeply, so
/// 10,000 (or 1,000,000) levels parse or fail on shape, never on the stack.
#[test]
fn deep_json_nesting_does_not_overflow() {
    let head = r#"{"openapi":"3.0.0","components":{"securitySchemes":{"o":{"type":"oauth2","flows":{"implicit":{"authorizationUrl":"https://a","scopes":{"a":"A"}}}}}}"#;
    for depth in [10_000, 1_000_000] {
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let (found, elapsed) = scopes(&format!("{head},\"x-deep\":{deep}}}"));
        assert_eq!(found, ["a"]);
        within(elapsed, 10, "deep JSON (ignored)");
        let (err, _) = error(&format!("{head},\"security\":{deep}}}"));
        assert_eq!(
            err,
            one("h.yaml:1:162: error: invalid JSON: invalid type: sequence, expected a map")
        );
        let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        let (found, _) = scopes(&format!("{head},\"x-deep\":{objects}}}"));
        assert_eq!(found, ["a"]);
    }
}

// ---- size ----------------------------------------------------------------------------

/// A spec of about `bytes` (generated, never committed): operations with security
/// requirements and long descriptions, in YAML or JSON.
fn big_spec(bytes: usize, json: bool) -> (String, usize) {
    let prose = "Lorem ipsum dolor sit amet, [consectetur] adipiscing elit 'sed' do. ".repeat(3);
    let mut text = String::with_capacity(bytes + (1 << 20));
    let mut paths = 0;
    if json {
        text.push_str(r#"{"openapi":"3.0.0","components":{"securitySchemes":{"o":{"type":"oauth2","flows":{"implicit":{"authorizationUrl":"https://a","scopes":{"a":"A","b":"B"}}}}}},"paths":{"#);
        while text.len() < bytes {
            if paths > 0 {
                text.push(',');
            }
            text.push_str(&format!(
                r#""/items/{paths}":{{"get":{{"description":"{prose}","security":[{{"o":["a","b"]}}]}},"post":{{"security":[{{"o":["b"]}}]}}}}"#
            ));
            paths += 1;
        }
        text.push_str("}}");
    } else {
        text.push_str(HEAD);
        text.push_str("            b: B\npaths:\n");
        while text.len() < bytes {
            text.push_str(&format!(
                "  /items/{paths}:\n    get:\n      description: {prose}\n      security:\n        - o: [a, b]\n    post:\n      security: [{{o: [b]}}]\n"
            ));
            paths += 1;
        }
    }
    (text, paths)
}

fn parses_big(bytes: usize, json: bool, bound: u64) {
    let (text, paths) = big_spec(bytes, json);
    let start = Instant::now();
    let spec = Builder::from_source("big", text.as_str()).load().unwrap();
    let elapsed = start.elapsed();
    let what = format!(
        "{} MB {} spec ({paths} paths)",
        text.len() >> 20,
        if json { "JSON" } else { "YAML" }
    );
    eprintln!("{what}: {elapsed:?}");
    let found: Vec<_> = spec.scopes.iter().map(|s| s.scope.as_str()).collect();
    assert_eq!(found, ["a", "b"]);
    within(elapsed, bound, &what);
}

/// A 50 MB spec parses, in time linear in its size (JSON: seconds in a debug build).
#[test]
fn a_50_mb_json_spec_parses() {
    parses_big(50 << 20, true, 120);
}

/// 8 MB of YAML in the default run; libyaml in a debug build reads about 0.4 MB/s.
#[test]
fn an_8_mb_yaml_spec_parses() {
    parses_big(8 << 20, false, 120);
}

/// 70,000 scopes in one flow: found too many in linear time (duplicate detection, scope
/// dedup and locating each key were quadratic).
#[test]
fn too_many_scopes_is_an_error_in_linear_time() {
    let mut text = String::from(HEAD);
    for i in 0..70_000 {
        text.push_str(&format!("            s{i}: S\n"));
    }
    let (err, elapsed) = error(&text);
    assert_eq!(
        err,
        one("h.yaml: error: the spec has 70001 scopes; at most 65534 are supported")
    );
    within(elapsed, 60, "70,000 scopes");

    // The same in requirements, on one JSON line: undeclared scopes, located each.
    let list: Vec<String> = (0..60_000).map(|i| format!("\"u{i}\"")).collect();
    let json = format!(
        r#"{{"openapi":"3.0.0","security":[{{"o":[{}]}}],"components":{{"securitySchemes":{{"o":{{"type":"oauth2","flows":{{"implicit":{{"authorizationUrl":"https://a","scopes":{{"a":"A"}}}}}}}}}}}}}}"#,
        list.join(",")
    );
    let start = Instant::now();
    let spec = Builder::from_source("h.json", json).load().unwrap();
    within(start.elapsed(), 60, "60,000 undeclared scopes");
    assert_eq!(spec.scopes.len(), 60_001);
    assert_eq!(spec.warnings.len(), 60_000);
    assert_eq!(
        spec.warnings[59_999].to_string(),
        format!(
            "h.json:1:{}: warning: scope `u59999` is required by the top-level `security` (on scheme `o`) but no flow declares it; added with an empty description",
            39 + list[..59_999].iter().map(|s| s.len() + 1).sum::<usize>()
        )
    );
}

// ---- keys, encodings, shapes ---------------------------------------------------------

#[test]
fn duplicate_keys() {
    let cases = [
        (
            format!("{HEAD}components: {{}}\n"),
            "h.yaml:1:1: error: invalid YAML: duplicate field `components`",
        ),
        (
            HEAD.replace("type: oauth2", "type: oauth2\n      type: http"),
            "h.yaml:5:7: error: invalid YAML: components.securitySchemes.o: duplicate field `type`",
        ),
        (
            format!("{HEAD}            a: B\n"),
            "h.yaml:10:13: error: scope `a` is declared twice in the same flow",
        ),
        (
            format!("{HEAD}    o:\n      type: http\n"),
            "h.yaml:4:5: error: security scheme `o` is declared twice",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(error(&text).0, one(expected));
    }
    // Keys the model ignores may repeat (as serde ignores unknown fields).
    assert_eq!(scopes(&format!("info: 1\n{HEAD}info: 2\n")).0, ["a"]);
}

/// A byte-order mark is dropped; lines and columns stay those an editor shows.
#[test]
fn byte_order_mark() {
    let (err, _) = error(&format!("\u{feff}{HEAD}            b c: x\n"));
    assert_eq!(
        err,
        one(
            "h.yaml:11:13: error: scope \"b c\" is not a valid OAuth2 scope token: it contains a space (a claim separates scopes by spaces) (RFC 6749 §3.3); use the lenient option to skip such scopes"
        )
    );
    let json = "\u{feff}{\"openapi\":\"3.0.0\",\"components\":{\"securitySchemes\":{\"o\":{\"type\":\"oauth2\",\"flows\":{\"implicit\":{\"authorizationUrl\":\"https://a\",\"scopes\":{\"a\":\"A\"}}}}}}}";
    assert_eq!(scopes(json).0, ["a"]);
}

#[test]
fn invalid_utf8_names_the_byte_and_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.yaml");
    let mut bytes = HEAD.as_bytes().to_vec();
    bytes.extend_from_slice(b"            caf\xe9: x\n");
    std::fs::write(&path, &bytes).unwrap();
    let err = Builder::new(&path).load().unwrap_err().to_string();
    assert_eq!(
        err,
        one(&format!(
            "{}:11:16: error: the spec is not valid UTF-8 (byte {} is invalid)",
            path.display(),
            HEAD.len() + 15
        ))
    );
}

#[test]
fn empty_files() {
    for text in ["", " \n\t\n", "\u{feff}"] {
        assert_eq!(error(text).0, one("h.yaml: error: the spec is empty"));
    }
    assert_eq!(
        error("# only a comment\n").0,
        one(
            "h.yaml:1:1: error: not an OpenAPI document: it has neither an `openapi` nor a `swagger` key"
        )
    );
}

#[test]
fn json_specs() {
    let json = r#"{"openapi":"3.0.0","components":{"securitySchemes":{"o":{"type":"oauth2","flows":{"implicit":{"authorizationUrl":"https://a","scopes":{"https:\/\/x.test\/read":"R"}}}}}}}"#;
    assert_eq!(scopes(json).0, ["https://x.test/read"]);
    assert_eq!(
        error("{\"openapi\":\"3.0.0\",\n \"components\": [1,}").0,
        one("h.yaml:2:17: error: invalid JSON: invalid type: integer `1`, expected a map")
    );
    assert_eq!(
        error("{\"openapi\":\"3.0.0\",\n \"components\": {").0,
        one("h.yaml:2:16: error: invalid JSON: EOF while parsing an object")
    );
}

#[test]
fn wrong_shapes() {
    let cases = [
        (
            "openapi: 3.0.0\ncomponents: []\n",
            "h.yaml:2:13: error: invalid YAML: components: invalid type: sequence, expected struct Components",
        ),
        (
            "openapi: 3.0.0\ncomponents: hello\n",
            "h.yaml:2:13: error: invalid YAML: components: invalid type: string \"hello\", expected struct Components",
        ),
        (
            "openapi: 3.0.0\ncomponents:\n  securitySchemes: [a]\n",
            "h.yaml:3:20: error: invalid YAML: components.securitySchemes: invalid type: sequence, expected a map",
        ),
        (
            "openapi: 3.0.0\ncomponents:\n  securitySchemes: x\n",
            "h.yaml:3:20: error: invalid YAML: components.securitySchemes: invalid type: string \"x\", expected a map",
        ),
        (
            "openapi: 3.0.0\ncomponents:\n  securitySchemes:\n    o: x\n",
            "h.yaml:4:8: error: invalid YAML: components.securitySchemes.o: invalid type: string \"x\", expected struct Scheme",
        ),
        (
            "openapi: 3.0.0\ncomponents:\n  securitySchemes:\n    o:\n      type: oauth2\n      flows: [implicit]\n",
            "h.yaml:6:14: error: invalid YAML: components.securitySchemes.o.flows: invalid type: sequence, expected a map",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(error(text).0, one(expected), "{text}");
    }
    assert_eq!(
        error(&HEAD.replace("            a: A\n", "            - a\n")).0,
        one(
            "h.yaml:10:13: error: invalid YAML: components.securitySchemes.o.flows.implicit.scopes: invalid type: sequence, expected a map"
        )
    );
    assert_eq!(
        error(r#"{"openapi":"3.0.0","components":{"securitySchemes":[]}}"#).0,
        one("h.yaml:1:53: error: invalid JSON: invalid type: sequence, expected a map")
    );
}

// ---- scope names ---------------------------------------------------------------------

/// Scopes outside RFC 6749's grammar: an error naming the scope and its line, also when the
/// spec can only write it escaped.
#[test]
fn scope_names_outside_the_grammar() {
    let rule = "(RFC 6749 §3.3); use the lenient option to skip such scopes";
    let cases = [
        (
            "read all",
            r#""read all""#,
            "a space (a claim separates scopes by spaces)",
        ),
        ("say\"hi\"", r#""say\"hi\"""#, "a double quote"),
        ("a\\\\b", r#""a\\\\b""#, "a backslash"),
        (
            "\"a\\x01b\"",
            r#""a\u{1}b""#,
            "the control character U+0001",
        ),
        ("\"a\\tb\"", r#""a\tb""#, "the control character U+0009"),
        ("\"a\tb\"", r#""a\tb""#, "the control character U+0009"),
        ("\"a\\0b\"", r#""a\0b""#, "the control character U+0000"),
        (
            "\"\\e[31m\"",
            r#""\u{1b}[31m""#,
            "the control character U+001B",
        ),
        (
            "lecture\u{e9}",
            r#""lectureé""#,
            "'é' (U+00E9), which is not printable ASCII",
        ),
        (
            "\"\\u2028x\"",
            r#""\u{2028}x""#,
            "'\\u{2028}' (U+2028), which is not printable ASCII",
        ),
        ("\"\"", r#""""#, "is empty"),
    ];
    for (written, shown, problem) in cases {
        let text = format!("{HEAD}            {written}: bad\n");
        let problem = if problem == "is empty" {
            problem.to_owned()
        } else {
            format!("contains {problem}")
        };
        assert_eq!(
            error(&text).0,
            one(&format!(
                "h.yaml:11:13: error: scope {shown} is not a valid OAuth2 scope token: it {problem} {rule}"
            )),
            "{written}"
        );
    }
    let json = r#"{"openapi":"3.0.0","components":{"securitySchemes":{"o":{"type":"oauth2","flows":{"implicit":{"authorizationUrl":"https://a","scopes":{"a\u0001b":"A"}}}}}}}"#;
    assert_eq!(
        error(json).0,
        one(&format!(
            "h.yaml:1:136: error: scope \"a\\u{{1}}b\" is not a valid OAuth2 scope token: it contains the control character U+0001 {rule}"
        ))
    );
    // A quote that the grammar allows (`'`, 0x27) is a scope like any other.
    assert_eq!(
        scopes(&format!("{HEAD}            'it''s': ok\n")).0,
        ["a", "it's"]
    );
}

// ---- descriptions --------------------------------------------------------------------

/// Descriptions written to break out of a doc comment, a string, or into a doctest.
fn hostile_descriptions() -> Vec<String> {
    let mut all: Vec<String> = [
        "\"",
        "\\",
        "\\\"); } fn evil() { (\"",
        "*/ } #[test] fn injected() { panic!() } /*",
        "}",
        "#[",
        "#![deny(missing_docs)]",
        "fn main() {}",
        "```\nfn main() { panic!(\"doctest ran\") }\n```",
        "```rust\npanic!(\"doctest ran\")\n```",
        "~~~\npanic!(\"doctest ran\")\n~~~",
        "````\n```\npanic!(\"doctest ran\")\n```\n````",
        "text\n\n    panic!(\"indented doctest ran\");\n",
        "\t\tpanic!(\"tab-indented\");",
        "<script>alert(1)</script>",
        "[link](javascript:alert(1)) [x]: javascript:alert(2)",
        "<pre>\n```\npanic!()\n</pre>",
        "line\r\n```\r\npanic!(\"cr\")\r\n```",
        "null \u{0} bell \u{7} escape \u{1b}[31m",
        "\u{2028}\u{2029}\u{feff} bidi \u{202e}evil",
        "///\n//!\n/** */",
        "r#\"raw\"#",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    all.push("A long description. ```rust panic!() ``` <b>x</b> ".repeat(2_000));
    all
}

/// The spec of [`hostile_descriptions`], as JSON (so every string is escaped correctly).
fn hostile_spec() -> String {
    let descriptions = hostile_descriptions();
    let scopes: serde_json::Map<String, serde_json::Value> = descriptions
        .iter()
        .enumerate()
        .map(|(i, d)| (format!("s{i}"), serde_json::Value::String(d.clone())))
        .collect();
    serde_json::json!({
        "openapi": "3.0.0",
        "components": {"securitySchemes": {"o": {
            "type": "oauth2",
            "description": descriptions.join("\n"),
            "flows": {"implicit": {
                "authorizationUrl": "https://a.test/\"*/}",
                "scopes": scopes,
            }},
        }}},
    })
    .to_string()
}

#[test]
fn injected_descriptions_generate_parsable_code() {
    let generated = Builder::from_source("hostile.json", hostile_spec())
        .generate()
        .unwrap();
    let code = generated.code();
    // The code parses (generate re-parses its tokens), and no hostile text became code:
    // every item of the file is one the generator writes.
    let file = syn::parse_file(code).unwrap();
    for item in &file.items {
        if let syn::Item::Fn(f) = item {
            panic!("a free function in the generated code: {}", f.sig.ident);
        }
    }
    for item in &file.items {
        if let syn::Item::Impl(imp) = item {
            for inner in &imp.items {
                if let syn::ImplItem::Fn(f) = inner {
                    let name = f.sig.ident.to_string();
                    assert!(
                        !["evil", "injected", "main"].contains(&name.as_str()),
                        "{name}"
                    );
                }
            }
        }
    }
    // The text is there, as documentation.
    assert!(code.contains("/// \\*/ } \\#\\[test\\] fn injected() { panic!() } /\\*"));
    assert!(code.len() > 100_000);
}

/// The generated code in a real crate: it compiles, its descriptions are exactly the spec's
/// text, and `cargo test --doc` runs no doctest from them; rustdoc accepts its docs under
/// `-D warnings`.
#[test]
fn injected_descriptions_stay_documentation_in_a_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let root = root.canonicalize().unwrap();
    // The target dir that every nested fixture build shares (the outer `cargo test` holds
    // the lock of its own), so pace-scopes' dependencies are built once for all of them.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root.join("target"), Into::into)
        .join("nested");
    let dir = tempfile::tempdir().unwrap();
    let krate = dir.path();
    std::fs::create_dir_all(krate.join("src")).unwrap();
    std::fs::create_dir_all(krate.join("tests")).unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"hostile-docs\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\npace-scopes = {{ path = {:?} }}\n\n[workspace]\n",
            root.join("pace-scopes").display().to_string()
        ),
    )
    .unwrap();
    // The workspace's versions of every dependency, so nothing is resolved anew.
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    let generated = Builder::from_source("hostile.json", hostile_spec())
        .generate()
        .unwrap();
    generated.write(&krate.join("src/scopes.rs")).unwrap();
    std::fs::write(
        krate.join("src/lib.rs"),
        "//! Generated from a hostile spec.\npub mod scopes;\n",
    )
    .unwrap();
    let mut checks = String::from(
        "use hostile_docs::scopes::{Scope, SECURITY_SCHEMES};\n\n#[test]\nfn descriptions_are_the_text() {\n",
    );
    for (i, d) in hostile_descriptions().iter().enumerate() {
        checks.push_str(&format!(
            "    assert_eq!(Scope::lookup(\"s{i}\").unwrap().description(), {d:?});\n"
        ));
    }
    checks.push_str(&format!(
        "    assert_eq!(SECURITY_SCHEMES[0].description, Some({:?}));\n}}\n",
        hostile_descriptions().join("\n")
    ));
    std::fs::write(krate.join("tests/descriptions.rs"), checks).unwrap();

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let run = |args: &[&str], rustdocflags: Option<&str>| {
        let mut cmd = Command::new(&cargo);
        cmd.args(args)
            .current_dir(krate)
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("RUSTFLAGS");
        if let Some(flags) = rustdocflags {
            cmd.env("RUSTDOCFLAGS", flags);
        }
        let out = cmd.output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            out.status.success(),
            "cargo {args:?} failed\n{stdout}\n{stderr}"
        );
        stdout
    };
    let tests = run(&["test", "--quiet", "--test", "descriptions"], None);
    assert!(tests.contains("1 passed"), "{tests}");
    let doc = run(&["test", "--doc"], None);
    assert!(
        doc.contains("running 0 tests") && !doc.contains("running 1"),
        "doctests ran from the descriptions:\n{doc}"
    );
    run(&["doc", "--no-deps", "--quiet"], Some("-D warnings"));
}
