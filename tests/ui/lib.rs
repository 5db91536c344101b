//! The ui tests of `#[requires_scope]` live in `ui.rs`, `pass/` and `fail/`.
