//! The GraphQL documents the Projects v2 board sends. Every field and argument here exists
//! in GitHub's public schema with this type; the sandbox runs the same documents.

/// One page of a project: its fields (the Status options, the Iteration configuration, the
/// number fields) and up to 100 items with their field values and content. `Issue` and
/// `PullRequest` are read through the same fields, so `closed` rather than `state`, whose
/// types differ and would not merge.
pub const PROJECT_PAGE: &str = r#"query ProjectPage($owner: String!, $number: Int!, $cursor: String) {
  repositoryOwner(login: $owner) {
    ... on ProjectV2Owner {
      projectV2(number: $number) {
        id
        title
        url
        fields(first: 50) {
          nodes {
            ... on ProjectV2FieldCommon { id name dataType }
            ... on ProjectV2SingleSelectField { options { id name } }
            ... on ProjectV2IterationField {
              configuration {
                iterations { id title startDate duration }
                completedIterations { id title startDate duration }
              }
            }
          }
        }
        items(first: 100, after: $cursor) {
          pageInfo { hasNextPage endCursor }
          nodes {
            id
            isArchived
            createdAt
            fieldValues(first: 50) {
              nodes {
                __typename
                ... on ProjectV2ItemFieldSingleSelectValue {
                  optionId
                  updatedAt
                  field { ... on ProjectV2FieldCommon { id } }
                }
                ... on ProjectV2ItemFieldIterationValue {
                  iterationId
                  title
                  field { ... on ProjectV2FieldCommon { id } }
                }
                ... on ProjectV2ItemFieldNumberValue {
                  number
                  field { ... on ProjectV2FieldCommon { id } }
                }
              }
            }
            content {
              __typename
              ... on Issue {
                number
                title
                url
                body
                closed
                closedAt
                repository { nameWithOwner }
                assignees(first: 10) { nodes { login name } }
                labels(first: 20) { nodes { name } }
              }
              ... on PullRequest {
                number
                title
                url
                body
                closed
                closedAt
                repository { nameWithOwner }
                assignees(first: 10) { nodes { login name } }
                labels(first: 20) { nodes { name } }
              }
              ... on DraftIssue {
                title
                body
                assignees(first: 10) { nodes { login name } }
              }
            }
          }
        }
      }
    }
  }
}"#;

/// Sets an item's Status to one option.
pub const SET_STATUS: &str = r#"mutation SetStatus($project: ID!, $item: ID!, $field: ID!, $option: String!) {
  updateProjectV2ItemFieldValue(
    input: { projectId: $project, itemId: $item, fieldId: $field, value: { singleSelectOptionId: $option } }
  ) {
    projectV2Item { id }
  }
}"#;

/// Empties an item's Status ("No status").
pub const CLEAR_STATUS: &str = r#"mutation ClearStatus($project: ID!, $item: ID!, $field: ID!) {
  clearProjectV2ItemFieldValue(input: { projectId: $project, itemId: $item, fieldId: $field }) {
    projectV2Item { id }
  }
}"#;
