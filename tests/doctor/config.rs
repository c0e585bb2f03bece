//! `ca_file` problems are config errors: file:line:column, the table, the path; and doctor
//! exits 2 for a config it cannot read, 1 when there is none.

use super::world::{World, code, text};

const GITHUB: &str = r#"[ui]
read_only = true

[[github]]
name = "acme"
api_url = "{url}/api/v3"
token_env = "DOCTOR_GH"
repos = ["acme/storefront"]
ca_file = "certs/corp.pem"
"#;

#[test]
fn an_unreadable_ca_file_names_the_table_and_the_path() {
    let world = World::new();
    world.config(GITHUB);
    let wanted = world.sandboxed.dir().join("certs/corp.pem");
    for args in [&["doctor"][..], &["print", "board"]] {
        let out = world.run(args, &[("DOCTOR_GH", "t")]);
        let said = text(&out.stderr);
        assert_eq!(code(&out), 2, "{args:?}: {said}");
        assert!(
            said.contains("cfg.toml:9:11: [[github]] \"acme\" ca_file: cannot read "),
            "{said}"
        );
        assert!(said.contains(&wanted.display().to_string()), "{said}");
    }
}

#[test]
fn a_ca_file_without_a_certificate_is_refused() {
    let world = World::new();
    std::fs::create_dir(world.sandboxed.dir().join("certs")).unwrap();
    world.file("certs/corp.pem", "this is not PEM\n");
    world.config(GITHUB);
    let out = world.run(&["doctor"], &[("DOCTOR_GH", "t")]);
    let said = text(&out.stderr);
    assert_eq!(code(&out), 2, "{said}");
    assert!(said.contains("holds no PEM certificate"), "{said}");
    assert!(said.contains("[[github]] \"acme\" ca_file"), "{said}");
}

#[test]
fn no_config_at_all_is_a_failed_line_not_the_demo() {
    let bare = crate::isolated::Isolated::new();
    let out = bare
        .command(&["doctor", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let config = &report["checks"][0];
    assert_eq!(config["check"], "config");
    assert_eq!(config["ok"], false);
    assert!(
        config["fix"]
            .as_str()
            .unwrap()
            .contains("shipdeck doctor --demo"),
        "{config}"
    );
}
