//! Static validation, before anything runs: every field exists on its type, arguments are
//! known, complete and of the right type, fragments apply where they are spread, variables
//! are declared and used. Messages and `extensions` are graphql-ruby's, as GitHub sends them.

mod usage;

use super::document::{self, Ast, Directive, Doc, Field, Fragments, Selection, SelectionSet};
use super::out::GqlError;
use super::schema::{InputDef, Kind, Schema, TypeRef};
use super::values;
use graphql_parser::Pos;
use serde_json::{Value, json};
use usage::Usage;

/// Every problem in the document; empty when it may run.
pub fn validate(schema: &Schema, doc: &Doc) -> Vec<GqlError> {
    let mut v = Validator {
        schema,
        fragments: document::fragments(doc),
        errors: Vec::new(),
        path: Vec::new(),
    };
    usage::check_document(&mut v, doc);
    v.errors
}

pub struct Validator<'s, 'd> {
    schema: &'s Schema,
    fragments: Fragments<'d>,
    errors: Vec<GqlError>,
    path: Vec<String>,
}

impl<'d> Validator<'_, 'd> {
    fn error(&mut self, pos: Pos, message: String, extensions: Value) {
        let path = self.path.iter().map(|p| Value::from(p.as_str())).collect();
        self.errors.push(
            GqlError::new(message)
                .path(path)
                .extensions(extensions)
                .at(pos),
        );
    }

    fn selection_set(&mut self, parent: &str, set: &'d SelectionSet, usage: &mut Usage<'d>) {
        for selection in &set.items {
            match selection {
                Selection::Field(f) => self.field(parent, f, usage),
                Selection::InlineFragment(inline) => {
                    self.directives(&inline.directives, usage);
                    let on = inline.type_condition.as_ref().map(document::condition);
                    let ty = on.unwrap_or(parent).to_string();
                    self.path.push(format!("... on {ty}"));
                    if self.fragment_type(&ty, None, parent, inline.position) {
                        self.selection_set(&ty, &inline.selection_set, usage);
                    }
                    self.path.pop();
                }
                Selection::FragmentSpread(spread) => {
                    self.directives(&spread.directives, usage);
                    let name = spread.fragment_name.as_str();
                    usage.spreads.push((name, spread.position));
                    if let Some(fragment) = self.fragments.get(name).copied() {
                        let ty = document::condition(&fragment.type_condition).to_string();
                        self.path.push(format!("... {name}"));
                        self.fragment_type(&ty, Some(name), parent, spread.position);
                        self.path.pop();
                    }
                }
            }
        }
    }

    /// The type condition exists, can hold selections and can meet `parent`.
    fn fragment_type(&mut self, ty: &str, name: Option<&str>, parent: &str, pos: Pos) -> bool {
        if self.schema.get(ty).is_none() {
            let message = format!("No such type {ty}, so it can't be a fragment condition");
            self.error(
                pos,
                message,
                json!({"code": "undefinedType", "typeName": ty}),
            );
            return false;
        }
        if !self.schema.is_composite(ty) {
            let message =
                format!("Invalid fragment on type {ty} (must be Union, Interface or Object)");
            let ext = json!({"code": "fragmentOnNonCompositeType", "typeName": ty});
            self.error(pos, message, ext);
            return false;
        }
        if !self.schema.overlaps(ty, parent) {
            let label = name.map_or_else(|| "Fragment".to_string(), |n| format!("Fragment {n}"));
            let message = format!("{label} on {ty} can't be spread inside {parent}");
            let ext = json!({
                "code": "fragmentSpreadTypeMismatch",
                "fragmentName": name.unwrap_or("unknown"),
                "typeName": ty,
                "parentName": parent,
            });
            self.error(pos, message, ext);
            return false;
        }
        true
    }

    fn field(&mut self, parent: &str, f: &'d Field, usage: &mut Usage<'d>) {
        self.path
            .push(f.alias.clone().unwrap_or_else(|| f.name.clone()));
        self.directives(&f.directives, usage);
        self.field_inner(parent, f, usage);
        self.path.pop();
    }

    fn field_inner(&mut self, parent: &str, f: &'d Field, usage: &mut Usage<'d>) {
        let name = f.name.as_str();
        if name == "__typename" {
            self.arguments(name, &[], &f.arguments, f.position, usage);
            let ty = TypeRef::NonNull(Box::new(TypeRef::Named("String".into())));
            self.selections(name, &ty, f, usage);
            return;
        }
        if self
            .schema
            .get(parent)
            .is_some_and(|t| t.kind == Kind::Union)
        {
            let message =
                format!("Selections can't be made directly on unions (see selections on {parent})");
            let ext = json!({"code": "selectionMismatch", "nodeName": parent});
            self.error(f.position, message, ext);
            return;
        }
        let Some(def) = self.schema.field(parent, name) else {
            let message = format!("Field '{name}' doesn't exist on type '{parent}'");
            let ext = json!({"code": "undefinedField", "typeName": parent, "fieldName": name});
            self.error(f.position, message, ext);
            return;
        };
        self.arguments(name, &def.args, &f.arguments, f.position, usage);
        self.selections(name, &def.ty, f, usage);
    }

    /// Leaves take no selections; objects, interfaces and unions need some.
    fn selections(&mut self, name: &str, ty: &TypeRef, f: &'d Field, usage: &mut Usage<'d>) {
        let named = ty.named();
        let has = !f.selection_set.items.is_empty();
        let node = format!("field '{name}'");
        if self.schema.is_composite(named) && !has {
            let message = format!(
                "Field must have selections ({node} returns {ty} but has no selections. \
                 Did you mean '{name} {{ ... }}'?)"
            );
            let ext =
                json!({"code": "selectionMismatch", "nodeName": node, "typeName": ty.to_string()});
            self.error(f.position, message, ext);
        } else if !self.schema.is_composite(named) && has {
            let picked: Vec<String> = f
                .selection_set
                .items
                .iter()
                .map(|s| match s {
                    Selection::Field(f) => f.name.clone(),
                    Selection::FragmentSpread(s) => format!("...{}", s.fragment_name),
                    Selection::InlineFragment(_) => "...".into(),
                })
                .collect();
            let message = format!(
                "Selections can't be made on scalars ({node} returns {ty} but has selections {})",
                serde_json::to_string(&picked).unwrap_or_default()
            );
            let ext =
                json!({"code": "selectionMismatch", "nodeName": node, "typeName": ty.to_string()});
            self.error(f.position, message, ext);
        } else if has {
            self.selection_set(named, &f.selection_set, usage);
        }
    }

    fn arguments(
        &mut self,
        field: &str,
        defs: &[InputDef],
        given: &'d [(String, Ast)],
        pos: Pos,
        usage: &mut Usage<'d>,
    ) {
        for (name, value) in given {
            let Some(def) = defs.iter().find(|d| &d.name == name) else {
                let message = format!("Field '{field}' doesn't accept argument '{name}'");
                let ext = json!({
                    "code": "argumentNotAccepted",
                    "name": field,
                    "typeName": "Field",
                    "argumentName": name,
                });
                self.error(pos, message, ext);
                continue;
            };
            if !values::literal_fits(self.schema, &def.ty, value) {
                let message = format!(
                    "Argument '{name}' on Field '{field}' has an invalid value ({}). Expected type '{}'.",
                    values::show(value),
                    def.ty
                );
                let ext = json!({
                    "code": "argumentLiteralsIncompatible",
                    "typeName": "Field",
                    "argumentName": name,
                });
                self.error(pos, message, ext);
            }
            usage::collect_vars(
                self.schema,
                &def.ty,
                value,
                name,
                def.default.is_some(),
                pos,
                usage,
            );
        }
        let missing: Vec<&str> = defs
            .iter()
            .filter(|d| d.ty.is_non_null() && d.default.is_none())
            .filter(|d| !given.iter().any(|(name, _)| name == &d.name))
            .map(|d| d.name.as_str())
            .collect();
        if !missing.is_empty() {
            let list = missing.join(", ");
            let message = format!("Field '{field}' is missing required arguments: {list}");
            let ext = json!({
                "code": "missingRequiredArguments",
                "className": "Field",
                "name": field,
                "arguments": list,
            });
            self.error(pos, message, ext);
        }
    }

    /// Only `@skip(if:)` and `@include(if:)` exist for queries.
    fn directives(&mut self, list: &'d [Directive], usage: &mut Usage<'d>) {
        for d in list {
            if d.name != "skip" && d.name != "include" {
                let message = format!("Directive @{} is not defined", d.name);
                let ext = json!({"code": "undefinedDirective", "directiveName": d.name});
                self.error(d.position, message, ext);
                continue;
            }
            let condition = InputDef {
                name: "if".into(),
                ty: TypeRef::NonNull(Box::new(TypeRef::Named("Boolean".into()))),
                default: None,
            };
            let field = format!("@{}", d.name);
            self.arguments(&field, &[condition], &d.arguments, d.position, usage);
        }
    }
}
