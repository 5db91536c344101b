//! Parses the guarded function, keeping the original syntax for spans.
//!
//! Only the attributes, visibility and signature are parsed; the body stays an unparsed
//! token stream, so a guard costs the compiler almost nothing beyond the signature.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Signature, Visibility};

/// A function with a body.
pub(crate) struct Function {
    pub(crate) attrs: Vec<Attribute>,
    pub(crate) vis: Visibility,
    pub(crate) sig: Signature,
    pub(crate) body: Group,
}

/// What the attribute was put on.
pub(crate) enum Item {
    Function(Function),
    /// A function declaration without a body (a trait method signature).
    Declaration(Signature),
    /// Anything else.
    Other,
}

impl Parse for Item {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let fork = input.fork();
        let Ok(sig) = fork.parse::<Signature>() else {
            // Not a function: consume the rest so the caller sees a successful parse.
            input.parse::<TokenStream>()?;
            return Ok(Item::Other);
        };
        use syn::parse::discouraged::Speculative;
        input.advance_to(&fork);
        if input.peek(syn::Token![;]) {
            input.parse::<TokenStream>()?;
            return Ok(Item::Declaration(sig));
        }
        match input.parse::<TokenTree>()? {
            TokenTree::Group(body) if body.delimiter() == Delimiter::Brace && input.is_empty() => {
                Ok(Item::Function(Function {
                    attrs,
                    vis,
                    sig,
                    body,
                }))
            }
            _ => {
                input.parse::<TokenStream>()?;
                Ok(Item::Other)
            }
        }
    }
}
