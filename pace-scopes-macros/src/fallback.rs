//! The error path: report every error, and still emit the user's item unchanged, so one
//! mistake does not cascade into "cannot find function" errors elsewhere and
//! rust-analyzer keeps working (thiserror's `fallback.rs` does the same).

use proc_macro2::TokenStream;

pub(crate) fn expand(errors: Vec<syn::Error>, item: TokenStream) -> TokenStream {
    let mut out: TokenStream = errors.into_iter().map(|e| e.into_compile_error()).collect();
    out.extend(item);
    out
}
