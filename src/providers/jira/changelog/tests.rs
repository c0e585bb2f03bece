use super::*;

fn item(json: serde_json::Value) -> ItemDto {
    serde_json::from_value(json).unwrap()
}

fn fields() -> HistoryFields {
    let r = |id: &str, name: &str| {
        Some(FieldRef {
            id: id.into(),
            name: name.into(),
        })
    };
    HistoryFields {
        points: r("customfield_10016", "Story point estimate"),
        sprint: r("customfield_10020", "Sprint"),
        flagged: r("customfield_10021", "Flagged"),
    }
}

#[test]
fn cloud_items_by_field_id() {
    let points = item(
        serde_json::json!({"field": "Story point estimate", "fieldId": "customfield_10016", "from": null, "fromString": "3", "to": null, "toString": "5"}),
    );
    assert_eq!(
        change(&points, &fields()),
        Some(Change::Points {
            from: Some(3.0),
            to: Some(5.0)
        })
    );
    let sprint = item(
        serde_json::json!({"field": "Sprint", "fieldId": "customfield_10020", "from": "6", "fromString": "Sprint 22", "to": "6, 7", "toString": "Sprint 22, Sprint 23"}),
    );
    assert_eq!(
        change(&sprint, &fields()),
        Some(Change::Sprint {
            from: vec![6],
            to: vec![6, 7]
        })
    );
    let flag = item(
        serde_json::json!({"field": "Flagged", "fieldId": "customfield_10021", "from": null, "fromString": null, "to": "[10019]", "toString": "Impediment"}),
    );
    assert_eq!(change(&flag, &fields()), Some(Change::Flagged(true)));
    let other = item(
        serde_json::json!({"field": "labels", "fieldId": "labels", "from": null, "to": null, "toString": "x"}),
    );
    assert_eq!(change(&other, &fields()), None);
}

#[test]
fn data_center_items_by_name_and_hostile_text() {
    let status = item(
        serde_json::json!({"field": "status", "fieldtype": "jira", "from": "10001", "fromString": "To Do", "to": "3", "toString": "In Progress"}),
    );
    assert_eq!(
        change(&status, &fields()),
        Some(Change::Status {
            from: StatusId("10001".into()),
            to: StatusId("3".into())
        })
    );
    let assignee = item(
        serde_json::json!({"field": "assignee", "fieldtype": "jira", "from": null, "fromString": null, "to": "bjorn.l", "toString": "Bj\u{1b}[2Jörn"}),
    );
    assert_eq!(
        change(&assignee, &fields()),
        Some(Change::Assignee {
            from: None,
            to: Some(Person {
                id: "bjorn.l".into(),
                display_name: "Björn".into()
            })
        })
    );
    let unflag = item(
        serde_json::json!({"field": "Flagged", "fieldtype": "custom", "fromString": "Impediment", "to": null, "toString": ""}),
    );
    assert_eq!(change(&unflag, &fields()), Some(Change::Flagged(false)));
    let bad_status = item(serde_json::json!({"field": "status", "from": null, "to": "3"}));
    assert_eq!(change(&bad_status, &fields()), None);
}

#[test]
fn unreadable_timestamps_mark_the_history_incomplete() {
    let histories: Vec<HistoryDto> = serde_json::from_value(serde_json::json!([
        {"created": "2026-11-18T10:00:00.000+1000", "items": [{"field": "status", "fieldId": "status", "from": "3", "to": "10002"}]},
        {"created": "last tuesday", "items": [{"field": "status", "fieldId": "status", "from": "10001", "to": "3"}]},
        {"created": "2026-11-17T09:30:00.000+1000", "items": [{"field": "status", "fieldId": "status", "from": "10001", "to": "3"}]}
    ]))
    .unwrap();
    let (events, readable) = events(&histories, &fields());
    assert!(!readable);
    assert_eq!(events.len(), 2);
    assert!(events[0].at < events[1].at, "sorted oldest first");
    assert_eq!(events[0].at.offset().local_minus_utc(), 10 * 3600);
}
