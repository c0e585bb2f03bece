//! Executes a validated operation: fields are collected per the spec (aliases, fragments,
//! `@skip`/`@include`), resolved on the objects of `resolve`, shaped by their schema types,
//! and nulls propagate to the nearest nullable field, with an error at the failing path.

use super::document::{self, Ast, Directive, Field, Fragments, Selection, SelectionSet};
use super::out::{GqlError, Out};
use super::resolve::{Args, Env, FieldError, Obj, Resolved};
use super::schema::{InputDef, Schema, TypeRef};
use super::values::{self, Vars};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// "This position is null because of an error already recorded."
pub struct Nulled;

pub struct Exec<'s, 'd> {
    schema: &'s Schema,
    fragments: &'s Fragments<'d>,
    vars: &'s Vars,
    pub errors: Vec<GqlError>,
}

type Group<'d> = (String, Vec<&'d Field>);

impl<'s, 'd> Exec<'s, 'd> {
    pub fn new(schema: &'s Schema, fragments: &'s Fragments<'d>, vars: &'s Vars) -> Self {
        Exec {
            schema,
            fragments,
            vars,
            errors: Vec::new(),
        }
    }

    /// The selection sets' fields for an object of type `ty`, grouped by response key in
    /// order of first appearance.
    pub fn collect(&self, ty: &str, sets: &[&'d SelectionSet]) -> Vec<Group<'d>> {
        let mut out = Vec::new();
        let mut visited = HashSet::new();
        for set in sets {
            self.collect_into(ty, set, &mut out, &mut visited);
        }
        out
    }

    fn collect_into(
        &self,
        ty: &str,
        set: &'d SelectionSet,
        out: &mut Vec<Group<'d>>,
        visited: &mut HashSet<&'d str>,
    ) {
        for selection in &set.items {
            match selection {
                Selection::Field(f) if self.included(&f.directives) => {
                    let key = f.alias.as_ref().unwrap_or(&f.name);
                    match out.iter_mut().find(|(k, _)| k == key) {
                        Some((_, group)) => group.push(f),
                        None => out.push((key.clone(), vec![f])),
                    }
                }
                Selection::InlineFragment(i) if self.included(&i.directives) => {
                    let on = i.type_condition.as_ref().map(document::condition);
                    if on.is_none_or(|c| self.schema.applies(c, ty)) {
                        self.collect_into(ty, &i.selection_set, out, visited);
                    }
                }
                Selection::FragmentSpread(s) if self.included(&s.directives) => {
                    let name = s.fragment_name.as_str();
                    let Some(fragment) = self.fragments.get(name) else {
                        continue;
                    };
                    let on = document::condition(&fragment.type_condition);
                    if visited.insert(name) && self.schema.applies(on, ty) {
                        self.collect_into(ty, &fragment.selection_set, out, visited);
                    }
                }
                _ => {}
            }
        }
    }

    fn included(&self, directives: &[Directive]) -> bool {
        directives.iter().all(|d| {
            let condition = d
                .arguments
                .iter()
                .find(|(name, _)| name == "if")
                .and_then(|(_, v)| values::substitute(v, self.vars))
                .and_then(|v| v.as_bool());
            match (d.name.as_str(), condition) {
                ("skip", Some(skip)) => !skip,
                ("include", Some(include)) => include,
                _ => true,
            }
        })
    }

    /// An object's selected fields. `Err` when a non-null field inside came out null.
    pub fn object<'a>(
        &mut self,
        env: &Env<'a>,
        obj: &Obj<'a>,
        sets: &[&'d SelectionSet],
        path: &mut Vec<Value>,
    ) -> Result<Out, Nulled> {
        let ty = obj.typename();
        let mut out = Vec::new();
        for (key, group) in self.collect(ty, sets) {
            path.push(Value::from(key.as_str()));
            let value = self.field(env, obj, ty, &group, path);
            path.pop();
            out.push((key, value?));
        }
        Ok(Out::Object(out))
    }

    fn field<'a>(
        &mut self,
        env: &Env<'a>,
        obj: &Obj<'a>,
        parent: &str,
        group: &[&'d Field],
        path: &mut Vec<Value>,
    ) -> Result<Out, Nulled> {
        let Some(f) = group.first() else {
            return Ok(Out::Null);
        };
        if f.name == "__typename" {
            return Ok(Out::Leaf(Value::from(parent)));
        }
        let Some(def) = self.schema.field(parent, &f.name) else {
            let error = FieldError::new(format!(
                "Field '{}' doesn't exist on type '{parent}'",
                f.name
            ));
            self.record(error, f, path);
            return Ok(Out::Null);
        };
        let resolved = match self.arguments(&def.args, &f.arguments, &f.name) {
            Ok(args) => obj
                .resolve(env, &f.name, &args)
                .unwrap_or_else(Resolved::Fail),
            Err(e) => Resolved::Fail(e),
        };
        let sets: Vec<&SelectionSet> = group.iter().map(|f| &f.selection_set).collect();
        let place = Place {
            parent,
            field: f,
            sets: &sets,
        };
        self.complete(env, &def.ty, resolved, &place, path)
    }

    /// A field's arguments with variables and defaults applied, coerced to their types.
    pub fn arguments(
        &self,
        defs: &[InputDef],
        given: &[(String, Ast)],
        field: &str,
    ) -> Result<Args, FieldError> {
        let mut args = Map::new();
        for def in defs {
            let value = given
                .iter()
                .find(|(name, _)| name == &def.name)
                .and_then(|(_, v)| values::substitute(v, self.vars))
                .or_else(|| def.default.clone());
            let Some(value) = value else {
                continue;
            };
            let coerced = values::coerce(self.schema, &def.ty, &value).map_err(|p| {
                FieldError::new(format!(
                    "Argument '{}' on Field '{field}' has an invalid value: {}",
                    def.name, p.explanation
                ))
            })?;
            args.insert(def.name.clone(), coerced);
        }
        Ok(Args(args))
    }

    pub fn record(&mut self, error: FieldError, f: &Field, path: &[Value]) {
        let mut out = GqlError::new(error.message)
            .path(path.to_vec())
            .at(f.position);
        out.kind = error.kind;
        self.errors.push(out);
    }

    /// Shapes a resolved value by its type; nulls in non-null places propagate up.
    pub fn complete<'a>(
        &mut self,
        env: &Env<'a>,
        ty: &TypeRef,
        value: Resolved<'a>,
        place: &Place<'_, 'd>,
        path: &mut Vec<Value>,
    ) -> Result<Out, Nulled> {
        match ty {
            TypeRef::NonNull(inner) => match self.complete_inner(env, inner, value, place, path)? {
                Out::Null => {
                    let message = format!(
                        "Cannot return null for non-nullable field {}.{}",
                        place.parent, place.field.name
                    );
                    self.record(FieldError::new(message), place.field, path);
                    Err(Nulled)
                }
                out => Ok(out),
            },
            _ => Ok(self
                .complete_inner(env, ty, value, place, path)
                .unwrap_or(Out::Null)),
        }
    }

    fn complete_inner<'a>(
        &mut self,
        env: &Env<'a>,
        ty: &TypeRef,
        value: Resolved<'a>,
        place: &Place<'_, 'd>,
        path: &mut Vec<Value>,
    ) -> Result<Out, Nulled> {
        match (ty, value) {
            (_, Resolved::Fail(error)) => {
                self.record(error, place.field, path);
                Err(Nulled)
            }
            (_, Resolved::Null) => Ok(Out::Null),
            (TypeRef::List(inner), Resolved::List(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    path.push(Value::from(i));
                    let value = self.complete(env, inner, item, place, path);
                    path.pop();
                    out.push(value?);
                }
                Ok(Out::List(out))
            }
            (TypeRef::Named(_), Resolved::Leaf(value)) => Ok(Out::Leaf(value)),
            (TypeRef::Named(_), Resolved::Node(obj)) => self.object(env, &obj, place.sets, path),
            _ => {
                let message = format!(
                    "The sandbox answered {}.{} with the wrong shape",
                    place.parent, place.field.name
                );
                self.record(FieldError::new(message), place.field, path);
                Err(Nulled)
            }
        }
    }
}

/// Where a value is being completed: for error messages and the sub-selections.
pub struct Place<'p, 'd> {
    pub parent: &'p str,
    pub field: &'d Field,
    pub sets: &'p [&'d SelectionSet],
}
