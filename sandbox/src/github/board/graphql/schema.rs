//! The served part of GitHub's schema (`schema.graphql`), loaded once into lookup tables the
//! validator, the argument coercion and the executor share.

use graphql_parser::schema::{self as sdl, Definition, TypeDefinition};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

const SDL: &str = include_str!("schema.graphql");
const BUILT_IN_SCALARS: [&str; 5] = ["String", "Int", "Float", "Boolean", "ID"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    Input,
}

pub struct TypeDef {
    pub name: String,
    pub kind: Kind,
    pub fields: Vec<FieldDef>,
    pub interfaces: Vec<String>,
    /// Union members.
    pub members: Vec<String>,
    /// Enum values.
    pub values: Vec<String>,
    /// Input object fields.
    pub inputs: Vec<InputDef>,
}

pub struct FieldDef {
    pub name: String,
    pub args: Vec<InputDef>,
    pub ty: TypeRef,
}

pub struct InputDef {
    pub name: String,
    pub ty: TypeRef,
    pub default: Option<Value>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeRef {
    Named(String),
    List(Box<TypeRef>),
    NonNull(Box<TypeRef>),
}

impl TypeRef {
    pub fn from_ast(ty: &sdl::Type<'_, String>) -> TypeRef {
        match ty {
            sdl::Type::NamedType(name) => TypeRef::Named(name.clone()),
            sdl::Type::ListType(inner) => TypeRef::List(Box::new(Self::from_ast(inner))),
            sdl::Type::NonNullType(inner) => TypeRef::NonNull(Box::new(Self::from_ast(inner))),
        }
    }

    /// The type without list and non-null wrappers.
    pub fn named(&self) -> &str {
        match self {
            TypeRef::Named(name) => name,
            TypeRef::List(inner) | TypeRef::NonNull(inner) => inner.named(),
        }
    }

    pub fn is_non_null(&self) -> bool {
        matches!(self, TypeRef::NonNull(_))
    }
}

impl fmt::Display for TypeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::Named(name) => f.write_str(name),
            TypeRef::List(inner) => write!(f, "[{inner}]"),
            TypeRef::NonNull(inner) => write!(f, "{inner}!"),
        }
    }
}

pub struct Schema {
    types: HashMap<String, TypeDef>,
    pub query: String,
    pub mutation: String,
}

/// The schema, parsed on first use. It is compiled in, so an error here is a bug in
/// `schema.graphql` (a unit test parses it).
pub fn schema() -> Result<&'static Schema, &'static str> {
    static SCHEMA: OnceLock<Result<Schema, String>> = OnceLock::new();
    SCHEMA
        .get_or_init(|| Schema::parse(SDL))
        .as_ref()
        .map_err(String::as_str)
}

impl Schema {
    fn parse(text: &str) -> Result<Schema, String> {
        let document = sdl::parse_schema::<String>(text).map_err(|e| e.to_string())?;
        let mut types: HashMap<String, TypeDef> = BUILT_IN_SCALARS
            .iter()
            .map(|name| (name.to_string(), TypeDef::empty(name, Kind::Scalar)))
            .collect();
        let (mut query, mut mutation) = (None, None);
        for definition in document.definitions {
            match definition {
                Definition::SchemaDefinition(s) => {
                    query = s.query;
                    mutation = s.mutation;
                }
                Definition::TypeDefinition(t) => {
                    let def = TypeDef::from_ast(t)?;
                    types.insert(def.name.clone(), def);
                }
                _ => return Err("only types and a schema block are expected".into()),
            }
        }
        let schema = Schema {
            types,
            query: query.ok_or("no query type")?,
            mutation: mutation.ok_or("no mutation type")?,
        };
        schema.check()?;
        Ok(schema)
    }

    /// Every type named anywhere is defined.
    fn check(&self) -> Result<(), String> {
        for def in self.types.values() {
            let named = def
                .fields
                .iter()
                .flat_map(|f| std::iter::once(&f.ty).chain(f.args.iter().map(|a| &a.ty)))
                .map(|t| t.named().to_string())
                .chain(def.inputs.iter().map(|i| i.ty.named().to_string()))
                .chain(def.interfaces.iter().cloned())
                .chain(def.members.iter().cloned());
            for name in named {
                if !self.types.contains_key(&name) {
                    return Err(format!("{} refers to the undefined type {name}", def.name));
                }
            }
        }
        Ok(())
    }

    pub fn get(&self, name: &str) -> Option<&TypeDef> {
        self.types.get(name)
    }

    pub fn field(&self, type_name: &str, field: &str) -> Option<&FieldDef> {
        self.get(type_name)?.fields.iter().find(|f| f.name == field)
    }

    /// The object types a value of `name` can be at run time.
    pub fn possible_types(&self, name: &str) -> Vec<&str> {
        let Some(def) = self.get(name) else {
            return Vec::new();
        };
        match def.kind {
            Kind::Object => vec![def.name.as_str()],
            Kind::Union => def.members.iter().map(String::as_str).collect(),
            Kind::Interface => {
                let mut out: Vec<&str> = self
                    .types
                    .values()
                    .filter(|t| t.kind == Kind::Object && t.interfaces.iter().any(|i| i == name))
                    .map(|t| t.name.as_str())
                    .collect();
                out.sort_unstable();
                out
            }
            _ => Vec::new(),
        }
    }

    /// Whether a fragment on `condition` applies to an object of type `object`.
    pub fn applies(&self, condition: &str, object: &str) -> bool {
        condition == object || self.possible_types(condition).contains(&object)
    }

    /// Whether a fragment on `a` may apply somewhere inside a selection on `b`.
    pub fn overlaps(&self, a: &str, b: &str) -> bool {
        let b = self.possible_types(b);
        self.possible_types(a).iter().any(|t| b.contains(t))
    }

    pub fn is_composite(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|t| matches!(t.kind, Kind::Object | Kind::Interface | Kind::Union))
    }

    pub fn is_input(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|t| matches!(t.kind, Kind::Scalar | Kind::Enum | Kind::Input))
    }
}

impl TypeDef {
    fn empty(name: &str, kind: Kind) -> TypeDef {
        TypeDef {
            name: name.into(),
            kind,
            fields: Vec::new(),
            interfaces: Vec::new(),
            members: Vec::new(),
            values: Vec::new(),
            inputs: Vec::new(),
        }
    }

    fn from_ast(t: TypeDefinition<'_, String>) -> Result<TypeDef, String> {
        let fields = |list: Vec<sdl::Field<'_, String>>| -> Result<Vec<FieldDef>, String> {
            list.into_iter()
                .map(|f| {
                    Ok(FieldDef {
                        args: inputs(f.arguments)?,
                        ty: TypeRef::from_ast(&f.field_type),
                        name: f.name,
                    })
                })
                .collect()
        };
        Ok(match t {
            TypeDefinition::Scalar(s) => TypeDef::empty(&s.name, Kind::Scalar),
            TypeDefinition::Object(o) => TypeDef {
                fields: fields(o.fields)?,
                interfaces: o.implements_interfaces,
                ..TypeDef::empty(&o.name, Kind::Object)
            },
            TypeDefinition::Interface(i) => TypeDef {
                fields: fields(i.fields)?,
                ..TypeDef::empty(&i.name, Kind::Interface)
            },
            TypeDefinition::Union(u) => TypeDef {
                members: u.types,
                ..TypeDef::empty(&u.name, Kind::Union)
            },
            TypeDefinition::Enum(e) => TypeDef {
                values: e.values.into_iter().map(|v| v.name).collect(),
                ..TypeDef::empty(&e.name, Kind::Enum)
            },
            TypeDefinition::InputObject(i) => TypeDef {
                inputs: inputs(i.fields)?,
                ..TypeDef::empty(&i.name, Kind::Input)
            },
        })
    }
}

fn inputs(list: Vec<sdl::InputValue<'_, String>>) -> Result<Vec<InputDef>, String> {
    list.into_iter()
        .map(|i| {
            let default = match &i.default_value {
                None => None,
                Some(v) => Some(
                    super::values::constant(v)
                        .ok_or_else(|| format!("the default of {} uses a variable", i.name))?,
                ),
            };
            Ok(InputDef {
                ty: TypeRef::from_ast(&i.value_type),
                name: i.name,
                default,
            })
        })
        .collect()
}
