//! GitHub environments -> domain environments: protection rules in words, and the promotion
//! order GitHub does not have.

use super::dto::{EnvironmentDto, NamePatternDto, RuleDto};
use super::map::line;
use crate::domain::deploy::{Deployment, Environment, Health};

/// What `deployment_branch_policy` allows, once its custom patterns are read.
pub enum Branches {
    Any,
    Protected,
    /// The custom name patterns; `None` when they could not be read.
    Patterns(Option<Vec<NamePatternDto>>),
}

impl Branches {
    pub fn of(dto: &EnvironmentDto) -> Self {
        match &dto.deployment_branch_policy {
            Some(p) if p.protected_branches => Self::Protected,
            Some(p) if p.custom_branch_policies => Self::Patterns(None),
            _ => Self::Any,
        }
    }
}

/// Protected when GitHub holds deployments back (required reviewers, a wait timer) or the
/// config names it (case-insensitively, so a typo in case keeps the typed confirmation).
pub fn environment(
    dto: &EnvironmentDto,
    branches: &Branches,
    protected: &[String],
    current: Option<Deployment>,
) -> Environment {
    let by_rules = dto
        .protection_rules
        .iter()
        .any(|r| r.kind == "required_reviewers" || r.kind == "wait_timer");
    let by_config = protected.iter().any(|p| p.eq_ignore_ascii_case(&dto.name));
    // Reviewers first, whatever order GitHub lists the rules in: they matter most.
    let mut rules: Vec<&RuleDto> = dto.protection_rules.iter().collect();
    rules.sort_by_key(|r| match r.kind.as_str() {
        "required_reviewers" => 0,
        "wait_timer" => 1,
        _ => 2,
    });
    let mut protection: Vec<String> = rules.into_iter().filter_map(rule).collect();
    protection.extend(branch_words(branches));
    Environment {
        name: line(&dto.name),
        protected: by_rules || by_config,
        protection,
        // GitHub knows nothing of health or locks.
        health: Health::Unknown,
        lock: None,
        current,
    }
}

/// "2 reviewers: ana-k, marcus-b" (teams by slug), "wait 5 min"; a branch policy is told
/// from `deployment_branch_policy` instead; rule types GitHub adds are named as they are.
fn rule(rule: &RuleDto) -> Option<String> {
    match rule.kind.as_str() {
        "required_reviewers" => {
            let names: Vec<String> = rule
                .reviewers
                .iter()
                .filter_map(|r| r.reviewer.as_ref())
                .filter_map(|r| r.login.as_ref().or(r.slug.as_ref()).or(r.name.as_ref()))
                .map(|n| line(n))
                .collect();
            let noun = if names.len() == 1 {
                "reviewer"
            } else {
                "reviewers"
            };
            Some(format!("{} {noun}: {}", names.len(), names.join(", ")))
        }
        "wait_timer" => match rule.wait_timer {
            Some(0) => None,
            Some(minutes) => Some(format!("wait {minutes} min")),
            None => Some("wait timer".to_string()),
        },
        "branch_policy" => None,
        other => Some(line(other).replace('_', " ")),
    }
}

fn branch_words(branches: &Branches) -> Option<String> {
    match branches {
        Branches::Any => None,
        Branches::Protected => Some("branches: protected".to_string()),
        Branches::Patterns(None) => Some("branches: custom rules".to_string()),
        Branches::Patterns(Some(patterns)) => {
            let names = |tags: bool| -> Vec<String> {
                patterns
                    .iter()
                    .filter(|p| (p.kind.as_deref() == Some("tag")) == tags)
                    .map(|p| line(&p.name))
                    .collect()
            };
            let (branches, tags) = (names(false), names(true));
            let mut parts = Vec::new();
            if !branches.is_empty() {
                parts.push(format!("branches: {}", branches.join(", ")));
            }
            if !tags.is_empty() {
                parts.push(format!("tags: {}", tags.join(", ")));
            }
            Some(if parts.is_empty() {
                "branches: none".to_string()
            } else {
                parts.join("; ")
            })
        }
    }
}

/// Names in promotion order. GitHub environments have none, so it follows the usual names:
/// development ones (dev, development, test, testing, qa) first, then any other name, then
/// pre-production (staging, stage, stg, preprod, uat), then production (prod, production,
/// prd, live); alphabetical within each group. Unknown names (preview, perf, github-pages)
/// go before staging so staging stays the environment a production promote comes from. A
/// name counts for a group when it is a group word whole or by one of its `-`/`_`/`.`/`/`
/// parts ("prod-eu", "staging-2", "pre-prod").
pub fn order<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| (rank(name(item)), name(item).to_lowercase()));
}

fn rank(name: &str) -> u8 {
    const GROUPS: [(&[&str], u8); 3] = [
        (
            &["dev", "develop", "development", "test", "testing", "qa"],
            0,
        ),
        (&["staging", "stage", "stg", "preprod", "uat"], 2),
        (&["prod", "production", "prd", "live"], 3),
    ];
    let lower = name.to_lowercase();
    let separators = ['-', '_', '.', '/', ' '];
    let whole: String = lower.chars().filter(|c| !separators.contains(c)).collect();
    let group = |word: &str| GROUPS.iter().find(|(words, _)| words.contains(&word));
    group(&whole)
        .or_else(|| lower.split(separators).find_map(group))
        .map_or(1, |(_, rank)| *rank)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::github::deploys::dto::EnvironmentsDto;

    fn environments() -> Vec<EnvironmentDto> {
        serde_json::from_str::<EnvironmentsDto>(fixture!("environments-payments.json"))
            .unwrap()
            .environments
    }

    fn named<'a>(all: &'a [EnvironmentDto], name: &str) -> &'a EnvironmentDto {
        all.iter().find(|e| e.name == name).unwrap()
    }

    #[test]
    fn reviewers_and_wait_timers_protect_and_are_told_in_words() {
        let all = environments();
        let prod = named(&all, "production");
        let patterns = vec![
            NamePatternDto {
                name: "main".into(),
                kind: Some("branch".into()),
            },
            NamePatternDto {
                name: "release/*".into(),
                kind: None,
            },
            NamePatternDto {
                name: "v*".into(),
                kind: Some("tag".into()),
            },
        ];
        let env = environment(prod, &Branches::Patterns(Some(patterns)), &[], None);
        assert!(env.protected);
        assert_eq!(
            env.protection,
            [
                "2 reviewers: ana-k, platform-leads",
                "wait 5 min",
                "branches: main, release/*; tags: v*"
            ]
        );
        assert_eq!((env.health, &env.lock), (Health::Unknown, &None));
    }

    #[test]
    fn protected_branches_and_unread_patterns_are_said_too() {
        let all = environments();
        let staging = named(&all, "staging");
        let env = environment(staging, &Branches::of(staging), &[], None);
        assert!(!env.protected);
        assert_eq!(env.protection, ["branches: protected"]);
        let prod = named(&all, "production");
        assert!(matches!(Branches::of(prod), Branches::Patterns(None)));
        let env = environment(prod, &Branches::Patterns(None), &[], None);
        assert_eq!(env.protection[2], "branches: custom rules");
    }

    #[test]
    fn the_config_protects_by_name_in_any_case() {
        let all = environments();
        let dev = named(&all, "dev");
        let plain = environment(dev, &Branches::of(dev), &[], None);
        assert!(!plain.protected && plain.protection.is_empty());
        let env = environment(dev, &Branches::of(dev), &["DEV".to_string()], None);
        assert!(env.protected);
    }

    #[test]
    fn a_zero_wait_timer_is_no_protection_word_and_new_rules_are_named() {
        let json = r#"{"id": 1, "name": "qa", "protection_rules": [
            {"id": 1, "node_id": "x", "type": "wait_timer", "wait_timer": 0},
            {"id": 2, "node_id": "y", "type": "custom_\u001b[2Jgate"}]}"#;
        let dto: EnvironmentDto = serde_json::from_str(json).unwrap();
        let env = environment(&dto, &Branches::of(&dto), &[], None);
        assert_eq!(env.protection, ["custom gate"]);
    }

    #[test]
    fn environments_follow_the_usual_promotion_order() {
        let mut names: Vec<String> = [
            "production",
            "github-pages",
            "staging",
            "qa",
            "Dev",
            "prod-eu",
            "pre-prod",
            "canary",
            "live",
            "uat",
        ]
        .map(String::from)
        .to_vec();
        order(&mut names, String::as_str);
        assert_eq!(
            names,
            [
                "Dev",
                "qa",
                "canary",
                "github-pages",
                "pre-prod",
                "staging",
                "uat",
                "live",
                "prod-eu",
                "production"
            ]
        );
    }
}
