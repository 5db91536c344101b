//! Generated code for the project's fixture specs, compared with committed snapshots
//! (`tests/snapshots/`). Review a change with `cargo insta review`, or accept it with
//! `INSTA_UPDATE=always cargo test -p build-spec --test snapshots`.

use std::path::Path;

fn generate(name: &str) -> build_spec::Generated {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/specs")
        .join(name);
    build_spec::Builder::new(&path)
        .generate()
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn swagger2_flows() {
    insta::assert_snapshot!(generate("swagger2_flows.json").code());
}

#[test]
fn openapi30_many_schemes() {
    insta::assert_snapshot!(generate("openapi30_many_schemes.yaml").code());
}

#[test]
fn openapi31_awkward_names() {
    insta::assert_snapshot!(generate("openapi31_awkward_names.yaml").code());
}

#[test]
fn descriptions_hostile() {
    insta::assert_snapshot!(generate("descriptions_hostile.yaml").code());
}

#[test]
fn the_bundled_pace_spec() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec.yaml");
    let g = build_spec::Builder::new(path)
        .exported(true)
        .attribute(false)
        .doc_examples("pace_scopes")
        .generate()
        .unwrap();
    insta::assert_snapshot!(g.code());
}
