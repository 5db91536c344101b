//! Prints what the build derived from `spec.yaml` (or `PACE_SCOPES_SPEC`): every scope with
//! its variant and description, then the security schemes.
//!
//! ```text
//! cargo run -p pace-scopes --example scopes
//! ```

use pace_scopes::{SECURITY_SCHEMES, SchemeKind, Scope};

fn main() {
    let rows: Vec<(String, String, &str)> = Scope::ALL
        .iter()
        .map(|s| {
            (
                s.as_str().to_owned(),
                format!("Scope::{s:?}"),
                s.description(),
            )
        })
        .collect();
    let w0 = rows
        .iter()
        .map(|r| r.0.len())
        .max()
        .unwrap_or(0)
        .max("scope".len());
    let w1 = rows
        .iter()
        .map(|r| r.1.len())
        .max()
        .unwrap_or(0)
        .max("variant".len());
    println!("{} scopes\n", Scope::COUNT);
    println!("{:w0$}  {:w1$}  description", "scope", "variant");
    println!("{}  {}  {}", "-".repeat(w0), "-".repeat(w1), "-".repeat(11));
    for (scope, variant, description) in &rows {
        println!("{scope:w0$}  {variant:w1$}  {description}");
    }
    println!("\n{} security schemes\n", SECURITY_SCHEMES.len());
    for scheme in SECURITY_SCHEMES {
        match scheme.kind {
            SchemeKind::OpenIdConnect { url } => {
                println!("{} (openIdConnect)\n  discovery: {url}", scheme.name)
            }
            SchemeKind::OAuth2 { flows } => {
                println!("{} (oauth2)", scheme.name);
                for flow in flows {
                    println!(
                        "  flow {} ({} scopes)",
                        flow.kind.as_str(),
                        flow.scopes.len()
                    );
                    for (label, url) in [
                        ("authorization", flow.authorization_url),
                        ("token", flow.token_url),
                        ("refresh", flow.refresh_url),
                    ] {
                        if let Some(url) = url {
                            println!("    {label:13} {url}");
                        }
                    }
                }
            }
            other => println!("{} ({other:?})", scheme.name),
        }
    }
}
