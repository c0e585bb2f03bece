//! A server whose certificate comes from a CA this machine does not know: doctor names the
//! issuer, and trusts it once `ca_file` points at it, or once the system's store holds it.

use super::pki::{CA_NAME, Pki};
use super::servers::tls_front;
use super::world::{World, failures, line};

/// The sandbox's deploy protocol behind TLS at `https://localhost:PORT`.
fn behind_tls(world: &World, pki: &Pki, ca_file: &str) {
    let backend = world.sandboxed.url();
    let backend = backend.trim_start_matches("http://").parse().unwrap();
    let front = world.block_on(tls_front(pki.server.clone(), backend));
    world.config(&format!(
        "[[deploy]]\nname = \"corp\"\nkind = \"http\"\nurl = \"https://localhost:{}\"\n{ca_file}\n",
        front.port()
    ));
}

#[test]
fn an_unknown_ca_is_named_then_trusted_through_ca_file() {
    let world = World::new();
    let pki = Pki::new();
    world.file("corp-ca.pem", &pki.ca_pem);
    behind_tls(&world, &pki, "");
    let (status, report) = world.doctor(&[]);
    assert_eq!(status, 1);
    let tls = line(&report, "deploy corp", "tls");
    let detail = tls["detail"].as_str().unwrap();
    assert!(
        detail.contains(&format!("issued by CN={CA_NAME}, O=Acme Corp")),
        "{detail}"
    );
    assert!(
        detail.ends_with("that issuer is not trusted here"),
        "{detail}"
    );
    let fix = tls["fix"].as_str().unwrap();
    assert!(
        fix.contains("ca_file = ") && fix.contains("[[deploy]] \"corp\""),
        "{fix}"
    );
    assert_eq!(
        line(&report, "deploy corp", "http")["detail"],
        "not tried: the server could not be reached"
    );

    // Relative to the config file's directory.
    behind_tls(&world, &pki, "ca_file = \"corp-ca.pem\"");
    let (status, report) = world.doctor(&[]);
    assert_eq!(status, 0, "{:#?}", failures(&report));
    let tls = &line(&report, "deploy corp", "tls")["detail"];
    assert!(
        tls.as_str()
            .unwrap()
            .starts_with("TLSv1.3; certificate for CN=localhost"),
        "{tls}"
    );
}

#[test]
fn the_systems_store_is_trusted_too() {
    let world = World::new();
    let pki = Pki::new();
    world.file("system-store.pem", &pki.ca_pem);
    behind_tls(&world, &pki, "");
    let store = world.sandboxed.dir().join("system-store.pem");
    let (status, report) = world.doctor(&[("SSL_CERT_FILE", store.to_str().unwrap())]);
    assert_eq!(status, 0, "{:#?}", failures(&report));
    // And the app's own client, not only doctor's handshake.
    let out = world.run(
        &["print", "deploys"],
        &[("SSL_CERT_FILE", store.to_str().unwrap())],
    );
    assert_eq!(
        super::world::code(&out),
        0,
        "{}",
        super::world::text(&out.stderr)
    );
}
