//! The typed model of a spec's security schemes, built from the raw document with every
//! problem collected.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Error, Location};
use crate::locate::Locator;
use crate::raw;

/// Which kind of document the spec is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpecVersion {
    /// Swagger 2.0 (`securityDefinitions`).
    Swagger2,
    /// OpenAPI 3.0.x.
    OpenApi30,
    /// OpenAPI 3.1.x (or later 3.x).
    OpenApi31,
}

/// The syntax the spec is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// YAML (parsed by the `yaml` module).
    Yaml,
    /// JSON.
    Json,
}

/// The security schemes and scopes of one spec.
///
/// ```
/// let spec = build_spec::Builder::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec.yaml"))
///     .load()
///     .unwrap();
/// assert_eq!(spec.scopes.len(), 21);
/// assert_eq!(spec.scopes[15].scope, "user:users:read");
/// assert_eq!(spec.scopes[15].variant, "UserUsersRead");
/// assert_eq!(spec.schemes[0].name, "Oidc");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    /// The file it was read from.
    pub file: PathBuf,
    /// Swagger 2.0 or OpenAPI 3.x.
    pub version: SpecVersion,
    /// YAML or JSON.
    pub syntax: Syntax,
    /// `info.title`-independent: the schemes, in spec order.
    pub schemes: Vec<Scheme>,
    /// Every scope: the union over all schemes and flows in order of first appearance, then
    /// the undeclared scopes that security requirements name.
    pub scopes: Vec<ScopeDef>,
    /// The warnings found while reading it.
    pub warnings: Vec<Diagnostic>,
}

/// A security scheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scheme {
    /// Its key in the spec.
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Its type and settings.
    pub kind: SchemeKind,
    /// Where it is declared.
    pub location: Option<Location>,
}

/// The type of a scheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemeKind {
    /// `oauth2`.
    OAuth2 {
        /// Its flows in spec order.
        flows: Vec<Flow>,
    },
    /// `openIdConnect`.
    OpenIdConnect {
        /// The discovery URL.
        url: String,
    },
    /// `apiKey`.
    ApiKey {
        /// The parameter name.
        name: String,
        /// `header`, `query` or `cookie`.
        location: String,
    },
    /// `http` (or Swagger 2.0 `basic`).
    Http {
        /// The HTTP auth scheme.
        scheme: String,
        /// `bearerFormat`.
        bearer_format: Option<String>,
    },
    /// `mutualTLS`.
    MutualTls,
    /// Any other type, kept by name.
    Other {
        /// The type as written.
        kind: String,
    },
}

impl SchemeKind {
    /// The `type` as OpenAPI 3 names it.
    pub fn type_name(&self) -> &str {
        match self {
            SchemeKind::OAuth2 { .. } => "oauth2",
            SchemeKind::OpenIdConnect { .. } => "openIdConnect",
            SchemeKind::ApiKey { .. } => "apiKey",
            SchemeKind::Http { .. } => "http",
            SchemeKind::MutualTls => "mutualTLS",
            SchemeKind::Other { kind } => kind,
        }
    }
}

/// An OAuth2 grant type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FlowKind {
    /// `authorizationCode` / Swagger `accessCode`.
    AuthorizationCode,
    /// `implicit`.
    Implicit,
    /// `password`.
    Password,
    /// `clientCredentials` / Swagger `application`.
    ClientCredentials,
    /// `deviceAuthorization` (OpenAPI 3.2).
    DeviceAuthorization,
}

impl FlowKind {
    /// The OpenAPI 3 name.
    pub fn as_str(self) -> &'static str {
        match self {
            FlowKind::AuthorizationCode => "authorizationCode",
            FlowKind::Implicit => "implicit",
            FlowKind::Password => "password",
            FlowKind::ClientCredentials => "clientCredentials",
            FlowKind::DeviceAuthorization => "deviceAuthorization",
        }
    }

    /// The Rust variant name of `pace_scopes::FlowKind`.
    pub fn variant(self) -> &'static str {
        match self {
            FlowKind::AuthorizationCode => "AuthorizationCode",
            FlowKind::Implicit => "Implicit",
            FlowKind::Password => "Password",
            FlowKind::ClientCredentials => "ClientCredentials",
            FlowKind::DeviceAuthorization => "DeviceAuthorization",
        }
    }

    fn from_openapi3(name: &str) -> Option<Self> {
        Some(match name {
            "authorizationCode" => FlowKind::AuthorizationCode,
            "implicit" => FlowKind::Implicit,
            "password" => FlowKind::Password,
            "clientCredentials" => FlowKind::ClientCredentials,
            "deviceAuthorization" => FlowKind::DeviceAuthorization,
            _ => return None,
        })
    }

    fn from_swagger2(name: &str) -> Option<Self> {
        Some(match name {
            "accessCode" => FlowKind::AuthorizationCode,
            "implicit" => FlowKind::Implicit,
            "password" => FlowKind::Password,
            "application" => FlowKind::ClientCredentials,
            _ => return None,
        })
    }

    /// Which URLs the flow must have: (authorization, token, device authorization).
    fn required_urls(self) -> (bool, bool, bool) {
        match self {
            FlowKind::AuthorizationCode => (true, true, false),
            FlowKind::Implicit => (true, false, false),
            FlowKind::Password | FlowKind::ClientCredentials => (false, true, false),
            FlowKind::DeviceAuthorization => (false, true, true),
        }
    }
}

/// An OAuth2 flow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flow {
    /// The grant type.
    pub kind: FlowKind,
    /// `authorizationUrl`.
    pub authorization_url: Option<String>,
    /// `tokenUrl`.
    pub token_url: Option<String>,
    /// `refreshUrl`.
    pub refresh_url: Option<String>,
    /// `deviceAuthorizationUrl`.
    pub device_authorization_url: Option<String>,
    /// The scopes it declares, with the description it gives each, in spec order.
    pub scopes: Vec<(String, String)>,
}

/// One scope of the spec: one variant of the generated enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeDef {
    /// The scope string.
    pub scope: String,
    /// Its description (the first one given, when flows disagree; empty for undeclared).
    pub description: String,
    /// The variant name of the generated enum.
    pub variant: String,
    /// The `(scheme, flow)` pairs that declare it; empty for an undeclared scope.
    pub declared_in: Vec<(String, Option<FlowKind>)>,
    /// Where it first appears.
    pub location: Option<Location>,
}

impl ScopeDef {
    /// Whether a scheme declares it (rather than only a security requirement naming it).
    pub fn is_declared(&self) -> bool {
        !self.declared_in.is_empty()
    }
}

/// Whether `s` is a scope-token of RFC 6749 §3.3: one or more of `%x21 / %x23-5B / %x5D-7E`
/// (printable ASCII except space, `"` and `\`).
///
/// ```
/// use build_spec::is_scope_token;
/// assert!(is_scope_token("user:users:read"));
/// assert!(is_scope_token("https://www.googleapis.com/auth/gmail.readonly"));
/// assert!(!is_scope_token("read write"));
/// assert!(!is_scope_token(""));
/// assert!(!is_scope_token("lecture\u{e9}"));
/// ```
pub fn is_scope_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b == 0x21 || (0x23..=0x5B).contains(&b) || (0x5D..=0x7E).contains(&b))
}

/// Describes what makes `s` break the scope-token grammar.
fn grammar_problem(s: &str) -> String {
    if s.is_empty() {
        return "is empty".into();
    }
    let bad = s
        .chars()
        .find(|&c| !(c == '!' || ('#'..='[').contains(&c) || (']'..='~').contains(&c)));
    match bad {
        Some(' ') => "contains a space (a claim separates scopes by spaces)".into(),
        Some('"') => "contains a double quote".into(),
        Some('\\') => "contains a backslash".into(),
        Some(c) if c.is_control() => format!("contains the control character U+{:04X}", c as u32),
        Some(c) => format!(
            "contains {c:?} (U+{:04X}), which is not printable ASCII",
            c as u32
        ),
        None => "is not a scope token".into(),
    }
}

/// Builds the model from the parsed document, collecting every problem.
pub(crate) struct ModelBuilder<'a> {
    file: &'a Path,
    locator: Locator<'a>,
    lenient: bool,
    diagnostics: Vec<Diagnostic>,
    /// Where each declared scope's key is, by its key path (found while reading each map in
    /// order, so locating every scope is one pass over the text, not one search each).
    scope_keys: HashMap<Vec<String>, Option<Location>>,
}

impl<'a> ModelBuilder<'a> {
    pub(crate) fn new(file: &'a Path, text: &'a str, lenient: bool) -> Self {
        ModelBuilder {
            file,
            locator: Locator::new(text),
            lenient,
            diagnostics: Vec::new(),
            scope_keys: HashMap::new(),
        }
    }

    fn error(&mut self, location: Option<Location>, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(self.file, location, message));
    }

    fn warning(&mut self, location: Option<Location>, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(self.file, location, message));
    }

    pub(crate) fn build(mut self, doc: raw::Document, syntax: Syntax) -> Result<Spec, Error> {
        let version = match (&doc.openapi, &doc.swagger) {
            (Some(v), _) if v.0.starts_with("3.0") => SpecVersion::OpenApi30,
            (Some(v), _) if v.0.starts_with('3') => SpecVersion::OpenApi31,
            (_, Some(v)) if v.0.starts_with('2') => SpecVersion::Swagger2,
            (Some(v), _) | (_, Some(v)) => {
                let at = self
                    .locator
                    .key_path(&["openapi"])
                    .or(self.locator.key_path(&["swagger"]));
                self.error(
                    at,
                    format!(
                        "unsupported spec version {:?}: expected OpenAPI 3.x or Swagger 2.0",
                        v.0
                    ),
                );
                return Err(Error::new(self.diagnostics));
            }
            (None, None) => {
                self.error(
                    Some(Location { line: 1, column: 1 }),
                    "not an OpenAPI document: it has neither an `openapi` nor a `swagger` key",
                );
                return Err(Error::new(self.diagnostics));
            }
        };

        let (section, raw_schemes) = match version {
            SpecVersion::Swagger2 => (
                "securityDefinitions",
                doc.security_definitions.unwrap_or_default(),
            ),
            _ => (
                "securitySchemes",
                doc.components
                    .and_then(|c| c.security_schemes)
                    .unwrap_or_default(),
            ),
        };
        for dup in &raw_schemes.duplicates {
            let at = self.locator.key_path(&[section, dup]);
            self.error(at, format!("security scheme `{dup}` is declared twice"));
        }

        let mut schemes = Vec::new();
        for (name, raw) in raw_schemes.entries {
            if let Some(scheme) = self.scheme(section, version, name, raw) {
                schemes.push(scheme);
            }
        }

        let mut scopes: Vec<ScopeDef> = Vec::new();
        // Scope string -> its index in `scopes`: a scan per scope was quadratic.
        let mut index: HashMap<String, usize> = HashMap::new();
        for scheme in &schemes {
            let SchemeKind::OAuth2 { flows } = &scheme.kind else {
                continue;
            };
            for flow in flows {
                for (scope, description) in &flow.scopes {
                    let declared = (scheme.name.clone(), Some(flow.kind));
                    if let Some(existing) = index.get(scope).map(|&i| &mut scopes[i]) {
                        if existing.description != *description {
                            let at = self.scope_location(
                                section,
                                version,
                                &scheme.name,
                                flow.kind,
                                scope,
                            );
                            self.warning(
                                at,
                                format!(
                                    "scope `{scope}` is described differently in {}/{}: keeping the first description, {:?}",
                                    scheme.name,
                                    flow.kind.as_str(),
                                    existing.description
                                ),
                            );
                        }
                        existing.declared_in.push(declared);
                    } else {
                        let location =
                            self.scope_location(section, version, &scheme.name, flow.kind, scope);
                        index.insert(scope.clone(), scopes.len());
                        scopes.push(ScopeDef {
                            scope: scope.clone(),
                            description: description.clone(),
                            variant: String::new(),
                            declared_in: vec![declared],
                            location,
                        });
                    }
                }
            }
        }

        // Scopes that security requirements name but no scheme declares.
        let mut requirements = Vec::new();
        if let Some(top) = doc.security {
            requirements.push(("the top-level `security`".to_owned(), top));
        }
        for (group, paths) in [("paths", doc.paths), ("webhooks", doc.webhooks)] {
            for (path, item) in paths.unwrap_or_default().entries {
                for (method, reqs) in item.operations {
                    requirements.push((format!("{group} `{path}` {method}"), reqs));
                }
            }
        }
        // Requirements are read in document order, mostly: each token is searched from
        // the one before.
        let mut cursor = 0;
        for (where_, reqs) in requirements {
            for req in reqs.0 {
                for (scheme_name, list) in req.entries {
                    for scope in list.0 {
                        if index.contains_key(&scope) {
                            continue;
                        }
                        let found = self.locator.token_near(&scope, cursor);
                        if let Some(at) = found {
                            cursor = at;
                        }
                        let location = found.map(|at| self.locator.location(at));
                        let kind = schemes
                            .iter()
                            .find(|s| s.name == scheme_name)
                            .map(|s| s.kind.type_name().to_owned());
                        let on = match kind {
                            Some(k) if k != "oauth2" => {
                                format!(" (on the {k} scheme `{scheme_name}`)")
                            }
                            Some(_) => format!(" (on scheme `{scheme_name}`)"),
                            None => {
                                format!(" (on `{scheme_name}`, which is not a declared scheme)")
                            }
                        };
                        self.warning(
                            location,
                            format!("scope `{scope}` is required by {where_}{on} but no flow declares it; added with an empty description"),
                        );
                        index.insert(scope.clone(), scopes.len());
                        scopes.push(ScopeDef {
                            scope,
                            description: String::new(),
                            variant: String::new(),
                            declared_in: Vec::new(),
                            location,
                        });
                    }
                }
            }
        }

        // RFC 6749 §3.3 grammar.
        let mut kept = Vec::with_capacity(scopes.len());
        for scope in scopes {
            if is_scope_token(&scope.scope) {
                kept.push(scope);
                continue;
            }
            let problem = grammar_problem(&scope.scope);
            if self.lenient {
                self.warning(
                    scope.location,
                    format!(
                        "skipping scope {:?}: it {problem} (RFC 6749 §3.3)",
                        scope.scope
                    ),
                );
            } else {
                self.error(
                    scope.location,
                    format!(
                        "scope {:?} is not a valid OAuth2 scope token: it {problem} (RFC 6749 §3.3); use the lenient option to skip such scopes",
                        scope.scope
                    ),
                );
            }
        }
        let scopes = kept;
        // Flows keep only the scopes that survived (lenient mode may have skipped some).
        let survived: HashSet<&str> = scopes.iter().map(|d| d.scope.as_str()).collect();
        for scheme in &mut schemes {
            if let SchemeKind::OAuth2 { flows } = &mut scheme.kind {
                for flow in flows {
                    flow.scopes.retain(|(s, _)| survived.contains(s.as_str()));
                }
            }
        }

        if scopes.is_empty() && !self.diagnostics.iter().any(Diagnostic::is_error) {
            let at = self.locator.key_path(&[section]);
            self.error(
                at,
                "the spec declares no OAuth2 scopes: no `oauth2` scheme has a flow with scopes, and no security requirement names one",
            );
        }
        if scopes.len() > crate::MAX_SCOPES {
            self.error(
                None,
                format!(
                    "the spec has {} scopes; at most {} are supported",
                    scopes.len(),
                    crate::MAX_SCOPES
                ),
            );
        }

        if self.diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Error::new(self.diagnostics));
        }
        Ok(Spec {
            file: self.file.to_owned(),
            version,
            syntax,
            schemes,
            scopes,
            warnings: self.diagnostics,
        })
    }

    fn scope_location(
        &self,
        section: &str,
        version: SpecVersion,
        scheme: &str,
        flow: FlowKind,
        scope: &str,
    ) -> Option<Location> {
        let path: Vec<&str> = match version {
            SpecVersion::Swagger2 => vec![section, scheme, "scopes", scope],
            _ => vec![section, scheme, "flows", flow.as_str(), "scopes", scope],
        };
        let key: Vec<String> = path.iter().map(|k| (*k).to_owned()).collect();
        match self.scope_keys.get(&key) {
            Some(found) => *found,
            None => self.locator.key_path(&path),
        }
    }

    fn scheme(
        &mut self,
        section: &str,
        version: SpecVersion,
        name: String,
        raw: raw::Scheme,
    ) -> Option<Scheme> {
        let location = self.locator.key_path(&[section, &name]);
        let text = |t: Option<raw::Text>| t.map(|t| t.0);
        let description = text(raw.description.clone()).filter(|d| !d.is_empty());
        let Some(kind) = raw.kind.as_ref().map(|t| t.0.clone()) else {
            if let Some(r) = &raw.reference {
                self.error(location, format!("security scheme `{name}` is a reference ({:?}); references to schemes are not followed, inline the scheme", r.0));
            } else {
                self.error(location, format!("security scheme `{name}` has no `type`"));
            }
            return None;
        };
        let kind = match kind.as_str() {
            "oauth2" => SchemeKind::OAuth2 {
                flows: self.flows(section, version, &name, location, raw)?,
            },
            "openIdConnect" => match text(raw.open_id_connect_url) {
                Some(url) if !url.is_empty() => SchemeKind::OpenIdConnect { url },
                _ => {
                    self.error(
                        location,
                        format!("openIdConnect scheme `{name}` has no `openIdConnectUrl`"),
                    );
                    return None;
                }
            },
            "apiKey" => SchemeKind::ApiKey {
                name: text(raw.name).unwrap_or_default(),
                location: text(raw.location).unwrap_or_default(),
            },
            "http" => SchemeKind::Http {
                scheme: text(raw.scheme).unwrap_or_default(),
                bearer_format: text(raw.bearer_format),
            },
            "basic" if version == SpecVersion::Swagger2 => SchemeKind::Http {
                scheme: "basic".into(),
                bearer_format: None,
            },
            "mutualTLS" => SchemeKind::MutualTls,
            other => {
                self.warning(
                    location,
                    format!(
                        "security scheme `{name}` has the unknown type {other:?}; kept as `Other`"
                    ),
                );
                SchemeKind::Other {
                    kind: other.to_owned(),
                }
            }
        };
        Some(Scheme {
            name,
            description,
            kind,
            location,
        })
    }

    fn flows(
        &mut self,
        section: &str,
        version: SpecVersion,
        scheme: &str,
        location: Option<Location>,
        raw: raw::Scheme,
    ) -> Option<Vec<Flow>> {
        let text = |t: Option<raw::Text>| t.map(|t| t.0).filter(|s| !s.is_empty());
        let mut flows = Vec::new();
        if version == SpecVersion::Swagger2 {
            let Some(flow_name) = text(raw.flow) else {
                self.error(location, format!("oauth2 scheme `{scheme}` has no `flow`"));
                return None;
            };
            let Some(kind) = FlowKind::from_swagger2(&flow_name) else {
                let at = self.locator.key_path(&[section, scheme, "flow"]);
                self.error(at, format!("oauth2 scheme `{scheme}` has the unknown flow {flow_name:?} (expected implicit, password, application or accessCode)"));
                return None;
            };
            let scopes =
                self.scope_map(&[section, scheme, "scopes"], raw.scopes.unwrap_or_default());
            let flow = Flow {
                kind,
                authorization_url: text(raw.authorization_url),
                token_url: text(raw.token_url),
                refresh_url: text(raw.refresh_url),
                device_authorization_url: None,
                scopes,
            };
            self.check_urls(&flow, scheme, location, &flow_name)?;
            flows.push(flow);
        } else {
            let Some(raw_flows) = raw.flows else {
                self.error(location, format!("oauth2 scheme `{scheme}` has no `flows`"));
                return None;
            };
            for dup in &raw_flows.duplicates {
                let at = self.locator.key_path(&[section, scheme, "flows", dup]);
                self.error(
                    at,
                    format!("flow `{dup}` of scheme `{scheme}` is declared twice"),
                );
            }
            let mut ok = true;
            for (flow_name, raw_flow) in raw_flows.entries {
                let at = self
                    .locator
                    .key_path(&[section, scheme, "flows", &flow_name]);
                if flow_name.starts_with("x-") {
                    continue;
                }
                let Some(kind) = FlowKind::from_openapi3(&flow_name) else {
                    self.error(at, format!("oauth2 scheme `{scheme}` has the unknown flow {flow_name:?} (expected authorizationCode, implicit, password, clientCredentials or deviceAuthorization)"));
                    ok = false;
                    continue;
                };
                let scopes = self.scope_map(
                    &[section, scheme, "flows", &flow_name, "scopes"],
                    raw_flow.scopes.unwrap_or_default(),
                );
                let flow = Flow {
                    kind,
                    authorization_url: text(raw_flow.authorization_url),
                    token_url: text(raw_flow.token_url),
                    refresh_url: text(raw_flow.refresh_url),
                    device_authorization_url: text(raw_flow.device_authorization_url),
                    scopes,
                };
                if self.check_urls(&flow, scheme, at, &flow_name).is_none() {
                    ok = false;
                }
                flows.push(flow);
            }
            if !ok {
                return None;
            }
        }
        Some(flows)
    }

    fn check_urls(
        &mut self,
        flow: &Flow,
        scheme: &str,
        at: Option<Location>,
        flow_name: &str,
    ) -> Option<()> {
        let (auth, token, device) = flow.kind.required_urls();
        let mut missing = Vec::new();
        if auth && flow.authorization_url.is_none() {
            missing.push("authorizationUrl");
        }
        if token && flow.token_url.is_none() {
            missing.push("tokenUrl");
        }
        if device && flow.device_authorization_url.is_none() {
            missing.push("deviceAuthorizationUrl");
        }
        if missing.is_empty() {
            return Some(());
        }
        let urls = missing
            .iter()
            .map(|u| format!("`{u}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        self.error(
            at,
            format!("flow `{flow_name}` of scheme `{scheme}` has no {urls}, which it requires"),
        );
        None
    }

    fn scope_map(
        &mut self,
        path: &[&str],
        map: raw::OrderedMap<raw::Text>,
    ) -> Vec<(String, String)> {
        for dup in &map.duplicates {
            let mut p = path.to_vec();
            p.push(dup);
            let at = self.locator.key_path(&p);
            self.error(
                at,
                format!("scope `{dup}` is declared twice in the same flow"),
            );
        }
        // Locate every key now, each searched after the one before (a map's keys are in
        // document order); a key not found there (written through an alias) gets the map's
        // location rather than a search of the whole text.
        let map_at = self.locator.key_path_offset(path);
        let mut cursor = map_at;
        for (key, _) in &map.entries {
            let found = cursor.and_then(|from| self.locator.key_after(key, from));
            if found.is_some() {
                cursor = found;
            }
            let at = found.or(map_at).map(|at| self.locator.location(at));
            let mut p: Vec<String> = path.iter().map(|k| (*k).to_owned()).collect();
            p.push(key.clone());
            self.scope_keys.insert(p, at);
        }
        map.entries.into_iter().map(|(k, v)| (k, v.0)).collect()
    }
}
