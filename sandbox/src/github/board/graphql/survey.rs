//! What an operation will cost before it runs, by GitHub's published rules (one request per
//! connection per parent node, cost = requests / 100 rounded, at least 1; nodes = the
//! product of `first`/`last` down each path), and which fields it asks for that need a
//! scope the token may lack.

use super::document::{self, Fragments, Selection, SelectionSet};
use super::schema::Schema;
use super::values::{self, Vars};
use graphql_parser::Pos;

/// GitHub refuses queries that could return more nodes than this.
pub const MAX_NODES: u64 = 500_000;

#[derive(Debug, Default, PartialEq)]
pub struct Survey {
    pub requests: u64,
    pub nodes: u64,
    /// Fields that need a scope: name, where, and the scope.
    pub scoped: Vec<(String, Pos, &'static str)>,
}

impl Survey {
    pub fn cost(&self) -> u32 {
        let hundreds = (self.requests as f64 / 100.0).round() as u32;
        hundreds.max(1)
    }
}

/// The scope each guarded field needs, as GitHub names it.
fn scope_of(field: &str) -> Option<&'static str> {
    match field {
        "projectV2" | "projectsV2" => Some("read:project"),
        "updateProjectV2ItemFieldValue" | "clearProjectV2ItemFieldValue" => Some("project"),
        _ => None,
    }
}

pub fn survey(
    schema: &Schema,
    root: &str,
    set: &SelectionSet,
    fragments: &Fragments<'_>,
    vars: &Vars,
) -> Survey {
    let mut out = Survey::default();
    let mut walker = Walker {
        schema,
        fragments,
        vars,
        stack: Vec::new(),
    };
    walker.walk(root, set, 1, &mut out);
    out
}

struct Walker<'s, 'd> {
    schema: &'s Schema,
    fragments: &'s Fragments<'d>,
    vars: &'s Vars,
    /// Fragments being walked, so a cycle cannot recurse forever.
    stack: Vec<&'d str>,
}

impl<'d> Walker<'_, 'd> {
    fn walk(&mut self, parent: &str, set: &'d SelectionSet, parents: u64, out: &mut Survey) {
        for selection in &set.items {
            match selection {
                Selection::Field(f) => {
                    if let Some(scope) = scope_of(&f.name) {
                        out.scoped.push((f.name.clone(), f.position, scope));
                    }
                    let Some(def) = self.schema.field(parent, &f.name) else {
                        continue;
                    };
                    let named = def.ty.named();
                    let mut below = parents;
                    if named.ends_with("Connection") {
                        let size = ["first", "last"]
                            .iter()
                            .filter_map(|arg| f.arguments.iter().find(|(n, _)| n == arg))
                            .filter_map(|(_, v)| values::substitute(v, self.vars)?.as_u64())
                            .max()
                            .unwrap_or(0);
                        out.requests = out.requests.saturating_add(parents);
                        below = parents.saturating_mul(size);
                        out.nodes = out.nodes.saturating_add(below);
                    }
                    if self.schema.is_composite(named) {
                        self.walk(named, &f.selection_set, below, out);
                    }
                }
                Selection::InlineFragment(i) => {
                    let on = i.type_condition.as_ref().map(document::condition);
                    self.walk(on.unwrap_or(parent), &i.selection_set, parents, out);
                }
                Selection::FragmentSpread(s) => {
                    let name = s.fragment_name.as_str();
                    let Some(fragment) = self.fragments.get(name) else {
                        continue;
                    };
                    if self.stack.contains(&name) {
                        continue;
                    }
                    self.stack.push(name);
                    let on = document::condition(&fragment.type_condition);
                    self.walk(on, &fragment.selection_set, parents, out);
                    self.stack.pop();
                }
            }
        }
    }
}
