//! What changed between two versions of a spec, and whether the change breaks users.
//!
//! [`diff`] compares two loaded [`Spec`]s (variant names already assigned, so a rename given
//! to the [`Builder`](crate::Builder) counts). A change **breaks** users when code that
//! compiled against the old spec may no longer compile against the new one:
//! - a scope removed (its variant is gone, and every guard naming it fails to compile);
//! - a scope whose variant name changed (a different rename);
//! - a scheme removed, or its `type` changed (its `SECURITY_SCHEMES` entry is gone or has
//!   another shape).
//!
//! Added scopes, reworded descriptions, changed URLs, flows added or removed, and scopes
//! that moved between flows do not break code; they are reported all the same.
//!
//! ```
//! use build_spec::{Builder, diff::{diff, Change}};
//!
//! let old = Builder::from_source("old.yaml", SPEC).load().unwrap();
//! let new = Builder::from_source(
//!     "new.yaml",
//!     SPEC.replace("orders.write: Write orders", "orders.list: List orders")
//!         .replace("Read orders", "Read every order"),
//! )
//! .load()
//! .unwrap();
//!
//! let d = diff(&old, &new);
//! assert_eq!(d.added[0].scope, "orders.list");
//! assert_eq!(d.removed[0].scope, "orders.write");
//! assert_eq!(
//!     d.changed,
//!     [Change::Description {
//!         scope: "orders.read".into(),
//!         old: "Read orders".into(),
//!         new: "Read every order".into(),
//!     }]
//! );
//! assert!(d.is_breaking());
//! assert_eq!(
//!     d.to_string(),
//!     "+ scope orders.list (OrdersList): List orders\n\
//!      - scope orders.write (OrdersWrite) [breaking]\n\
//!      ~ scope orders.read: description \"Read orders\" -> \"Read every order\"\n\
//!      1 added, 1 removed, 1 changed: breaking\n"
//! );
//! # const SPEC: &str = "openapi: 3.0.3\ncomponents:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: https://auth.acme.test/token\n          scopes:\n            orders.read: Read orders\n            orders.write: Write orders\n";
//! ```

use std::fmt;

use serde::Serialize;

use crate::model::{Flow, SchemeKind, ScopeDef, Spec};

/// A scope present on one side only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScopeEntry {
    /// The scope string.
    pub scope: String,
    /// Its variant name.
    pub variant: String,
    /// Its description.
    pub description: String,
    /// The flows that declare it, as `scheme/flow` (empty for an undeclared scope).
    pub flows: Vec<String>,
}

impl From<&ScopeDef> for ScopeEntry {
    /// ```
    /// let spec = build_spec::Builder::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec.yaml"))
    ///     .load()
    ///     .unwrap();
    /// let entry = build_spec::diff::ScopeEntry::from(&spec.scopes[15]);
    /// assert_eq!(entry.variant, "UserUsersRead");
    /// assert_eq!(entry.flows, ["OAuth2/authorizationCode"]);
    /// ```
    fn from(def: &ScopeDef) -> Self {
        ScopeEntry {
            scope: def.scope.clone(),
            variant: def.variant.clone(),
            description: def.description.clone(),
            flows: flows_of(def),
        }
    }
}

/// One change to a scope that is on both sides, or to the schemes.
///
/// Serialized (JSON) with a `kind` tag in snake case: `{"kind": "description", "scope": ...}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// The scope's description changed.
    Description {
        /// The scope.
        scope: String,
        /// The old description.
        old: String,
        /// The new description.
        new: String,
    },
    /// The scope's variant name changed (breaking).
    Variant {
        /// The scope.
        scope: String,
        /// The old variant name.
        old: String,
        /// The new variant name.
        new: String,
    },
    /// Other flows declare the scope (`scheme/flow` each).
    Flows {
        /// The scope.
        scope: String,
        /// The flows that declared it.
        old: Vec<String>,
        /// The flows that declare it now.
        new: Vec<String>,
    },
    /// A scheme was added.
    SchemeAdded {
        /// Its name.
        scheme: String,
        /// Its type (`oauth2`, `openIdConnect`, ...).
        r#type: String,
    },
    /// A scheme was removed (breaking).
    SchemeRemoved {
        /// Its name.
        scheme: String,
        /// Its type.
        r#type: String,
    },
    /// A scheme's type changed (breaking).
    SchemeType {
        /// The scheme.
        scheme: String,
        /// The old type.
        old: String,
        /// The new type.
        new: String,
    },
    /// An OAuth2 flow was added to a scheme.
    FlowAdded {
        /// The scheme.
        scheme: String,
        /// The flow (`authorizationCode`, ...).
        flow: String,
    },
    /// An OAuth2 flow was removed from a scheme (its scopes are reported on their own).
    FlowRemoved {
        /// The scheme.
        scheme: String,
        /// The flow.
        flow: String,
    },
    /// Another setting of a scheme changed: its `description`, an apiKey's `name` or `in`,
    /// an http scheme's `scheme` or `bearerFormat`.
    Setting {
        /// The scheme.
        scheme: String,
        /// The spec's key.
        field: String,
        /// The old value.
        old: Option<String>,
        /// The new value.
        new: Option<String>,
    },
    /// A URL changed, appeared or went away.
    Url {
        /// The scheme.
        scheme: String,
        /// The flow, for flow URLs; `None` for `openIdConnectUrl`.
        flow: Option<String>,
        /// The spec's key: `openIdConnectUrl`, `authorizationUrl`, `tokenUrl`,
        /// `refreshUrl` or `deviceAuthorizationUrl`.
        field: String,
        /// The old URL.
        old: Option<String>,
        /// The new URL.
        new: Option<String>,
    },
}

impl Change {
    /// Whether code written against the old spec may fail to compile against the new one.
    ///
    /// ```
    /// use build_spec::diff::Change;
    /// let renamed = Change::Variant { scope: "a".into(), old: "A".into(), new: "B".into() };
    /// assert!(renamed.is_breaking());
    /// let url = Change::Url {
    ///     scheme: "Oidc".into(),
    ///     flow: None,
    ///     field: "openIdConnectUrl".into(),
    ///     old: Some("https://a.test".into()),
    ///     new: Some("https://b.test".into()),
    /// };
    /// assert!(!url.is_breaking());
    /// ```
    pub fn is_breaking(&self) -> bool {
        matches!(
            self,
            Change::Variant { .. } | Change::SchemeRemoved { .. } | Change::SchemeType { .. }
        )
    }
}

/// Everything that differs between two specs; see the [module docs](self).
///
/// Order is stable: `added` in the new spec's order, `removed` and `changed` in the old
/// spec's order (scope changes first, then scheme changes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpecDiff {
    /// Scopes only the new spec has.
    pub added: Vec<ScopeEntry>,
    /// Scopes only the old spec has (each one breaking).
    pub removed: Vec<ScopeEntry>,
    /// Changes to scopes on both sides, then to schemes.
    pub changed: Vec<Change>,
}

impl SpecDiff {
    /// Whether anything differs (descriptions and URLs included).
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// Whether any change breaks users: a scope removed, or a breaking [`Change`].
    pub fn is_breaking(&self) -> bool {
        !self.removed.is_empty() || self.changed.iter().any(Change::is_breaking)
    }

    /// The diff as JSON: an object with `added` and `removed` (scope objects with `scope`,
    /// `variant`, `description`, `flows`), `changed` (each a [`Change`] with its `kind` and
    /// a `breaking` flag) and `breaking`.
    ///
    /// ```
    /// let d = build_spec::diff::SpecDiff::default();
    /// assert_eq!(
    ///     d.to_json().to_string(),
    ///     r#"{"added":[],"breaking":false,"changed":[],"removed":[]}"#
    /// );
    /// ```
    pub fn to_json(&self) -> serde_json::Value {
        let changed: Vec<serde_json::Value> = self
            .changed
            .iter()
            .map(|c| {
                let mut v = serde_json::to_value(c).unwrap_or(serde_json::Value::Null);
                if let Some(map) = v.as_object_mut() {
                    map.insert("breaking".into(), c.is_breaking().into());
                }
                v
            })
            .collect();
        serde_json::json!({
            "added": serde_json::to_value(&self.added).unwrap_or_default(),
            "removed": serde_json::to_value(&self.removed).unwrap_or_default(),
            "changed": changed,
            "breaking": self.is_breaking(),
        })
    }

    /// The text report, one line per difference, each prefixed by its mark (`+`, `-`, `~`)
    /// and given to `paint` with whether it breaks users (for colour); then a summary line.
    /// `Display` is this with no colour.
    pub fn render(&self, paint: &dyn Fn(&str, char, bool) -> String) -> String {
        let mut out = String::new();
        let mut line = |mark: char, text: String, breaking: bool| {
            let text = if breaking {
                format!("{mark} {text} [breaking]")
            } else {
                format!("{mark} {text}")
            };
            out.push_str(&paint(&text, mark, breaking));
            out.push('\n');
        };
        for s in &self.added {
            let description = if s.description.is_empty() {
                String::new()
            } else {
                format!(": {}", one_line(&s.description))
            };
            line(
                '+',
                format!("scope {} ({}){description}", s.scope, s.variant),
                false,
            );
        }
        for s in &self.removed {
            line('-', format!("scope {} ({})", s.scope, s.variant), true);
        }
        for c in &self.changed {
            let (mark, text) = describe(c);
            line(mark, text, c.is_breaking());
        }
        if self.is_empty() {
            out.push_str("no changes\n");
        } else {
            out.push_str(&format!(
                "{} added, {} removed, {} changed: {}\n",
                self.added.len(),
                self.removed.len(),
                self.changed.len(),
                if self.is_breaking() {
                    "breaking"
                } else {
                    "nothing breaks"
                }
            ));
        }
        out
    }
}

impl fmt::Display for SpecDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&|text, _, _| text.to_owned()))
    }
}

/// The mark and text of one change's line.
fn describe(c: &Change) -> (char, String) {
    let opt = |u: &Option<String>| u.as_deref().unwrap_or("(none)").to_owned();
    match c {
        Change::Description { scope, old, new } => (
            '~',
            format!(
                "scope {scope}: description {:?} -> {:?}",
                one_line(old),
                one_line(new)
            ),
        ),
        Change::Variant { scope, old, new } => {
            ('~', format!("scope {scope}: variant {old} -> {new}"))
        }
        Change::Flows { scope, old, new } => (
            '~',
            format!(
                "scope {scope}: declared in {} -> {}",
                list_or_none(old),
                list_or_none(new)
            ),
        ),
        Change::SchemeAdded { scheme, r#type } => ('+', format!("scheme {scheme} ({type})")),
        Change::SchemeRemoved { scheme, r#type } => ('-', format!("scheme {scheme} ({type})")),
        Change::SchemeType { scheme, old, new } => {
            ('~', format!("scheme {scheme}: type {old} -> {new}"))
        }
        Change::FlowAdded { scheme, flow } => ('+', format!("flow {scheme}/{flow}")),
        Change::FlowRemoved { scheme, flow } => ('-', format!("flow {scheme}/{flow}")),
        Change::Setting {
            scheme,
            field,
            old,
            new,
        } => (
            '~',
            format!(
                "scheme {scheme}: {field} {} -> {}",
                opt(&old.as_deref().map(one_line)),
                opt(&new.as_deref().map(one_line))
            ),
        ),
        Change::Url {
            scheme,
            flow,
            field,
            old,
            new,
        } => {
            let at = match flow {
                Some(flow) => format!("{scheme}/{flow}"),
                None => scheme.clone(),
            };
            (
                '~',
                format!("scheme {at}: {field} {} -> {}", opt(old), opt(new)),
            )
        }
    }
}

fn list_or_none(flows: &[String]) -> String {
    if flows.is_empty() {
        "(no flow)".into()
    } else {
        flows.join(", ")
    }
}

/// Descriptions can span lines; a report line must not.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The flows that declare a scope, as `scheme/flow`.
fn flows_of(def: &ScopeDef) -> Vec<String> {
    def.declared_in
        .iter()
        .map(|(scheme, flow)| match flow {
            Some(flow) => format!("{scheme}/{}", flow.as_str()),
            None => scheme.clone(),
        })
        .collect()
}

/// Compares two specs; see the [module docs](self).
pub fn diff(old: &Spec, new: &Spec) -> SpecDiff {
    let mut d = SpecDiff::default();
    for n in &new.scopes {
        if !old.scopes.iter().any(|o| o.scope == n.scope) {
            d.added.push(ScopeEntry::from(n));
        }
    }
    for o in &old.scopes {
        let Some(n) = new.scopes.iter().find(|n| n.scope == o.scope) else {
            d.removed.push(ScopeEntry::from(o));
            continue;
        };
        if o.variant != n.variant {
            d.changed.push(Change::Variant {
                scope: o.scope.clone(),
                old: o.variant.clone(),
                new: n.variant.clone(),
            });
        }
        if o.description != n.description {
            d.changed.push(Change::Description {
                scope: o.scope.clone(),
                old: o.description.clone(),
                new: n.description.clone(),
            });
        }
        let (of, nf) = (flows_of(o), flows_of(n));
        if of != nf {
            d.changed.push(Change::Flows {
                scope: o.scope.clone(),
                old: of,
                new: nf,
            });
        }
    }
    for o in &old.schemes {
        let Some(n) = new.schemes.iter().find(|n| n.name == o.name) else {
            d.changed.push(Change::SchemeRemoved {
                scheme: o.name.clone(),
                r#type: o.kind.type_name().to_owned(),
            });
            continue;
        };
        if o.description != n.description {
            d.changed.push(Change::Setting {
                scheme: o.name.clone(),
                field: "description".into(),
                old: o.description.clone(),
                new: n.description.clone(),
            });
        }
        scheme_changes(&o.name, &o.kind, &n.kind, &mut d.changed);
    }
    for n in &new.schemes {
        if !old.schemes.iter().any(|o| o.name == n.name) {
            d.changed.push(Change::SchemeAdded {
                scheme: n.name.clone(),
                r#type: n.kind.type_name().to_owned(),
            });
        }
    }
    d
}

/// Reads one URL of a flow.
type FlowUrl = fn(&Flow) -> Option<&String>;

fn setting(scheme: &str, field: &str, old: &str, new: &str) -> Option<Change> {
    (old != new).then(|| Change::Setting {
        scheme: scheme.to_owned(),
        field: field.to_owned(),
        old: Some(old.to_owned()),
        new: Some(new.to_owned()),
    })
}

fn scheme_changes(name: &str, old: &SchemeKind, new: &SchemeKind, out: &mut Vec<Change>) {
    let url = |flow: Option<&str>, field: &str, old: Option<&String>, new: Option<&String>| {
        (old != new).then(|| Change::Url {
            scheme: name.to_owned(),
            flow: flow.map(str::to_owned),
            field: field.to_owned(),
            old: old.cloned(),
            new: new.cloned(),
        })
    };
    match (old, new) {
        (SchemeKind::OpenIdConnect { url: o }, SchemeKind::OpenIdConnect { url: n }) => {
            out.extend(url(None, "openIdConnectUrl", Some(o), Some(n)));
        }
        (SchemeKind::OAuth2 { flows: of }, SchemeKind::OAuth2 { flows: nf }) => {
            for o in of {
                let flow = o.kind.as_str();
                let Some(n) = nf.iter().find(|n| n.kind == o.kind) else {
                    out.push(Change::FlowRemoved {
                        scheme: name.to_owned(),
                        flow: flow.to_owned(),
                    });
                    continue;
                };
                let fields: [(&str, FlowUrl); 4] = [
                    ("authorizationUrl", |f| f.authorization_url.as_ref()),
                    ("tokenUrl", |f| f.token_url.as_ref()),
                    ("refreshUrl", |f| f.refresh_url.as_ref()),
                    ("deviceAuthorizationUrl", |f| {
                        f.device_authorization_url.as_ref()
                    }),
                ];
                for (field, get) in fields {
                    out.extend(url(Some(flow), field, get(o), get(n)));
                }
            }
            for n in nf {
                if !of.iter().any(|o| o.kind == n.kind) {
                    out.push(Change::FlowAdded {
                        scheme: name.to_owned(),
                        flow: n.kind.as_str().to_owned(),
                    });
                }
            }
        }
        (
            SchemeKind::ApiKey {
                name: on,
                location: ol,
            },
            SchemeKind::ApiKey {
                name: nn,
                location: nl,
            },
        ) => {
            out.extend(setting(name, "name", on, nn));
            out.extend(setting(name, "in", ol, nl));
        }
        (
            SchemeKind::Http {
                scheme: os,
                bearer_format: ob,
            },
            SchemeKind::Http {
                scheme: ns,
                bearer_format: nb,
            },
        ) => {
            out.extend(setting(name, "scheme", os, ns));
            if ob != nb {
                out.push(Change::Setting {
                    scheme: name.to_owned(),
                    field: "bearerFormat".into(),
                    old: ob.clone(),
                    new: nb.clone(),
                });
            }
        }
        (o, n) if o.type_name() != n.type_name() => out.push(Change::SchemeType {
            scheme: name.to_owned(),
            old: o.type_name().to_owned(),
            new: n.type_name().to_owned(),
        }),
        // Same type, nothing else to compare (`mutualTLS`, other types).
        _ => {}
    }
}
