//! Reads the guarded function, keeping the original tokens for spans.
//!
//! The body is never opened: it stays one token tree. The item is split at its top level
//! first. A plain function (attributes, visibility, `async`/`unsafe`/`extern`, `fn`, a name,
//! generics, parameters, return type, `where` clause) is then read straight off those few
//! tokens by [`scan`]: the macro runs unoptimized in dev builds and a service has hundreds
//! of guards, so this is what keeps a guard cheap to compile (BENCHMARKS.md). Anything the
//! scan does not recognise goes to syn ([`Item::parse`]), which also words the errors.
//! (Handing syn the whole function would be worse still: its `TokenBuffer` walks every
//! nested group, pulling each token of the body across the proc-macro bridge.)

use proc_macro2::{Delimiter, Group, Ident, Spacing, Span, TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream, Parser};
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

/// The attributes, visibility and signature of a function, and whatever follows them.
struct Head {
    attrs: Vec<Attribute>,
    vis: Visibility,
    sig: Option<Signature>,
    /// Whether the signature is followed by `;` (a declaration).
    semi: bool,
    /// Whether anything else follows.
    rest: bool,
}

impl Parse for Head {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let fork = input.fork();
        let sig = match fork.parse::<Signature>() {
            Ok(sig) => {
                use syn::parse::discouraged::Speculative;
                input.advance_to(&fork);
                Some(sig)
            }
            Err(_) => None,
        };
        let semi = sig.is_some() && input.peek(syn::Token![;]);
        if semi {
            input.parse::<syn::Token![;]>()?;
        }
        // Consume the rest so that the parse succeeds whatever the item is.
        let rest = !input.parse::<TokenStream>()?.is_empty();
        Ok(Head {
            attrs,
            vis,
            sig,
            semi,
            rest,
        })
    }
}

impl Item {
    /// Classifies the item under the attribute; only the tokens before a trailing `{ ... }`
    /// are parsed.
    pub(crate) fn parse(item: TokenStream) -> syn::Result<Item> {
        // Iterating a stream yields its top-level trees: groups stay unopened handles.
        let mut tokens: Vec<TokenTree> = item.into_iter().collect();
        let body = match tokens.last() {
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => Some(g.clone()),
            _ => None,
        };
        if body.is_some() {
            tokens.pop();
        }
        let head = Head::parse.parse2(tokens.into_iter().collect())?;
        Ok(match (head.sig, body, head.semi, head.rest) {
            (Some(sig), Some(body), false, false) => Item::Function(Function {
                attrs: head.attrs,
                vis: head.vis,
                sig,
                body,
            }),
            (Some(sig), None, true, false) => Item::Declaration(sig),
            _ => Item::Other,
        })
    }
}

/// Where a function's top-level tokens split: its outer attributes (`#` `[...]` pairs) end
/// at `attrs_end`; visibility, qualifiers, `fn`, name, generics, parameters, return type and
/// `where` clause follow; the last tree is the body, unopened. ([`Scan::split`] moves the
/// trees apart: cloning a group is a call across the proc-macro bridge.)
pub(crate) struct Scan {
    attrs_end: usize,
    /// How many trees were scanned.
    len: usize,
    /// The first parameter that is not a receiver, when it is a plain name (`name: Type` or
    /// `mut name: Type`); `None` when there is none or it is a pattern.
    pub(crate) first_param: Option<Ident>,
    /// The return type's first token, or the name when there is none.
    pub(crate) ret_span: Span,
}

fn is_punct(tree: Option<&TokenTree>, c: char) -> bool {
    matches!(tree, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

fn is_ident(tree: Option<&TokenTree>, name: &str) -> bool {
    matches!(tree, Some(TokenTree::Ident(i)) if i == name)
}

/// The pieces of a function that [`scan`] read.
pub(crate) struct Tokens {
    /// The outer attributes.
    pub(crate) attrs: Vec<TokenTree>,
    /// Visibility, qualifiers, `fn`, name, generics, parameters, return type, `where`.
    pub(crate) sig: Vec<TokenTree>,
    /// The body, unopened.
    pub(crate) body: Group,
}

impl Scan {
    /// Splits the trees that were scanned. Trees of another shape (another length, no
    /// braced body last) come back unchanged.
    pub(crate) fn split(&self, mut trees: Vec<TokenTree>) -> Result<Tokens, Vec<TokenTree>> {
        if trees.len() != self.len {
            return Err(trees);
        }
        match trees.pop() {
            Some(TokenTree::Group(body)) if body.delimiter() == Delimiter::Brace => {
                let sig = trees.split_off(self.attrs_end);
                Ok(Tokens {
                    attrs: trees,
                    sig,
                    body,
                })
            }
            Some(last) => {
                trees.push(last);
                Err(trees)
            }
            None => Err(trees),
        }
    }
}

/// Reads a plain function, or `None` for anything else (a `const fn`, a
/// declaration, an item that is not a function, an unusual token), which syn then reads.
pub(crate) fn scan(trees: &[TokenTree]) -> Option<Scan> {
    let (TokenTree::Group(body), head) = trees.split_last()? else {
        return None;
    };
    if body.delimiter() != Delimiter::Brace {
        return None;
    }
    let mut at = 0;
    while is_punct(head.get(at), '#')
        && matches!(head.get(at + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket)
    {
        at += 2;
    }
    let attrs_end = at;
    if is_ident(head.get(at), "pub") {
        at += 1;
        if matches!(head.get(at), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis)
        {
            at += 1;
        }
    }
    loop {
        match head.get(at) {
            Some(TokenTree::Ident(i)) if i == "async" || i == "unsafe" => at += 1,
            Some(TokenTree::Ident(i)) if i == "extern" => {
                at += 1;
                if matches!(head.get(at), Some(TokenTree::Literal(_))) {
                    at += 1;
                }
            }
            _ => break,
        }
    }
    let Some(TokenTree::Ident(name)) = head.get(at + 1) else {
        return None;
    };
    if !is_ident(head.get(at), "fn") {
        return None;
    }
    at += 2;
    if is_punct(head.get(at), '<') {
        at = skip_generics(head, at)?;
    }
    let Some(TokenTree::Group(params)) = head.get(at) else {
        return None;
    };
    if params.delimiter() != Delimiter::Parenthesis {
        return None;
    }
    // What follows (return type, `where` clause) passes through as written.
    if head[at + 1..].iter().any(|t| is_punct(Some(t), ';')) {
        return None;
    }
    let ret_span = match &head[at + 1..] {
        [TokenTree::Punct(dash), TokenTree::Punct(gt), first, ..]
            if dash.as_char() == '-' && dash.spacing() == Spacing::Joint && gt.as_char() == '>' =>
        {
            first.span()
        }
        _ => name.span(),
    };
    Some(Scan {
        attrs_end,
        len: trees.len(),
        first_param: first_param(params),
        ret_span,
    })
}

/// `<`/`>` nesting over a run of top-level trees, where `->` (`Fn() -> T`) closes nothing.
#[derive(Default)]
struct Angles {
    depth: usize,
    /// The previous tree was a joint `-`.
    arrow: bool,
}

impl Angles {
    /// Takes in one tree; the depth after it.
    fn step(&mut self, tree: &TokenTree) -> usize {
        let arrow = std::mem::take(&mut self.arrow);
        if let TokenTree::Punct(p) = tree {
            match p.as_char() {
                '<' => self.depth += 1,
                '>' if !arrow => self.depth = self.depth.saturating_sub(1),
                '-' => self.arrow = p.spacing() == Spacing::Joint,
                _ => {}
            }
        }
        self.depth
    }
}

/// The index just past the `>` that closes the `<` at `at`.
fn skip_generics(head: &[TokenTree], at: usize) -> Option<usize> {
    let mut angles = Angles::default();
    let rest = head.get(at..)?;
    rest.iter()
        .position(|tree| angles.step(tree) == 0)
        .map(|i| at + i + 1)
}

/// The name of the first parameter that is not a receiver, if it is a plain name.
fn first_param(params: &Group) -> Option<Ident> {
    let trees: Vec<TokenTree> = params.stream().into_iter().collect();
    let mut rest = &trees[..];
    loop {
        // Outer attributes of the parameter.
        while is_punct(rest.first(), '#') && matches!(rest.get(1), Some(TokenTree::Group(_))) {
            rest = &rest[2..];
        }
        let colon = rest.iter().position(|t| {
            matches!(t, TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Alone)
        });
        let pattern = &rest[..colon.unwrap_or(rest.len())];
        if pattern.iter().any(|t| is_ident(Some(t), "self")) {
            // A receiver (`self`, `&mut self`, `self: Box<Self>`): the next parameter.
            rest = &rest[next_param(rest)?..];
            continue;
        }
        colon?;
        return match pattern {
            [TokenTree::Ident(name)] | [TokenTree::Ident(_), TokenTree::Ident(name)]
                if pattern.len() == 1 || is_ident(pattern.first(), "mut") =>
            {
                (name != "_" && name != "mut" && name != "ref").then(|| name.clone())
            }
            _ => None,
        };
    }
}

/// The index just past the comma that ends the parameter starting `rest` (commas inside
/// `<...>` of its type do not count).
fn next_param(rest: &[TokenTree]) -> Option<usize> {
    let mut angles = Angles::default();
    for (i, tree) in rest.iter().enumerate() {
        if angles.depth == 0 && is_punct(Some(tree), ',') {
            return Some(i + 1);
        }
        angles.step(tree);
    }
    None
}
