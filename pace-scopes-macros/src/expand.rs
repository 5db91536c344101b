//! Emits the guarded function.
//!
//! The signature is re-emitted as written (async, generics, `where` clauses, `impl Trait`
//! untouched) and the body passes through unopened, as the tail of the new body:
//!
//! ```text
//! fn handler(token: &Token) -> Result<T, E> {
//!     if let Err(missing) = check_all::<ScopeSet, _>(&(token), &[resolve!("a"; ..), ...]) {
//!         return deny::<ScopeSet, _>(missing);  // Deny::deny, from the return type
//!     }
//!     { <body> }
//! }
//! ```
//!
//! (`check(&(token), &Requirement::<ScopeSet>::All(&[...], &[...]))` when `all`/`any` nest.)
//!
//! The requirement is a constant expression of scope variants that the spec's resolver macro
//! produces from the scopes, so the compiler promotes it to a `'static` value (no item and no
//! const evaluation per guard) and an unknown scope fails to compile at its token. A guard's
//! cost to the compiler is the size of this expansion plus the macro's own run, so both are
//! kept small: the fixed parts are lexed by the compiler from text (`TokenStream::from_str`,
//! one call each) instead of built token by token in the unoptimized macro, and only the
//! user's own tokens (scopes, parameter, `from`, `on_deny`) are spliced in with their spans.

use std::cell::OnceCell;

use proc_macro2::{Delimiter, Group, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};
use syn::spanned::Spanned;

use crate::attr::{self, Combinator, Req, ScopeRef};
use crate::fallback;
use crate::item::{self, Function, Item};
use crate::valid::{self, Source};

/// Which spec an invocation checks against, when `spec =` does not say.
#[derive(Clone, Copy)]
pub(crate) enum SpecMode {
    /// `pace_scopes::requires_scope`: the bundled PACE spec.
    Default,
    /// The `requires_scope` of a generated module: the spec beside it.
    Bound,
}

/// Where the spec's items and its resolver macro are: the resolver's path and the module
/// holding `Scope` and `ScopeSet`, and the pieces of the expansion built from them, each
/// made once per invocation and only when needed.
struct SpecPaths {
    /// The two paths as text (the bundled spec, a bound module) or as the user's tokens.
    paths: Paths,
    bang: OnceCell<TokenStream>,
    semi_types: OnceCell<TokenStream>,
    requirement: OnceCell<TokenStream>,
}

enum Paths {
    Text {
        resolver: &'static str,
        types: &'static str,
    },
    Tokens {
        resolver: TokenStream,
        types: TokenStream,
    },
}

impl SpecPaths {
    fn new(mode: SpecMode, explicit: Option<&syn::Path>) -> Self {
        let paths = match (explicit, mode) {
            (Some(path), _) => {
                let first = path
                    .segments
                    .first()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default();
                let local = path.leading_colon.is_none()
                    && matches!(first.as_str(), "crate" | "self" | "super");
                let resolver = if local {
                    // A module of this crate: its resolver is a `pub(crate)` macro beside it.
                    quote!(#path::requires_scope::resolve)
                } else {
                    // Another crate: its spec is generated `exported`, resolver at its root.
                    let root = format_ident!("{}", first, span = path.segments[0].ident.span());
                    quote!(::#root::__pace_resolve)
                };
                Paths::Tokens {
                    resolver,
                    types: path.to_token_stream(),
                }
            }
            (None, SpecMode::Default) => Paths::Text {
                resolver: "::pace_scopes::__pace_resolve",
                types: "::pace_scopes",
            },
            // The `requires_scope` module beside the attribute the user imported from a
            // generated module.
            (None, SpecMode::Bound) => Paths::Text {
                resolver: "requires_scope::resolve",
                types: "requires_scope",
            },
        };
        SpecPaths {
            paths,
            bang: OnceCell::new(),
            semi_types: OnceCell::new(),
            requirement: OnceCell::new(),
        }
    }

    /// The resolver macro's path.
    fn resolver(&self) -> TokenStream {
        match &self.paths {
            Paths::Text { resolver, .. } => code(resolver),
            Paths::Tokens { resolver, .. } => resolver.clone(),
        }
    }

    /// `<resolver>!`.
    fn bang(&self) -> TokenStream {
        self.bang
            .get_or_init(|| match &self.paths {
                Paths::Text { resolver, .. } => code(&format!("{resolver}!")),
                Paths::Tokens { resolver, .. } => quote!(#resolver!),
            })
            .clone()
    }

    /// `; <module>`: the resolver's second argument.
    fn semi_types(&self) -> TokenStream {
        self.semi_types
            .get_or_init(|| match &self.paths {
                Paths::Text { types, .. } => code(&format!("; {types}")),
                Paths::Tokens { types, .. } => quote!(; #types),
            })
            .clone()
    }

    /// `::pace_scopes::Requirement::<<module>::ScopeSet>::`.
    fn requirement(&self) -> TokenStream {
        self.requirement
            .get_or_init(|| match &self.paths {
                Paths::Text { types, .. } => code(&format!(
                    "::pace_scopes::Requirement::<{types}::ScopeSet>::"
                )),
                Paths::Tokens { types, .. } => {
                    quote!(::pace_scopes::Requirement::<#types::ScopeSet>::)
                }
            })
            .clone()
    }

    /// The resolver call that turns a scope into its variant path, with the user's token.
    fn scope(&self, scope: &ScopeRef) -> TokenStream {
        let written = match scope {
            ScopeRef::Str { lit, .. } => TokenTree::Literal(lit.clone()),
            ScopeRef::Variant(v) => TokenTree::Ident(v.clone()),
        };
        let mut args = TokenStream::from(written);
        args.extend(self.semi_types());
        let mut call = self.bang();
        call.extend([group(Delimiter::Parenthesis, args)]);
        call
    }

    /// The resolver calls of the scopes named directly in `parts`, comma-separated.
    fn scopes(&self, parts: &[Req]) -> TokenStream {
        let mut list = TokenStream::new();
        for part in parts {
            if let Req::Scope(s) = part {
                if !list.is_empty() {
                    list.extend([punct(',')]);
                }
                list.extend(self.scope(s));
            }
        }
        list
    }
}

/// A name at the call site (a keyword too); made in the macro, no round trip to the compiler.
fn ident(name: &str) -> TokenTree {
    TokenTree::Ident(proc_macro2::Ident::new(name, Span::call_site()))
}

fn punct(c: char) -> TokenTree {
    TokenTree::Punct(Punct::new(c, Spacing::Alone))
}

/// Fixed code, lexed by the compiler: one bridge call instead of one per token. The inputs
/// are this file's literals and names, which always lex.
///
/// Inside a macro run, `proc_macro` lexes it directly: `proc_macro2`'s `from_str` first
/// re-lexes the text itself to validate it, which in an unoptimized build costs more than
/// the whole guard. Outside one (unit tests), `proc_macro2` lexes it.
fn code(text: &str) -> TokenStream {
    if proc_macro::is_available() {
        return text
            .parse::<proc_macro::TokenStream>()
            .map(TokenStream::from)
            .unwrap_or_default();
    }
    text.parse().unwrap_or_default()
}

fn group(delimiter: Delimiter, stream: TokenStream) -> TokenTree {
    TokenTree::Group(Group::new(delimiter, stream))
}

/// The entry point of both attributes.
pub(crate) fn requires_scope(args: TokenStream, item: TokenStream, mode: SpecMode) -> TokenStream {
    expand(args, item, mode, true)
}

/// [`requires_scope`] with the function always read by syn, to test that both readings
/// expand alike.
#[cfg(test)]
pub(crate) fn requires_scope_via_syn(
    args: TokenStream,
    item: TokenStream,
    mode: SpecMode,
) -> TokenStream {
    expand(args, item, mode, false)
}

fn expand(args: TokenStream, item: TokenStream, mode: SpecMode, scan: bool) -> TokenStream {
    let mut errors = Vec::new();
    let args = attr::parse(args, &mut errors);
    let mut requirement_errors = Vec::new();
    valid::requirement(&args, &mut requirement_errors);
    let spec = SpecPaths::new(mode, args.spec.as_ref().map(|o| &o.value));
    let trees: Vec<TokenTree> = item.into_iter().collect();

    // The common case: a plain function, read off its top-level tokens.
    if scan
        && errors.is_empty()
        && requirement_errors.is_empty()
        && let Some(func) = item::scan(&trees)
    {
        let source = match (&args.from, &func.first_param) {
            (Some(from), _) => Some((from.value.to_token_stream(), from.value.span())),
            (None, Some(param)) => Some((TokenTree::Ident(param.clone()).into(), param.span())),
            // No parameter to read: syn's reading words the error.
            (None, None) => None,
        };
        if let Some((source, source_span)) = source {
            let guard = Guard {
                attrs: func.attrs.into_iter().collect(),
                sig: func.sig.into_iter().collect(),
                body: func.body,
                source,
                source_span,
                ret_span: func.ret_span,
                args: &args,
                spec: &spec,
            };
            return guard.emit();
        }
    }

    // Everything else, and every error: syn reads the function.
    let item: TokenStream = trees.into_iter().collect();
    let func = match Item::parse(item.clone()) {
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
    errors.extend(requirement_errors);
    valid::function(&func, &mut errors);
    let source = valid::source(&args, &func, &mut errors);
    let Function {
        attrs,
        vis,
        sig,
        body,
    } = &func;
    let (Some(source), true) = (source, errors.is_empty()) else {
        // Still resolve the scopes, so unknown ones are reported in the same build; inside
        // the body, where an item is allowed whether the function is free or a method.
        let checks = resolve_only(&args.required, &spec);
        // Unused-parameter warnings would only add noise to the errors that matter.
        let item = quote!(#(#attrs)* #[allow(unused_variables)] #vis #sig { #checks #body });
        return fallback::expand(errors, item);
    };
    let (source, source_span) = match source {
        Source::Expr(e) => (e.to_token_stream(), e.span()),
        Source::Param(p) => (p.to_token_stream(), p.span()),
    };
    let guard = Guard {
        attrs: quote!(#(#attrs)*),
        sig: quote!(#vis #sig),
        body: body.clone(),
        source,
        source_span,
        ret_span: match &sig.output {
            syn::ReturnType::Type(_, ty) => ty.span(),
            syn::ReturnType::Default => sig.ident.span(),
        },
        args: &args,
        spec: &spec,
    };
    guard.emit()
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

/// The requirement as a promotable constant expression: enum variants holding arrays of scope
/// variants, so `&` of it is a `'static` promoted value (no item, no const evaluation):
/// `::pace_scopes::Requirement::<Set>::All(&[<scopes>], &[<nested>])`.
fn requirement(parts: &[Req], combinator: Combinator, spec: &SpecPaths) -> TokenStream {
    let scopes = spec.scopes(parts);
    let mut nested = TokenStream::new();
    for part in parts {
        if let Req::Group {
            combinator, parts, ..
        } = part
        {
            if !nested.is_empty() {
                nested.extend([punct(',')]);
            }
            nested.extend(requirement(parts, *combinator, spec));
        }
    }
    let mut out = spec.requirement();
    let variant = match combinator {
        Combinator::All => "All",
        Combinator::Any => "Any",
    };
    let args = [
        punct('&'),
        group(Delimiter::Bracket, scopes),
        punct(','),
        punct('&'),
        group(Delimiter::Bracket, nested),
    ];
    out.extend([
        ident(variant),
        group(Delimiter::Parenthesis, args.into_iter().collect()),
    ]);
    out
}

/// A piece of the rustdoc line: text, or a variant whose string only the spec knows.
enum Piece<'a> {
    Text(String),
    Variant(&'a syn::Ident),
}

/// `a and (b or c)` as pieces.
fn describe<'a>(parts: &'a [Req], combinator: Combinator, nested: bool, out: &mut Vec<Piece<'a>>) {
    let sep = match combinator {
        Combinator::All => " and ",
        Combinator::Any => " or ",
    };
    let paren = nested && parts.len() > 1;
    if paren {
        out.push(Piece::Text("(".into()));
    }
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(Piece::Text(sep.into()));
        }
        match part {
            Req::Scope(ScopeRef::Str { value, .. }) => out.push(Piece::Text(format!("`{value}`"))),
            Req::Scope(ScopeRef::Variant(v)) => out.push(Piece::Variant(v)),
            Req::Group {
                combinator, parts, ..
            } => describe(parts, *combinator, true, out),
        }
    }
    if paren {
        out.push(Piece::Text(")".into()));
    }
}

/// One guarded function: the user's tokens and what the guard adds.
struct Guard<'a> {
    attrs: TokenStream,
    /// Visibility and signature, as written.
    sig: TokenStream,
    body: Group,
    /// Where the granted scopes come from (a parameter or `from = ...`).
    source: TokenStream,
    source_span: Span,
    /// The return type's first token (the name's, without one).
    ret_span: Span,
    args: &'a attr::Args,
    spec: &'a SpecPaths,
}

impl Guard<'_> {
    fn emit(self) -> TokenStream {
        let mut body = self.check();
        let mut out = self.attrs;
        out.extend(doc_line(&self.args.required, self.spec));
        out.extend(self.sig);
        // The body is the tail of the new one, unopened: its inner attributes (`#![...]`)
        // stay first in it, and apply to it.
        body.extend([TokenTree::Group(self.body)]);
        out.extend([group(Delimiter::Brace, body)]);
        out
    }

    /// `if let Err(missing) = check_all(&[scopes], &(source)) { return deny(missing); }`
    /// (`check(&requirement, ..)` when `all`/`any` nest, `on_deny(f, missing)` when given).
    ///
    /// The scopes come first, so the spec's set is known before the source is checked, and
    /// each call carries the span its errors belong to: the check at the source (a value
    /// that grants no scopes), the denial at the return type (a type that cannot report one)
    /// or at `f`.
    fn check(&self) -> TokenStream {
        let required = &self.args.required;
        let flat = required.iter().all(|r| matches!(r, Req::Scope(_)));
        let span = self.source_span;

        let mut args: TokenStream = [punct('&')].into_iter().collect();
        if flat {
            args.extend([group(Delimiter::Bracket, self.spec.scopes(required))]);
        } else {
            args.extend(requirement(required, Combinator::All, self.spec));
        }
        let mut source = Group::new(Delimiter::Parenthesis, self.source.clone());
        source.set_span(span);
        args.extend([
            punct_at(',', span),
            punct_at('&', span),
            TokenTree::Group(source),
        ]);
        let mut args = Group::new(Delimiter::Parenthesis, args);
        args.set_span(span);
        let function = if flat { "check_all" } else { "check" };
        let mut out = code("if let ::core::result::Result::Err(__pace_missing) =");
        out.extend(path_at(&["pace_scopes", "__private", function], span));
        out.extend([TokenTree::Group(args)]);

        let (function, mut args, span) = match &self.args.on_deny {
            None => ("deny", TokenStream::new(), self.ret_span),
            Some(opt) => {
                let mut f = opt.value.to_token_stream();
                f.extend([punct(',')]);
                ("on_deny", f, opt.value.span())
            }
        };
        args.extend([ident("__pace_missing")]);
        let mut args = Group::new(Delimiter::Parenthesis, args);
        args.set_span(span);
        let mut ret = TokenStream::from(ident("return"));
        ret.extend(path_at(&["pace_scopes", "__private", function], span));
        ret.extend([TokenTree::Group(args), punct(';')]);
        out.extend([group(Delimiter::Brace, ret)]);
        out
    }
}

/// `::a::b::c` with every token at `span`, so that errors about the call point there.
fn path_at(segments: &[&str], span: Span) -> TokenStream {
    let mut out = TokenStream::new();
    for segment in segments {
        let mut joint = Punct::new(':', Spacing::Joint);
        joint.set_span(span);
        out.extend([
            TokenTree::Punct(joint),
            punct_at(':', span),
            TokenTree::Ident(proc_macro2::Ident::new(segment, span)),
        ]);
    }
    out
}

fn punct_at(c: char, span: Span) -> TokenTree {
    let mut p = Punct::new(c, Spacing::Alone);
    p.set_span(span);
    TokenTree::Punct(p)
}

/// The handler's rustdoc line, after a blank one: one literal when every scope is a string,
/// `concat!` with the resolver's `@str` arm when some are variants.
fn doc_line(required: &[Req], spec: &SpecPaths) -> TokenStream {
    const HEAD: &str = "\n**Requires** ";
    const TAIL: &str = " (checked by `#[requires_scope]` before the body runs).";
    let mut pieces = Vec::new();
    describe(required, Combinator::All, false, &mut pieces);
    if pieces.iter().all(|p| matches!(p, Piece::Text(_))) {
        let mut line = String::from(HEAD);
        for piece in &pieces {
            if let Piece::Text(text) = piece {
                line.push_str(text);
            }
        }
        line.push_str(TAIL);
        return code(&format!("#[doc = {line:?}]"));
    }
    let resolver = spec.resolver();
    let pieces = pieces.iter().map(|p| match p {
        Piece::Text(text) => quote!(#text),
        Piece::Variant(v) => quote!("`", #resolver!(@str #v), "`"),
    });
    quote!(#[doc = ::core::concat!(#HEAD, #(#pieces),*, #TAIL)])
}
