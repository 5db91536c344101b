//! Emits the guarded function.
//!
//! The signature is re-emitted as written (async, generics, `where` clauses, `impl Trait`
//! untouched) and the body passes through unopened, as the tail of the new body:
//!
//! ```text
//! fn handler(token: &Token) -> Result<T, E> {
//!     if let Err(missing) = check_all(&[resolve!("a"; ..), ...], &(token)) {
//!         return deny(missing);  // Deny::deny, from the return type
//!     }
//!     { <body> }
//! }
//! ```
//!
//! (`check(&Requirement::<ScopeSet>::All(&[...], &[...]), &(token))` when `all`/`any` nest.)
//!
//! The requirement is a constant expression of scope variants that the spec's resolver macro
//! produces from the scopes, so the compiler promotes it to a `'static` value (no item and no
//! const evaluation per guard) and an unknown scope fails to compile at its token. A guard's
//! cost to the compiler is the size of this expansion plus the macro's own run, so both are
//! kept small, and the run makes few calls across the proc-macro bridge (see [`Out`]): the
//! expansion is built as flat lists of tokens, one stream per group, with the user's own
//! tokens (scopes, parameter, `from`, `on_deny`) spliced in with their spans.

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
/// holding `Scope` and `ScopeSet`.
struct SpecPaths {
    resolver: PathTokens,
    types: PathTokens,
}

/// A path of the expansion.
enum PathTokens {
    /// Its segments (the bundled spec, a bound module), made into tokens in the macro, so
    /// that they cost no call across the proc-macro bridge.
    Segments(&'static [&'static str]),
    /// The user's tokens (`spec = path`).
    Trees(Vec<TokenTree>),
}

impl PathTokens {
    fn push(&self, out: &mut Out) {
        match self {
            PathTokens::Segments(segments) => out.path(segments, Span::call_site()),
            PathTokens::Trees(trees) => out.trees.extend(trees.iter().cloned()),
        }
    }
}

impl SpecPaths {
    fn new(mode: SpecMode, explicit: Option<&syn::Path>) -> Self {
        let (resolver, types) = match (explicit, mode) {
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
                (
                    PathTokens::Trees(resolver.into_iter().collect()),
                    PathTokens::Trees(path.to_token_stream().into_iter().collect()),
                )
            }
            (None, SpecMode::Default) => (
                PathTokens::Segments(&["", "pace_scopes", "__pace_resolve"]),
                PathTokens::Segments(&["", "pace_scopes"]),
            ),
            // The `requires_scope` module beside the attribute the user imported from a
            // generated module.
            (None, SpecMode::Bound) => (
                PathTokens::Segments(&["requires_scope", "resolve"]),
                PathTokens::Segments(&["requires_scope"]),
            ),
        };
        SpecPaths { resolver, types }
    }

    /// `::pace_scopes::Requirement::<<module>::ScopeSet>::`.
    fn requirement(&self, out: &mut Out) {
        let here = Span::call_site();
        out.path(&["", "pace_scopes", "Requirement", ""], here);
        out.punct('<', here);
        self.types.push(out);
        out.path(&["", "ScopeSet"], here);
        out.punct('>', here);
        out.path(&["", ""], here);
    }

    /// The resolver call that turns a scope into its variant path, with the user's token:
    /// `<resolver>!("scope"; <module>)`.
    fn scope(&self, scope: &ScopeRef, out: &mut Out) {
        let here = Span::call_site();
        self.resolver.push(out);
        out.punct('!', here);
        let mut args = Out::default();
        args.trees.push(match scope {
            ScopeRef::Str { lit, .. } => TokenTree::Literal(lit.clone()),
            ScopeRef::Variant(v) => TokenTree::Ident(v.clone()),
        });
        args.punct(';', here);
        self.types.push(&mut args);
        out.group(Delimiter::Parenthesis, args, here);
    }

    /// The resolver calls of the scopes named directly in `parts`, comma-separated.
    fn scopes(&self, parts: &[Req]) -> Out {
        let mut list = Out::default();
        for part in parts {
            if let Req::Scope(s) = part {
                if !list.trees.is_empty() {
                    list.punct(',', Span::call_site());
                }
                self.scope(s, &mut list);
            }
        }
        list
    }
}

/// Tokens being emitted: optionally fixed code the compiler lexed, then a flat list of trees,
/// made into one stream when its group is made or the expansion returned.
///
/// Every stream operation (lexing text, making a stream from trees, extending, cloning) is a
/// call across the proc-macro bridge; making a token in the macro is none, but converting it
/// costs the compiler more than lexing it. So a run of fixed code goes in as text (one call,
/// [`Out::code`]) and the rest as trees: a guard makes 17 calls, where extending streams
/// piece by piece made 51 (BENCHMARKS.md).
#[derive(Default)]
struct Out {
    /// Fixed code the compiler lexed, first.
    code: Option<TokenStream>,
    trees: Vec<TokenTree>,
}

impl From<Vec<TokenTree>> for Out {
    fn from(trees: Vec<TokenTree>) -> Self {
        Out { code: None, trees }
    }
}

impl Out {
    /// Fixed code, lexed by the compiler, to start with (spans at the call site). The inputs
    /// are this file's literals, which always lex.
    ///
    /// Inside a macro run, `proc_macro` lexes it directly: `proc_macro2`'s `from_str` first
    /// re-lexes the text itself to validate it, which in an unoptimized build costs more than
    /// the whole guard. Outside one (unit tests), `proc_macro2` lexes it.
    fn code(text: &str) -> Self {
        let stream = if proc_macro::is_available() {
            text.parse::<proc_macro::TokenStream>()
                .map(TokenStream::from)
                .unwrap_or_default()
        } else {
            text.parse().unwrap_or_default()
        };
        Out {
            code: Some(stream),
            trees: Vec::new(),
        }
    }

    /// A name (a keyword too).
    fn ident(&mut self, name: &str, span: Span) {
        self.trees
            .push(TokenTree::Ident(proc_macro2::Ident::new(name, span)));
    }

    fn punct(&mut self, c: char, span: Span) {
        self.punct_spaced(c, Spacing::Alone, span);
    }

    fn punct_spaced(&mut self, c: char, spacing: Spacing, span: Span) {
        let mut p = Punct::new(c, spacing);
        p.set_span(span);
        self.trees.push(TokenTree::Punct(p));
    }

    /// A path, its segments joined by `::` (an empty first one for a leading `::`, an empty
    /// last one for a trailing `::`), every token at `span`.
    fn path(&mut self, segments: &[&str], span: Span) {
        for (i, segment) in segments.iter().enumerate() {
            if i > 0 {
                self.punct_spaced(':', Spacing::Joint, span);
                self.punct(':', span);
            }
            if !segment.is_empty() {
                self.ident(segment, span);
            }
        }
    }

    fn group(&mut self, delimiter: Delimiter, inner: Out, span: Span) {
        let mut group = Group::new(delimiter, inner.into_stream());
        group.set_span(span);
        self.trees.push(TokenTree::Group(group));
    }

    fn into_stream(self) -> TokenStream {
        match self.code {
            Some(mut code) => {
                code.extend(self.trees);
                code
            }
            None => self.trees.into_iter().collect(),
        }
    }
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
    let mut trees: Vec<TokenTree> = item.into_iter().collect();

    // The common case: a plain function, read off its top-level tokens.
    if scan
        && errors.is_empty()
        && requirement_errors.is_empty()
        && let Some(scan) = item::scan(&trees)
    {
        let source = match (&args.from, &scan.first_param) {
            (Some(from), _) => Some((
                from.value.to_token_stream().into_iter().collect(),
                from.value.span(),
            )),
            (None, Some(param)) => Some((vec![TokenTree::Ident(param.clone())], param.span())),
            // No parameter to read: syn's reading words the error.
            (None, None) => None,
        };
        if let Some((source, source_span)) = source {
            match scan.split(trees) {
                Ok(func) => {
                    let guard = Guard {
                        attrs: func.attrs,
                        sig: func.sig,
                        body: func.body,
                        source,
                        source_span,
                        ret_span: scan.ret_span,
                        args: &args,
                        spec: &spec,
                    };
                    return guard.emit();
                }
                // Not what was scanned (cannot happen): syn reads it.
                Err(unsplit) => trees = unsplit,
            }
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
        attrs: quote!(#(#attrs)*).into_iter().collect(),
        sig: quote!(#vis #sig).into_iter().collect(),
        body: body.clone(),
        source: source.into_iter().collect(),
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
                Req::Scope(s) => {
                    let mut call = Out::default();
                    spec.scope(s, &mut call);
                    out.push(call.into_stream());
                }
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
fn requirement(parts: &[Req], combinator: Combinator, spec: &SpecPaths, out: &mut Out) {
    let here = Span::call_site();
    let mut nested = Out::default();
    for part in parts {
        if let Req::Group {
            combinator, parts, ..
        } = part
        {
            if !nested.trees.is_empty() {
                nested.punct(',', here);
            }
            requirement(parts, *combinator, spec, &mut nested);
        }
    }
    spec.requirement(out);
    let variant = match combinator {
        Combinator::All => "All",
        Combinator::Any => "Any",
    };
    out.ident(variant, here);
    let mut args = Out::default();
    args.punct('&', here);
    args.group(Delimiter::Bracket, spec.scopes(parts), here);
    args.punct(',', here);
    args.punct('&', here);
    args.group(Delimiter::Bracket, nested, here);
    out.group(Delimiter::Parenthesis, args, here);
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
    attrs: Vec<TokenTree>,
    /// Visibility and signature, as written.
    sig: Vec<TokenTree>,
    body: Group,
    /// Where the granted scopes come from (a parameter or `from = ...`).
    source: Vec<TokenTree>,
    source_span: Span,
    /// The return type's first token (the name's, without one).
    ret_span: Span,
    args: &'a attr::Args,
    spec: &'a SpecPaths,
}

impl Guard<'_> {
    fn emit(mut self) -> TokenStream {
        let mut body = Out::code("if let ::core::result::Result::Err(__pace_missing) =");
        self.check(&mut body);
        // The body is the tail of the new one, unopened: its inner attributes (`#![...]`)
        // stay first in it, and apply to it.
        body.trees.push(TokenTree::Group(self.body));
        let mut out = Out::from(self.attrs);
        doc_line(&self.args.required, self.spec, &mut out);
        out.trees.append(&mut self.sig);
        out.group(Delimiter::Brace, body, Span::call_site());
        out.into_stream()
    }

    /// `check_all(&[scopes], &(source)) { return deny(missing); }` after `out`'s
    /// `if let Err(missing) =` (`check(&requirement, ..)` when `all`/`any` nest,
    /// `on_deny(f, missing)` when given).
    ///
    /// The scopes come first, so the spec's set is known before the source is checked, and
    /// each call carries the span its errors belong to: the check at the source (a value
    /// that grants no scopes), the denial at the return type (a type that cannot report one)
    /// or at `f`.
    fn check(&mut self, out: &mut Out) {
        let here = Span::call_site();
        let required = &self.args.required;
        let flat = required.iter().all(|r| matches!(r, Req::Scope(_)));
        let span = self.source_span;

        let mut args = Out::default();
        args.punct('&', here);
        if flat {
            args.group(Delimiter::Bracket, self.spec.scopes(required), here);
        } else {
            requirement(required, Combinator::All, self.spec, &mut args);
        }
        args.punct(',', span);
        args.punct('&', span);
        let source = Out::from(std::mem::take(&mut self.source));
        args.group(Delimiter::Parenthesis, source, span);
        let function = if flat { "check_all" } else { "check" };
        out.path(&["", "pace_scopes", "__private", function], span);
        out.group(Delimiter::Parenthesis, args, span);

        let mut args = Out::default();
        let (function, span) = match &self.args.on_deny {
            None => ("deny", self.ret_span),
            Some(opt) => {
                args.trees.extend(opt.value.to_token_stream());
                args.punct(',', here);
                ("on_deny", opt.value.span())
            }
        };
        args.ident("__pace_missing", here);
        let mut ret = Out::default();
        ret.ident("return", here);
        ret.path(&["", "pace_scopes", "__private", function], span);
        ret.group(Delimiter::Parenthesis, args, span);
        ret.punct(';', here);
        out.group(Delimiter::Brace, ret, here);
    }
}

/// The handler's rustdoc line, after a blank one: one literal when every scope is a string,
/// `concat!` with the resolver's `@str` arm when some are variants.
fn doc_line(required: &[Req], spec: &SpecPaths, out: &mut Out) {
    const HEAD: &str = "\n**Requires** ";
    const TAIL: &str = " (checked by `requires_scope` before the body runs).";
    let here = Span::call_site();
    let mut pieces = Vec::new();
    describe(required, Combinator::All, false, &mut pieces);
    let mut attr = Out::default();
    attr.ident("doc", here);
    attr.punct('=', here);
    if pieces.iter().all(|p| matches!(p, Piece::Text(_))) {
        let mut line = String::from(HEAD);
        for piece in &pieces {
            if let Piece::Text(text) = piece {
                line.push_str(text);
            }
        }
        line.push_str(TAIL);
        attr.trees
            .push(TokenTree::Literal(proc_macro2::Literal::string(&line)));
    } else {
        let mut resolver = Out::default();
        spec.resolver.push(&mut resolver);
        let resolver = resolver.into_stream();
        let pieces = pieces.iter().map(|p| match p {
            Piece::Text(text) => quote!(#text),
            Piece::Variant(v) => quote!("`", #resolver!(@str #v), "`"),
        });
        attr.trees
            .extend(quote!(::core::concat!(#HEAD, #(#pieces),*, #TAIL)));
    }
    out.punct('#', here);
    out.group(Delimiter::Bracket, attr, here);
}
