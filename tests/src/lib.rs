//! Integration tests of the pace-scopes workspace.
