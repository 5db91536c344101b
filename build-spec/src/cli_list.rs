//! `build-spec list`: the scopes and schemes of a spec as a table, Markdown or JSON.

use build_spec::diff::ScopeEntry;
use build_spec::{Scheme, SchemeKind, Spec};
use serde_json::{Value, json};

/// The URLs (and other settings) of a scheme, as `(label, value)` rows.
fn settings(scheme: &Scheme) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    match &scheme.kind {
        SchemeKind::OAuth2 { flows } => {
            for flow in flows {
                let f = flow.kind.as_str();
                for (key, url) in [
                    ("authorizationUrl", &flow.authorization_url),
                    ("tokenUrl", &flow.token_url),
                    ("refreshUrl", &flow.refresh_url),
                    ("deviceAuthorizationUrl", &flow.device_authorization_url),
                ] {
                    if let Some(url) = url {
                        rows.push((format!("{f}.{key}"), url.clone()));
                    }
                }
            }
        }
        SchemeKind::OpenIdConnect { url } => rows.push(("openIdConnectUrl".into(), url.clone())),
        SchemeKind::ApiKey { name, location } => {
            rows.push((format!("in {location}"), name.clone()));
        }
        SchemeKind::Http {
            scheme,
            bearer_format,
        } => {
            rows.push(("scheme".into(), scheme.clone()));
            if let Some(format) = bearer_format {
                rows.push(("bearerFormat".into(), format.clone()));
            }
        }
        SchemeKind::MutualTls | SchemeKind::Other { .. } => {}
    }
    rows
}

/// One line of prose, for a table cell.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn declared(entry: &ScopeEntry) -> String {
    if entry.flows.is_empty() {
        "(undeclared)".into()
    } else {
        entry.flows.join(", ")
    }
}

/// Aligned columns: the scopes, then the schemes.
pub(crate) fn table(spec: &Spec) -> String {
    let header = ["SCOPE", "VARIANT", "DECLARED IN", "DESCRIPTION"].map(str::to_owned);
    let rows: Vec<[String; 4]> = spec
        .scopes
        .iter()
        .map(|def| {
            let e = ScopeEntry::from(def);
            let flows = declared(&e);
            [e.scope, e.variant, flows, one_line(&e.description)]
        })
        .collect();
    let mut widths = [0usize; 3];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (w, cell) in widths.iter().zip(row) {
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', w - cell.chars().count() + 2));
        }
        line.push_str(&row[3]);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str("\nSCHEMES\n");
    for scheme in &spec.schemes {
        out.push_str(&format!("{} ({})\n", scheme.name, scheme.kind.type_name()));
        let rows = settings(scheme);
        let width = rows
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        for (key, value) in rows {
            let pad = width - key.chars().count() + 2;
            out.push_str(&format!("  {key}{}{value}\n", " ".repeat(pad)));
        }
    }
    out
}

/// A Markdown table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    one_line(s).replace('\\', "\\\\").replace('|', "\\|")
}

/// Code font for a cell, whatever backticks it holds.
fn code(s: &str) -> String {
    let s = cell(s);
    let fence = if s.contains('`') { "`` " } else { "`" };
    let close = if s.contains('`') { " ``" } else { "`" };
    format!("{fence}{s}{close}")
}

/// Markdown tables: the scopes, then the schemes.
pub(crate) fn markdown(spec: &Spec) -> String {
    let mut out = String::from(
        "## Scopes\n\n| Scope | Variant | Declared in | Description |\n|---|---|---|---|\n",
    );
    for def in &spec.scopes {
        let e = ScopeEntry::from(def);
        out.push_str(&format!(
            "| {} | `{}` | {} | {} |\n",
            code(&e.scope),
            e.variant,
            cell(&declared(&e)),
            cell(&e.description)
        ));
    }
    out.push_str("\n## Schemes\n\n| Scheme | Type | Setting | Value |\n|---|---|---|---|\n");
    for scheme in &spec.schemes {
        let rows = settings(scheme);
        if rows.is_empty() {
            out.push_str(&format!(
                "| {} | {} | | |\n",
                code(&scheme.name),
                cell(scheme.kind.type_name())
            ));
        }
        for (key, value) in rows {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                code(&scheme.name),
                cell(scheme.kind.type_name()),
                cell(&key),
                cell(&value)
            ));
        }
    }
    out
}

/// `{"scopes": [{scope, variant, description, flows}], "schemes": [...]}`, pretty-printed.
pub(crate) fn json(spec: &Spec) -> String {
    let scopes: Vec<ScopeEntry> = spec.scopes.iter().map(ScopeEntry::from).collect();
    let schemes: Vec<Value> = spec.schemes.iter().map(scheme_json).collect();
    let value = json!({
        "scopes": serde_json::to_value(scopes).unwrap_or_default(),
        "schemes": schemes,
    });
    format!("{value:#}\n")
}

fn scheme_json(scheme: &Scheme) -> Value {
    let mut v = json!({
        "name": scheme.name,
        "type": scheme.kind.type_name(),
        "description": scheme.description,
    });
    let extra = match &scheme.kind {
        SchemeKind::OAuth2 { flows } => json!({
            "flows": flows.iter().map(|f| json!({
                "flow": f.kind.as_str(),
                "authorizationUrl": f.authorization_url,
                "tokenUrl": f.token_url,
                "refreshUrl": f.refresh_url,
                "deviceAuthorizationUrl": f.device_authorization_url,
                "scopes": f.scopes.iter().map(|(s, _)| s).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }),
        SchemeKind::OpenIdConnect { url } => json!({ "openIdConnectUrl": url }),
        SchemeKind::ApiKey { name, location } => json!({ "parameter": name, "in": location }),
        SchemeKind::Http {
            scheme,
            bearer_format,
        } => json!({ "scheme": scheme, "bearerFormat": bearer_format }),
        SchemeKind::MutualTls | SchemeKind::Other { .. } => json!({}),
    };
    if let (Some(map), Value::Object(extra)) = (v.as_object_mut(), extra) {
        map.extend(extra);
    }
    v
}
