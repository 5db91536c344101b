//! Unit tests of the expansion, on `proc_macro2` tokens: what the guard emits, and that it
//! leaves the signature and body alone.

use proc_macro2::TokenStream;
use quote::quote;

use crate::expand::{SpecMode, requires_scope};

fn expand(args: TokenStream, item: TokenStream) -> String {
    requires_scope(args, item, SpecMode::Default).to_string()
}

#[test]
fn the_signature_and_body_pass_through_unchanged() {
    let item = quote! {
        pub(crate) async fn handler<'a, T: Clone>(token: &'a T, Json(body): Json<u8>) -> Result<impl Display, E>
        where
            T: Send,
        {
            let x = body;
            other!(x)
        }
    };
    let out = expand(quote!("user:users:read", from = token), item);
    let sig = "pub (crate) async fn handler < 'a , T : Clone > (token : & 'a T , Json (body) : Json < u8 >) -> Result < impl Display , E > where T : Send ,";
    assert!(out.contains(sig), "{out}");
    assert!(out.contains("let x = body ; other ! (x) }"), "{out}");
}

#[test]
fn the_check_comes_before_the_body() {
    let out = expand(
        quote!("user:users:read"),
        quote!(
            fn f(t: T) -> R {
                body_starts_here();
            }
        ),
    );
    let check = out.find("__private :: check").expect("check");
    let body = out.find("body_starts_here").expect("body");
    assert!(check < body, "{out}");
    assert!(
        out.contains("return :: pace_scopes :: __private :: deny"),
        "{out}"
    );
}

#[test]
fn scopes_go_through_the_spec_resolver() {
    let out = expand(
        quote!(all(
            "user:gdpr:read",
            any(UserUsersRead, r"user:users:write")
        )),
        quote!(
            fn f(t: T) -> R {}
        ),
    );
    assert!(
        out.contains(r#":: pace_scopes :: __pace_resolve ! ("user:gdpr:read" ; :: pace_scopes)"#),
        "{out}"
    );
    assert!(
        out.contains(":: pace_scopes :: __pace_resolve ! (UserUsersRead ; :: pace_scopes)"),
        "{out}"
    );
    // Raw strings are normalized, so the resolver's literal arms match them.
    assert!(
        out.contains(r#"__pace_resolve ! ("user:users:write" ; :: pace_scopes)"#),
        "{out}"
    );
    assert!(
        out.contains("Requirement :: < :: pace_scopes :: ScopeSet > :: all"),
        "{out}"
    );
    assert!(
        out.contains("Requirement :: < :: pace_scopes :: ScopeSet > :: any"),
        "{out}"
    );
}

#[test]
fn rustdoc_gains_a_line_with_the_requirement() {
    let out = expand(
        quote!("user:gdpr:read", any("user:users:read", UserUsersWrite)),
        quote!(
            fn f(t: T) -> R {}
        ),
    );
    let doc = r#"# [doc = :: core :: concat ! ("**Requires** " , "`user:gdpr:read`" , " and " , "(" , "`user:users:read`" , " or " , "`" , :: pace_scopes :: __pace_resolve ! (@ str UserUsersWrite) , "`" , ")" , " (checked by `#[requires_scope]` before the body runs).")]"#;
    assert!(out.contains(doc), "{out}");
}

#[test]
fn spec_option_selects_the_module_and_its_resolver() {
    let local = expand(
        quote!("a", spec = crate::scopes),
        quote!(
            fn f(t: T) -> R {}
        ),
    );
    assert!(
        local.contains(r#"crate :: scopes :: requires_scope :: resolve ! ("a" ; crate :: scopes)"#),
        "{local}"
    );
    let other = expand(
        quote!("a", spec = acme::scopes),
        quote!(
            fn f(t: T) -> R {}
        ),
    );
    assert!(
        other.contains(r#":: acme :: __pace_resolve ! ("a" ; acme :: scopes)"#),
        "{other}"
    );
    let bound = requires_scope(
        quote!("a"),
        quote!(
            fn f(t: T) -> R {}
        ),
        SpecMode::Bound,
    )
    .to_string();
    assert!(
        bound.contains(r#"requires_scope :: resolve ! ("a" ; requires_scope)"#),
        "{bound}"
    );
}

#[test]
fn inner_attributes_stay_first() {
    let out = expand(
        quote!("a"),
        quote!(
            fn f(t: T) -> R {
                #![allow(unused)]
                body();
            }
        ),
    );
    let inner = out
        .find("# ! [allow (unused)]")
        .expect("inner attribute kept");
    assert!(
        inner < out.find("__private :: granted").expect("check"),
        "{out}"
    );
}

#[test]
fn errors_keep_the_function_and_still_resolve_scopes() {
    let out = expand(
        quote!("user:users:raed", any()),
        quote!(
            fn f(t: T) -> R {
                body();
            }
        ),
    );
    assert!(out.contains("compile_error"), "{out}");
    assert!(
        out.contains("fn f (t : T) -> R"),
        "the function is still emitted: {out}"
    );
    assert!(
        out.contains(r#"__pace_resolve ! ("user:users:raed" ; :: pace_scopes)"#),
        "{out}"
    );
    assert!(
        !out.contains("__private :: check"),
        "no guard on the error path: {out}"
    );
}

#[test]
fn not_a_function_is_an_error_and_the_item_is_kept() {
    let out = expand(
        quote!("a"),
        quote!(
            struct S;
        ),
    );
    assert!(
        out.contains("applies to functions and methods only"),
        "{out}"
    );
    assert!(out.contains("struct S ;"), "{out}");
}

#[test]
fn closest_suggestion_rule() {
    let out = crate::suggest::unknown_scope(
        quote!("user:users:raed" ; "user:users:read" "user:users:write"),
    )
    .to_string();
    assert!(
        out.contains(r#"unknown scope \"user:users:raed\"; did you mean \"user:users:read\"?"#),
        "{out}"
    );
    let out = crate::suggest::unknown_scope(quote!("billing" ; "user:users:read")).to_string();
    assert!(out.contains("the spec declares no such scope"), "{out}");
    let out = crate::suggest::unknown_scope(quote!(UserUsersWrit ; UserUsersRead UserUsersWrite))
        .to_string();
    assert!(
        out.contains("unknown scope variant `UserUsersWrit`; did you mean `UserUsersWrite`?"),
        "{out}"
    );
}
