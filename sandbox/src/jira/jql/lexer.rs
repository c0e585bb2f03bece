//! Splits JQL into tokens, tracking where each starts. Quoted strings keep spaces and reserved
//! characters; unquoted words may not contain the characters Jira reserves.

use super::{JqlError, Pos};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    /// Unquoted: field names, keywords, function names and plain values.
    Word(String),
    /// Quoted with `"` or `'`; never a keyword.
    Str(String),
    LParen,
    RParen,
    Comma,
    Eq,
    NotEq,
    Like,
    NotLike,
    Lt,
    Gt,
    LtEq,
    GtEq,
    And,
    Or,
    Not,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    pub pos: Pos,
}

impl Tok {
    /// How a message quotes the token.
    pub fn shown(&self) -> String {
        let symbol = match self {
            Tok::Word(w) => return w.clone(),
            Tok::Str(s) => return format!("\"{s}\""),
            Tok::LParen => "(",
            Tok::RParen => ")",
            Tok::Comma => ",",
            Tok::Eq => "=",
            Tok::NotEq => "!=",
            Tok::Like => "~",
            Tok::NotLike => "!~",
            Tok::Lt => "<",
            Tok::Gt => ">",
            Tok::LtEq => "<=",
            Tok::GtEq => ">=",
            Tok::And => "&&",
            Tok::Or => "||",
            Tok::Not => "!",
        };
        symbol.to_string()
    }
}

const RESERVED: &str = "+;?|*/%^$#@[]{}";

pub fn tokenize(src: &str) -> Result<Vec<Token>, JqlError> {
    let mut lexer = Lexer {
        chars: src.chars().collect(),
        at: 0,
        line: 1,
        column: 1,
    };
    let mut tokens = Vec::new();
    while let Some(c) = lexer.peek(0) {
        if c.is_whitespace() {
            lexer.bump();
            continue;
        }
        let pos = lexer.pos();
        let tok = match c {
            '"' | '\'' => lexer.string(c, pos)?,
            '(' | ')' | ',' | '=' | '~' | '<' | '>' | '!' | '&' | '|' => lexer.symbol(c),
            c if is_word_char(c) => lexer.word(),
            c => {
                let escaped = format!("\\u{:04x}", u32::from(c));
                return Err(JqlError(format!(
                    "The character '{c}' is a reserved JQL character. You must enclose it in a string or use the escape '{escaped}' instead. {pos}"
                )));
            }
        };
        tokens.push(Token { tok, pos });
    }
    Ok(tokens)
}

fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !RESERVED.contains(c) && !"()=,~<>!&|\"'".contains(c)
}

struct Lexer {
    chars: Vec<char>,
    at: usize,
    line: usize,
    column: usize,
}

impl Lexer {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    /// Two-character operators win over their one-character prefixes.
    fn symbol(&mut self, first: char) -> Tok {
        self.bump();
        let second = self.peek(0);
        let (tok, pair) = match (first, second) {
            ('!', Some('=')) => (Tok::NotEq, true),
            ('!', Some('~')) => (Tok::NotLike, true),
            ('<', Some('=')) => (Tok::LtEq, true),
            ('>', Some('=')) => (Tok::GtEq, true),
            ('&', Some('&')) => (Tok::And, true),
            ('|', Some('|')) => (Tok::Or, true),
            ('(', _) => (Tok::LParen, false),
            (')', _) => (Tok::RParen, false),
            (',', _) => (Tok::Comma, false),
            ('=', _) => (Tok::Eq, false),
            ('~', _) => (Tok::Like, false),
            ('<', _) => (Tok::Lt, false),
            ('>', _) => (Tok::Gt, false),
            ('&', _) => (Tok::And, false),
            ('|', _) => (Tok::Or, false),
            _ => (Tok::Not, false),
        };
        if pair {
            self.bump();
        }
        tok
    }

    fn word(&mut self) -> Tok {
        let mut word = String::new();
        while let Some(c) = self.peek(0).filter(|c| is_word_char(*c)) {
            word.push(c);
            self.bump();
        }
        Tok::Word(word)
    }

    fn string(&mut self, quote: char, pos: Pos) -> Result<Tok, JqlError> {
        self.bump();
        let mut text = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err(JqlError(format!(
                        "The quoted string '{text}' has not been completed. {pos}"
                    )));
                }
                Some(c) if c == quote => return Ok(Tok::Str(text)),
                Some('\\') => text.push(self.escape(pos)?),
                Some(c) => text.push(c),
            }
        }
    }

    fn escape(&mut self, pos: Pos) -> Result<char, JqlError> {
        let bad = |what: &str| {
            JqlError(format!(
                "Illegal escape sequence '\\{what}' in a string. {pos}"
            ))
        };
        match self.bump() {
            Some('n') => Ok('\n'),
            Some('t') => Ok('\t'),
            Some('r') => Ok('\r'),
            Some('u') => {
                let hex: String = (0..4).filter_map(|_| self.bump()).collect();
                u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| bad(&format!("u{hex}")))
            }
            Some(c) if "\"'\\ ".contains(c) || RESERVED.contains(c) => Ok(c),
            Some(c) => Err(bad(&c.to_string())),
            None => Err(bad("")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        tokenize(src)
            .expect("tokenizes")
            .into_iter()
            .map(|t| t.tok)
            .collect()
    }

    fn word(w: &str) -> Tok {
        Tok::Word(w.into())
    }

    #[test]
    fn splits_words_strings_and_operators() {
        assert_eq!(
            toks("filter=10042 AND assignee != \"Zoë Ødegaard\" or labels in (k8s,'on-call')"),
            [
                word("filter"),
                Tok::Eq,
                word("10042"),
                word("AND"),
                word("assignee"),
                Tok::NotEq,
                Tok::Str("Zoë Ødegaard".into()),
                word("or"),
                word("labels"),
                word("in"),
                Tok::LParen,
                word("k8s"),
                Tok::Comma,
                Tok::Str("on-call".into()),
                Tok::RParen,
            ]
        );
        assert_eq!(
            toks("text!~x&&a~b||!c<=d"),
            [
                word("text"),
                Tok::NotLike,
                word("x"),
                Tok::And,
                word("a"),
                Tok::Like,
                word("b"),
                Tok::Or,
                Tok::Not,
                word("c"),
                Tok::LtEq,
                word("d"),
            ]
        );
    }

    #[test]
    fn strings_take_escapes() {
        assert_eq!(
            toks(r#"text ~ "say \"hi\"\u0040now""#)[2],
            Tok::Str("say \"hi\"@now".into())
        );
    }

    #[test]
    fn positions_count_characters_and_lines() {
        let tokens = tokenize("status = Done\n AND ü = x").expect("tokenizes");
        assert_eq!(
            tokens[2].pos,
            Pos {
                line: 1,
                column: 10
            }
        );
        assert_eq!(tokens[3].pos, Pos { line: 2, column: 2 });
        assert_eq!(tokens[5].pos, Pos { line: 2, column: 8 });
    }

    #[test]
    fn reserved_characters_and_open_strings_are_errors() {
        let err = tokenize("assignee = ana@platform.example").expect_err("reserved");
        assert!(
            err.0
                .starts_with("The character '@' is a reserved JQL character"),
            "{}",
            err.0
        );
        assert!(err.0.ends_with("(line 1, character 15)"), "{}", err.0);
        let err = tokenize("summary ~ \"half").expect_err("open string");
        assert_eq!(
            err.0,
            "The quoted string 'half' has not been completed. (line 1, character 11)"
        );
        assert!(tokenize(r#"text ~ "\q""#).is_err());
    }
}
