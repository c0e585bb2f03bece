//! Jira wiki markup (Data Center descriptions) -> plain text, in the same style as the ADF
//! renderer: headings as their text, "• " / "1. " lists (nested ones indented), code
//! indented by four spaces, links as "text (url)". The caller sanitises the result.

pub fn to_text(wiki: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    // Open `{code}` / `{noformat}` block: the tag that closes it.
    let mut verbatim: Option<&str> = None;
    // Numbering of the open ordered lists, one counter per nesting level.
    let mut counters: Vec<u32> = Vec::new();
    for line in wiki.lines() {
        let line = line.trim_end_matches('\r');
        if let Some(tag) = verbatim {
            match line.find(tag) {
                Some(end) => {
                    push_code(&mut out, &line[..end]);
                    verbatim = None;
                }
                None => out.push(format!("    {line}")),
            }
            continue;
        }
        let trimmed = line.trim_start();
        if let Some((tag, rest)) = open_verbatim(trimmed) {
            match rest.find(tag) {
                // `{code}x{code}` on one line.
                Some(end) => push_code(&mut out, &rest[..end]),
                None => {
                    push_code(&mut out, rest);
                    verbatim = Some(tag);
                }
            }
            continue;
        }
        if let Some((depth, ordered, text)) = list_item(trimmed) {
            counters.resize(depth, 0);
            let marker = if ordered {
                counters[depth - 1] += 1;
                format!("{}. ", counters[depth - 1])
            } else {
                counters[depth - 1] = 0;
                "• ".to_string()
            };
            out.push(format!(
                "{}{marker}{}",
                "  ".repeat(depth - 1),
                inline(text)
            ));
            continue;
        }
        counters.clear();
        out.push(block_line(trimmed));
    }
    collapse_blank_lines(&out)
}

fn push_code(out: &mut Vec<String>, text: &str) {
    if !text.trim().is_empty() {
        out.push(format!("    {text}"));
    }
}

/// `{code}`, `{code:java}`, `{noformat}` at the start of a line: the closing tag and the text
/// after the opening one.
fn open_verbatim(line: &str) -> Option<(&'static str, &str)> {
    for (name, close) in [("{code", "{code}"), ("{noformat", "{noformat}")] {
        if let Some(after) = line.strip_prefix(name)
            && (after.starts_with('}') || after.starts_with(':'))
            && let Some(end) = after.find('}')
        {
            return Some((close, &after[end + 1..]));
        }
    }
    None
}

/// `* a`, `** b`, `# one`, `*# mixed`, `- dash`: depth, ordered, text.
fn list_item(line: &str) -> Option<(usize, bool, &str)> {
    let markers: String = line
        .chars()
        .take_while(|c| matches!(c, '*' | '#' | '-'))
        .collect();
    let rest = &line[markers.len()..];
    let dash_ok = !markers.contains('-') || markers == "-";
    if markers.is_empty() || !dash_ok || !rest.starts_with(' ') {
        return None;
    }
    let ordered = markers.ends_with('#');
    Some((markers.chars().count(), ordered, rest.trim_start()))
}

fn block_line(line: &str) -> String {
    if let Some(level) = line.strip_prefix('h')
        && let Some(rest) = level.get(1..).and_then(|r| r.strip_prefix(". "))
        && level.starts_with(['1', '2', '3', '4', '5', '6'])
    {
        return inline(rest);
    }
    if let Some(rest) = line.strip_prefix("bq. ") {
        return format!("> {}", inline(rest));
    }
    if line == "----" {
        return "---".to_string();
    }
    if is_macro_tag(line) {
        return String::new();
    }
    if line.starts_with('|') {
        return table_row(&inline(line));
    }
    inline(line)
}

/// A line that is only `{quote}`, `{panel:title=x}`, `{color:red}`...: layout, not text.
fn is_macro_tag(line: &str) -> bool {
    line.starts_with('{')
        && line.ends_with('}')
        && line.matches('{').count() == 1
        && line[1..].starts_with(|c: char| c.is_ascii_alphabetic())
}

/// `||a||b||` and `|c|d|` -> `a | b`; links were already rendered, so their `|` are gone.
fn table_row(line: &str) -> String {
    line.replace("||", "|")
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Inline markup: links, `{{mono}}`, `*bold*`, `_italic_`, `\\` breaks, `\x` escapes, and
/// inline `{color}` tags.
fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\\' && next == Some('\\') {
            out.push('\n');
            i += 2;
        } else if c == '\\' && next.is_some() {
            out.extend(next);
            i += 2;
        } else if c == '['
            && let Some(end) = find(&chars, i + 1, "]")
        {
            out.push_str(&link(&chars[i + 1..end].iter().collect::<String>()));
            i = end + 1;
        } else if c == '{'
            && next == Some('{')
            && let Some(end) = find(&chars, i + 2, "}}")
        {
            out.extend(&chars[i + 2..end]);
            i = end + 2;
        } else if c == '{'
            && let Some(end) = inline_tag_end(&chars, i)
        {
            i = end + 1;
        } else if matches!(c, '*' | '_')
            && let Some(end) = emphasis_end(&chars, i)
        {
            out.push_str(&inline(&chars[i + 1..end].iter().collect::<String>()));
            i = end + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// How far a closing `]`, `}}` or `*` is looked for: real markup closes well within this, and
/// the bound keeps a hostile line of 30,000 `[` from costing quadratic time.
const REACH: usize = 1000;

fn window_end(chars: &[char], from: usize) -> usize {
    chars.len().min(from.saturating_add(REACH))
}

fn find(chars: &[char], from: usize, pat: &str) -> Option<usize> {
    let pat: Vec<char> = pat.chars().collect();
    (from..window_end(chars, from)).find(|&j| chars[j..].starts_with(&pat))
}

/// `[text|url]`, `[url]`, `[~user]` (a mention), `[^file]` (an attachment).
fn link(inner: &str) -> String {
    if let Some(user) = inner.strip_prefix('~') {
        return format!("@{user}");
    }
    if let Some(file) = inner.strip_prefix('^') {
        return file.to_string();
    }
    match inner.split_once('|') {
        Some((text, rest)) => {
            let url = rest.split('|').next().unwrap_or(rest).trim();
            let text = inline(text.trim());
            if text.is_empty() || text == url {
                url.to_string()
            } else {
                format!("{text} ({url})")
            }
        }
        None => inner.trim().to_string(),
    }
}

/// `{color:red}` / `{color}` / `{anchor:x}` inside a line are dropped.
fn inline_tag_end(chars: &[char], start: usize) -> Option<usize> {
    let end = find(chars, start + 1, "}")?;
    let tag: String = chars[start + 1..end].iter().collect();
    let name = tag.split(':').next().unwrap_or("");
    matches!(name, "color" | "anchor").then_some(end)
}

/// A `*`/`_` pair around a word: the opener follows a non-alphanumeric and precedes a
/// non-space; the closer follows a non-space and precedes a non-alphanumeric. This keeps
/// `snake_case_names` and `2*3*4` as they are.
fn emphasis_end(chars: &[char], start: usize) -> Option<usize> {
    let mark = chars[start];
    let before_ok = start == 0 || !chars[start - 1].is_alphanumeric();
    let after_ok = chars
        .get(start + 1)
        .is_some_and(|c| !c.is_whitespace() && *c != mark);
    if !before_ok || !after_ok {
        return None;
    }
    (start + 2..window_end(chars, start)).find(|&j| {
        chars[j] == mark
            && !chars[j - 1].is_whitespace()
            && chars.get(j + 1).is_none_or(|c| !c.is_alphanumeric())
    })
}

fn collapse_blank_lines(lines: &[String]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in lines {
        let line = line.trim_end();
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::to_text;

    #[test]
    fn renders_the_common_markup() {
        let wiki = include_str!("../../../tests/fixtures/jira/wiki-description.txt");
        let expected = "\
Rollout plan
Deploy to @ana.k first, see the runbook (https://wiki.example.com/runbook).
Keep snake_case_names and 2*3*4 as they are.

• canary 5%
  • eu-west
1. check the dashboards
2. page on-call
  1. primary

    kubectl rollout status deploy/api
    if [ $? -ne 0 ]; then exit 1; fi

    raw *text* stays

> Do not deploy on Fridays.

region | owner
eu | Ana (https://people.example.com/ana)
---
Line one
line two with mono and https://status.example.com";
        assert_eq!(to_text(wiki), expected);
    }

    #[test]
    fn unclosed_markup_is_kept_as_text() {
        assert_eq!(
            to_text("*half bold and [broken link"),
            "*half bold and [broken link"
        );
        assert_eq!(to_text("{code}\nnever closed"), "    never closed");
        assert_eq!(to_text(""), "");
        let hostile = "[".repeat(10_000);
        assert_eq!(to_text(&hostile), hostile);
    }
}
