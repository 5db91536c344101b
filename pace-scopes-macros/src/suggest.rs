//! The error for a scope the spec does not declare, at the token that names it.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use quote::quote_spanned;

/// The closest candidate, by the rule of `pace_scopes::UnknownScope` (its `closest`, which
/// this crate cannot call): edit distance within a third of the input's length (at least
/// two), or equal ignoring ASCII case.
fn closest<'a>(input: &str, known: &'a [String]) -> Option<&'a str> {
    let limit = (input.chars().count() / 3).max(2);
    known
        .iter()
        .filter(|k| k.len().abs_diff(input.len()) <= limit)
        .map(|k| {
            let d = if k.eq_ignore_ascii_case(input) {
                0
            } else {
                strsim::levenshtein(input, k)
            };
            (d, k.as_str())
        })
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// Strips the invisible groups that `macro_rules!` fragments arrive in.
fn unwrap_none(tt: TokenTree) -> TokenTree {
    match tt {
        TokenTree::Group(g) if g.delimiter() == Delimiter::None => {
            let mut inner = g.stream().into_iter();
            match (inner.next(), inner.next()) {
                (Some(only), None) => unwrap_none(only),
                _ => TokenTree::Group(g),
            }
        }
        other => other,
    }
}

/// `unknown_scope!(<scope> ; <known scopes>...)`: a `compile_error!` at `<scope>`.
pub(crate) fn unknown_scope(input: TokenStream) -> TokenStream {
    let mut tokens = input.into_iter().map(unwrap_none);
    let Some(scope) = tokens.next() else {
        return quote_spanned!(Span::call_site()=> ::core::compile_error!("unknown scope"));
    };
    let known: Vec<TokenTree> = tokens
        .skip_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ';'))
        .skip(1)
        .collect();
    let span = scope.span();
    let message = match &scope {
        TokenTree::Literal(lit) => {
            let written = match syn::parse_str::<syn::LitStr>(&lit.to_string()) {
                Ok(s) => s.value(),
                Err(_) => lit.to_string(),
            };
            let known: Vec<String> = known
                .iter()
                .filter_map(|t| {
                    syn::parse_str::<syn::LitStr>(&t.to_string())
                        .ok()
                        .map(|s| s.value())
                })
                .collect();
            match closest(&written, &known) {
                Some(s) => format!("unknown scope {written:?}; did you mean {s:?}?"),
                None => format!(
                    "unknown scope {written:?}: the spec declares no such scope (nor one close to it)"
                ),
            }
        }
        other => {
            let written = other.to_string();
            let known: Vec<String> = known.iter().map(ToString::to_string).collect();
            match closest(&written, &known) {
                Some(s) => format!("unknown scope variant `{written}`; did you mean `{s}`?"),
                None => format!(
                    "unknown scope variant `{written}`: the spec's Scope enum has no such variant (nor one close to it)"
                ),
            }
        }
    };
    quote_spanned!(span=> ::core::compile_error!(#message))
}
