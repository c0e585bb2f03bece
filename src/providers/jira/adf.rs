//! Atlassian Document Format (Jira Cloud descriptions) -> plain text.
//!
//! Blocks are separated by a blank line, list items become "• " / "1. " lines (nested lists
//! indented under their item), code is indented by four spaces, links read "text (url)".
//! Unknown nodes fall back to their children's text, so new node types still show something.
//! The caller sanitises the result.

use serde_json::Value;

pub fn to_text(doc: &Value) -> String {
    blocks(children(doc)).join("\n\n").trim_end().to_string()
}

fn children(node: &Value) -> &[Value] {
    node.get("content")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn kind(node: &Value) -> &str {
    node.get("type").and_then(Value::as_str).unwrap_or("")
}

fn attr<'a>(node: &'a Value, name: &str) -> Option<&'a Value> {
    node.get("attrs")?.get(name)
}

fn attr_str<'a>(node: &'a Value, name: &str) -> Option<&'a str> {
    attr(node, name)?.as_str().filter(|s| !s.is_empty())
}

fn is_inline(node: &Value) -> bool {
    matches!(
        kind(node),
        "text" | "hardBreak" | "mention" | "emoji" | "inlineCard" | "date" | "status"
    )
}

/// Non-empty rendered blocks (Jira pads documents with empty paragraphs).
fn blocks(nodes: &[Value]) -> Vec<String> {
    nodes
        .iter()
        .map(block)
        .filter(|b| !b.trim().is_empty())
        .collect()
}

fn block(node: &Value) -> String {
    match kind(node) {
        "paragraph" | "heading" => inline(children(node)),
        "bulletList" => list(children(node), |_, _| "• ".to_string()),
        "orderedList" => {
            let start = attr(node, "order").and_then(Value::as_u64).unwrap_or(1);
            list(children(node), |i, _| {
                format!("{}. ", start.saturating_add(i as u64))
            })
        }
        "taskList" => list(children(node), |_, item| {
            let done = attr_str(item, "state") == Some("DONE");
            if done { "☑ " } else { "☐ " }.to_string()
        }),
        "codeBlock" => prefix_lines(&inline(children(node)), "    ", "    "),
        "blockquote" => prefix_lines(&blocks(children(node)).join("\n"), "> ", "> "),
        "rule" => "---".to_string(),
        "table" => table(node),
        "mediaSingle" | "mediaGroup" | "media" => "[attachment]".to_string(),
        "expand" | "nestedExpand" => {
            let mut parts: Vec<String> = attr_str(node, "title")
                .map(str::to_string)
                .into_iter()
                .collect();
            parts.extend(blocks(children(node)));
            parts.join("\n")
        }
        "taskItem" | "decisionItem" => inline(children(node)),
        _ if is_inline(node) => inline(std::slice::from_ref(node)),
        // Panels, layouts, decision lists...: their content, block by block.
        _ => blocks(children(node)).join("\n\n"),
    }
}

/// Items one per line; an item's later lines line up under its first.
fn list(items: &[Value], marker: impl Fn(usize, &Value) -> String) -> String {
    let mut lines = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mark = marker(i, item);
        let body = match kind(item) {
            "taskItem" => inline(children(item)),
            _ => blocks(children(item)).join("\n"),
        };
        let pad = " ".repeat(mark.chars().count());
        lines.push(prefix_lines(&body, &mark, &pad));
    }
    lines.join("\n")
}

fn prefix_lines(text: &str, first: &str, rest: &str) -> String {
    if text.is_empty() {
        return first.trim_end().to_string();
    }
    text.lines()
        .enumerate()
        .map(|(i, line)| match (i, line.is_empty()) {
            (0, _) => format!("{first}{line}"),
            (_, true) => String::new(),
            _ => format!("{rest}{line}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn table(node: &Value) -> String {
    children(node)
        .iter()
        .map(|row| {
            children(row)
                .iter()
                .map(|cell| blocks(children(cell)).join(" ").replace('\n', " "))
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn inline(nodes: &[Value]) -> String {
    let mut out = String::new();
    for node in nodes {
        match kind(node) {
            "text" => {
                let text = node.get("text").and_then(Value::as_str).unwrap_or("");
                out.push_str(text);
                if let Some(href) = link(node).filter(|href| *href != text) {
                    out.push_str(&format!(" ({href})"));
                }
            }
            "hardBreak" => out.push('\n'),
            "mention" => {
                let name = attr_str(node, "text").unwrap_or("someone");
                if !name.starts_with('@') {
                    out.push('@');
                }
                out.push_str(name);
            }
            "emoji" => {
                let emoji = attr_str(node, "text").or_else(|| attr_str(node, "shortName"));
                out.push_str(emoji.unwrap_or(""));
            }
            "inlineCard" => out.push_str(attr_str(node, "url").unwrap_or("")),
            "date" => out.push_str(&date(node)),
            "status" => out.push_str(&format!("[{}]", attr_str(node, "text").unwrap_or(""))),
            _ => out.push_str(&inline(children(node))),
        }
    }
    out
}

fn link(node: &Value) -> Option<&str> {
    node.get("marks")?
        .as_array()?
        .iter()
        .find(|m| kind(m) == "link")
        .and_then(|m| attr_str(m, "href"))
}

/// ADF dates are epoch milliseconds, as a string.
fn date(node: &Value) -> String {
    attr_str(node, "timestamp")
        .and_then(|ms| ms.parse::<i64>().ok())
        .and_then(chrono::DateTime::from_timestamp_millis)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::to_text;
    use serde_json::{Value, json};

    fn fixture() -> Value {
        serde_json::from_str(include_str!(
            "../../../tests/fixtures/jira/adf-description.json"
        ))
        .unwrap()
    }

    #[test]
    fn renders_the_common_nodes() {
        let expected = "\
Rollout plan

Deploy to @Ana Kowalski first 🚀
then the rest.

• canary 5%
• full rollout
  • eu-west
  • us-east

3. check the dashboards (https://grafana.example.com/d/api)
4. https://status.example.com

    kubectl rollout status deploy/api
    kubectl get pods

> Do not deploy on Fridays.

---

region | owner
eu | Ana

☑ smoke tests
☐ announce";
        assert_eq!(to_text(&fixture()), expected);
    }

    #[test]
    fn unknown_nodes_show_their_text_and_garbage_gives_nothing() {
        let doc = json!({"type":"doc","content":[
            {"type":"panel","content":[{"type":"paragraph","content":[{"type":"text","text":"inside"}]}]},
            {"type":"futureThing","content":[{"type":"text","text":"new"}]},
            {"type":"paragraph","content":[{"type":"date","attrs":{"timestamp":"1763632800000"}}]},
            {"type":"paragraph"},
            {"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link"}]}]}
        ]});
        assert_eq!(to_text(&doc), "inside\n\nnew\n\n2025-11-20\n\nx");
        assert_eq!(to_text(&json!("not a doc")), "");
        assert_eq!(to_text(&json!({"content": 5})), "");
    }
}
