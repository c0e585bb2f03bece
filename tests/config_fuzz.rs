//! The config loader never panics: TOML documents built from the real tables and keys with
//! values of any type and size, and arbitrary bytes, give an error or a config, and a config
//! it accepts has every number within its range and a keymap that builds or refuses.

use proptest::prelude::*;
use shipdeck::app::keymap::Keymap;
use shipdeck::config::{Config, parse};

/// What a key holds, so most generated values have the right type and reach the checks
/// past the type (ranges, semantics); a tenth are of any type.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Number,
    Bool,
    /// One of these words, or any string.
    Text(&'static [&'static str]),
    /// An array of these words or any strings.
    List(&'static [&'static str]),
    /// An inline table; `{n}` becomes a number.
    Inline(&'static str),
}

use Kind::*;

const URL: Kind = Text(&["https://x.example", "http://127.0.0.1:9", "ftp://x"]);
const TOKEN: Kind = Text(&["T", "GITHUB_TOKEN"]);

/// The schema's tables and their keys (`[[...]]` tables are arrays of tables).
const TABLES: &[(&str, &[(&str, Kind)])] = &[
    (
        "[ui]",
        &[
            ("theme", Text(&["dark", "light", "mono"])),
            ("refresh_seconds", Number),
            ("wip_policy", Text(&["warn", "block"])),
            ("read_only", Bool),
            ("token_cmd_timeout_seconds", Number),
        ],
    ),
    (
        "[jira]",
        &[
            ("url", URL),
            ("board", Number),
            ("auth", Text(&["basic", "bearer"])),
            ("email", Text(&["a@b.example"])),
            ("token_env", TOKEN),
            ("token_cmd", Text(&["pass jira"])),
            ("jql", Text(&["labels = x"])),
            ("scope", Text(&["sprint", "all"])),
        ],
    ),
    (
        "[[deploy]]",
        &[
            ("name", Text(&["d"])),
            ("kind", Text(&["http"])),
            ("url", URL),
            ("token_env", TOKEN),
            ("token_cmd", Text(&["pass d"])),
            ("services", List(&["payments"])),
            ("protected", List(&["prod"])),
            ("read_only", Bool),
        ],
    ),
    (
        "[[github]]",
        &[
            ("name", Text(&["acme"])),
            ("api_url", URL),
            ("graphql_url", URL),
            ("token_env", TOKEN),
            ("token_cmd", Text(&["gh auth token"])),
            ("repos", List(&["a/b", "c/d", "nope"])),
            ("project", Inline("{ owner = \"o\", number = {n} }")),
            ("wip", Inline("{ Doing = {n}, \"In review\" = {n} }")),
            (
                "columns",
                Inline("[{ name = \"A\", labels = [\"x\"] }, { name = \"B\", closed = true }]"),
            ),
            ("points_field", Text(&["Estimate"])),
            ("deploy_workflow", Text(&["deploy.yml"])),
            ("workflow_ref", Text(&["main"])),
            ("protected", List(&["production"])),
            ("read_only", Bool),
        ],
    ),
    (
        "[logs]",
        &[
            ("max_lines", Number),
            ("error_patterns", List(&["error", ""])),
        ],
    ),
    (
        "[sprint]",
        &[
            ("working_days", List(&["mon", "fri", "sun", "xyz"])),
            ("aging_days", Number),
        ],
    ),
    (
        "[standup]",
        &[
            ("seconds_per_person", Number),
            ("order", Text(&["random", "config"])),
            ("people", List(&["Ana"])),
        ],
    ),
    (
        "[keys]",
        &[
            ("quit", List(&["q", "ctrl-c", "shift-", "g g"])),
            ("move_right", List(&["L", "shift-right", "f99"])),
            ("nonsense", List(&["x"])),
        ],
    ),
];

/// Whole numbers in range, at the edges and far past them.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..100_000).prop_map(|n| n.to_string()),
        prop::sample::select(vec![
            "0",
            "-1",
            "18446744073709551615",
            "9223372036854775807",
            "-9223372036854775808",
            "4294967296",
        ])
        .prop_map(String::from),
        any::<i64>().prop_map(|n| n.to_string()),
    ]
}

fn text(words: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(words).prop_map(String::from),
        1 => any::<String>(),
    ]
    .prop_map(|s| toml::Value::String(s).to_string())
}

/// A TOML value of any shape, written out as text.
fn any_value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        number(),
        any::<f64>().prop_map(|f| format!("{f:?}")),
        any::<bool>().prop_map(|b| b.to_string()),
        text(&["x"]),
        Just("1979-05-27T07:32:00Z".to_string()),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec(("[a-z_]{1,8}", inner), 0..4).prop_map(|kv| {
                let pairs: Vec<String> =
                    kv.into_iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{{ {} }}", pairs.join(", "))
            }),
        ]
    })
}

fn typed(kind: Kind) -> BoxedStrategy<String> {
    match kind {
        Number => number().boxed(),
        Bool => any::<bool>().prop_map(|b| b.to_string()).boxed(),
        Text(words) => text(words).boxed(),
        List(words) => prop::collection::vec(text(words), 0..4)
            .prop_map(|v| format!("[{}]", v.join(", ")))
            .boxed(),
        Inline(template) => (number(), number())
            .prop_map(move |(a, b)| template.replacen("{n}", &a, 1).replacen("{n}", &b, 1))
            .boxed(),
    }
}

fn value(kind: Kind) -> BoxedStrategy<String> {
    prop_oneof![9 => typed(kind), 1 => any_value()].boxed()
}

/// One table with some of its keys set, once each, and now and then a key it does not have.
fn table(index: usize) -> impl Strategy<Value = String> {
    let (header, keys) = TABLES[index];
    let chosen = prop::sample::subsequence(keys.to_vec(), 0..=keys.len());
    (chosen, prop::bool::weighted(0.05)).prop_flat_map(move |(chosen, stray)| {
        let values: Vec<BoxedStrategy<String>> =
            chosen.iter().map(|(_, kind)| value(*kind)).collect();
        let names: Vec<&str> = chosen.iter().map(|(name, _)| *name).collect();
        values.prop_map(move |values| {
            let mut text = format!("{header}\n");
            for (name, value) in names.iter().zip(values) {
                text.push_str(&format!("{name} = {value}\n"));
            }
            if stray {
                text.push_str("unknown_key = 1\n");
            }
            text
        })
    })
}

/// A document: some of the tables, each once.
fn document() -> impl Strategy<Value = String> {
    prop::sample::subsequence((0..TABLES.len()).collect::<Vec<_>>(), 0..=TABLES.len())
        .prop_flat_map(|tables| tables.into_iter().map(table).collect::<Vec<_>>())
        .prop_map(|tables| tables.join("\n"))
}

/// What an accepted config promises: numbers in range, nothing that later arithmetic or a
/// keymap could panic on.
fn check_accepted(config: &Config) {
    assert!((5..=86_400).contains(&config.ui.refresh_seconds));
    assert!((1..=300).contains(&config.ui.token_cmd_timeout_seconds));
    assert!((100..=5_000_000).contains(&config.logs.max_lines));
    assert!((1..=365).contains(&config.sprint.aging_days));
    assert!((5..=3_600).contains(&config.standup.seconds_per_person));
    assert!(config.jira.as_ref().is_none_or(|j| j.board >= 1));
    for table in &config.github {
        assert!(table.wip.values().all(|max| *max <= 999));
    }
    let _ = Keymap::new(&config.keys);
    let _ = config.sprint.rules();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn documents_of_real_keys_give_a_config_or_an_error(text in document()) {
        if let Ok(config) = parse(&text, "fuzz.toml") {
            check_accepted(&config);
        }
    }

    #[test]
    fn arbitrary_bytes_give_a_config_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fuzz.toml");
        std::fs::write(&path, &bytes).unwrap();
        if let Ok(config) = shipdeck::config::load_file(&path) {
            check_accepted(&config);
        }
    }

    #[test]
    fn arbitrary_text_gives_a_config_or_an_error(text in any::<String>()) {
        if let Ok(config) = parse(&text, "fuzz.toml") {
            check_accepted(&config);
        }
    }
}
