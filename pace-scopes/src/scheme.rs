//! The security schemes of a spec, as constants.

use crate::Scope;

/// One security scheme of the spec (`components.securitySchemes` in OpenAPI 3,
/// `securityDefinitions` in Swagger 2.0), in spec order in `SECURITY_SCHEMES`.
///
/// ```
/// use pace_scopes::{SchemeKind, SECURITY_SCHEMES};
///
/// let oidc = &SECURITY_SCHEMES[0];
/// assert_eq!(oidc.name, "Oidc");
/// assert!(matches!(
///     oidc.kind,
///     SchemeKind::OpenIdConnect {
///         url: "https://id.pace.cloud/auth/realms/pace/.well-known/openid-configuration"
///     }
/// ));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecurityScheme<S: 'static = Scope> {
    /// The scheme's key in the spec (`"OAuth2"`).
    pub name: &'static str,
    /// The scheme's `description`, if any.
    pub description: Option<&'static str>,
    /// The scheme's type and its settings.
    pub kind: SchemeKind<S>,
}

impl<S> SecurityScheme<S> {
    /// The OAuth2 flows of the scheme (empty for other kinds).
    ///
    /// ```
    /// use pace_scopes::SECURITY_SCHEMES;
    /// assert_eq!(SECURITY_SCHEMES[1].flows().len(), 1);
    /// assert!(SECURITY_SCHEMES[0].flows().is_empty());
    /// ```
    pub const fn flows(&self) -> &'static [OAuthFlow<S>] {
        match self.kind {
            SchemeKind::OAuth2 { flows } => flows,
            _ => &[],
        }
    }
}

/// The type of a security scheme, with what the spec says of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SchemeKind<S: 'static = Scope> {
    /// `type: oauth2`, with its flows.
    OAuth2 {
        /// The flows, in spec order.
        flows: &'static [OAuthFlow<S>],
    },
    /// `type: openIdConnect`.
    OpenIdConnect {
        /// The discovery URL (`openIdConnectUrl`).
        url: &'static str,
    },
    /// `type: apiKey`.
    ApiKey {
        /// The header, query or cookie parameter name.
        name: &'static str,
        /// Where the key is sent.
        location: ApiKeyLocation,
    },
    /// `type: http` (and Swagger 2.0 `basic`).
    Http {
        /// The HTTP authorization scheme (`bearer`, `basic`, ...).
        scheme: &'static str,
        /// The `bearerFormat` hint, if any.
        bearer_format: Option<&'static str>,
    },
    /// `type: mutualTLS`.
    MutualTls,
    /// A type this version does not know, kept by name.
    Other {
        /// The `type` as written.
        kind: &'static str,
    },
}

/// Where an API key is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// An OAuth2 flow.
///
/// ```
/// use pace_scopes::{FlowKind, Scope, SECURITY_SCHEMES};
///
/// let flow = &SECURITY_SCHEMES[1].flows()[0];
/// assert_eq!(flow.kind, FlowKind::AuthorizationCode);
/// assert_eq!(
///     flow.token_url,
///     Some("https://id.pace.cloud/auth/realms/pace/protocol/openid-connect/token")
/// );
/// assert_eq!(flow.scopes.len(), 21);
/// assert_eq!(flow.scopes[0], Scope::UserDeviceTotpsCreate);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OAuthFlow<S: 'static = Scope> {
    /// The grant type.
    pub kind: FlowKind,
    /// `authorizationUrl` (authorization code and implicit flows).
    pub authorization_url: Option<&'static str>,
    /// `tokenUrl` (authorization code, password, client credentials).
    pub token_url: Option<&'static str>,
    /// `refreshUrl`, if any.
    pub refresh_url: Option<&'static str>,
    /// The scopes this flow declares, in spec order.
    pub scopes: &'static [S],
}

/// An OAuth2 grant type (the Swagger 2.0 names map to the OpenAPI 3 ones:
/// `accessCode` is `AuthorizationCode`, `application` is `ClientCredentials`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FlowKind {
    /// `authorizationCode` (Swagger 2.0 `accessCode`).
    AuthorizationCode,
    /// `implicit`.
    Implicit,
    /// `password`.
    Password,
    /// `clientCredentials` (Swagger 2.0 `application`).
    ClientCredentials,
    /// `deviceAuthorization` (OpenAPI 3.2).
    DeviceAuthorization,
}

impl FlowKind {
    /// The OpenAPI 3 name of the flow.
    ///
    /// ```
    /// assert_eq!(pace_scopes::FlowKind::AuthorizationCode.as_str(), "authorizationCode");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            FlowKind::AuthorizationCode => "authorizationCode",
            FlowKind::Implicit => "implicit",
            FlowKind::Password => "password",
            FlowKind::ClientCredentials => "clientCredentials",
            FlowKind::DeviceAuthorization => "deviceAuthorization",
        }
    }
}
