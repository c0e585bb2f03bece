//! Input values: literals in the document and JSON variables, checked against their schema
//! types and turned into the JSON the resolvers read.

use super::schema::{Kind, Schema, TypeRef};
use graphql_parser::query::Value as Ast;
use serde_json::{Map, Number, Value};

pub type Vars = Map<String, Value>;

/// A literal with no variables in it, as JSON.
pub fn constant(v: &Ast<'_, String>) -> Option<Value> {
    Some(match v {
        Ast::Variable(_) => return None,
        Ast::Int(n) => Value::from(n.as_i64()?),
        Ast::Float(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Ast::String(s) => Value::String(s.clone()),
        Ast::Boolean(b) => Value::Bool(*b),
        Ast::Null => Value::Null,
        Ast::Enum(e) => Value::String(e.clone()),
        Ast::List(items) => Value::Array(items.iter().map(constant).collect::<Option<_>>()?),
        Ast::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| Some((k.clone(), constant(v)?)))
                .collect::<Option<_>>()?,
        ),
    })
}

/// A literal with its variables filled in; a variable the request did not give is left out
/// of objects and lists, and is `None` at the top.
pub fn substitute(v: &Ast<'_, String>, vars: &Vars) -> Option<Value> {
    Some(match v {
        Ast::Variable(name) => return vars.get(name).cloned(),
        Ast::List(items) => {
            Value::Array(items.iter().filter_map(|i| substitute(i, vars)).collect())
        }
        Ast::Object(fields) => Value::Object(
            fields
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), substitute(v, vars)?)))
                .collect(),
        ),
        other => constant(other)?,
    })
}

/// The literal as GraphQL source, for error messages.
pub fn show(v: &Ast<'_, String>) -> String {
    match v {
        Ast::Variable(name) => format!("${name}"),
        Ast::Int(n) => n.as_i64().map_or_else(String::new, |n| n.to_string()),
        Ast::Float(f) => f.to_string(),
        Ast::String(s) => format!("{s:?}"),
        Ast::Boolean(b) => b.to_string(),
        Ast::Null => "null".into(),
        Ast::Enum(e) => e.clone(),
        Ast::List(items) => format!(
            "[{}]",
            items.iter().map(show).collect::<Vec<_>>().join(", ")
        ),
        Ast::Object(fields) => format!(
            "{{{}}}",
            fields
                .iter()
                .map(|(k, v)| format!("{k}: {}", show(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Whether a literal fits `ty`; variables inside it are checked on their own.
pub fn literal_fits(schema: &Schema, ty: &TypeRef, v: &Ast<'_, String>) -> bool {
    match (ty, v) {
        (_, Ast::Variable(_)) => true,
        (TypeRef::NonNull(_), Ast::Null) => false,
        (TypeRef::NonNull(inner), v) => literal_fits(schema, inner, v),
        (_, Ast::Null) => true,
        (TypeRef::List(inner), Ast::List(items)) => {
            items.iter().all(|i| literal_fits(schema, inner, i))
        }
        (TypeRef::List(inner), v) => literal_fits(schema, inner, v),
        (TypeRef::Named(name), v) => {
            let Some(def) = schema.get(name) else {
                return false;
            };
            match (def.kind, v) {
                (Kind::Enum, Ast::Enum(e)) => def.values.contains(e),
                (Kind::Input, Ast::Object(fields)) => {
                    fields
                        .keys()
                        .all(|k| def.inputs.iter().any(|i| &i.name == k))
                        && def.inputs.iter().all(|i| match fields.get(&i.name) {
                            Some(value) => literal_fits(schema, &i.ty, value),
                            None => !i.ty.is_non_null() || i.default.is_some(),
                        })
                }
                (Kind::Scalar, v) => scalar_literal(name, v),
                _ => false,
            }
        }
    }
}

fn scalar_literal(name: &str, v: &Ast<'_, String>) -> bool {
    match (name, v) {
        ("Int", Ast::Int(n)) => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        ("Float", Ast::Int(_) | Ast::Float(_)) => true,
        ("Boolean", Ast::Boolean(_)) => true,
        ("ID", Ast::Int(_) | Ast::String(_)) => true,
        ("Int" | "Float" | "Boolean" | "ID", _) => false,
        // String and GitHub's string-shaped scalars (Date, DateTime, URI...).
        (_, Ast::String(_)) => true,
        _ => false,
    }
}

/// Why a JSON value does not fit: where inside it, and what is wrong.
#[derive(Debug, PartialEq)]
pub struct Problem {
    pub path: Vec<Value>,
    pub explanation: String,
}

/// Checks a JSON value against `ty` and returns it coerced the way GraphQL coerces input
/// (an ID given as a number becomes a string, a single value where a list goes becomes a
/// one-item list).
pub fn coerce(schema: &Schema, ty: &TypeRef, v: &Value) -> Result<Value, Problem> {
    let problem = |explanation: String| Problem {
        path: Vec::new(),
        explanation,
    };
    match (ty, v) {
        (TypeRef::NonNull(_), Value::Null) => Err(problem("Expected value to not be null".into())),
        (TypeRef::NonNull(inner), v) => coerce(schema, inner, v),
        (_, Value::Null) => Ok(Value::Null),
        (TypeRef::List(inner), Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                coerce(schema, inner, item).map_err(|mut p| {
                    p.path.insert(0, Value::from(i));
                    p
                })
            })
            .collect::<Result<_, _>>()
            .map(Value::Array),
        (TypeRef::List(inner), v) => Ok(Value::Array(vec![coerce(schema, inner, v)?])),
        (TypeRef::Named(name), v) => {
            let Some(def) = schema.get(name) else {
                return Err(problem(format!("{name} isn't a defined input type")));
            };
            match def.kind {
                Kind::Scalar => scalar(name, v)
                    .ok_or_else(|| problem(format!("Could not coerce value {v} to {name}"))),
                Kind::Enum => match v {
                    Value::String(s) if def.values.contains(s) => Ok(v.clone()),
                    _ => Err(problem(format!(
                        "Expected {v} to be one of: {}",
                        def.values.join(", ")
                    ))),
                },
                Kind::Input => {
                    let Value::Object(given) = v else {
                        return Err(problem(format!("Expected {v} to be a key-value object.")));
                    };
                    if let Some(unknown) = given
                        .keys()
                        .find(|k| !def.inputs.iter().any(|i| &i.name == *k))
                    {
                        return Err(Problem {
                            path: vec![Value::from(unknown.as_str())],
                            explanation: "Field is not defined on ".to_string() + name,
                        });
                    }
                    let mut out = Map::new();
                    for input in &def.inputs {
                        let value = match (given.get(&input.name), &input.default) {
                            (Some(value), _) => value,
                            (None, Some(default)) => default,
                            (None, None) if input.ty.is_non_null() => {
                                return Err(Problem {
                                    path: vec![Value::from(input.name.as_str())],
                                    explanation: "Expected value to not be null".into(),
                                });
                            }
                            (None, None) => continue,
                        };
                        let coerced = coerce(schema, &input.ty, value).map_err(|mut p| {
                            p.path.insert(0, Value::from(input.name.as_str()));
                            p
                        })?;
                        out.insert(input.name.clone(), coerced);
                    }
                    Ok(Value::Object(out))
                }
                _ => Err(problem(format!("{name} isn't a defined input type"))),
            }
        }
    }
}

fn scalar(name: &str, v: &Value) -> Option<Value> {
    match (name, v) {
        ("Int", Value::Number(n)) => n
            .as_i64()
            .filter(|n| i32::try_from(*n).is_ok())
            .map(Value::from),
        ("Float", Value::Number(_)) => Some(v.clone()),
        ("Boolean", Value::Bool(_)) => Some(v.clone()),
        ("ID", Value::Number(n)) if n.is_i64() || n.is_u64() => Some(Value::String(n.to_string())),
        ("Int" | "Float" | "Boolean", _) => None,
        (_, Value::String(_)) => Some(v.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::schema::schema;
    use super::*;
    use serde_json::json;

    use super::super::document::{self, Selection};
    use super::super::syntax;

    fn ty(text: &str) -> TypeRef {
        let doc = syntax::parse(&format!("query($v: {text}) {{ x }}")).unwrap();
        let ops = document::operations(&doc);
        TypeRef::from_ast(&ops[0].variables[0].var_type)
    }

    fn lit(text: &str) -> Ast<'static, String> {
        let doc = syntax::parse(&format!("{{ f(a: {text}) }}")).unwrap();
        let ops = document::operations(&doc);
        let Selection::Field(f) = &ops[0].selection.items[0] else {
            panic!("not a field");
        };
        f.arguments[0].1.clone()
    }

    #[test]
    fn json_is_coerced_like_graphql_input() {
        let s = schema().unwrap();
        assert_eq!(coerce(s, &ty("ID!"), &json!(12)), Ok(json!("12")));
        assert_eq!(coerce(s, &ty("[String!]"), &json!("a")), Ok(json!(["a"])));
        assert_eq!(
            coerce(s, &ty("Int!"), &json!(null))
                .unwrap_err()
                .explanation,
            "Expected value to not be null"
        );
        assert!(coerce(s, &ty("Int"), &json!(3_000_000_000_i64)).is_err());
        assert!(coerce(s, &ty("Int"), &json!("3")).is_err());
        let input = ty("UpdateProjectV2ItemFieldValueInput!");
        let missing = coerce(
            s,
            &input,
            &json!({"projectId": "p", "itemId": "i", "value": {}}),
        );
        assert_eq!(missing.unwrap_err().path, vec![json!("fieldId")]);
        let wrong = coerce(
            s,
            &input,
            &json!({"projectId": "p", "itemId": "i", "fieldId": "f", "value": {"number": "x"}}),
        );
        assert_eq!(
            wrong.unwrap_err().path,
            vec![json!("value"), json!("number")]
        );
    }

    #[test]
    fn literals_are_checked_without_their_variables() {
        let s = schema().unwrap();
        assert!(literal_fits(s, &ty("Int!"), &lit("3")));
        assert!(!literal_fits(s, &ty("Int!"), &lit("\"3\"")));
        assert!(literal_fits(s, &ty("Int!"), &lit("$n")));
        assert!(!literal_fits(s, &ty("ProjectV2ItemType"), &lit("BOGUS")));
        assert!(literal_fits(
            s,
            &ty("ProjectV2FieldValue!"),
            &lit("{number: 3}")
        ));
        assert!(!literal_fits(
            s,
            &ty("ProjectV2FieldValue!"),
            &lit("{points: 3}")
        ));
        assert_eq!(show(&lit("{a: [1, \"x\", B]}")), "{a: [1, \"x\", B]}");
    }
}
