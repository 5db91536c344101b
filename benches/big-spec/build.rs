//! Writes a synthetic OpenAPI spec of `BIG_SPEC_SCOPES` scopes (5,000 by default) and
//! generates its scope module with `build_spec::Builder`, as a user's build script would.
//!
//! Nothing of it is committed: the spec exists only in memory (and, for inspection, in
//! `$OUT_DIR/big-spec.yaml`).

use std::fmt::Write as _;

/// Service, resource and action words, combined into `{service}{n}:{resource}:{action}`:
/// scopes of realistic shape and length (12 to 40 bytes), in the style of PACE's.
const SERVICES: [&str; 10] = [
    "billing", "fleet", "fueling", "loyalty", "payment", "poi", "routing", "tariff", "user",
    "vehicle",
];
const RESOURCES: [&str; 20] = [
    "accounts",
    "addresses",
    "cards",
    "contracts",
    "devices",
    "documents",
    "invoices",
    "invoice-items",
    "locations",
    "members",
    "orders",
    "prices",
    "profiles",
    "receipts",
    "sessions",
    "stations",
    "subscriptions",
    "transactions",
    "users.phone",
    "vouchers",
];
const ACTIONS: [&str; 5] = ["read", "write", "create", "delete", "update"];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=BIG_SPEC_SCOPES");
    let count: usize = std::env::var("BIG_SPEC_SCOPES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);

    let mut yaml = String::from(
        "openapi: 3.1.0\ninfo:\n  title: Synthetic\n  version: 1.0.0\npaths: {}\ncomponents:\n  securitySchemes:\n    OAuth2:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: https://id.example.test/token\n          scopes:\n",
    );
    let per_service = RESOURCES.len() * ACTIONS.len();
    for i in 0..count {
        let service = SERVICES[(i / per_service) % SERVICES.len()];
        let n = i / (per_service * SERVICES.len());
        let resource = RESOURCES[(i / ACTIONS.len()) % RESOURCES.len()];
        let action = ACTIONS[i % ACTIONS.len()];
        // `write!` to a String cannot fail.
        let _ = writeln!(
            yaml,
            "            {service}{n}:{resource}:{action}: {action} the {resource} of {service} {n}"
        );
    }

    if let Some(out) = std::env::var_os("OUT_DIR") {
        let path = std::path::Path::new(&out).join("big-spec.yaml");
        if let Err(e) = build_spec::write_if_changed(&path, yaml.as_bytes()) {
            println!("cargo:warning=cannot write {}: {e}", path.display());
        }
    }
    build_spec::Builder::from_source("big-spec.yaml", yaml).build_script("big_spec.rs");
}
