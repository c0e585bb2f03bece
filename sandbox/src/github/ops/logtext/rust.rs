//! The search service's Rust steps: the toolchain, the cache, clippy and cargo test.

use super::{Context, Rng, exit_code, header, script};

const CRATES: [&str; 14] = [
    "proc-macro2 v1.0.92",
    "unicode-ident v1.0.14",
    "libc v0.2.169",
    "serde v1.0.217",
    "memchr v2.7.4",
    "once_cell v1.20.2",
    "tokio v1.43.0",
    "hyper v1.5.2",
    "tantivy v0.22.0",
    "axum v0.8.1",
    "tracing v0.1.41",
    "regex v1.11.1",
    "serde_json v1.0.135",
    "unicode-segmentation v1.12.0",
];

const TESTS: [&str; 12] = [
    "api::healthz",
    "api::queue_full_is_429",
    "indexer::batch_writes",
    "indexer::skips_unpriced",
    "indexer::reindex_on_rename",
    "query::prefix_sku",
    "query::facets::empty_list",
    "query::facets::counts",
    "query::cjk::splits_titles",
    "ranking::boosts_in_stock",
    "ranking::bm25_short_titles",
    "ranking::ties_by_recency",
];

pub fn toolchain(out: &mut Vec<String>) {
    header(
        out,
        "Run dtolnay/rust-toolchain@stable",
        &["with:", "  toolchain: stable", "  components: clippy"],
    );
    out.push("[command]rustup toolchain install stable --profile minimal --component clippy --no-self-update".into());
    out.push("info: syncing channel updates for 'stable-x86_64-unknown-linux-gnu'".into());
    for component in ["cargo", "clippy", "rust-std", "rustc"] {
        out.push(format!("info: downloading component '{component}'"));
    }
    out.push("info: installing components".into());
    out.push(
        "  stable-x86_64-unknown-linux-gnu installed - rustc 1.91.0 (f8297e351 2026-10-28)".into(),
    );
    out.push("[command]rustc --version --verbose".into());
    out.push("rustc 1.91.0 (f8297e351 2026-10-28)".into());
}

pub fn cache(cx: &Context, rng: &mut Rng, out: &mut Vec<String>) {
    let key = format!(
        "v0-rust-{}-Linux-x64-8a3e21c0-{}",
        cx.job.split(' ').next().unwrap_or(cx.job),
        &cx.sha[..8.min(cx.sha.len())]
    );
    header(out, "Run Swatinem/rust-cache@v2", &[]);
    out.push("##[group]Cache Configuration".into());
    out.push("Cache Provider:".into());
    out.push("    github".into());
    out.push("Workspaces:".into());
    out.push(format!("    /home/runner/work/{0}/{0}", cx.name));
    out.push("Cache Key:".into());
    out.push(format!("    {key}"));
    out.push("##[endgroup]".into());
    out.push(String::new());
    out.push("... Restoring cache ...".into());
    if rng.below(4) == 0 {
        out.push("##[warning]Failed to restore: Cache service responded with 503".into());
        out.push("No cache found.".into());
    } else {
        out.push(format!(
            "Restored from cache key \"{key}\" full match: true."
        ));
    }
}

fn compile(rng: &mut Rng, verb: &str, out: &mut Vec<String>) {
    out.push("\u{1b}[1m\u{1b}[32m    Updating\u{1b}[0m crates.io index".into());
    for krate in CRATES {
        out.push(format!("\u{1b}[1m\u{1b}[32m   Compiling\u{1b}[0m {krate}"));
    }
    out.push(format!(
        "\u{1b}[1m\u{1b}[32m{verb:>12}\u{1b}[0m search v0.9.0 (/home/runner/work/search/search)"
    ));
    if rng.below(2) == 0 {
        out.push(
            "\u{1b}[1m\u{1b}[33mwarning\u{1b}[0m\u{1b}[1m: unused import: `std::mem`\u{1b}[0m"
                .into(),
        );
        out.push(" \u{1b}[1m\u{1b}[34m-->\u{1b}[0m src/indexer/segment.rs:3:5".into());
    }
}

pub fn clippy(failed: bool, rng: &mut Rng, out: &mut Vec<String>) {
    script(out, "cargo clippy --all-targets -- -D warnings");
    compile(rng, "Checking", out);
    if failed {
        out.push(
            "\u{1b}[1m\u{1b}[31merror\u{1b}[0m\u{1b}[1m: this `if` has identical blocks\u{1b}[0m"
                .into(),
        );
        out.push("  \u{1b}[1m\u{1b}[34m-->\u{1b}[0m src/query/facets.rs:88:9".into());
        out.push("   \u{1b}[1m\u{1b}[34m|\u{1b}[0m".into());
        out.push("\u{1b}[1m\u{1b}[34m88\u{1b}[0m \u{1b}[1m\u{1b}[34m|\u{1b}[0m         if counts.is_empty() { return Vec::new(); } else { return Vec::new(); }".into());
        out.push("   \u{1b}[1m\u{1b}[34m= \u{1b}[0m\u{1b}[1mnote\u{1b}[0m: `-D clippy::if-same-then-else` implied by `-D warnings`".into());
        out.push("\u{1b}[1m\u{1b}[31merror\u{1b}[0m\u{1b}[1m: could not compile `search` (lib) due to 1 previous error\u{1b}[0m".into());
        exit_code(out, 101);
        return;
    }
    out.push(format!(
        "\u{1b}[1m\u{1b}[32m    Finished\u{1b}[0m `dev` profile [unoptimized + debuginfo] target(s) in {}.{:02}s",
        30 + rng.below(20),
        rng.below(100)
    ));
}

pub fn test(failed: bool, rng: &mut Rng, out: &mut Vec<String>) {
    script(out, "cargo test --locked");
    compile(rng, "Compiling", out);
    out.push(format!(
        "\u{1b}[1m\u{1b}[32m    Finished\u{1b}[0m `test` profile [unoptimized + debuginfo] target(s) in {}.{:02}s",
        50 + rng.below(20),
        rng.below(100)
    ));
    out.push("\u{1b}[1m\u{1b}[32m     Running\u{1b}[0m unittests src/lib.rs (target/debug/deps/search-3f2a9c1d7b6e4a05)".into());
    out.push(String::new());
    // Each module's tests several times over (cases), so the list is as long as a real one.
    let names: Vec<String> = TESTS
        .iter()
        .flat_map(|t| (1..=7).map(move |case| format!("{t}::case_{case}")))
        .collect();
    out.push(format!("running {} tests", names.len()));
    let broken = "query::facets::empty_list::case_1";
    for name in &names {
        let verdict = if failed && name == broken {
            "\u{1b}[31mFAILED\u{1b}[0m"
        } else {
            "\u{1b}[32mok\u{1b}[0m"
        };
        out.push(format!("test {name} ... {verdict}"));
    }
    out.push(String::new());
    let seconds = format!("{}.{:02}s", 1 + rng.below(3), rng.below(100));
    if failed {
        out.push("failures:".into());
        out.push(String::new());
        out.push(format!("---- {broken} stdout ----"));
        out.push(format!(
            "thread '{broken}' panicked at src/query/facets.rs:41:14:"
        ));
        out.push("index out of bounds: the len is 0 but the index is 0".into());
        out.push(
            "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace".into(),
        );
        out.push(String::new());
        out.push("failures:".into());
        out.push(format!("    {broken}"));
        out.push(String::new());
        out.push(format!("test result: \u{1b}[31mFAILED\u{1b}[0m. {} passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in {seconds}", names.len() - 1));
        out.push(String::new());
        out.push("\u{1b}[1m\u{1b}[31merror\u{1b}[0m: test failed, to rerun pass `--lib`".into());
        exit_code(out, 101);
        return;
    }
    out.push(format!("test result: \u{1b}[32mok\u{1b}[0m. {} passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in {seconds}", names.len()));
    out.push(String::new());
    out.push("\u{1b}[1m\u{1b}[32m   Doc-tests\u{1b}[0m search".into());
    out.push(String::new());
    out.push("running 0 tests".into());
    out.push(String::new());
    out.push("test result: \u{1b}[32mok\u{1b}[0m. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s".into());
}
