//! coopdesk never touches the network: no networking client is in its
//! dependency tree, and the headless commands work in a network namespace
//! with no interfaces at all.

use std::process::Command;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/sample.ron");
const BIN: &str = env!("CARGO_BIN_EXE_coopdesk");

/// HTTP clients and TLS stacks: none belongs in an offline tool. (tokio is
/// in the tree without its network features, for the desktop bus that file
/// dialogs and screen readers use, which is a local socket.)
const NETWORK_CRATES: [&str; 12] = [
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "isahc",
    "surf",
    "attohttpc",
    "ehttp",
    "h2",
    "native-tls",
    "rustls",
    "openssl",
];

#[test]
fn no_networking_client_is_in_the_dependency_tree() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    let found: Vec<&str> = lock
        .lines()
        .filter_map(|line| line.strip_prefix("name = \""))
        .filter_map(|rest| rest.strip_suffix('"'))
        .filter(|name| NETWORK_CRATES.contains(name))
        .collect();
    assert_eq!(found, Vec::<&str>::new());
    assert!(lock.contains("name = \"eframe\""), "the lock file was read");
}

#[test]
fn headless_commands_run_in_a_namespace_without_network() {
    let probe = Command::new("unshare").args(["-n", "true"]).status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("skipped: this runner cannot create a network namespace (unshare -n)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("figures.csv");
    let copy = dir.path().join("copy.ron");
    let csv = csv.to_str().unwrap();
    let copy = copy.to_str().unwrap();
    let briefing = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/briefings/2024-05-02-tr.txt"
    );
    let runs: [&[&str]; 5] = [
        &["check", SAMPLE],
        &["series", SAMPLE, "--metric", "neutralised"],
        &["export-observations", SAMPLE, csv],
        &["import", copy, csv],
        &["extract", briefing, "--reported-on", "2024-05-02"],
    ];
    for args in runs {
        let output = Command::new("unshare")
            .arg("-n")
            .arg(BIN)
            .args(args)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{args:?} failed without a network: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let imported = coopdesk::store::load(std::path::Path::new(copy)).unwrap();
    assert_eq!(imported.observations.len(), 10);
}
