use super::*;

fn clause(field: &str, op: Op, operand: Operand, column: usize, operand_column: usize) -> Expr {
    let at = |column| Pos { line: 1, column };
    Expr::Clause(Clause {
        field: field.into(),
        op,
        operand,
        pos: at(column),
        operand_pos: at(operand_column),
    })
}

fn value(v: &str) -> Operand {
    Operand::Value(v.into())
}

#[test]
fn parses_the_board_query() {
    let query = parse("filter = 10042 AND sprint = 7 ORDER BY Rank ASC").expect("parses");
    assert_eq!(
        query.filter,
        Some(Expr::And(
            Box::new(clause("filter", Op::Eq, value("10042"), 1, 10)),
            Box::new(clause("sprint", Op::Eq, value("7"), 20, 29)),
        ))
    );
    assert_eq!(
        query.order,
        [OrderBy {
            field: "Rank".into(),
            descending: false,
            pos: Pos {
                line: 1,
                column: 40
            }
        }]
    );
}

#[test]
fn and_binds_tighter_than_or_and_parentheses_override() {
    let flat = parse("a = 1 OR b = 2 AND c = 3")
        .expect("parses")
        .filter
        .expect("filter");
    assert!(matches!(flat, Expr::Or(_, ref right) if matches!(**right, Expr::And(..))));
    let grouped = parse("(a = 1 OR b = 2) AND NOT c = 3")
        .expect("parses")
        .filter
        .expect("filter");
    let Expr::And(left, right) = grouped else {
        panic!("and expected")
    };
    assert!(matches!(*left, Expr::Or(..)));
    assert!(matches!(*right, Expr::Not(_)));
}

#[test]
fn parses_every_operand_shape() {
    let query = parse(
        "sprint in openSprints() and assignee is EMPTY and labels not in (k8s, \"on-call\") and reporter is not null and assignee = currentUser() and text ~ 'tls cert'",
    )
    .expect("parses");
    let mut clauses = Vec::new();
    let mut stack = vec![query.filter.expect("filter")];
    while let Some(expr) = stack.pop() {
        match expr {
            Expr::And(a, b) => stack.extend([*b, *a]),
            Expr::Clause(c) => clauses.push((c.op, c.operand)),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(
        clauses,
        [
            (Op::In, Operand::Function("openSprints".into(), vec![])),
            (Op::Is, Operand::Empty),
            (
                Op::NotIn,
                Operand::List(vec![value("k8s"), value("on-call")])
            ),
            (Op::IsNot, Operand::Empty),
            (Op::Eq, Operand::Function("currentUser".into(), vec![])),
            (Op::Like, value("tls cert")),
        ]
    );
}

#[test]
fn empty_and_order_only_queries_match_everything() {
    assert_eq!(
        parse("  ").expect("parses"),
        Query {
            filter: None,
            order: vec![]
        }
    );
    let query = parse("order by key desc, created").expect("parses");
    assert_eq!(query.filter, None);
    assert_eq!(
        query
            .order
            .iter()
            .map(|o| (o.field.as_str(), o.descending))
            .collect::<Vec<_>>(),
        [("key", true), ("created", false)]
    );
}

#[test]
fn syntax_errors_name_the_problem_and_place() {
    let cases = [
        (
            "status = Done foo = 1",
            "Expecting either 'OR' or 'AND' but got 'foo'. (line 1, character 15)",
        ),
        ("status Done", "Expecting operator but got 'Done'."),
        (
            "(status = Done",
            "Expecting ')' but reached the end of the query.",
        ),
        (
            "status = ",
            "Expecting either a value, list or function but reached the end of the query.",
        ),
        (
            "AND status = Done",
            "Expecting a field name but got 'AND'. (line 1, character 1)",
        ),
        (
            "assignee is Ana",
            "Expecting 'EMPTY' or 'NULL' but got 'Ana'.",
        ),
        (
            "labels in k8s",
            "Expecting '(' or a function but got 'k8s'.",
        ),
        ("status = Done ORDER Rank", "Expecting 'by' but got 'Rank'."),
        ("status not = x", "Expecting 'in' after 'not' but got '='."),
    ];
    for (jql, message) in cases {
        let err = parse(jql).expect_err(jql);
        assert!(err.0.starts_with(message), "{jql}: {}", err.0);
    }
}
