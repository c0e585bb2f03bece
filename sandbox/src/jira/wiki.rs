//! Descriptions as Jira wiki markup, the plain string REST v2 and the Agile API return.

use super::doc::{Block, Doc, Inline, Style};

pub fn render(doc: &Doc) -> String {
    doc.blocks
        .iter()
        .map(block)
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn block(block: &Block) -> String {
    match block {
        Block::Heading(level, content) => format!("h{level}. {}", inlines(content)),
        Block::Paragraph(content) => inlines(content),
        Block::Bullets(items) => items
            .iter()
            .map(|item| format!("* {}", inlines(item)))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Code {
            language: Some(language),
            text,
        } => format!("{{code:{language}}}\n{text}\n{{code}}"),
        Block::Code {
            language: None,
            text,
        } => format!("{{code}}\n{text}\n{{code}}"),
    }
}

fn inlines(content: &[Inline]) -> String {
    content
        .iter()
        .map(|inline| match inline {
            Inline::HardBreak => String::from("\n"),
            Inline::Text(text, Style::Plain) => text.clone(),
            Inline::Text(text, Style::Strong) => format!("*{text}*"),
            Inline::Text(text, Style::Code) => format!("{{{{{text}}}}}"),
            Inline::Text(text, Style::Link(href)) => format!("[{text}|{href}]"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_every_block_kind() {
        let doc = Doc::parse(
            "## Plan\nUse **care** with `kubectl`, see [docs](https://k8s.example)\\\nthen go.\n\n- a\n- b\n\n```sh\nls -l\n```\n\n```\nplain\n```",
        );
        assert_eq!(
            render(&doc),
            "h2. Plan\n\nUse *care* with {{kubectl}}, see [docs|https://k8s.example]\nthen go.\n\n* a\n* b\n\n{code:sh}\nls -l\n{code}\n\n{code}\nplain\n{code}"
        );
    }
}
