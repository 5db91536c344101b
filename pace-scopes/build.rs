//! Generates the `Scope` enum from the bundled `spec.yaml`, or from the file that
//! `PACE_SCOPES_SPEC` names.

fn main() {
    build_spec::Builder::new("spec.yaml")
        .env_override("PACE_SCOPES_SPEC")
        .exported(true)
        .attribute(false)
        .doc_examples("pace_scopes")
        .build_script("pace_scopes.rs");
}
