//! Emits the guarded function.
//!
//! The signature is re-emitted as written (async, generics, `where` clauses, `impl Trait`
//! untouched) and the body passes through as tokens after the check:
//!
//! ```text
//! fn handler(token: &Token) -> Result<T, E> {
//!     let granted = granted::<ScopeSet, _>(&(token));
//!     if let Err(missing) = check(&REQUIRED, granted) {
//!         return deny(missing);           // or on_deny(f, missing)
//!     }
//!     <body>
//! }
//! ```
//!
//! `REQUIRED` is a `static` built from the scopes that the spec's resolver macro turns into
//! variants, so the check is a mask test and an unknown scope fails to compile at its token.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::attr::{self, Combinator, Req, ScopeRef};
use crate::fallback;
use crate::item::{Function, Item};
use crate::valid::{self, Source};

/// Which spec an invocation checks against, when `spec =` does not say.
#[derive(Clone, Copy)]
pub(crate) enum SpecMode {
    /// `pace_scopes::requires_scope`: the bundled PACE spec.
    Default,
    /// The `requires_scope` of a generated module: the spec beside it.
    Bound,
}

/// Where the spec's items and its resolver macro are.
struct SpecPaths {
    /// The module holding `Scope` and `ScopeSet`.
    types: TokenStream,
    /// The resolver macro's path.
    resolver: TokenStream,
}

impl SpecPaths {
    fn new(mode: SpecMode, explicit: Option<&syn::Path>) -> Self {
        if let Some(path) = explicit {
            let first = path
                .segments
                .first()
                .map(|s| s.ident.to_string())
                .unwrap_or_default();
            let local = path.leading_colon.is_none()
                && matches!(first.as_str(), "crate" | "self" | "super");
            let types = path.to_token_stream();
            let resolver = if local {
                // A module of this crate: its resolver is a `pub(crate)` macro beside it.
                quote!(#path::requires_scope::resolve)
            } else {
                // Another crate: its spec is generated `exported`, resolver at its root.
                let root = format_ident!("{}", first, span = path.segments[0].ident.span());
                quote!(::#root::__pace_resolve)
            };
            return SpecPaths { types, resolver };
        }
        match mode {
            SpecMode::Default => SpecPaths {
                types: quote!(::pace_scopes),
                resolver: quote!(::pace_scopes::__pace_resolve),
            },
            SpecMode::Bound => {
                let module = syn::Ident::new("requires_scope", Span::call_site());
                SpecPaths {
                    types: quote!(#module),
                    resolver: quote!(#module::resolve),
                }
            }
        }
    }

    /// The resolver call that turns a scope into its variant path, at the user's token.
    fn scope(&self, scope: &ScopeRef) -> TokenStream {
        let (resolver, types) = (&self.resolver, &self.types);
        match scope {
            ScopeRef::Str(s) => {
                let mut lit = proc_macro2::Literal::string(&s.value());
                lit.set_span(s.span());
                quote_spanned!(s.span()=> #resolver!(#lit ; #types))
            }
            ScopeRef::Variant(v) => quote_spanned!(v.span()=> #resolver!(#v ; #types)),
        }
    }

    /// The scope string as a doc-string piece.
    fn scope_doc(&self, scope: &ScopeRef) -> TokenStream {
        let resolver = &self.resolver;
        match scope {
            ScopeRef::Str(s) => {
                let text = format!("`{}`", s.value());
                quote!(#text)
            }
            ScopeRef::Variant(v) => quote!("`", #resolver!(@str #v), "`"),
        }
    }
}

/// The entry point of both attributes.
pub(crate) fn requires_scope(args: TokenStream, item: TokenStream, mode: SpecMode) -> TokenStream {
    let mut errors = Vec::new();
    let args = attr::parse(args, &mut errors);
    let func = match syn::parse2::<Item>(item.clone()) {
        Ok(Item::Function(f)) => f,
        Ok(Item::Declaration(sig)) => {
            errors.push(syn::Error::new_spanned(
                &sig.ident,
                "#[requires_scope] needs a function body: put it on the implementation, not on a declaration",
            ));
            return fallback::expand(errors, item);
        }
        Ok(Item::Other) | Err(_) => {
            errors.push(syn::Error::new(
                Span::call_site(),
                "#[requires_scope] applies to functions and methods only",
            ));
            return fallback::expand(errors, item);
        }
    };
    valid::requirement(&args, &mut errors);
    valid::function(&func, &mut errors);
    let source = valid::source(&args, &func, &mut errors);
    let spec = SpecPaths::new(mode, args.spec.as_ref().map(|o| &o.value));
    let (Some(source), true) = (source, errors.is_empty()) else {
        // Still resolve the scopes, so unknown ones are reported in the same build; inside
        // the body, where an item is allowed whether the function is free or a method.
        let Function {
            attrs,
            vis,
            sig,
            body,
        } = &func;
        let (inner_attrs, stmts) = split_inner_attrs(body.stream());
        let checks = resolve_only(&args.required, &spec);
        // Unused-parameter warnings would only add noise to the errors that matter.
        let item =
            quote!(#(#attrs)* #[allow(unused_variables)] #vis #sig { #inner_attrs #checks #stmts });
        return fallback::expand(errors, item);
    };
    guarded(&func, &args, &source, &spec)
}

/// Resolves every scope of the requirement without guarding anything (the error path).
fn resolve_only(parts: &[Req], spec: &SpecPaths) -> TokenStream {
    fn collect(parts: &[Req], spec: &SpecPaths, out: &mut Vec<TokenStream>) {
        for part in parts {
            match part {
                Req::Scope(s) => out.push(spec.scope(s)),
                Req::Group { parts, .. } => collect(parts, spec, out),
            }
        }
    }
    let mut scopes = Vec::new();
    collect(parts, spec, &mut scopes);
    if scopes.is_empty() {
        return TokenStream::new();
    }
    quote!(const _: () = { #(let _ = #scopes;)* };)
}

/// The requirement as a constant expression: direct scopes form one mask per level.
fn requirement(parts: &[Req], combinator: Combinator, spec: &SpecPaths) -> TokenStream {
    let set = {
        let types = &spec.types;
        quote!(#types::ScopeSet)
    };
    let scopes = parts.iter().filter_map(|p| match p {
        Req::Scope(s) => Some(spec.scope(s)),
        Req::Group { .. } => None,
    });
    let nested = parts.iter().filter_map(|p| match p {
        Req::Group {
            combinator, parts, ..
        } => Some(requirement(parts, *combinator, spec)),
        Req::Scope(_) => None,
    });
    let ctor = match combinator {
        Combinator::All => quote!(all),
        Combinator::Any => quote!(any),
    };
    quote! {
        ::pace_scopes::Requirement::<#set>::#ctor(#set::from_scopes(&[#(#scopes),*]), &[#(#nested),*])
    }
}

/// `a and (b or c)` as `concat!` pieces.
fn describe(
    parts: &[Req],
    combinator: Combinator,
    nested: bool,
    spec: &SpecPaths,
    out: &mut Vec<TokenStream>,
) {
    let sep = match combinator {
        Combinator::All => " and ",
        Combinator::Any => " or ",
    };
    let paren = nested && parts.len() > 1;
    if paren {
        out.push(quote!("("));
    }
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(quote!(#sep));
        }
        match part {
            Req::Scope(s) => out.push(spec.scope_doc(s)),
            Req::Group {
                combinator, parts, ..
            } => describe(parts, *combinator, true, spec, out),
        }
    }
    if paren {
        out.push(quote!(")"));
    }
}

/// Whether a body starts with `#!`, looking at two tokens only.
fn starts_with_inner_attr(body: &proc_macro2::Group) -> bool {
    let mut tokens = body.stream().into_iter();
    matches!((tokens.next(), tokens.next()),
        (Some(TokenTree::Punct(hash)), Some(TokenTree::Punct(bang))) if hash.as_char() == '#' && bang.as_char() == '!')
}

/// Splits leading inner attributes (`#![...]`) off a body: they must stay first.
fn split_inner_attrs(body: TokenStream) -> (TokenStream, TokenStream) {
    let tokens: Vec<TokenTree> = body.into_iter().collect();
    let is_inner_attr = |t: &[TokenTree]| {
        matches!(t, [TokenTree::Punct(hash), TokenTree::Punct(bang), TokenTree::Group(g), ..]
            if hash.as_char() == '#' && bang.as_char() == '!' && g.delimiter() == proc_macro2::Delimiter::Bracket)
    };
    let mut at = 0;
    while is_inner_attr(&tokens[at..]) {
        at += 3;
    }
    let rest = tokens[at..].iter().cloned().collect();
    (tokens.into_iter().take(at).collect(), rest)
}

fn guarded(func: &Function, args: &attr::Args, source: &Source, spec: &SpecPaths) -> TokenStream {
    let Function {
        attrs,
        vis,
        sig,
        body,
    } = func;
    let types = &spec.types;
    let set = quote!(#types::ScopeSet);

    let granted = syn::Ident::new("__pace_granted", Span::mixed_site());
    let missing = syn::Ident::new("__pace_missing", Span::mixed_site());
    let required = syn::Ident::new("__PACE_REQUIRED", Span::mixed_site());

    let source = match source {
        Source::Expr(e) => {
            let span = e.span();
            quote_spanned!(span=> ::pace_scopes::__private::granted::<#set, _>(&(#e)))
        }
        Source::Param(p) => {
            quote_spanned!(p.span()=> ::pace_scopes::__private::granted::<#set, _>(&(#p)))
        }
    };

    let deny = match &args.on_deny {
        Some(opt) => {
            let f = &opt.value;
            quote_spanned!(f.span()=> ::pace_scopes::__private::on_deny::<#set, _, _>(#f, #missing))
        }
        None => {
            let span = match &sig.output {
                syn::ReturnType::Type(_, ty) => ty.span(),
                syn::ReturnType::Default => sig.ident.span(),
            };
            quote_spanned!(span=> ::pace_scopes::__private::deny::<#set, _>(#missing))
        }
    };

    let requirement = requirement(&args.required, Combinator::All, spec);
    let mut pieces = Vec::new();
    describe(&args.required, Combinator::All, false, spec, &mut pieces);
    // The body passes through as one token tree, unopened, after the check: looking inside
    // it costs the compiler a round trip per token (measured in BENCHMARKS.md). Only a body
    // that starts with inner attributes (`#![...]`) is split, so they stay first.
    let body = if starts_with_inner_attr(body) {
        let (inner_attrs, stmts) = split_inner_attrs(body.stream());
        Some((inner_attrs, stmts))
    } else {
        None
    };
    let (inner_attrs, stmts) = match body {
        Some(split) => split,
        None => (TokenStream::new(), func.body.to_token_stream()),
    };

    quote! {
        #(#attrs)*
        #[doc = ""]
        #[doc = ::core::concat!("**Requires** ", #(#pieces),*, " (checked by `#[requires_scope]` before the body runs).")]
        #vis #sig {
            #inner_attrs
            let #granted = #source;
            if let ::core::result::Result::Err(#missing) = ::pace_scopes::__private::check::<#set>(
                {
                    static #required: ::pace_scopes::Requirement<#set> = #requirement;
                    &#required
                },
                #granted,
            ) {
                return #deny;
            }
            #stmts
        }
    }
}
