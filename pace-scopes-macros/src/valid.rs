//! Checks the meaning of the parsed attribute and function: everything that does not need
//! the spec. Scopes are checked against the spec by the generated resolver.

use proc_macro2::Span;
use quote::ToTokens;
use syn::{Expr, FnArg, Ident, Pat};

use crate::attr::{Args, Req};
use crate::item::Function;

/// Where the guard reads the granted scopes.
pub(crate) enum Source {
    /// `from = <expr>`.
    Expr(Expr),
    /// The first parameter that is not a receiver.
    Param(Ident),
}

/// Checks the requirement tree: nothing empty, nothing named twice among siblings.
pub(crate) fn requirement(args: &Args, errors: &mut Vec<syn::Error>) {
    // When arguments were written but none parsed as a requirement, their own errors say why.
    if args.required.is_empty() && args.unparsed == 0 {
        errors.push(syn::Error::new(
            Span::call_site(),
            "#[requires_scope] needs at least one scope: #[requires_scope(\"user:users:read\")]",
        ));
    }
    siblings(&args.required, errors);
}

fn siblings(parts: &[Req], errors: &mut Vec<syn::Error>) {
    let mut seen: Vec<String> = Vec::new();
    for part in parts {
        match part {
            Req::Scope(s) => {
                let key = s.key();
                if seen.contains(&key) {
                    errors.push(syn::Error::new(
                        s.span(),
                        format!("the scope {} is named twice", s.display()),
                    ));
                } else {
                    seen.push(key);
                }
            }
            Req::Group { keyword, parts, .. } => {
                if parts.is_empty() {
                    errors.push(syn::Error::new_spanned(
                        keyword,
                        format!("`{keyword}()` is empty: name at least one scope in it"),
                    ));
                }
                siblings(parts, errors);
            }
        }
    }
}

/// Where the granted scopes come from.
pub(crate) fn source(args: &Args, func: &Function, errors: &mut Vec<syn::Error>) -> Option<Source> {
    if let Some(from) = &args.from {
        return Some(Source::Expr(from.value.clone()));
    }
    let first = func.sig.inputs.iter().find_map(|arg| match arg {
        FnArg::Typed(t) => Some(t),
        FnArg::Receiver(_) => None,
    });
    let Some(param) = first else {
        errors.push(syn::Error::new_spanned(
            &func.sig.ident,
            format!(
                "`{}` has no parameter to read the granted scopes from; add one (a token or claims type that implements `pace_scopes::GrantedScopes`) or say where they come from with `from = ...`",
                func.sig.ident
            ),
        ));
        return None;
    };
    match &*param.pat {
        Pat::Ident(p) if p.subpat.is_none() => Some(Source::Param(p.ident.clone())),
        pat => {
            errors.push(syn::Error::new_spanned(
                pat.to_token_stream(),
                "the guard reads the granted scopes from the first parameter, but this one is a pattern; name the value with `from = ...` (for example `from = claims`)",
            ));
            None
        }
    }
}

/// The function must be able to run a check first.
pub(crate) fn function(func: &Function, errors: &mut Vec<syn::Error>) {
    if let Some(c) = &func.sig.constness {
        errors.push(syn::Error::new_spanned(
            c,
            "#[requires_scope] cannot guard a `const fn`: the check runs at run time",
        ));
    }
}
