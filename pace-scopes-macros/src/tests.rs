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
    let check = out.find("__private :: check_all").expect("check");
    let body = out.find("body_starts_here").expect("body");
    assert!(check < body, "{out}");
    // The denial is returned before the body, which stays one block, unopened.
    assert!(
        out.contains("(__pace_missing) ; } { body_starts_here () ; } }"),
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
        out.contains("__private :: check (& :: pace_scopes :: Requirement :: < :: pace_scopes :: ScopeSet > :: All (& [] , & [:: pace_scopes :: Requirement :: < :: pace_scopes :: ScopeSet > :: All (& [:: pace_scopes :: __pace_resolve ! (\"user:gdpr:read\" ; :: pace_scopes)] , & [:: pace_scopes :: Requirement :: < :: pace_scopes :: ScopeSet > :: Any"),
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
    let doc = r#"# [doc = :: core :: concat ! ("\n**Requires** " , "`user:gdpr:read`" , " and " , "(" , "`user:users:read`" , " or " , "`" , :: pace_scopes :: __pace_resolve ! (@ str UserUsersWrite) , "`" , ")" , " (checked by `requires_scope` before the body runs).")]"#;
    assert!(out.contains(doc), "{out}");
    // Only strings: one literal, no macro call.
    let out = expand(
        quote!("user:gdpr:read", any("user:users:read", "user:users:write")),
        quote!(
            /// Exports.
            fn f(t: T) -> R {}
        ),
    );
    let doc = r#"# [doc = r" Exports."] # [doc = "\n**Requires** `user:gdpr:read` and (`user:users:read` or `user:users:write`) (checked by `requires_scope` before the body runs)."] fn f"#;
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
fn inner_attributes_stay_first_in_the_body() {
    let out = expand(
        quote!("a"),
        quote!(
            fn f(t: T) -> R {
                #![allow(unused)]
                body();
            }
        ),
    );
    assert!(
        out.contains("(__pace_missing) ; } { # ! [allow (unused)] body () ; } }"),
        "{out}"
    );
}

/// What `item::scan` reads off a signature: `Some(first parameter)` when it is a plain
/// function, `Some(None)` when it is one without a plain first parameter, `None` otherwise.
fn scanned(item: TokenStream) -> Option<Option<String>> {
    let trees: Vec<proc_macro2::TokenTree> = item.into_iter().collect();
    crate::item::scan(&trees).map(|f| f.first_param.map(|p| p.to_string()))
}

#[test]
fn the_scan_finds_the_first_parameter_that_is_not_a_receiver() {
    let some = |s: &str| Some(Some(s.to_owned()));
    assert_eq!(
        scanned(quote!(
            fn f(t: T) {}
        )),
        some("t")
    );
    assert_eq!(
        scanned(quote!(
            fn f(mut t: T, u: U) {}
        )),
        some("t")
    );
    assert_eq!(
        scanned(quote!(
            fn f(&self, t: T) {}
        )),
        some("t")
    );
    assert_eq!(
        scanned(quote!(
            fn f(&'a mut self, t: T) {}
        )),
        some("t")
    );
    assert_eq!(
        scanned(quote!(
            fn f(mut self, t: T) {}
        )),
        some("t")
    );
    assert_eq!(
        scanned(quote!(
            fn f(self: Box<Self>, t: T) {}
        )),
        some("t")
    );
    assert_eq!(
        scanned(quote!(
            fn f(self: Pin<&mut Rc<Self, A>>, t: T) {}
        )),
        some("t")
    );
    assert_eq!(
        scanned(quote!(
            fn f(#[cfg(x)] t: T) {}
        )),
        some("t")
    );
    assert_eq!(
        scanned(quote!(
            fn f(t: HashMap<K, V>, u: U) {}
        )),
        some("t")
    );
    assert_eq!(
        scanned(quote!(
            fn f<F: Fn(u8) -> u8, const N: usize>(g: F) -> impl Fn() -> u8 {}
        )),
        some("g")
    );
    assert_eq!(
        scanned(quote!(
            #[inline]
            #[doc = "x"]
            pub(crate) async unsafe extern "C" fn f<'a>(t: &'a T) -> Result<(), E>
            where
                T: Send,
            {
            }
        )),
        some("t")
    );
    assert_eq!(
        scanned(quote!(
            fn f(self: Box<dyn Fn(u8) -> u8>, t: T) {}
        )),
        some("t")
    );
    // Not a plain first parameter: the syn path words the error.
    assert_eq!(
        scanned(quote!(
            fn f(Json(b): Json<B>) {}
        )),
        Some(None)
    );
    assert_eq!(
        scanned(quote!(
            fn f(ref t: T) {}
        )),
        Some(None)
    );
    assert_eq!(
        scanned(quote!(
            fn f(_: T) {}
        )),
        Some(None)
    );
    assert_eq!(
        scanned(quote!(
            fn f(&self) {}
        )),
        Some(None)
    );
    assert_eq!(
        scanned(quote!(
            fn f() {}
        )),
        Some(None)
    );
    // Not a plain function: syn reads it.
    assert_eq!(
        scanned(quote!(
            const fn f(t: T) {}
        )),
        None
    );
    assert_eq!(
        scanned(quote!(
            fn f(t: T);
        )),
        None
    );
    assert_eq!(
        scanned(quote!(
            struct S {
                t: T,
            }
        )),
        None
    );
    assert_eq!(scanned(quote!(impl S {})), None);
    assert_eq!(
        scanned(quote!(
            fn f(t: T) -> [u8; 3] {}
        )),
        some("t")
    );
}

#[test]
fn a_scan_splits_attributes_signature_and_body_without_opening_the_body() {
    let trees: Vec<proc_macro2::TokenTree> = quote!(
        #[doc = "a"]
        #[inline]
        pub async fn f(t: T) -> R
        where
            R: Send,
        {
            body();
        }
    )
    .into_iter()
    .collect();
    let scan = crate::item::scan(&trees).expect("a plain function");
    let Ok(split) = scan.split(trees) else {
        panic!("the trees scanned must split");
    };
    let text =
        |trees: Vec<proc_macro2::TokenTree>| trees.into_iter().collect::<TokenStream>().to_string();
    assert_eq!(text(split.attrs), r#"# [doc = "a"] # [inline]"#);
    assert_eq!(
        text(split.sig),
        "pub async fn f (t : T) -> R where R : Send ,"
    );
    assert_eq!(split.body.to_string(), "{ body () ; }");
    // Other trees than those scanned come back unchanged, for syn to read: another length,
    // or the same length without a braced body last.
    for other in [
        quote!(
            struct S;
        ),
        quote!(#[a] #[b] pub async fn f(t: T) -> R where R: Send, (body)),
        quote!(
            struct S {}
        ),
    ] {
        let trees: Vec<proc_macro2::TokenTree> = other.into_iter().collect();
        let before = text(trees.clone());
        let Err(back) = scan.split(trees) else {
            panic!("{before} must come back");
        };
        assert_eq!(text(back), before);
    }
}

#[test]
fn the_fast_path_and_the_syn_path_expand_alike() {
    // Every signature shape the scan accepts: both readings must guard the same parameter
    // and emit the same function (the guard's source is security-relevant).
    let items = [
        quote!(
            /// Docs.
            #[inline]
            pub(crate) async fn handler<'a, T: Clone>(&self, token: &'a T) -> Result<u8, E>
            where
                T: Send,
            {
                #![allow(unused)]
                body()
            }
        ),
        quote!(
            fn f(t: T) {}
        ),
        quote!(
            fn f(mut t: T, u: U) -> R {
                u
            }
        ),
        quote!(
            fn f(&'a mut self, t: T) -> R {}
        ),
        quote!(
            fn f(mut self, t: T) -> R {}
        ),
        quote!(
            fn f(self: Box<Self>, t: T) -> R {}
        ),
        quote!(
            fn f(self: Pin<&mut Rc<Self, A>>, t: T) -> R {}
        ),
        quote!(
            fn f(self: Box<dyn Fn(u8) -> Box<dyn Fn()>>, t: T) -> R {}
        ),
        quote!(
            fn f(#[cfg(x)] t: T) -> R {}
        ),
        quote!(
            fn f(t: HashMap<K, V>, u: U) -> R {}
        ),
        quote!(
            fn f<F: Fn(u8) -> u8, const N: usize>(g: F) -> impl Fn() -> u8 {}
        ),
        quote!(
            unsafe extern "C" fn f(t: &T) -> [u8; 3] {}
        ),
        quote!(
            pub fn f(t: T) -> Result<impl Iterator<Item = u8>, E>
            where
                T: Send,
            {
            }
        ),
    ];
    let argss = [
        quote!("user:users:read"),
        quote!("user:users:read", UserUsersWrite),
        quote!(any(
            "user:users:read",
            all("user:gdpr:read", UserUsersWrite)
        )),
        quote!("user:users:read", on_deny = |m| deny(m)),
        quote!("user:users:read", from = other.token),
    ];
    for item in &items {
        assert!(
            matches!(scanned(item.clone()), Some(Some(_))),
            "the scan reads {item}"
        );
        for args in &argss {
            let fast = requires_scope(args.clone(), item.clone(), SpecMode::Default).to_string();
            let slow = crate::expand::requires_scope_via_syn(
                args.clone(),
                item.clone(),
                SpecMode::Default,
            )
            .to_string();
            // syn re-emits `>>` as `> >`: the same tokens but for spacing.
            let squeeze = |s: &str| s.replace(' ', "");
            assert_eq!(squeeze(&fast), squeeze(&slow), "{args} on {item}");
            assert!(fast.contains("__pace_resolve"), "{fast}");
            assert!(!fast.contains("compile_error"), "{fast}");
        }
    }
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
