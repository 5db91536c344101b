//! Variant names: a function of the scope string alone, so adding a scope never renames
//! another.

use heck::ToUpperCamelCase;

use crate::diagnostic::{Diagnostic, Error};
use crate::model::Spec;

/// The variant name of a scope string, before any explicit rename.
///
/// heck's `UpperCamelCase` of the whole string. Names that would not be valid identifiers
/// are fixed so the result stays a function of the string:
/// - nothing left after conversion (`"*"`, `":"`): `U` followed by the bytes in hex
///   (`"*"` -> `U2a`);
/// - a leading digit (`"2fa:enroll"`): prefixed with `_` (`_2faEnroll`);
/// - the keyword `Self`: `Self_`.
///
/// Names like prelude items (`None`, `Some`, `Default`, `Ok`) are fine: generated code
/// refers to the prelude by absolute path.
///
/// ```
/// use build_spec::variant_name;
/// assert_eq!(variant_name("user:users:read"), "UserUsersRead");
/// assert_eq!(variant_name("user:users.pin:update"), "UserUsersPinUpdate");
/// assert_eq!(variant_name("user:device-totps:create-after-login"), "UserDeviceTotpsCreateAfterLogin");
/// assert_eq!(variant_name("https://www.googleapis.com/auth/gmail.readonly"), "HttpsWwwGoogleapisComAuthGmailReadonly");
/// assert_eq!(variant_name("2fa"), "_2fa");
/// assert_eq!(variant_name("*"), "U2a");
/// assert_eq!(variant_name("self"), "Self_");
/// assert_eq!(variant_name("none"), "None");
/// ```
pub fn variant_name(scope: &str) -> String {
    let camel: String = scope
        .to_upper_camel_case()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if camel.is_empty() {
        let hex: String = scope.bytes().map(|b| format!("{b:02x}")).collect();
        return format!("U{hex}");
    }
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("_{camel}");
    }
    if camel == "Self" {
        return "Self_".into();
    }
    camel
}

/// Whether `name` can be a variant name given by a rename.
fn is_valid_variant(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
        && syn::parse_str::<syn::Ident>(name).is_ok()
}

/// Names every scope of `spec`, applying `renames`; every collision is an error naming both
/// scopes and their lines.
pub(crate) fn assign(spec: &mut Spec, renames: &[(String, String)]) -> Result<(), Error> {
    let mut problems = Vec::new();
    for (scope, variant) in renames {
        if !spec.scopes.iter().any(|s| s.scope == *scope) {
            problems.push(Diagnostic::error(
                &spec.file,
                None,
                format!("rename of scope `{scope}`: the spec has no such scope"),
            ));
        }
        if !is_valid_variant(variant) {
            problems.push(Diagnostic::error(
                &spec.file,
                None,
                format!("rename of scope `{scope}`: {variant:?} is not a valid variant name"),
            ));
        }
    }
    for def in &mut spec.scopes {
        def.variant = renames
            .iter()
            .rev()
            .find(|(s, _)| *s == def.scope)
            .map_or_else(|| variant_name(&def.scope), |(_, v)| v.clone());
    }
    let mut by_name: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, def) in spec.scopes.iter().enumerate() {
        if let Some(&first) = by_name.get(def.variant.as_str()) {
            let a = &spec.scopes[first];
            let line = |d: &crate::ScopeDef| {
                d.location
                    .map_or(String::new(), |l| format!(" (line {})", l.line))
            };
            problems.push(Diagnostic::error(
                &spec.file,
                def.location,
                format!(
                    "scopes `{}`{} and `{}`{} both become the variant `{}`; give one another name with `Builder::rename({:?}, \"...\")` (build-spec --rename {}=NAME)",
                    a.scope,
                    line(a),
                    def.scope,
                    line(def),
                    def.variant,
                    def.scope,
                    def.scope,
                ),
            ));
        } else {
            by_name.insert(&def.variant, i);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::new(problems))
    }
}
