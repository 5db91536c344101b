//! The generated PACE API: scopes, descriptions, schemes, sets and claim parsing.

use pace_scopes::{FlowKind, SECURITY_SCHEMES, SchemeKind, Scope, ScopeSet, UnknownScope};

/// The 21 scopes of `../shared/seed/pace-user-api-authentication.txt`, in its order.
const SEED: [(&str, &str); 21] = [
    ("user:device-totps:create", "Create Device totp"),
    (
        "user:device-totps:create-after-login",
        "Create Device totp within 5 minutes of user registration",
    ),
    ("user:gdpr:read", "Read GDPR data / takeouts"),
    ("user:gdpr:write", "Request GDPR takeouts"),
    ("user:otp:create", "Create OTP"),
    ("user:otp:verify", "Verify OTP"),
    (
        "user:callbacks:password-reset",
        "Callback before password is reset",
    ),
    ("user:terms:accept", "Accept terms of service"),
    ("user:users.password:check", "Check if user password is set"),
    ("user:users.password:create", "Add user password"),
    ("user:users.phone:check", "Check if user phone is set"),
    ("user:users.phone:update", "Change the user phone number"),
    ("user:users.pin:check", "Check if user PIN is set"),
    ("user:users.pin:update", "Update PIN"),
    ("user:users:delete", "Deletes a user"),
    ("user:users:read", "Read user data"),
    ("user:users:write", "Update user data"),
    (
        "user:user:delete",
        "Deletes the account of the current user",
    ),
    ("user:sessions:update", "Update the current user session"),
    ("user:preferences:read", "Get the users app preferences"),
    ("user:preferences:write", "Update the users app preferences"),
];

#[test]
fn every_scope_round_trips_with_its_exact_description() {
    assert_eq!(Scope::COUNT, 21);
    assert_eq!(Scope::ALL.len(), 21);
    for (i, (scope, (s, description))) in Scope::ALL.iter().zip(SEED).enumerate() {
        assert_eq!(scope.as_str(), s);
        assert_eq!(scope.description(), description);
        assert_eq!(scope.index(), i);
        assert_eq!(Scope::from_index(i), Some(*scope));
        assert_eq!(s.parse::<Scope>(), Ok(*scope));
        assert_eq!(Scope::try_from(s), Ok(*scope));
        assert_eq!(scope.to_string(), s);
        assert_eq!(AsRef::<str>::as_ref(scope), s);
        let json = serde_json::to_string(scope).unwrap();
        assert_eq!(json, format!("\"{s}\""));
        assert_eq!(serde_json::from_str::<Scope>(&json).unwrap(), *scope);
    }
}

#[test]
fn variant_names_follow_the_scope_string() {
    assert_eq!(format!("{:?}", Scope::UserUsersRead), "UserUsersRead");
    assert_eq!(Scope::UserUsersPinUpdate.as_str(), "user:users.pin:update");
    assert_eq!(
        Scope::UserDeviceTotpsCreateAfterLogin.as_str(),
        "user:device-totps:create-after-login"
    );
    assert_eq!(Scope::UserUserDelete.as_str(), "user:user:delete");
}

#[test]
fn unknown_strings_are_errors_that_suggest() {
    let err: UnknownScope = "user:users:raed".parse::<Scope>().unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"unknown scope "user:users:raed"; did you mean "user:users:read"?"#
    );
    let err = "USER:USERS:READ".parse::<Scope>().unwrap_err();
    assert_eq!(err.suggestion(), Some("user:users:read"));
    let err = "openid".parse::<Scope>().unwrap_err();
    assert_eq!(err.to_string(), r#"unknown scope "openid""#);
    for s in [
        "",
        " user:users:read",
        "user:users:read ",
        "user:users:read:x",
        "user:users:rea",
    ] {
        assert!(s.parse::<Scope>().is_err(), "{s:?}");
    }
    assert!(serde_json::from_str::<Scope>("\"user:users:raed\"").is_err());
    let e = std::error::Error::source(&err);
    assert!(e.is_none());
}

#[test]
fn schemes_carry_the_seed_urls() {
    assert_eq!(SECURITY_SCHEMES.len(), 2);
    let oidc = &SECURITY_SCHEMES[0];
    assert_eq!(oidc.name, "Oidc");
    assert_eq!(
        oidc.kind,
        SchemeKind::OpenIdConnect {
            url: "https://id.pace.cloud/auth/realms/pace/.well-known/openid-configuration"
        }
    );
    assert!(
        oidc.description
            .unwrap()
            .starts_with("OpenID Connect is a simple identity layer")
    );
    let oauth = &SECURITY_SCHEMES[1];
    assert_eq!(oauth.name, "OAuth2");
    assert!(
        oauth
            .description
            .unwrap()
            .starts_with("Retrieve an Access Token")
    );
    let [flow] = oauth.flows() else {
        panic!("one flow expected")
    };
    assert_eq!(flow.kind, FlowKind::AuthorizationCode);
    assert_eq!(
        flow.authorization_url,
        Some("https://id.pace.cloud/auth/realms/pace/protocol/openid-connect/auth")
    );
    assert_eq!(
        flow.token_url,
        Some("https://id.pace.cloud/auth/realms/pace/protocol/openid-connect/token")
    );
    assert_eq!(
        flow.refresh_url,
        Some("https://id.pace.cloud/auth/realms/pace/protocol/openid-connect/token")
    );
    assert_eq!(flow.scopes, Scope::ALL);
}

#[test]
fn from_claim_on_a_realistic_keycloak_claim() {
    let claim = "openid profile email user:users:read user:preferences:read offline_access other-api:orders:read";
    let set = ScopeSet::from_claim(claim);
    assert_eq!(set, Scope::UserUsersRead | Scope::UserPreferencesRead);
    assert_eq!(set.to_string(), "user:users:read user:preferences:read");
}

#[test]
fn from_claim_edge_cases_never_grant_more() {
    assert!(ScopeSet::from_claim("").is_empty());
    assert!(ScopeSet::from_claim(" ").is_empty());
    // Repeated tokens count once.
    assert_eq!(
        ScopeSet::from_claim("user:users:read user:users:read").len(),
        1
    );
    // Double spaces, leading and trailing spaces: the empty tokens are skipped.
    assert_eq!(
        ScopeSet::from_claim("  user:users:read   user:gdpr:read  ").len(),
        2
    );
    // Only a single space separates: a tab or newline makes one bad token, which matches nothing.
    assert!(ScopeSet::from_claim("user:users:read\tuser:users:write").is_empty());
    assert!(ScopeSet::from_claim("user:users:read\nuser:users:write").is_empty());
    assert_eq!(
        ScopeSet::from_claim("user:users:read\tx user:gdpr:read"),
        ScopeSet::from([Scope::UserGdprRead])
    );
    // Near misses: case, prefix, suffix, NUL, non-breaking space.
    for near in [
        "USER:USERS:READ",
        "User:Users:Read",
        "user:users:read:x",
        "user:users:rea",
        "xuser:users:read",
        "user:users:read\0",
        "\u{a0}user:users:read",
        "user:users:read,",
    ] {
        assert!(
            ScopeSet::from_claim(near).is_empty(),
            "{near:?} granted something"
        );
    }
}

#[test]
fn set_operations() {
    let a = ScopeSet::from([Scope::UserUsersRead, Scope::UserUsersWrite]);
    let b = ScopeSet::from([Scope::UserUsersWrite, Scope::UserGdprRead]);
    assert_eq!(
        a | b,
        ScopeSet::from([
            Scope::UserUsersRead,
            Scope::UserUsersWrite,
            Scope::UserGdprRead
        ])
    );
    assert_eq!(a & b, ScopeSet::from([Scope::UserUsersWrite]));
    assert_eq!(a - b, ScopeSet::from([Scope::UserUsersRead]));
    assert_eq!(!ScopeSet::empty(), ScopeSet::all());
    assert!(a.contains_any(b));
    assert!(!a.contains_all(b));
    assert!(ScopeSet::all().contains_all(a));
    assert_eq!(ScopeSet::all().len(), 21);
    let mut c = ScopeSet::empty();
    c |= a;
    c -= ScopeSet::from(Scope::UserUsersRead);
    c &= b;
    assert_eq!(c, ScopeSet::from(Scope::UserUsersWrite));
    let collected: ScopeSet = [Scope::UserOtpVerify, Scope::UserOtpCreate]
        .into_iter()
        .collect();
    assert_eq!(
        collected.iter().collect::<Vec<_>>(),
        [Scope::UserOtpCreate, Scope::UserOtpVerify]
    );
    let mut extended = collected;
    extended.extend([Scope::UserTermsAccept]);
    assert_eq!(extended.len(), 3);
    assert_eq!((&extended).into_iter().count(), 3);
    assert_eq!(
        format!("{extended:?}"),
        "{UserOtpCreate, UserOtpVerify, UserTermsAccept}"
    );
    assert!(std::mem::size_of::<ScopeSet>() <= 8);
}

#[test]
fn set_serde_accepts_strings_and_sequences() {
    let set = ScopeSet::from([Scope::UserUsersRead, Scope::UserGdprRead]);
    let json = serde_json::to_string(&set).unwrap();
    assert_eq!(json, "\"user:gdpr:read user:users:read\"");
    assert_eq!(serde_json::from_str::<ScopeSet>(&json).unwrap(), set);
    let array = r#"["user:users:read", "openid", "user:gdpr:read", "not-a-scope"]"#;
    assert_eq!(serde_json::from_str::<ScopeSet>(array).unwrap(), set);
    assert!(serde_json::from_str::<ScopeSet>("5").is_err());
}
