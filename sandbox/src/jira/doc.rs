//! Issue descriptions as a small document tree, written in the seed as a markdown-like markup
//! and rendered on the wire as ADF (`adf.rs`, REST v3) or wiki text (`wiki.rs`, REST v2).
//!
//! Markup: `## heading`, `- bullet`, fenced code blocks (three backticks and an optional
//! language), blank lines between paragraphs, a trailing `\` for a hard line break, and inline
//! `` `code` ``, `**strong**` and `[text](url)`.

#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    Bullets(Vec<Vec<Inline>>),
    Code {
        language: Option<String>,
        text: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    Text(String, Style),
    HardBreak,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Style {
    Plain,
    Strong,
    Code,
    Link(String),
}

const FENCE: &str = "```";

impl Doc {
    pub fn parse(src: &str) -> Doc {
        let mut blocks = Vec::new();
        let mut paragraph: Vec<&str> = Vec::new();
        let mut bullets: Vec<Vec<&str>> = Vec::new();
        let mut code: Option<(Option<String>, Vec<&str>)> = None;
        for line in src.lines() {
            if let Some((language, body)) = &mut code {
                if line.trim_end() == FENCE {
                    blocks.push(Block::Code {
                        language: language.take(),
                        text: body.join("\n"),
                    });
                    code = None;
                } else {
                    body.push(line);
                }
                continue;
            }
            let trimmed = line.trim();
            if let Some(language) = trimmed.strip_prefix(FENCE) {
                flush(&mut blocks, &mut paragraph, &mut bullets);
                let language = Some(language.trim().to_string()).filter(|l| !l.is_empty());
                code = Some((language, Vec::new()));
            } else if trimmed.is_empty() {
                flush(&mut blocks, &mut paragraph, &mut bullets);
            } else if let Some((level, title)) = heading(trimmed) {
                flush(&mut blocks, &mut paragraph, &mut bullets);
                blocks.push(Block::Heading(level, inlines(&[title])));
            } else if let Some(item) = trimmed.strip_prefix("- ") {
                flush_paragraph(&mut blocks, &mut paragraph);
                bullets.push(vec![item]);
            } else if let (Some(last), true) = (bullets.last_mut(), line.starts_with("  ")) {
                last.push(trimmed);
            } else {
                flush_bullets(&mut blocks, &mut bullets);
                paragraph.push(trimmed);
            }
        }
        flush(&mut blocks, &mut paragraph, &mut bullets);
        if let Some((language, body)) = code {
            blocks.push(Block::Code {
                language,
                text: body.join("\n"),
            });
        }
        Doc { blocks }
    }

    /// The words of the document, for `text ~` searches.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        let push_inlines = |out: &mut String, inlines: &[Inline]| {
            for inline in inlines {
                match inline {
                    Inline::Text(text, _) => out.push_str(text),
                    Inline::HardBreak => out.push('\n'),
                }
            }
            out.push('\n');
        };
        for block in &self.blocks {
            match block {
                Block::Heading(_, inlines) | Block::Paragraph(inlines) => {
                    push_inlines(&mut out, inlines)
                }
                Block::Bullets(items) => items.iter().for_each(|item| push_inlines(&mut out, item)),
                Block::Code { text, .. } => {
                    out.push_str(text);
                    out.push('\n');
                }
            }
        }
        out
    }
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let title = line[hashes..].strip_prefix(' ')?;
    let level = u8::try_from(hashes).ok().filter(|l| (1..=6).contains(l))?;
    Some((level, title.trim()))
}

/// Ends the open paragraph and bullet list, if any.
fn flush(blocks: &mut Vec<Block>, paragraph: &mut Vec<&str>, bullets: &mut Vec<Vec<&str>>) {
    flush_paragraph(blocks, paragraph);
    flush_bullets(blocks, bullets);
}

fn flush_paragraph(blocks: &mut Vec<Block>, paragraph: &mut Vec<&str>) {
    if !paragraph.is_empty() {
        blocks.push(Block::Paragraph(inlines(paragraph)));
        paragraph.clear();
    }
}

fn flush_bullets(blocks: &mut Vec<Block>, bullets: &mut Vec<Vec<&str>>) {
    if !bullets.is_empty() {
        blocks.push(Block::Bullets(
            bullets.drain(..).map(|lines| inlines(&lines)).collect(),
        ));
    }
}

/// One paragraph's lines: joined by a space, or by a hard break after a trailing `\`.
fn inlines(lines: &[&str]) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let (line, hard) = match line.strip_suffix('\\') {
            Some(rest) => (rest.trim_end(), true),
            None => (*line, false),
        };
        spans(line, &mut out);
        if i + 1 < lines.len() {
            if hard {
                out.push(Inline::HardBreak);
            } else {
                push_text(&mut out, " ", Style::Plain);
            }
        }
    }
    out
}

fn spans(line: &str, out: &mut Vec<Inline>) {
    let mut rest = line;
    while !rest.is_empty() {
        let marked = if let Some(after) = rest.strip_prefix('`') {
            after
                .split_once('`')
                .map(|(code, tail)| (code, Style::Code, tail))
        } else if let Some(after) = rest.strip_prefix("**") {
            after
                .split_once("**")
                .map(|(strong, tail)| (strong, Style::Strong, tail))
        } else if let Some(after) = rest.strip_prefix('[') {
            link(after)
        } else {
            None
        };
        match marked {
            Some((text, style, tail)) if !text.is_empty() => {
                push_text(out, text, style);
                rest = tail;
            }
            _ => {
                let mut chars = rest.chars();
                let first = chars.next().map(String::from).unwrap_or_default();
                push_text(out, &first, Style::Plain);
                rest = chars.as_str();
            }
        }
    }
}

fn link(after_bracket: &str) -> Option<(&str, Style, &str)> {
    let (text, rest) = after_bracket.split_once("](")?;
    let (href, tail) = rest.split_once(')')?;
    Some((text, Style::Link(href.to_string()), tail))
}

/// Appends text, merging with the previous span when the style is the same.
fn push_text(out: &mut Vec<Inline>, text: &str, style: Style) {
    if let Some(Inline::Text(prev, prev_style)) = out.last_mut()
        && *prev_style == style
    {
        prev.push_str(text);
        return;
    }
    out.push(Inline::Text(text.to_string(), style));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into(), Style::Plain)
    }

    #[test]
    fn parses_blocks() {
        let doc = Doc::parse(
            "## Why\nThe cache\nis cold.\n\n- one\n- two\n  continued\n\n```bash\nmake\n  ci\n```\nLast line\\\nafter break",
        );
        assert_eq!(
            doc.blocks,
            [
                Block::Heading(2, vec![text("Why")]),
                Block::Paragraph(vec![text("The cache is cold.")]),
                Block::Bullets(vec![vec![text("one")], vec![text("two continued")]]),
                Block::Code {
                    language: Some("bash".into()),
                    text: "make\n  ci".into()
                },
                Block::Paragraph(vec![
                    text("Last line"),
                    Inline::HardBreak,
                    text("after break")
                ]),
            ]
        );
    }

    #[test]
    fn parses_inline_marks() {
        let doc = Doc::parse("Run `make` **now**, see [the runbook](https://wiki.example/rb) [x].");
        let Block::Paragraph(inlines) = &doc.blocks[0] else {
            panic!("paragraph expected")
        };
        assert_eq!(
            inlines,
            &[
                text("Run "),
                Inline::Text("make".into(), Style::Code),
                text(" "),
                Inline::Text("now".into(), Style::Strong),
                text(", see "),
                Inline::Text(
                    "the runbook".into(),
                    Style::Link("https://wiki.example/rb".into())
                ),
                text(" [x]."),
            ]
        );
    }

    #[test]
    fn unclosed_marks_stay_literal_and_unclosed_fences_keep_their_code() {
        let doc = Doc::parse("a `b **c\n```\nx");
        assert_eq!(
            doc.blocks,
            [
                Block::Paragraph(vec![text("a `b **c")]),
                Block::Code {
                    language: None,
                    text: "x".into()
                },
            ]
        );
    }

    #[test]
    fn plain_text_keeps_every_word() {
        let doc = Doc::parse("## Plan\n- rotate `tls`\n\n```\ncertbot renew\n```");
        assert_eq!(doc.plain_text(), "Plan\nrotate tls\ncertbot renew\n");
    }
}
