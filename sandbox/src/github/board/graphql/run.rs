//! One request from its JSON to its answer: parse, validate, pick the operation, coerce the
//! variables, check scopes and cost, charge the points budget, execute.

use super::Scopes;
use super::document::{self, Op, OpKind};
use super::exec::{Exec, Place};
use super::out::{GqlError, Out, Response};
use super::resolve::{Env, Obj, Rate, Resolved, mutation};
use super::schema::{Schema, TypeRef, schema};
use super::survey::{self, MAX_NODES, Survey};
use super::values::{self, Vars};
use super::{syntax, validate};
use crate::github::board::model::Board;
use crate::github::board::people;
use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{Map, Value, json};

pub fn run(board: &mut Board, request: &Value, scopes: Scopes, now: DateTime<Utc>) -> Response {
    let refuse = |message: String| Response::refused(vec![GqlError::new(message)]);
    let Some(query) = request.get("query").and_then(Value::as_str) else {
        return refuse("A query attribute must be specified and must be a string.".into());
    };
    let schema = match schema() {
        Ok(schema) => schema,
        Err(e) => return refuse(format!("The sandbox's GraphQL schema is broken: {e}")),
    };
    let doc = match syntax::parse(query) {
        Ok(doc) => doc,
        Err(e) => return Response::refused(vec![e]),
    };
    let errors = validate::validate(schema, &doc);
    if !errors.is_empty() {
        return Response::refused(errors);
    }
    let operations = document::operations(&doc);
    let wanted = request.get("operationName").and_then(Value::as_str);
    let op = match wanted {
        Some(name) => operations.into_iter().find(|op| op.name == Some(name)),
        None if operations.len() == 1 => operations.into_iter().next(),
        None => return refuse("An operation name is required".into()),
    };
    let Some(op) = op else {
        return refuse(format!(
            "No operation named \"{}\"",
            wanted.unwrap_or_default()
        ));
    };
    let vars = match variables(schema, &op, request.get("variables")) {
        Ok(vars) => vars,
        Err(errors) => return Response::refused(errors),
    };
    let fragments = document::fragments(&doc);
    let root = match op.kind {
        OpKind::Mutation => schema.mutation.as_str(),
        _ => schema.query.as_str(),
    };
    let survey = survey::survey(schema, root, op.selection, &fragments, &vars);
    if let Some(refusal) = refusal(&survey, scopes) {
        return refusal;
    }
    let rate = match charge(board, survey.cost(), survey.nodes, now) {
        Ok(rate) => rate,
        Err(refusal) => return refusal,
    };
    let mut exec = Exec::new(schema, &fragments, &vars);
    let data = match op.kind {
        OpKind::Mutation => mutate(&mut exec, schema, board, &op, rate, now),
        _ => {
            let env = Env { board, now, rate };
            exec.object(&env, &Obj::Query, &[op.selection], &mut Vec::new())
        }
    };
    Response {
        data: Some(data.unwrap_or(Out::Null)),
        errors: exec.errors,
    }
}

/// Variables as the operation declares them, with defaults; GitHub's error for each bad one.
fn variables(schema: &Schema, op: &Op<'_>, given: Option<&Value>) -> Result<Vars, Vec<GqlError>> {
    // Some clients send the variables JSON-encoded as a string.
    let given = match given {
        Some(Value::String(text)) if !text.trim().is_empty() => serde_json::from_str(text).ok(),
        Some(Value::Object(map)) => Some(Value::Object(map.clone())),
        _ => None,
    };
    let given = match given {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let mut vars = Map::new();
    let mut errors = Vec::new();
    for def in op.variables {
        let ty = TypeRef::from_ast(&def.var_type);
        let value = match given.get(&def.name) {
            Some(value) => value.clone(),
            None => match def.default_value.as_ref().and_then(values::constant) {
                Some(default) => default,
                None if ty.is_non_null() => Value::Null,
                None => continue,
            },
        };
        match values::coerce(schema, &ty, &value) {
            Ok(coerced) => {
                vars.insert(def.name.clone(), coerced);
            }
            Err(problem) => errors.push(
                GqlError::new(format!(
                    "Variable ${} of type {ty} was provided invalid value",
                    def.name
                ))
                .at(def.position)
                .extensions(json!({
                    "value": value,
                    "problems": [{"path": problem.path, "explanation": problem.explanation}],
                })),
            ),
        }
    }
    if errors.is_empty() {
        Ok(vars)
    } else {
        Err(errors)
    }
}

/// Missing scopes and oversized queries are refused before anything runs.
fn refusal(survey: &Survey, scopes: Scopes) -> Option<Response> {
    if !scopes.project && !survey.scoped.is_empty() {
        let errors = survey
            .scoped
            .iter()
            .map(|(field, pos, scope)| {
                GqlError::typed(
                    "INSUFFICIENT_SCOPES",
                    format!(
                        "Your token has not been granted the required scopes to execute this query. \
                         The '{field}' field requires one of the following scopes: ['{scope}'], but \
                         your token has only been granted the: ['repo'] scopes. Please modify your \
                         token's scopes at: https://github.com/settings/tokens."
                    ),
                )
                .at(*pos)
            })
            .collect();
        return Some(Response::refused(errors));
    }
    if survey.nodes > MAX_NODES {
        let message = format!(
            "This query requests up to {} possible nodes which exceeds the maximum limit of {MAX_NODES}.",
            survey.nodes
        );
        return Some(Response::refused(vec![GqlError::typed(
            "MAX_NODE_LIMIT_EXCEEDED",
            message,
        )]));
    }
    None
}

/// Spends the query's cost from the hourly points budget.
fn charge(board: &mut Board, cost: u32, nodes: u64, now: DateTime<Utc>) -> Result<Rate, Response> {
    let budget = &mut board.budget;
    if now >= budget.reset_at {
        budget.used = 0;
        budget.reset_at = now + TimeDelta::hours(1);
    }
    if budget.used.saturating_add(cost) > budget.limit {
        let message = format!("API rate limit exceeded for user ID {}.", people::VIEWER.id);
        return Err(Response::refused(vec![GqlError::typed(
            "RATE_LIMITED",
            message,
        )]));
    }
    budget.used += cost;
    Ok(Rate {
        limit: budget.limit,
        used: budget.used,
        reset_at: budget.reset_at,
        cost,
        node_count: nodes,
    })
}

/// Mutation fields run one after another, each seeing the changes of the one before.
fn mutate<'d>(
    exec: &mut Exec<'_, 'd>,
    schema: &Schema,
    board: &mut Board,
    op: &Op<'d>,
    rate: Rate,
    now: DateTime<Utc>,
) -> Result<Out, super::exec::Nulled> {
    let root = schema.mutation.as_str();
    let mut out = Vec::new();
    for (key, group) in exec.collect(root, &[op.selection]) {
        let Some(f) = group.first().copied() else {
            continue;
        };
        if f.name == "__typename" {
            out.push((key, Out::Leaf(Value::from(root))));
            continue;
        }
        let Some(def) = schema.field(root, &f.name) else {
            continue;
        };
        let applied = exec
            .arguments(&def.args, &f.arguments, &f.name)
            .and_then(|args| {
                let input = args.get("input").cloned().unwrap_or(Value::Null);
                let applied = mutation::apply(&f.name, board, &input, now)?;
                let client_id = input
                    .get("clientMutationId")
                    .and_then(Value::as_str)
                    .map(String::from);
                Ok((applied, client_id))
            });
        let env = Env { board, now, rate };
        let resolved = match applied {
            Ok((applied, client_id)) => {
                let (p, i) = applied.changed;
                env.board
                    .projects
                    .get(p)
                    .and_then(|project| {
                        let item = project.items.get(i)?;
                        Some(Obj::Payload(applied.payload, client_id, project, item))
                    })
                    .map_or(Resolved::Null, Resolved::Node)
            }
            Err(e) => Resolved::Fail(e),
        };
        let sets: Vec<_> = group.iter().map(|f| &f.selection_set).collect();
        let place = Place {
            parent: root,
            field: f,
            sets: &sets,
        };
        let mut path = vec![Value::from(key.as_str())];
        let value = exec.complete(&env, &def.ty, resolved, &place, &mut path)?;
        out.push((key, value));
    }
    Ok(Out::Object(out))
}
