//! Budgets for the log engine (issue 4):
//! - ingest 1,000,000 lines (~100 MB with ANSI colour) at >= 1,000,000 lines/s on one core;
//! - search 1,000,000 stored lines for a substring (first match + count) in < 50 ms.

use criterion::{BatchSize, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use shipdeck::config::LogsConfig;
use shipdeck::logs::{LogBuffer, find_all};
use std::hint::black_box;
use std::io::Write;
use std::time::Duration;

const LINES: usize = 1_000_000;

/// A GitHub-Actions-shaped log: timestamps on every line, plain and coloured lines, errors,
/// groups, and 256-colour compiler output. Deterministic, so runs compare.
fn log_bytes(lines: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(lines * 110);
    for i in 0..lines {
        let (min, sec, frac) = ((i / 60_000) % 60, (i / 1000) % 60, (i % 1000) * 9973);
        write!(out, "2026-11-25T09:{min:02}:{sec:02}.{frac:07}Z ").unwrap();
        match i % 10 {
            0..=4 => writeln!(
                out,
                "[INFO] request handled path=/api/v1/items/{i} status=200 duration={}ms host=web-{}",
                i % 997,
                i % 16
            ),
            5..=7 => writeln!(
                out,
                "\x1b[32mINFO\x1b[0m \x1b[2mworker-{}\x1b[0m processed job {i} in {}ms queue=default",
                i % 8,
                i % 503
            ),
            8 => writeln!(
                out,
                "\x1b[1;31mERROR\x1b[0m connection refused to db-{}:5432 (retry {} of 5)",
                i % 4,
                i % 5
            ),
            _ if i % 100 == 9 => writeln!(out, "##[group]Run cargo test --package svc-{i}"),
            _ if i % 100 == 19 => writeln!(out, "##[endgroup]"),
            _ => writeln!(
                out,
                "\x1b[38;5;244m   Compiling\x1b[0m crate-{i} v0.{}.0 (/home/runner/work/app)",
                i % 40
            ),
        }
        .unwrap();
    }
    out
}

fn ingest(bytes: &[u8], patterns: &[String]) -> LogBuffer {
    let mut buffer = LogBuffer::new(LINES, patterns);
    // Network-sized pieces, so lines and escapes split across pushes as they do live.
    for chunk in bytes.chunks(64 * 1024) {
        buffer.push_bytes(chunk);
    }
    buffer.finish();
    buffer
}

fn benches(c: &mut Criterion) {
    let patterns = LogsConfig::default().error_patterns;
    let bytes = log_bytes(LINES);

    let mut group = c.benchmark_group("logs_ingest");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.throughput(Throughput::Elements(LINES as u64));
    group.bench_function("1m_lines_100mb_ansi", |b| {
        // The buffer is returned so freeing a million lines is not timed.
        b.iter_batched(
            || (),
            |()| ingest(black_box(&bytes), &patterns),
            BatchSize::PerIteration,
        )
    });
    group.finish();

    let buffer = ingest(&bytes, &patterns);
    drop(bytes);
    let mut group = c.benchmark_group("logs_search_1m_lines");
    group.sample_size(20);
    for needle in ["items/777777 ", "Connection REFUSED", "timeout"] {
        group.bench_function(needle.trim(), |b| {
            b.iter(|| {
                let search = find_all(&buffer, black_box(needle));
                black_box((search.lines.first().copied(), search.count()))
            })
        });
    }
    group.finish();
}

criterion_group!(logs, benches);
criterion_main!(logs);
