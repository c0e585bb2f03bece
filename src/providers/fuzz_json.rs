//! Generated server answers for the decoders' fuzz tests: real fixtures with a few things
//! wrong (a field dropped, a type changed, a null, a huge number, deep nesting, hostile
//! text), so most cases get past the first field and reach the mapping code; now and then
//! any JSON at all, or the fixture's bytes cut short.

use crate::config::TokenSource;
use crate::providers::ProviderError;
use crate::providers::http::{Auth, HttpClient, Network};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::Config;
use serde::de::DeserializeOwned;
use serde_json::{Number, Value};

mod clean;

pub use clean::{assert_clean, assert_clean_issue, assert_clean_json, assert_clean_person};

/// `cases` per property in `cargo test`; `PROPTEST_CASES` set in the environment wins, for
/// long runs (docs/TESTING.md). Failures are kept as named tests, not written to the tree.
pub fn config(cases: u32) -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config.failure_persistence = None;
    config
}

/// Decodes `bytes` as `service`'s client does; an answer that does not fit is a `Decode`
/// error whose message reads cleanly.
pub fn decode<T: DeserializeOwned>(service: &str, bytes: &[u8]) -> Option<T> {
    let http = HttpClient::new(
        service,
        "http://127.0.0.1:9",
        Auth::None,
        TokenSource::Demo,
        &Network::default(),
    )
    .expect("a loopback URL");
    match http.decode::<T>("GET /x", bytes) {
        Ok(value) => Some(value),
        Err(e) => {
            assert!(matches!(e, ProviderError::Decode { .. }), "{e:?}");
            assert_clean(&e.to_string(), false);
            None
        }
    }
}

/// Text servers send and mappers parse: dates good and bad, numbers as text, legacy sprint
/// strings, URLs, escapes, controls, bidi overrides, wide and joined characters.
const TEXTS: &[&str] = &[
    "",
    " ",
    "x",
    "7",
    "-1",
    "3.5",
    "1e400",
    "NaN",
    "18446744073709551616",
    "2026-11-20T10:15:00.000+0000",
    "2026-11-20T10:15:00Z",
    "2026-03-10",
    "9999-99-99T99:99:99Z",
    "+262143-12-31T23:59:59Z",
    "2026-02-30",
    "+262143-12-31",
    "-262144-01-01",
    "not a date",
    "com.atlassian.greenhopper.service.sprint.Sprint@1f[id=7,state=ACTIVE,name=Sprint 23,goal=]",
    "x[id=,name==,]",
    "[",
    "active",
    "closed",
    "success",
    "failure",
    "in_progress",
    "queued",
    "https://github.com/o/r/actions/runs/123",
    "https://x/runs/99999999999999999999999",
    "PLAT-1 fixes #12 and o/r#3",
    "##[error]",
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}[2J",
    "\u{9b}31m",
    "\u{0}\u{8}\r\n\t",
    "\u{202e}evil",
    "\u{feff}",
    "e\u{301}",
    "👨\u{200d}👩\u{200d}👧",
    "修复",
];

/// Any JSON value; objects take their keys mostly from `names`.
pub fn any_json(names: Vec<String>) -> impl Strategy<Value = Value> + Clone {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        text().prop_map(Value::String),
    ];
    let key = key(names);
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            vec((key.clone(), inner), 0..6)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

fn key(names: Vec<String>) -> BoxedStrategy<String> {
    if names.is_empty() {
        return text().boxed();
    }
    prop_oneof![4 => select(names), 1 => text()].boxed()
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(TEXTS).prop_map(String::from),
        1 => any::<String>(),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0u64..20).prop_map(Value::from),
        select(vec![
            u64::MAX,
            u64::from(u32::MAX),
            u64::from(u32::MAX) + 1,
            1 << 53
        ])
        .prop_map(Value::from),
        select(vec![-1i64, i64::MIN]).prop_map(Value::from),
        select(vec![0.5, -2.5, 1e308, -1e308, 1e-300]).prop_map(Value::from),
        any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
    ]
}

/// One thing done wrong at one place of an answer.
#[derive(Clone, Debug)]
enum Mutation {
    Replace(Value),
    Drop(Index),
    Add(String, Value),
    /// Wraps the value in this many arrays: past serde_json's 128 levels it cannot decode.
    Nest(usize),
    /// Appends hostile text to a string, or swaps a number for an extreme one.
    Spoil(String, Value),
}

fn mutation(names: Vec<String>) -> impl Strategy<Value = Mutation> {
    let json = any_json(names.clone());
    // Weighted towards what keeps an answer decodable, so the mappers see most of them.
    prop_oneof![
        1 => json.clone().prop_map(Mutation::Replace),
        1 => Just(Mutation::Replace(Value::Null)),
        2 => any::<Index>().prop_map(Mutation::Drop),
        3 => (key(names), json).prop_map(|(k, v)| Mutation::Add(k, v)),
        1 => prop_oneof![4 => 1usize..4, 1 => 120usize..140].prop_map(Mutation::Nest),
        5 => (text(), number()).prop_map(|(s, n)| Mutation::Spoil(s, n)),
    ]
}

/// The bytes of an answer shaped like one of `fixtures` (JSON texts) but for a few
/// mutations; sometimes any JSON, or a fixture cut short.
pub fn near(fixtures: &[&str]) -> impl Strategy<Value = Vec<u8>> {
    let values: Vec<Value> = fixtures
        .iter()
        .map(|f| serde_json::from_str(f).expect("a fixture is JSON"))
        .collect();
    let mut names = Vec::new();
    for value in &values {
        keys(value, &mut names);
    }
    names.sort();
    names.dedup();
    let texts: Vec<String> = fixtures.iter().map(|f| f.to_string()).collect();
    let mutated = (
        select(values),
        vec((any::<Index>(), mutation(names.clone())), 1..4),
    )
        .prop_map(|(mut value, mutations)| {
            for (at, m) in mutations {
                let node = at.index(count(&value));
                apply(nth(&mut value, node), m);
            }
            serde_json::to_vec(&value).expect("a Value serialises")
        });
    let cut = (select(texts), any::<Index>())
        .prop_map(|(text, at)| text.as_bytes()[..at.index(text.len() + 1)].to_vec());
    prop_oneof![
        8 => mutated,
        1 => any_json(names).prop_map(|v| serde_json::to_vec(&v).expect("a Value serialises")),
        1 => cut,
    ]
}

fn keys(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        Value::Object(fields) => {
            for (k, v) in fields {
                out.push(k.clone());
                keys(v, out);
            }
        }
        _ => {}
    }
}

/// Values in `value`, itself included.
fn count(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(fields) => fields.values().map(count).sum(),
        _ => 0,
    }
}

/// The `n`th value of `value` in pre-order (0 is `value`); `n < count(value)`.
fn nth(mut at: &mut Value, mut n: usize) -> &mut Value {
    while n > 0 {
        n -= 1;
        let children: Vec<&mut Value> = match at {
            Value::Array(items) => items.iter_mut().collect(),
            Value::Object(fields) => fields.values_mut().collect(),
            _ => Vec::new(),
        };
        let mut next = None;
        for child in children {
            let size = count(child);
            if n < size {
                next = Some(child);
                break;
            }
            n -= size;
        }
        at = next.expect("n is within the value");
    }
    at
}

fn apply(node: &mut Value, mutation: Mutation) {
    match (mutation, node) {
        (Mutation::Drop(at), Value::Object(fields)) if !fields.is_empty() => {
            let key = fields.keys().nth(at.index(fields.len())).cloned();
            key.map(|k| fields.remove(&k));
        }
        (Mutation::Drop(at), Value::Array(items)) if !items.is_empty() => {
            items.remove(at.index(items.len()));
        }
        (Mutation::Add(k, v), Value::Object(fields)) => {
            fields.insert(k, v);
        }
        (Mutation::Add(_, v), Value::Array(items)) => items.push(v),
        (Mutation::Spoil(s, _), Value::String(text)) => text.push_str(&s),
        (Mutation::Spoil(_, n), node @ Value::Number(_)) => *node = n,
        (Mutation::Nest(depth), node) => {
            for _ in 0..depth {
                *node = Value::Array(vec![node.take()]);
            }
        }
        (Mutation::Replace(v), node) => *node = v,
        // Dropping a plain value leaves its place empty; adding to or spoiling a value of
        // another kind changes nothing, so the rest of the answer still counts.
        (Mutation::Drop(_), node) => *node = Value::Null,
        (Mutation::Add(..) | Mutation::Spoil(..), _) => {}
    }
}

/// The share of `samples` answers drawn from `strategy` that `decodes` accepts: a fuzz
/// test whose answers all fail at the first field never reaches the mapping code.
pub fn share_decoding(
    strategy: impl Strategy<Value = Vec<u8>>,
    samples: u32,
    decodes: impl Fn(&[u8]) -> bool,
) -> f64 {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let accepted = (0..samples)
        .filter(|_| {
            let tree = strategy.new_tree(&mut runner).expect("the strategy draws");
            decodes(&tree.current())
        })
        .count();
    accepted as f64 / f64::from(samples)
}
