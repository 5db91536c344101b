//! Parses the attribute's arguments into the model of `valid` and `expand`.
//!
//! Each top-level argument is parsed on its own, so one malformed argument does not hide
//! the errors of the others.

use proc_macro2::{Delimiter, Literal, Span, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, LitStr, Path, Token};

/// A scope as the user wrote it.
#[derive(Clone)]
pub(crate) enum ScopeRef {
    /// `"user:users:read"`: its value, and a plain string literal of that value at the
    /// user's span (raw strings and escapes normalized, so the resolver's arms match it).
    Str { value: String, lit: Literal },
    /// `UserUsersRead`.
    Variant(Ident),
}

impl ScopeRef {
    fn string(lit: &LitStr) -> Self {
        let value = lit.value();
        let mut token = Literal::string(&value);
        token.set_span(lit.span());
        ScopeRef::Str { value, lit: token }
    }

    pub(crate) fn span(&self) -> Span {
        match self {
            ScopeRef::Str { lit, .. } => lit.span(),
            ScopeRef::Variant(v) => v.span(),
        }
    }

    /// What identifies it among its siblings (a string and a variant never compare equal:
    /// only the spec knows whether they name the same scope).
    pub(crate) fn key(&self) -> String {
        match self {
            ScopeRef::Str { value, .. } => format!("\"{value}"),
            ScopeRef::Variant(v) => v.to_string(),
        }
    }

    pub(crate) fn display(&self) -> String {
        match self {
            ScopeRef::Str { value, .. } => format!("{value:?}"),
            ScopeRef::Variant(v) => format!("`{v}`"),
        }
    }
}

/// `all` or `any`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Combinator {
    All,
    Any,
}

/// A requirement.
#[derive(Clone)]
pub(crate) enum Req {
    Scope(ScopeRef),
    Group {
        combinator: Combinator,
        keyword: Ident,
        parts: Vec<Req>,
    },
}

/// An option: `name = value`.
pub(crate) struct Opt<T> {
    pub(crate) value: T,
}

/// The parsed attribute.
#[derive(Default)]
pub(crate) struct Args {
    /// The top-level requirements (all of them must hold).
    pub(crate) required: Vec<Req>,
    pub(crate) from: Option<Opt<Expr>>,
    pub(crate) spec: Option<Opt<Path>>,
    pub(crate) on_deny: Option<Opt<Expr>>,
    /// How many requirement arguments failed to parse (their errors are reported).
    pub(crate) unparsed: usize,
}

const EXPECTED: &str = "expected a scope string (\"user:users:read\"), a variant (UserUsersRead), `all(...)`, `any(...)`, or an option: `from = ...`, `spec = ...`, `on_deny = ...`";

/// Splits `tokens` at top-level commas.
fn split_commas(tokens: TokenStream) -> Vec<TokenStream> {
    let mut out = vec![TokenStream::new()];
    for tt in tokens {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' => out.push(TokenStream::new()),
            _ => out.last_mut().map_or((), |last| last.extend([tt])),
        }
    }
    if out.last().is_some_and(|t| t.is_empty()) {
        out.pop();
    }
    out
}

/// Parses the arguments; every error is collected.
///
/// The common form (scope strings, variants, `all(...)`/`any(...)`, no options) is read
/// straight off the tokens by [`fast`]; anything else goes through syn.
pub(crate) fn parse(tokens: TokenStream, errors: &mut Vec<syn::Error>) -> Args {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    if let Some(required) = fast(&trees) {
        return Args {
            required,
            ..Args::default()
        };
    }
    parse_syn(trees.into_iter().collect(), errors)
}

/// The requirements of an argument list made only of plain scope strings, variants and
/// `all(...)`/`any(...)` groups of them, or `None` for anything else (options, raw or
/// escaped strings, paths, stray tokens), which syn then parses and reports.
///
/// A guard is written hundreds of times in a service, and the proc macro runs unoptimized in
/// dev builds: reading these few tokens directly is several times cheaper than syn.
fn fast(trees: &[TokenTree]) -> Option<Vec<Req>> {
    let mut out = Vec::new();
    for chunk in trees.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')) {
        out.push(match chunk {
            [TokenTree::Literal(lit)] => Req::Scope(plain_string(lit)?),
            [TokenTree::Ident(v)] => Req::Scope(ScopeRef::Variant(v.clone())),
            [TokenTree::Ident(keyword), TokenTree::Group(g)]
                if g.delimiter() == Delimiter::Parenthesis =>
            {
                let combinator = match keyword.to_string().as_str() {
                    "all" => Combinator::All,
                    "any" => Combinator::Any,
                    _ => return None,
                };
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                Req::Group {
                    combinator,
                    keyword: keyword.clone(),
                    parts: fast(&inner)?,
                }
            }
            _ => return None,
        });
    }
    // An empty list and a trailing comma (an empty last chunk, caught above) are left to
    // the syn path: it reports the one and accepts the other.
    (!trees.is_empty()).then_some(out)
}

/// A string literal written plainly: `"` + characters a scope may hold (RFC 6749: printable
/// ASCII but space, `"` and `\`) + `"`, so its token is exactly the normalized one.
fn plain_string(lit: &Literal) -> Option<ScopeRef> {
    let text = lit.to_string();
    let value = text.strip_prefix('"')?.strip_suffix('"')?;
    let plain = !value.is_empty()
        && value
            .bytes()
            .all(|b| matches!(b, 0x21 | 0x23..=0x5B | 0x5D..=0x7E));
    plain.then(|| ScopeRef::Str {
        value: value.to_owned(),
        lit: lit.clone(),
    })
}

fn parse_syn(tokens: TokenStream, errors: &mut Vec<syn::Error>) -> Args {
    let mut args = Args::default();
    for chunk in split_commas(tokens) {
        if chunk.is_empty() {
            errors.push(syn::Error::new(
                Span::call_site(),
                "empty argument: remove the extra `,`",
            ));
            continue;
        }
        match option_keyword(&chunk) {
            Some(keyword) => parse_option(keyword, chunk, &mut args, errors),
            None => match parse_req.parse2(chunk) {
                Ok(req) => args.required.push(req),
                Err(e) => {
                    args.unparsed += 1;
                    errors.push(e);
                }
            },
        }
    }
    args
}

/// The keyword of `name = ...`, if the chunk is an option.
fn option_keyword(chunk: &TokenStream) -> Option<Ident> {
    let mut it = chunk.clone().into_iter();
    match (it.next(), it.next()) {
        (Some(TokenTree::Ident(id)), Some(TokenTree::Punct(p))) if p.as_char() == '=' => Some(id),
        _ => None,
    }
}

fn parse_option(keyword: Ident, chunk: TokenStream, args: &mut Args, errors: &mut Vec<syn::Error>) {
    let value: TokenStream = chunk.into_iter().skip(2).collect();
    let name = keyword.to_string();
    if value.is_empty() {
        errors.push(syn::Error::new_spanned(
            &keyword,
            format!("`{name} =` needs a value"),
        ));
        return;
    }
    let twice = |k: &Ident| syn::Error::new_spanned(k, format!("option `{name}` is given twice"));
    match name.as_str() {
        "from" => match syn::parse2::<Expr>(value) {
            Ok(value) if args.from.is_none() => args.from = Some(Opt { value }),
            Ok(_) => errors.push(twice(&keyword)),
            Err(e) => errors.push(e),
        },
        "spec" => match syn::parse2::<Path>(value) {
            Ok(value) if args.spec.is_none() => args.spec = Some(Opt { value }),
            Ok(_) => errors.push(twice(&keyword)),
            Err(e) => errors.push(syn::Error::new(e.span(), "`spec =` takes the path of a generated scope module, such as `crate::scopes`")),
        },
        "on_deny" => match syn::parse2::<Expr>(value) {
            Ok(value) if args.on_deny.is_none() => args.on_deny = Some(Opt { value }),
            Ok(_) => errors.push(twice(&keyword)),
            Err(e) => errors.push(e),
        },
        _ => errors.push(syn::Error::new_spanned(
            &keyword,
            format!("unknown option `{name}`; the options are `from = <expression>`, `spec = <path>` and `on_deny = <function>`"),
        )),
    }
}

/// One requirement: a string, a variant, or `all(...)`/`any(...)`.
fn parse_req(input: ParseStream<'_>) -> syn::Result<Req> {
    let req = parse_one(input)?;
    if !input.is_empty() {
        return Err(input.error(format!(
            "unexpected tokens after {}; separate requirements with `,`",
            describe(&req)
        )));
    }
    Ok(req)
}

fn describe(req: &Req) -> String {
    match req {
        Req::Scope(s) => format!("the scope {}", s.display()),
        Req::Group { keyword, .. } => format!("`{keyword}(...)`"),
    }
}

fn parse_one(input: ParseStream<'_>) -> syn::Result<Req> {
    // Fragments passed through `macro_rules!` (`$s:literal`) arrive in invisible groups.
    if !input.is_empty()
        && let TokenTree::Group(g) = input.fork().parse::<TokenTree>()?
        && g.delimiter() == Delimiter::None
    {
        input.parse::<TokenTree>()?;
        return parse_req.parse2(g.stream());
    }
    if input.peek(LitStr) {
        return Ok(Req::Scope(ScopeRef::string(&input.parse()?)));
    }
    if input.peek(syn::Lit) {
        let lit: syn::Lit = input.parse()?;
        return Err(syn::Error::new_spanned(
            lit,
            "a scope is a string literal (\"user:users:read\") or a variant (UserUsersRead)",
        ));
    }
    if input.peek(Ident) {
        let ident: Ident = input.parse()?;
        if input.peek(syn::token::Paren) {
            let combinator = match ident.to_string().as_str() {
                "all" => Combinator::All,
                "any" => Combinator::Any,
                other => {
                    return Err(syn::Error::new_spanned(
                        &ident,
                        format!("unknown combinator `{other}(...)`; use `all(...)` or `any(...)`"),
                    ));
                }
            };
            let content;
            syn::parenthesized!(content in input);
            let parts: Punctuated<Req, Token![,]> =
                content.parse_terminated(parse_one, Token![,])?;
            return Ok(Req::Group {
                combinator,
                keyword: ident,
                parts: parts.into_iter().collect(),
            });
        }
        if input.peek(Token![::]) {
            return Err(input.error("name the variant alone (`UserUsersRead`), not by path: the spec decides which enum it belongs to"));
        }
        return Ok(Req::Scope(ScopeRef::Variant(ident)));
    }
    Err(input.error(EXPECTED))
}
