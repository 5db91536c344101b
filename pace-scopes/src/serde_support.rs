//! serde support shared by every generated enum and set (feature `serde`).
//!
//! Generated code cannot test this crate's features, so it calls [`impl_serde!`], whose body
//! is empty when the feature is off.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serializer};

use crate::{ScopeBits, ScopeEnum};

/// Serializes a scope as its string.
pub fn serialize_scope<S: ScopeEnum, Ser: Serializer>(
    scope: S,
    serializer: Ser,
) -> Result<Ser::Ok, Ser::Error> {
    serializer.serialize_str(scope.as_str())
}

/// Deserializes a scope from its exact string; an unknown string is an error.
pub fn deserialize_scope<'de, S: ScopeEnum, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<S, D::Error> {
    deserializer.deserialize_str(ScopeVisitor(PhantomData))
}

struct ScopeVisitor<S>(PhantomData<S>);

impl<S: ScopeEnum> Visitor<'_> for ScopeVisitor<S> {
    type Value = S;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a scope string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<S, E> {
        v.parse().map_err(E::custom)
    }
}

/// Serializes a set as a claim string (space-separated, spec order).
pub fn serialize_set<S: ScopeBits, Ser: Serializer>(
    set: &S,
    serializer: Ser,
) -> Result<Ser::Ok, Ser::Error> {
    serializer.collect_str(set)
}

/// Deserializes a set from a space-separated claim string or a sequence of strings; strings
/// that are not known scopes are ignored (a token carries other APIs' scopes too).
pub fn deserialize_set<'de, S: ScopeBits, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<S, D::Error> {
    deserializer.deserialize_any(SetVisitor(PhantomData))
}

struct SetVisitor<S>(PhantomData<S>);

impl<'de, S: ScopeBits> Visitor<'de> for SetVisitor<S> {
    type Value = S;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a space-separated scope string or a sequence of scope strings")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<S, E> {
        Ok(S::from_claim(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<S, A::Error> {
        let mut set = S::empty();
        while let Some(Token(found)) = seq.next_element::<Token<S::Scope>>()? {
            if let Some(scope) = found {
                set.insert(scope);
            }
        }
        Ok(set)
    }
}

/// One element of an array claim: looked up as it is read, so nothing is allocated.
struct Token<S>(Option<S>);

impl<'de, S: ScopeEnum> Deserialize<'de> for Token<S> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TokenVisitor<S>(PhantomData<S>);
        impl<S: ScopeEnum> Visitor<'_> for TokenVisitor<S> {
            type Value = Token<S>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a scope string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Token<S>, E> {
                Ok(Token(S::lookup(v)))
            }
        }
        deserializer.deserialize_str(TokenVisitor(PhantomData))
    }
}

/// Implements `Serialize`/`Deserialize` for a generated enum and set.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    ($scope:ty, $set:ty) => {
        impl $crate::__private::serde::Serialize for $scope {
            fn serialize<__S: $crate::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                $crate::__private::serde_support::serialize_scope(*self, serializer)
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $scope {
            fn deserialize<__D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                $crate::__private::serde_support::deserialize_scope(deserializer)
            }
        }
        impl $crate::__private::serde::Serialize for $set {
            fn serialize<__S: $crate::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                $crate::__private::serde_support::serialize_set(self, serializer)
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $set {
            fn deserialize<__D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                $crate::__private::serde_support::deserialize_set(deserializer)
            }
        }
    };
}
