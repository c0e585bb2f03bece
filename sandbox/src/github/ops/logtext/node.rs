//! The storefront's Node steps: set-up, install, lint, jest, the Next.js build, the upload.

use super::{Context, Rng, exit_code, header, script};

const SUITES: [(&str, &[&str]); 12] = [
    (
        "src/cart/totals.test.ts",
        &[
            "rounds line totals half-even",
            "applies tax after discounts",
            "keeps minor units",
        ],
    ),
    (
        "src/cart/basket.test.tsx",
        &[
            "adds an item",
            "merges duplicate SKUs",
            "empties the basket",
        ],
    ),
    (
        "src/checkout/address.test.tsx",
        &["validates the postcode", "remembers the last address"],
    ),
    (
        "src/checkout/one-page.test.tsx",
        &[
            "renders every section",
            "submits the order",
            "shows payment errors inline",
        ],
    ),
    (
        "src/checkout/delivery.test.ts",
        &["estimates next-day delivery", "skips Sundays"],
    ),
    (
        "src/payments/capture.test.ts",
        &[
            "captures once",
            "retries once on a 502",
            "gives up after a 503",
        ],
    ),
    (
        "src/payments/three-ds.test.tsx",
        &["opens the challenge modal", "closes on success"],
    ),
    (
        "src/orders/history.test.tsx",
        &["paginates by 20", "shows the newest first"],
    ),
    (
        "src/search/suggest.test.ts",
        &["debounces to 150 ms", "cancels stale requests"],
    ),
    (
        "src/i18n/locales.test.ts",
        &["has every key in nb-NO", "formats NOK prices"],
    ),
    (
        "src/catalogue/product.test.tsx",
        &["shows stock", "hides sold-out sizes", "lazy-loads images"],
    ),
    (
        "src/lib/money.test.ts",
        &[
            "adds in minor units",
            "formats EUR",
            "formats JPY without decimals",
        ],
    ),
];

pub fn setup_node(rng: &mut Rng, out: &mut Vec<String>) {
    header(
        out,
        "Run actions/setup-node@v4",
        &["with:", "  node-version: 20", "  cache: npm"],
    );
    out.push("Found in cache @ /opt/hostedtoolcache/node/20.18.1/x64".into());
    header(
        out,
        "Environment details",
        &["node: v20.18.1", "npm: 10.8.2", "yarn: 1.22.22"],
    );
    out.push("[command]/opt/hostedtoolcache/node/20.18.1/x64/bin/npm config get cache".into());
    out.push("/home/runner/.npm".into());
    if rng.below(4) == 0 {
        out.push("##[warning]Failed to restore: Cache service responded with 503".into());
    } else {
        out.push("Cache hit for: node-cache-Linux-x64-npm-5c1f07d2a6e4".into());
        out.push("Cache restored from key: node-cache-Linux-x64-npm-5c1f07d2a6e4".into());
    }
}

pub fn npm_ci(rng: &mut Rng, out: &mut Vec<String>) {
    script(out, "npm ci");
    out.push(
        "npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory."
            .into(),
    );
    out.push(
        "npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported".into(),
    );
    out.push(String::new());
    let packages = 1280 + rng.below(20);
    out.push(format!(
        "added {packages} packages, and audited {} packages in {}s",
        packages + 1,
        18 + rng.below(6)
    ));
    out.push(String::new());
    out.push("213 packages are looking for funding".into());
    out.push("  run `npm fund` for details".into());
    out.push(String::new());
    out.push("found \u{1b}[32m\u{1b}[1m0\u{1b}[22m\u{1b}[39m vulnerabilities".into());
}

pub fn lint(failed: bool, out: &mut Vec<String>) {
    script(out, "npm run lint");
    out.push(String::new());
    out.push("> storefront@2.14.0 lint".into());
    out.push("> eslint . --max-warnings 0".into());
    out.push(String::new());
    if !failed {
        return;
    }
    out.push(
        "\u{1b}[4m/home/runner/work/storefront/storefront/src/cart/totals.ts\u{1b}[24m".into(),
    );
    out.push("  \u{1b}[2m14:7\u{1b}[22m  \u{1b}[31merror\u{1b}[39m  'rounding' is assigned a value but never used  \u{1b}[2m@typescript-eslint/no-unused-vars\u{1b}[22m".into());
    out.push("  \u{1b}[2m31:3\u{1b}[22m  \u{1b}[33mwarning\u{1b}[39m  Unexpected console statement  \u{1b}[2mno-console\u{1b}[22m".into());
    out.push(String::new());
    out.push("\u{1b}[31m\u{1b}[1m✖ 2 problems (1 error, 1 warning)\u{1b}[22m\u{1b}[39m".into());
    out.push(String::new());
    exit_code(out, 1);
}

pub fn test(failed: bool, rng: &mut Rng, out: &mut Vec<String>) {
    script(out, "npm test -- --ci");
    out.push(String::new());
    out.push("> storefront@2.14.0 test".into());
    out.push("> jest --ci".into());
    out.push(String::new());
    let mut passed = 0;
    for (file, tests) in SUITES {
        let broken = failed && file.contains("one-page");
        let verdict = if broken {
            "\u{1b}[41m FAIL \u{1b}[49m"
        } else {
            "\u{1b}[42m PASS \u{1b}[49m"
        };
        let (dir, base) = file.rsplit_once('/').unwrap_or(("", file));
        out.push(format!(
            "\u{1b}[7m\u{1b}[1m{verdict}\u{1b}[22m\u{1b}[27m \u{1b}[2m{dir}/\u{1b}[22m\u{1b}[1m{base}\u{1b}[22m ({}.{} s)",
            1 + rng.below(6),
            rng.below(10)
        ));
        for name in tests.iter() {
            if broken && name.starts_with("submits") {
                out.push(format!(
                    "  \u{1b}[31m✕\u{1b}[39m {name} ({} ms)",
                    40 + rng.below(200)
                ));
            } else {
                passed += 1;
                out.push(format!(
                    "  \u{1b}[32m✓\u{1b}[39m {name} ({} ms)",
                    1 + rng.below(60)
                ));
            }
        }
        if broken {
            out.push(String::new());
            out.push("  \u{1b}[1m● one-page checkout › submits the order\u{1b}[22m".into());
            out.push(String::new());
            out.push("    expect(received).toBe(expected) // Object.is equality".into());
            out.push(String::new());
            out.push("    Expected: \u{1b}[32m\"confirmed\"\u{1b}[39m".into());
            out.push("    Received: \u{1b}[31m\"payment_required\"\u{1b}[39m".into());
            out.push(String::new());
            out.push("      \u{1b}[2mat Object.<anonymous> (src/checkout/one-page.test.tsx:88:31)\u{1b}[22m".into());
            out.push(String::new());
        }
    }
    let total: usize = SUITES.iter().map(|(_, t)| t.len()).sum();
    out.push(String::new());
    let suites = if failed {
        format!(
            "\u{1b}[1m\u{1b}[31m1 failed\u{1b}[39m\u{1b}[22m, \u{1b}[1m\u{1b}[32m{} passed\u{1b}[39m\u{1b}[22m, {} total",
            SUITES.len() - 1,
            SUITES.len()
        )
    } else {
        format!(
            "\u{1b}[1m\u{1b}[32m{0} passed\u{1b}[39m\u{1b}[22m, {0} total",
            SUITES.len()
        )
    };
    out.push(format!("\u{1b}[1mTest Suites: \u{1b}[22m{suites}"));
    let tests = if failed {
        format!(
            "\u{1b}[1m\u{1b}[31m1 failed\u{1b}[39m\u{1b}[22m, \u{1b}[1m\u{1b}[32m{passed} passed\u{1b}[39m\u{1b}[22m, {total} total"
        )
    } else {
        format!("\u{1b}[1m\u{1b}[32m{total} passed\u{1b}[39m\u{1b}[22m, {total} total")
    };
    out.push(format!("\u{1b}[1mTests:       \u{1b}[22m{tests}"));
    out.push("\u{1b}[1mSnapshots:   \u{1b}[22m0 total".into());
    out.push(format!(
        "\u{1b}[1mTime:\u{1b}[22m        {}.{} s",
        40 + rng.below(20),
        rng.below(10)
    ));
    out.push("\u{1b}[2mRan all test suites\u{1b}[22m\u{1b}[2m.\u{1b}[22m".into());
    if failed {
        exit_code(out, 1);
    }
}

pub fn build(cx: &Context, rng: &mut Rng, out: &mut Vec<String>) {
    script(out, "npm run build");
    out.push(String::new());
    out.push(format!("> {}@2.14.0 build", cx.name));
    out.push("> next build".into());
    out.push(String::new());
    out.push("  \u{1b}[1m\u{1b}[35m▲ Next.js 14.2.5\u{1b}[39m\u{1b}[22m".into());
    out.push(String::new());
    out.push("   Creating an optimized production build ...".into());
    for stage in [
        "Compiled successfully",
        "Linting and checking validity of types",
        "Collecting page data",
        "Generating static pages (24/24)",
        "Collecting build traces",
        "Finalizing page optimization",
    ] {
        out.push(format!(" \u{1b}[32m✓\u{1b}[39m {stage}"));
    }
    out.push(String::new());
    out.push("Route (app)                              Size     First Load JS".into());
    for route in [
        "/",
        "/basket",
        "/catalogue/[slug]",
        "/checkout",
        "/checkout/confirm",
        "/orders",
        "/orders/[id]",
        "/search",
    ] {
        out.push(format!(
            "├ ○ {route:<37}{}.{} kB{:>10}.{} kB",
            1 + rng.below(9),
            rng.below(10),
            90 + rng.below(40),
            rng.below(10)
        ));
    }
    out.push("+ First Load JS shared by all            87.4 kB".into());
    out.push(String::new());
    out.push("○  (Static)  prerendered as static content".into());
}

pub fn upload(cx: &Context, rng: &mut Rng, out: &mut Vec<String>) {
    let name = format!("{}-build", cx.name);
    header(
        out,
        "Run actions/upload-artifact@v4",
        &[
            "with:",
            &format!("  name: {name}"),
            "  path: .next",
            "  retention-days: 7",
        ],
    );
    let files = 1800 + rng.below(200);
    out.push(format!(
        "With the provided path, there will be {files} files uploaded"
    ));
    out.push("Artifact name is valid!".into());
    out.push("Root directory input is valid!".into());
    out.push("Beginning upload of artifact content to blob storage".into());
    for mib in [8, 16, 24] {
        out.push(format!("Uploaded bytes {}", mib * 1_048_576));
    }
    out.push("Finished uploading artifact content to blob storage!".into());
    let id = 2_215_000_000 + cx.run_id % 1_000_000;
    out.push(format!(
        "Artifact {name}.zip successfully finalized. Artifact ID {id}"
    ));
    out.push(format!(
        "Artifact download URL: https://github.example/{}/actions/runs/{}/artifacts/{id}",
        cx.repo, cx.run_id
    ));
}
