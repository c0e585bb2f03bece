//! Parsing a request's document, with syntax errors worded as GitHub's GraphQL parser
//! (graphql-ruby) words them: `Parse error on "}" (RCURLY) at [3, 5]`.

use super::document::Doc;
use super::out::GqlError;
use graphql_parser::Pos;
use graphql_parser::query::{Document, parse_query};

pub fn parse(text: &str) -> Result<Doc, GqlError> {
    parse_query::<String>(text)
        .map(Document::into_static)
        .map_err(|e| translate(&e.to_string()))
}

/// graphql-parser reports `query parse error: Parse error at 3:5\nUnexpected `}[Punctuator]``
/// (its only error API is that text); GitHub names the token and its lexer kind.
fn translate(report: &str) -> GqlError {
    let pos = report.split_once("Parse error at ").and_then(|(_, rest)| {
        let spot = rest.lines().next()?;
        let (line, column) = spot.split_once(':')?;
        Some(Pos {
            line: line.trim().parse().ok()?,
            column: column.trim().parse().ok()?,
        })
    });
    let unexpected = report
        .split_once("Unexpected `")
        .and_then(|(_, rest)| rest.rsplit_once('`').map(|(token, _)| token));
    let token = unexpected.and_then(|t| {
        let (text, kind) = t.rsplit_once('[')?;
        Some((text, kind.strip_suffix(']')?))
    });
    let Some(pos) = pos else {
        return GqlError::new("Parse error");
    };
    let error = match token {
        Some((text, kind)) => {
            let (shown, name) = describe(text, kind);
            GqlError::new(format!(
                "Parse error on {shown} ({name}) at [{}, {}]",
                pos.line, pos.column
            ))
        }
        None if report.contains("Unexpected end of input") => {
            GqlError::new("Unexpected end of document")
        }
        None => GqlError::new(format!("Parse error at [{}, {}]", pos.line, pos.column)),
    };
    error.at(pos)
}

/// The token as graphql-ruby quotes it and its token name.
fn describe(text: &str, kind: &str) -> (String, &'static str) {
    let quoted = |t: &str| format!("{t:?}");
    match kind {
        "Punctuator" => (quoted(text), punctuator(text)),
        "Name" => (quoted(text), keyword(text)),
        "IntValue" => (quoted(text), "INT"),
        "FloatValue" => (quoted(text), "FLOAT"),
        "StringValue" => (quoted(text.trim_matches('"')), "STRING"),
        "BlockString" => (quoted(text.trim_matches('"')), "STRING"),
        _ => (quoted(text), "UNKNOWN_CHAR"),
    }
}

fn punctuator(text: &str) -> &'static str {
    match text {
        "{" => "LCURLY",
        "}" => "RCURLY",
        "(" => "LPAREN",
        ")" => "RPAREN",
        "[" => "LBRACKET",
        "]" => "RBRACKET",
        ":" => "COLON",
        "$" => "VAR_SIGN",
        "@" => "DIR_SIGN",
        "..." => "ELLIPSIS",
        "=" => "EQUALS",
        "!" => "BANG",
        "|" => "PIPE",
        "&" => "AMP",
        _ => "UNKNOWN_CHAR",
    }
}

fn keyword(text: &str) -> &'static str {
    match text {
        "query" => "QUERY",
        "mutation" => "MUTATION",
        "subscription" => "SUBSCRIPTION",
        "fragment" => "FRAGMENT",
        "on" => "ON",
        "true" => "TRUE",
        "false" => "FALSE",
        "null" => "NULL",
        _ => "IDENTIFIER",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> GqlError {
        parse(text).map(|_| ()).unwrap_err()
    }

    #[test]
    fn a_stray_brace_is_named_like_github() {
        let e = error("query {\n  viewer {\n    }\n  }\n}");
        assert_eq!(e.message, "Parse error on \"}\" (RCURLY) at [3, 5]");
        assert_eq!(e.locations, vec![Pos { line: 3, column: 5 }]);
    }

    #[test]
    fn names_strings_and_the_end_have_their_kinds() {
        assert_eq!(
            error("querry { viewer { login } }").message,
            "Parse error on \"querry\" (IDENTIFIER) at [1, 1]"
        );
        assert_eq!(
            error("{ user(login: \"x\" \"y\") { login } }").message,
            "Parse error on \"y\" (STRING) at [1, 19]"
        );
        assert_eq!(
            error("{ viewer { login }").message,
            "Unexpected end of document"
        );
    }

    #[test]
    fn good_documents_parse() {
        let doc =
            parse("query Q($n: Int!) { a: viewer { ...F } } fragment F on User { login }").unwrap();
        assert_eq!(doc.definitions.len(), 2);
    }
}
