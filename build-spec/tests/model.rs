//! The spec model of the project's fixture specs: what is read, in which order, and the
//! warnings real specs need.

use std::path::Path;

use build_spec::{Builder, FlowKind, SchemeKind, SpecVersion, Syntax};

fn load(name: &str) -> build_spec::Spec {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/specs")
        .join(name);
    Builder::new(path)
        .load()
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn scopes(spec: &build_spec::Spec) -> Vec<(&str, &str)> {
    spec.scopes
        .iter()
        .map(|s| (s.scope.as_str(), s.variant.as_str()))
        .collect()
}

#[test]
fn swagger2_flows_map_to_openapi3_kinds() {
    let spec = load("swagger2_flows.json");
    assert_eq!(spec.version, SpecVersion::Swagger2);
    assert_eq!(spec.syntax, Syntax::Json);
    let kinds: Vec<_> = spec
        .schemes
        .iter()
        .map(|s| match &s.kind {
            SchemeKind::OAuth2 { flows } => flows[0].kind.as_str().to_owned(),
            other => other.type_name().to_owned(),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "implicit",
            "password",
            "clientCredentials",
            "authorizationCode",
            "apiKey",
            "http"
        ]
    );
    assert_eq!(
        scopes(&spec),
        [
            ("things:read", "ThingsRead"),
            ("things:write", "ThingsWrite"),
            ("ADMIN", "Admin"),
            (
                "https://api.example.test/things.manage",
                "HttpsApiExampleTestThingsManage"
            ),
        ]
    );
    // `\/` in JSON strings is `/`.
    let SchemeKind::OAuth2 { flows } = &spec.schemes[0].kind else {
        panic!()
    };
    assert_eq!(
        flows[0].authorization_url.as_deref(),
        Some("https://auth.example.test/authorize")
    );
    assert!(spec.warnings.is_empty(), "{:?}", spec.warnings);
    assert_eq!(
        spec.scopes[0].declared_in,
        [
            ("implicit_auth".to_owned(), Some(FlowKind::Implicit)),
            ("password_auth".to_owned(), Some(FlowKind::Password))
        ]
    );
}

#[test]
fn the_union_keeps_first_appearance_and_first_description() {
    let spec = load("openapi30_many_schemes.yaml");
    assert_eq!(spec.version, SpecVersion::OpenApi30);
    let names: Vec<_> = spec.scopes.iter().map(|s| s.scope.as_str()).collect();
    assert_eq!(
        names,
        [
            "profile:read",
            "profile:write",
            "service:sync",
            "legacy:scope",
            "undeclared:one",
            "on-http-scheme"
        ]
    );
    assert_eq!(spec.scopes[0].description, "Read the profile");
    assert_eq!(spec.scopes[0].declared_in.len(), 3);
    let warnings: Vec<String> = spec
        .warnings
        .iter()
        .map(|w| w.to_string().rsplit_once(".yaml:").unwrap().1.to_owned())
        .collect();
    assert_eq!(
        warnings,
        [
            "27:13: warning: scope `profile:read` is described differently in oauth/clientCredentials: keeping the first description, \"Read the profile\"",
            "5:11: warning: scope `legacy:scope` is required by the top-level `security` (on the apiKey scheme `key`) but no flow declares it; added with an empty description",
            "10:19: warning: scope `undeclared:one` is required by paths `/a` get (on scheme `oauth`) but no flow declares it; added with an empty description",
            "11:20: warning: scope `on-http-scheme` is required by paths `/a` get (on the http scheme `bearer`) but no flow declares it; added with an empty description",
        ]
    );
    assert!(!spec.scopes[3].is_declared());
    assert_eq!(spec.scopes[3].description, "");
    let types: Vec<_> = spec.schemes.iter().map(|s| s.kind.type_name()).collect();
    assert_eq!(
        types,
        ["oauth2", "openIdConnect", "apiKey", "http", "mutualTLS"]
    );
    let SchemeKind::OAuth2 { flows } = &spec.schemes[0].kind else {
        panic!()
    };
    let flow_kinds: Vec<_> = flows.iter().map(|f| f.kind).collect();
    assert_eq!(
        flow_kinds,
        [
            FlowKind::AuthorizationCode,
            FlowKind::ClientCredentials,
            FlowKind::Password,
            FlowKind::Implicit
        ]
    );
    assert_eq!(
        spec.schemes[4].description.as_deref(),
        Some("Client certificates")
    );
}

#[test]
fn awkward_scope_strings_get_valid_names() {
    let spec = load("openapi31_awkward_names.yaml");
    assert_eq!(spec.version, SpecVersion::OpenApi31);
    assert_eq!(
        scopes(&spec),
        [
            ("none", "None"),
            ("default", "Default"),
            ("some", "Some"),
            ("self", "Self_"),
            ("2fa:enroll", "_2faEnroll"),
            ("*", "U2a"),
            ("manage_project:{projectKey}", "ManageProjectProjectKey"),
            (
                "https://www.googleapis.com/auth/gmail.readonly",
                "HttpsWwwGoogleapisComAuthGmailReadonly"
            ),
            ("PAYMENTS_READ", "PaymentsRead"),
            ("ok", "Ok"),
            ("a-b.c_d:e/f", "ABCDEF"),
        ]
    );
}

#[test]
fn descriptions_are_kept_verbatim_in_the_model() {
    let spec = load("descriptions_hostile.yaml");
    assert_eq!(
        spec.scopes[0].description,
        "First line\nsecond line\r\nthird after CRLF\rfourth after CR"
    );
    assert!(spec.scopes[1].description.contains("```rust"));
    assert_eq!(
        spec.scopes
            .iter()
            .find(|s| s.scope == "empty:desc")
            .unwrap()
            .description,
        ""
    );
    assert_eq!(
        spec.schemes[0].description.as_deref(),
        Some("Quotes \" backslash \\ braces {} and */ end-of-comment")
    );
}

#[test]
fn the_bundled_spec() {
    let spec = Builder::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec.yaml"))
        .load()
        .unwrap();
    assert_eq!(spec.version, SpecVersion::OpenApi31);
    assert_eq!(spec.scopes.len(), 21);
    assert!(spec.warnings.is_empty());
    assert_eq!(
        spec.scopes[15].location.map(|l| (l.line, l.column)),
        Some((45, 13))
    );
}
