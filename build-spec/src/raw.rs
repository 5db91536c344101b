//! The parts of an OpenAPI/Swagger document that pace-scopes reads, as serde types.
//!
//! Only security schemes and security requirements are modelled; every other key is skipped
//! without being built into a tree (`IgnoredAny`), so large documents stay cheap. Maps keep
//! their order and record duplicate keys, which serde would otherwise drop silently.

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

thread_local! {
    /// How many more values the document in progress may build: (limit, left).
    static BUDGET: Cell<(usize, usize)> = const { Cell::new((usize::MAX, usize::MAX)) };
}

/// Runs `parse` with at most `limit` values built from the document.
///
/// YAML aliases (`*a`) repeat what their anchor holds each time they are read, so a small
/// document can stand for a huge one: serde_yaml caps the number of alias jumps (100 per
/// event), not what each jump builds, and `security: [*a, *a, ...]` with a long anchored list
/// built a quadratic number of strings (3,000 aliases of a 3,000-item list, 30 KB of text:
/// 9 million strings, over a minute in a debug build; 20,000 of each, 400 million). Without
/// aliases every value takes a byte of text, but for the missing value of a key (`{a, b}`),
/// so a limit of two values per byte never rejects a document for its size alone; what
/// aliases expand beyond that is an error.
pub(crate) fn with_budget<T>(limit: usize, parse: impl FnOnce() -> T) -> T {
    struct Restore((usize, usize));
    impl Drop for Restore {
        fn drop(&mut self) {
            BUDGET.with(|b| b.set(self.0));
        }
    }
    let _restore = Restore(BUDGET.with(|b| b.replace((limit, limit))));
    parse()
}

/// Counts one value built; fails once the budget is spent.
fn charge<E: de::Error>() -> Result<(), E> {
    BUDGET.with(|b| {
        let (limit, left) = b.get();
        match left.checked_sub(1) {
            Some(left) => {
                b.set((limit, left));
                Ok(())
            }
            None => Err(E::custom(format_args!(
                "aliases expand the document to more than {limit} values (twice its size in bytes); write the repeated parts out instead of using anchors"
            ))),
        }
    })
}

/// A map in document order, with the keys that appeared more than once.
#[derive(Debug)]
pub(crate) struct OrderedMap<V> {
    pub(crate) entries: Vec<(String, V)>,
    pub(crate) duplicates: Vec<String>,
}

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap {
            entries: Vec::new(),
            duplicates: Vec::new(),
        }
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V_<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V_<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                charge()?;
                let mut out = OrderedMap::default();
                // A set beside the entries: a linear scan per key made a map of n keys cost
                // n² comparisons (200,000 scopes: 2·10^10).
                let mut seen = HashSet::new();
                while let Some(Text(key)) = map.next_key::<Text>()? {
                    let value = map.next_value::<V>()?;
                    if seen.contains(&key) {
                        out.duplicates.push(key);
                    } else {
                        seen.insert(key.clone());
                        out.entries.push((key, value));
                    }
                }
                Ok(out)
            }
            // An empty YAML value (`scopes:` with nothing after it) is null: an empty map.
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                charge()?;
                Ok(OrderedMap::default())
            }
        }
        d.deserialize_any(V_(PhantomData))
    }
}

/// A scalar read as text: sloppy specs write numbers, booleans or nothing where a string
/// belongs (`version: 2.0`, a scope description left empty).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Text(pub(crate) String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        charge()?;
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
                Ok(Text(String::new()))
            }
        }
        d.deserialize_any(TextVisitor)
    }
}

/// The document root.
#[derive(Debug, Deserialize, Default)]
pub(crate) struct Document {
    pub(crate) openapi: Option<Text>,
    pub(crate) swagger: Option<Text>,
    pub(crate) components: Option<Components>,
    #[serde(rename = "securityDefinitions")]
    pub(crate) security_definitions: Option<OrderedMap<Scheme>>,
    pub(crate) security: Option<Requirements>,
    pub(crate) paths: Option<OrderedMap<PathItem>>,
    pub(crate) webhooks: Option<OrderedMap<PathItem>>,
}

/// `components` (OpenAPI 3).
#[derive(Debug, Deserialize, Default)]
pub(crate) struct Components {
    #[serde(rename = "securitySchemes")]
    pub(crate) security_schemes: Option<OrderedMap<Scheme>>,
}

/// A security scheme, OpenAPI 3 or Swagger 2.0 (the two share most keys).
#[derive(Debug, Deserialize, Default)]
pub(crate) struct Scheme {
    #[serde(rename = "type")]
    pub(crate) kind: Option<Text>,
    pub(crate) description: Option<Text>,
    pub(crate) name: Option<Text>,
    #[serde(rename = "in")]
    pub(crate) location: Option<Text>,
    pub(crate) scheme: Option<Text>,
    #[serde(rename = "bearerFormat")]
    pub(crate) bearer_format: Option<Text>,
    #[serde(rename = "openIdConnectUrl")]
    pub(crate) open_id_connect_url: Option<Text>,
    /// OpenAPI 3 flows.
    pub(crate) flows: Option<OrderedMap<Flow>>,
    /// Swagger 2.0: the one flow of the scheme, by name.
    pub(crate) flow: Option<Text>,
    #[serde(rename = "authorizationUrl")]
    pub(crate) authorization_url: Option<Text>,
    #[serde(rename = "tokenUrl")]
    pub(crate) token_url: Option<Text>,
    #[serde(rename = "refreshUrl")]
    pub(crate) refresh_url: Option<Text>,
    pub(crate) scopes: Option<OrderedMap<Text>>,
    #[serde(rename = "$ref")]
    pub(crate) reference: Option<Text>,
}

/// An OpenAPI 3 OAuth2 flow.
#[derive(Debug, Deserialize, Default)]
pub(crate) struct Flow {
    #[serde(rename = "authorizationUrl")]
    pub(crate) authorization_url: Option<Text>,
    #[serde(rename = "tokenUrl")]
    pub(crate) token_url: Option<Text>,
    #[serde(rename = "refreshUrl")]
    pub(crate) refresh_url: Option<Text>,
    #[serde(rename = "deviceAuthorizationUrl")]
    pub(crate) device_authorization_url: Option<Text>,
    pub(crate) scopes: Option<OrderedMap<Text>>,
}

/// A list of security requirements: `[{scheme: [scope, ...]}, ...]`.
#[derive(Debug, Default)]
pub(crate) struct Requirements(pub(crate) Vec<OrderedMap<ScopeList>>);

impl<'de> Deserialize<'de> for Requirements {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ReqVisitor;
        impl<'de> Visitor<'de> for ReqVisitor {
            type Value = Requirements;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of security requirements")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Requirements, A::Error> {
                charge()?;
                let mut out = Vec::new();
                while let Some(req) = seq.next_element::<OrderedMap<ScopeList>>()? {
                    out.push(req);
                }
                Ok(Requirements(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Requirements, E> {
                Ok(Requirements::default())
            }
        }
        d.deserialize_any(ReqVisitor)
    }
}

/// The scopes a requirement names for one scheme.
#[derive(Debug, Default)]
pub(crate) struct ScopeList(pub(crate) Vec<String>);

impl<'de> Deserialize<'de> for ScopeList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = ScopeList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of scope strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ScopeList, A::Error> {
                charge()?;
                let mut out = Vec::new();
                while let Some(Text(s)) = seq.next_element::<Text>()? {
                    out.push(s);
                }
                Ok(ScopeList(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<ScopeList, E> {
                Ok(ScopeList::default())
            }
        }
        d.deserialize_any(ListVisitor)
    }
}

/// The HTTP methods whose values are operations in a path item.
const METHODS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// A path item: only its operations' `security` is read.
#[derive(Debug, Default)]
pub(crate) struct PathItem {
    pub(crate) operations: Vec<(String, Requirements)>,
}

#[derive(Deserialize)]
struct Operation {
    security: Option<Requirements>,
}

impl<'de> Deserialize<'de> for PathItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = PathItem;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a path item")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PathItem, A::Error> {
                charge()?;
                let mut item = PathItem::default();
                while let Some(Text(key)) = map.next_key::<Text>()? {
                    if METHODS.contains(&key.to_ascii_lowercase().as_str()) {
                        let op = map.next_value::<Option<Operation>>()?;
                        if let Some(Operation {
                            security: Some(reqs),
                        }) = op
                        {
                            item.operations.push((key, reqs));
                        }
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(item)
            }
            // Extension keys (`x-...`) of `paths` may hold anything: skip what is not a map.
            fn visit_unit<E: de::Error>(self) -> Result<PathItem, E> {
                Ok(PathItem::default())
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<PathItem, E> {
                Ok(PathItem::default())
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<PathItem, E> {
                Ok(PathItem::default())
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<PathItem, E> {
                Ok(PathItem::default())
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<PathItem, E> {
                Ok(PathItem::default())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<PathItem, E> {
                Ok(PathItem::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<PathItem, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(PathItem::default())
            }
        }
        d.deserialize_any(ItemVisitor)
    }
}
