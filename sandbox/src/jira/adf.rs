//! Descriptions as Atlassian Document Format, the shape REST v3 uses for rich text.

use super::doc::{Block, Doc, Inline, Style};
use serde_json::{Value, json};

pub fn render(doc: &Doc) -> Value {
    json!({
        "type": "doc",
        "version": 1,
        "content": doc.blocks.iter().map(block).collect::<Vec<_>>(),
    })
}

fn block(block: &Block) -> Value {
    match block {
        Block::Heading(level, content) => json!({
            "type": "heading",
            "attrs": { "level": level },
            "content": inlines(content),
        }),
        Block::Paragraph(content) => paragraph(content),
        Block::Bullets(items) => json!({
            "type": "bulletList",
            "content": items
                .iter()
                .map(|item| json!({ "type": "listItem", "content": [paragraph(item)] }))
                .collect::<Vec<_>>(),
        }),
        Block::Code { language, text } => {
            let mut node = json!({ "type": "codeBlock", "attrs": {} });
            if let Some(language) = language {
                node["attrs"]["language"] = json!(language);
            }
            // ADF forbids empty text nodes, so an empty block has no content.
            if !text.is_empty() {
                node["content"] = json!([{ "type": "text", "text": text }]);
            }
            node
        }
    }
}

fn paragraph(content: &[Inline]) -> Value {
    json!({ "type": "paragraph", "content": inlines(content) })
}

fn inlines(content: &[Inline]) -> Vec<Value> {
    content
        .iter()
        .filter_map(|inline| match inline {
            Inline::HardBreak => Some(json!({ "type": "hardBreak" })),
            Inline::Text(text, _) if text.is_empty() => None,
            Inline::Text(text, style) => Some(text_node(text, style)),
        })
        .collect()
}

fn text_node(text: &str, style: &Style) -> Value {
    let mark = match style {
        Style::Plain => return json!({ "type": "text", "text": text }),
        Style::Strong => json!({ "type": "strong" }),
        Style::Code => json!({ "type": "code" }),
        Style::Link(href) => json!({ "type": "link", "attrs": { "href": href } }),
    };
    json!({ "type": "text", "text": text, "marks": [mark] })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_every_node_kind() {
        let doc = Doc::parse(
            "## Plan\nUse **care** with `kubectl`, see [docs](https://k8s.example)\\\nthen go.\n\n- a\n\n```sh\nls\n```",
        );
        let expected = json!({
            "type": "doc",
            "version": 1,
            "content": [
                { "type": "heading", "attrs": { "level": 2 }, "content": [{ "type": "text", "text": "Plan" }] },
                { "type": "paragraph", "content": [
                    { "type": "text", "text": "Use " },
                    { "type": "text", "text": "care", "marks": [{ "type": "strong" }] },
                    { "type": "text", "text": " with " },
                    { "type": "text", "text": "kubectl", "marks": [{ "type": "code" }] },
                    { "type": "text", "text": ", see " },
                    { "type": "text", "text": "docs", "marks": [{ "type": "link", "attrs": { "href": "https://k8s.example" } }] },
                    { "type": "hardBreak" },
                    { "type": "text", "text": "then go." },
                ] },
                { "type": "bulletList", "content": [
                    { "type": "listItem", "content": [{ "type": "paragraph", "content": [{ "type": "text", "text": "a" }] }] },
                ] },
                { "type": "codeBlock", "attrs": { "language": "sh" }, "content": [{ "type": "text", "text": "ls" }] },
            ],
        });
        assert_eq!(render(&doc), expected);
    }

    #[test]
    fn empty_code_block_has_no_empty_text_node() {
        let rendered = render(&Doc::parse("```\n```"));
        assert_eq!(
            rendered["content"][0],
            json!({ "type": "codeBlock", "attrs": {} })
        );
    }
}
