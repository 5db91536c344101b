//! Every error a spec can have, with the message it must give: what is wrong, and where
//! (file, line, column, and the scheme, flow or scope concerned). All errors of a spec are
//! reported together.

use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/specs/errors")
        .join(name)
}

/// The error lines, with the fixture directory stripped so they read `name:line:col: ...`.
fn errors(builder: build_spec::Builder) -> Vec<String> {
    let err = builder.load().expect_err("the fixture must not load");
    let dir = format!(
        "{}/",
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/specs/errors")
            .display()
    );
    err.errors()
        .map(|d| d.to_string().replace(&dir, ""))
        .collect()
}

fn load_errors(name: &str) -> Vec<String> {
    errors(build_spec::Builder::new(fixture(name)))
}

#[test]
fn unreadable_file() {
    assert_eq!(
        load_errors("does-not-exist.yaml"),
        ["does-not-exist.yaml: error: cannot read the spec: no such file"]
    );
}

#[test]
fn yaml_syntax() {
    assert_eq!(
        load_errors("yaml_syntax.yaml"),
        ["yaml_syntax.yaml:6:6: error: invalid YAML: did not find expected key"]
    );
}

#[test]
fn json_syntax() {
    assert_eq!(
        load_errors("json_syntax.json"),
        ["json_syntax.json:3:38: error: invalid JSON: key must be a string"]
    );
}

#[test]
fn scheme_without_type() {
    assert_eq!(
        load_errors("scheme_without_type.yaml"),
        ["scheme_without_type.yaml:4:5: error: security scheme `oauth` has no `type`"]
    );
}

#[test]
fn flow_without_its_url_and_oidc_without_url() {
    assert_eq!(
        load_errors("flow_without_url.yaml"),
        [
            "flow_without_url.yaml:7:9: error: flow `authorizationCode` of scheme `oauth` has no `tokenUrl`, which it requires",
            "flow_without_url.yaml:10:9: error: flow `clientCredentials` of scheme `oauth` has no `tokenUrl`, which it requires",
            "flow_without_url.yaml:12:5: error: openIdConnect scheme `oidc` has no `openIdConnectUrl`",
        ]
    );
}

#[test]
fn scopes_outside_the_rfc_6749_grammar() {
    assert_eq!(
        load_errors("scope_grammar.yaml"),
        [
            "scope_grammar.yaml:11:13: error: scope \"read write\" is not a valid OAuth2 scope token: it contains a space (a claim separates scopes by spaces) (RFC 6749 §3.3); use the lenient option to skip such scopes",
            "scope_grammar.yaml:12:13: error: scope \"say\\\"hi\\\"\" is not a valid OAuth2 scope token: it contains a double quote (RFC 6749 §3.3); use the lenient option to skip such scopes",
            "scope_grammar.yaml:13:13: error: scope \"back\\\\slash\" is not a valid OAuth2 scope token: it contains a backslash (RFC 6749 §3.3); use the lenient option to skip such scopes",
            "scope_grammar.yaml:14:13: error: scope \"lecture:données\" is not a valid OAuth2 scope token: it contains 'é' (U+00E9), which is not printable ASCII (RFC 6749 §3.3); use the lenient option to skip such scopes",
        ]
    );
}

#[test]
fn lenient_skips_bad_scopes_with_warnings() {
    let spec = build_spec::Builder::new(fixture("scope_grammar.yaml"))
        .lenient(true)
        .load()
        .unwrap();
    assert_eq!(
        spec.scopes
            .iter()
            .map(|s| s.scope.as_str())
            .collect::<Vec<_>>(),
        ["read"]
    );
    assert_eq!(spec.warnings.len(), 4);
    assert!(spec.warnings[0].to_string().ends_with("scope_grammar.yaml:11:13: warning: skipping scope \"read write\": it contains a space (a claim separates scopes by spaces) (RFC 6749 §3.3)"), "{}", spec.warnings[0]);
    let SchemeKind::OAuth2 { flows } = &spec.schemes[0].kind else {
        panic!()
    };
    assert_eq!(
        flows[0].scopes.len(),
        1,
        "flows keep only the scopes that were kept"
    );
}

use build_spec::SchemeKind;

#[test]
fn naming_collisions_name_both_scopes_and_lines() {
    assert_eq!(
        load_errors("collision.yaml"),
        [
            "collision.yaml:11:13: error: scopes `user.read` (line 10) and `user:read` (line 11) both become the variant `UserRead`; give one another name with `Builder::rename(\"user:read\", \"...\")` (build-spec --rename user:read=NAME)",
            "collision.yaml:12:13: error: scopes `user.read` (line 10) and `user-read` (line 12) both become the variant `UserRead`; give one another name with `Builder::rename(\"user-read\", \"...\")` (build-spec --rename user-read=NAME)",
        ]
    );
    let spec = build_spec::Builder::new(fixture("collision.yaml"))
        .rename("user:read", "UserReadColon")
        .rename("user-read", "UserReadDash")
        .load()
        .unwrap();
    let names: Vec<_> = spec.scopes.iter().map(|s| s.variant.as_str()).collect();
    assert_eq!(names, ["UserRead", "UserReadColon", "UserReadDash"]);
}

#[test]
fn bad_renames_are_errors() {
    let e = errors(
        build_spec::Builder::new(fixture("collision.yaml"))
            .rename("nope", "Fine")
            .rename("user:read", "not valid"),
    );
    assert!(
        e.contains(
            &"collision.yaml: error: rename of scope `nope`: the spec has no such scope".to_owned()
        ),
        "{e:?}"
    );
    assert!(e.contains(&"collision.yaml: error: rename of scope `user:read`: \"not valid\" is not a valid variant name".to_owned()), "{e:?}");
}

#[test]
fn a_spec_without_scopes() {
    assert_eq!(
        load_errors("no_scopes.yaml"),
        [
            "no_scopes.yaml:3:3: error: the spec declares no OAuth2 scopes: no `oauth2` scheme has a flow with scopes, and no security requirement names one"
        ]
    );
}

#[test]
fn not_an_openapi_document() {
    let e = errors(build_spec::Builder::from_source("x.yaml", "title: hello\n"));
    assert_eq!(
        e,
        [
            "x.yaml:1:1: error: not an OpenAPI document: it has neither an `openapi` nor a `swagger` key"
        ]
    );
    let e = errors(build_spec::Builder::from_source(
        "x.yaml",
        "openapi: 4.0.0\n",
    ));
    assert_eq!(
        e,
        [
            "x.yaml:1:1: error: unsupported spec version \"4.0.0\": expected OpenAPI 3.x or Swagger 2.0"
        ]
    );
}

#[test]
fn every_error_is_reported_not_only_the_first() {
    let src = "openapi: 3.0.0\ncomponents:\n  securitySchemes:\n    a: {}\n    b:\n      type: oauth2\n      flows:\n        implicit:\n          scopes: {\"x y\": bad}\n    c:\n      type: openIdConnect\n";
    let e = errors(build_spec::Builder::from_source("many.yaml", src));
    assert_eq!(
        e,
        [
            "many.yaml:4:5: error: security scheme `a` has no `type`",
            "many.yaml:8:9: error: flow `implicit` of scheme `b` has no `authorizationUrl`, which it requires",
            "many.yaml:10:5: error: openIdConnect scheme `c` has no `openIdConnectUrl`",
        ]
    );
}

#[test]
fn the_error_display_lists_every_error() {
    let err = build_spec::Builder::new(fixture("flow_without_url.yaml"))
        .load()
        .unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("the spec has 3 errors:\n"), "{text}");
    assert_eq!(text.lines().count(), 4);
}
