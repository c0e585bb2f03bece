//! The document-wide rules: operation and fragment names, fragments used and defined and
//! free of cycles, and variables declared, used, and passed where their type fits.

use super::Validator;
use crate::github::board::graphql::document::{self, Ast, Doc, Op, OpKind};
use crate::github::board::graphql::schema::{Schema, TypeRef};
use graphql_parser::Pos;
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// What a selection set refers to: variables (with the type each place expects) and
/// fragments.
#[derive(Default)]
pub struct Usage<'d> {
    pub vars: Vec<VarUse<'d>>,
    pub spreads: Vec<(&'d str, Pos)>,
}

pub struct VarUse<'d> {
    name: &'d str,
    expected: TypeRef,
    /// The argument has a default, so a nullable variable may fill a non-null place.
    place_default: bool,
    argument: String,
    pos: Pos,
}

pub fn check_document<'d>(v: &mut Validator<'_, 'd>, doc: &'d Doc) {
    let operations = document::operations(doc);
    if operations.is_empty() {
        v.errors
            .push(crate::github::board::graphql::out::GqlError::new(
                "Document contains no operations",
            ));
        return;
    }
    unique(
        v,
        operations
            .iter()
            .filter_map(|op| op.name.map(|n| (n, op.pos))),
        "Operation",
    );
    unique(
        v,
        document::fragment_list(doc).map(|f| (f.name.as_str(), f.position)),
        "Fragment",
    );
    let mut by_fragment: HashMap<&'d str, Usage<'d>> = HashMap::new();
    for fragment in document::fragment_list(doc) {
        let mut usage = Usage::default();
        let ty = document::condition(&fragment.type_condition).to_string();
        v.path = vec![format!("fragment {}", fragment.name)];
        v.directives(&fragment.directives, &mut usage);
        if v.fragment_type(&ty, Some(&fragment.name), &ty, fragment.position) {
            v.selection_set(&ty, &fragment.selection_set, &mut usage);
        }
        by_fragment.entry(fragment.name.as_str()).or_insert(usage);
    }
    let mut spread_anywhere: HashSet<&str> = HashSet::new();
    for usage in by_fragment.values() {
        spread_anywhere.extend(usage.spreads.iter().map(|(n, _)| *n));
    }
    for op in &operations {
        v.path = vec![op.label()];
        let root = match op.kind {
            OpKind::Query => v.schema.query.clone(),
            OpKind::Mutation => v.schema.mutation.clone(),
            OpKind::Subscription => {
                let ext = json!({"code": "missingSubscriptionConfiguration"});
                v.error(
                    op.pos,
                    "Schema is not configured for subscriptions".into(),
                    ext,
                );
                continue;
            }
        };
        let mut usage = Usage::default();
        v.directives(op.directives, &mut usage);
        v.selection_set(&root, op.selection, &mut usage);
        spread_anywhere.extend(usage.spreads.iter().map(|(n, _)| *n));
        for (name, pos) in &usage.spreads {
            if !v.fragments.contains_key(name) {
                undefined_fragment(v, name, *pos);
            }
        }
        let reached = reachable(&usage, &by_fragment);
        let mut uses = usage.vars;
        for name in reached {
            if let Some(fragment_usage) = by_fragment.get(name) {
                for var in &fragment_usage.vars {
                    uses.push(VarUse {
                        expected: var.expected.clone(),
                        argument: var.argument.clone(),
                        ..*var
                    });
                }
            }
        }
        variables(v, op, &uses);
    }
    v.path.clear();
    for fragment in document::fragment_list(doc) {
        let name = fragment.name.as_str();
        v.path = vec![format!("fragment {name}")];
        if let Some(usage) = by_fragment.get(name) {
            for (spread, pos) in &usage.spreads {
                if !v.fragments.contains_key(spread) {
                    undefined_fragment(v, spread, *pos);
                }
            }
        }
        if !spread_anywhere.contains(name) {
            let ext = json!({"code": "useAndDefineFragment", "fragmentName": name});
            v.error(
                fragment.position,
                format!("Fragment {name} was defined, but not used"),
                ext,
            );
        }
        if loops(name, &by_fragment) {
            let ext = json!({"code": "infiniteLoop", "fragmentName": name});
            v.error(
                fragment.position,
                format!("Fragment {name} contains an infinite loop"),
                ext,
            );
        }
    }
}

fn unique<'d>(v: &mut Validator<'_, 'd>, names: impl Iterator<Item = (&'d str, Pos)>, what: &str) {
    let mut seen = HashSet::new();
    for (name, pos) in names {
        if !seen.insert(name) {
            let code = format!("{}NotUnique", what.to_lowercase());
            let key = format!("{}Name", what.to_lowercase());
            let message = format!("{what} name \"{name}\" must be unique");
            v.error(pos, message, json!({"code": code, key: name}));
        }
    }
}

fn undefined_fragment(v: &mut Validator<'_, '_>, name: &str, pos: Pos) {
    let ext = json!({"code": "useAndDefineFragment", "fragmentName": name});
    v.error(
        pos,
        format!("Fragment {name} was used, but not defined"),
        ext,
    );
}

/// Fragments an operation reaches through spreads, each once.
fn reachable<'d>(start: &Usage<'d>, by_fragment: &HashMap<&'d str, Usage<'d>>) -> Vec<&'d str> {
    let mut seen: Vec<&'d str> = Vec::new();
    let mut queue: Vec<&'d str> = start.spreads.iter().map(|(n, _)| *n).collect();
    while let Some(name) = queue.pop() {
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        if let Some(usage) = by_fragment.get(name) {
            queue.extend(usage.spreads.iter().map(|(n, _)| *n));
        }
    }
    seen
}

fn loops(name: &str, by_fragment: &HashMap<&str, Usage<'_>>) -> bool {
    by_fragment
        .get(name)
        .is_some_and(|usage| reachable(usage, by_fragment).contains(&name))
}

/// Records each variable in an argument's value with the type expected where it stands.
pub fn collect_vars<'d>(
    schema: &Schema,
    ty: &TypeRef,
    value: &'d Ast,
    argument: &str,
    place_default: bool,
    pos: Pos,
    usage: &mut Usage<'d>,
) {
    match value {
        Ast::Variable(name) => usage.vars.push(VarUse {
            name,
            expected: ty.clone(),
            place_default,
            argument: argument.into(),
            pos,
        }),
        Ast::List(items) => {
            let inner = match ty {
                TypeRef::NonNull(t) => t.as_ref(),
                t => t,
            };
            let item_ty = match inner {
                TypeRef::List(t) => t.as_ref(),
                t => t,
            };
            for item in items {
                collect_vars(schema, item_ty, item, argument, false, pos, usage);
            }
        }
        Ast::Object(fields) => {
            let Some(def) = schema.get(ty.named()) else {
                return;
            };
            for (key, item) in fields {
                if let Some(input) = def.inputs.iter().find(|i| &i.name == key) {
                    let has_default = input.default.is_some();
                    collect_vars(schema, &input.ty, item, key, has_default, pos, usage);
                }
            }
        }
        _ => {}
    }
}

fn variables(v: &mut Validator<'_, '_>, op: &Op<'_>, uses: &[VarUse<'_>]) {
    let title = op.title();
    for def in op.variables {
        let ty = TypeRef::from_ast(&def.var_type);
        let named = ty.named();
        if !v.schema.is_input(named) {
            let message = format!("{named} isn't a defined input type (on ${})", def.name);
            let ext = json!({"code": "variableRequiresValidType", "typeName": named, "variableName": def.name});
            v.error(def.position, message, ext);
        }
        if !uses.iter().any(|u| u.name == def.name) {
            let message = format!("Variable ${} is declared by {title} but not used", def.name);
            let ext = json!({"code": "variableNotUsed", "variableName": def.name});
            v.error(def.position, message, ext);
        }
    }
    let mut reported = HashSet::new();
    for u in uses {
        let Some(def) = op.variables.iter().find(|d| d.name == u.name) else {
            if reported.insert(u.name) {
                let message = format!("Variable ${} is used by {title} but not declared", u.name);
                let ext = json!({"code": "variableNotDefined", "variableName": u.name});
                v.error(u.pos, message, ext);
            }
            continue;
        };
        let declared = TypeRef::from_ast(&def.var_type);
        let defaulted = def
            .default_value
            .as_ref()
            .is_some_and(|d| !matches!(d, Ast::Null));
        if !fits(&declared, &u.expected, defaulted || u.place_default) {
            let message = format!(
                "Type mismatch on variable ${} and argument {} ({declared} / {})",
                u.name, u.argument, u.expected
            );
            let ext = json!({
                "code": "variableMismatch",
                "variableName": u.name,
                "typeName": declared.to_string(),
                "argumentName": u.argument,
                "errorMessage": "Type mismatch",
            });
            v.error(u.pos, message, ext);
        }
    }
}

/// Whether a variable of type `var` may stand where `place` is expected.
fn fits(var: &TypeRef, place: &TypeRef, defaulted: bool) -> bool {
    match (var, place) {
        (TypeRef::NonNull(v), TypeRef::NonNull(p)) => fits(v, p, false),
        (v, TypeRef::NonNull(p)) => defaulted && fits(v, p, false),
        (TypeRef::NonNull(v), p) => fits(v, p, false),
        (TypeRef::List(v), TypeRef::List(p)) => fits(v, p, false),
        (TypeRef::Named(v), TypeRef::Named(p)) => v == p,
        _ => false,
    }
}
