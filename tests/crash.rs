//! Killing coopdesk in the middle of a save never leaves a broken file: the
//! workspace on disk is always the complete old or the complete new version.
//!
//! `COOPDESK_CRASH_RUNS=500 cargo test --release --test crash` runs it at
//! full size; CI runs fewer kills.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use coopdesk::model::{Observation, ObservationId, Workspace};
use coopdesk::store;

const BIN: &str = env!("CARGO_BIN_EXE_coopdesk");

/// The sample plus SYNTHETIC weekly figures, large enough that saving takes
/// a while to interrupt.
fn large_workspace(figures: usize) -> Workspace {
    let mut ws = store::sample().unwrap();
    let first = NaiveDate::from_ymd_opt(2000, 1, 7).unwrap();
    let regions = ["northern Iraq", "northern Syria"];
    let observations: Vec<Observation> = (0..figures)
        .map(|i| {
            let end = first + chrono::Days::new(7 * (i / 2) as u64);
            Observation {
                id: ObservationId::new(format!("synthetic-{i:06}")),
                metric: coopdesk::model::MetricId::new("neutralised"),
                regions: vec![regions[i % 2].to_owned()],
                start: end - chrono::Days::new(6),
                end,
                value: (i * 7919 % 97) as u64,
                note: "SYNTHETIC figure for the crash test".to_owned(),
                ..Observation::default()
            }
        })
        .collect();
    coopdesk::model::Edit::PutAll(
        observations
            .into_iter()
            .map(coopdesk::model::Record::Observation)
            .collect(),
    )
    .apply(&mut ws)
    .unwrap();
    ws
}

/// A small pseudo-random sequence, so that runs are reproducible.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_file() {
    let runs: usize = std::env::var("COOPDESK_CRASH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original.ron");
    let target = dir.path().join("w.ron");
    let csv = dir.path().join("more.csv");
    store::save(&large_workspace(8_000), &original).unwrap();
    std::fs::write(
        &csv,
        "metric,regions,start,end,value\nneutralised,northern Iraq,2024-04-26,2024-05-02,17\n",
    )
    .unwrap();
    let old = std::fs::read(&original).unwrap();

    // The new version, from one run that is not interrupted.
    std::fs::copy(&original, &target).unwrap();
    // A fixed time: the import's history entry is then the same every run.
    let status = Command::new(BIN)
        .env("SOURCE_DATE_EPOCH", "1764748800")
        .args(["import"])
        .arg(&target)
        .arg(&csv)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let new = std::fs::read(&target).unwrap();
    assert_ne!(old, new);

    // How long a whole run takes, to spread the kills over it.
    std::fs::copy(&original, &target).unwrap();
    let started = Instant::now();
    Command::new(BIN)
        .env("SOURCE_DATE_EPOCH", "1764748800")
        .args(["import"])
        .arg(&target)
        .arg(&csv)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    let whole = started.elapsed().as_millis().max(1) as u64;

    let mut random = Lcg(0x5eed);
    let (mut saw_old, mut saw_new) = (0, 0);
    for run in 0..runs {
        std::fs::copy(&original, &target).unwrap();
        let mut child = Command::new(BIN)
            .env("SOURCE_DATE_EPOCH", "1764748800")
            .args(["import"])
            .arg(&target)
            .arg(&csv)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(random.next() % (whole + whole / 4)));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let on_disk = std::fs::read(&target).unwrap();
        if on_disk == old {
            saw_old += 1;
        } else if on_disk == new {
            saw_new += 1;
        } else {
            panic!(
                "run {run}: the file is neither the old nor the new version ({} bytes)",
                on_disk.len()
            );
        }
        assert!(store::load(&target).is_ok(), "run {run}: the file loads");
    }
    eprintln!("{runs} kills: {saw_old} left the old version, {saw_new} the new one, 0 broken");
    assert_eq!(saw_old + saw_new, runs);
    assert_path_clean(dir.path());
}

/// Stray temporary files may stay behind after a kill, but never a file
/// that could be mistaken for the workspace.
fn assert_path_clean(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            name.ends_with(".ron")
                || name.ends_with(".bak")
                || name.ends_with(".tmp")
                || name.ends_with(".csv"),
            "unexpected file {name}"
        );
    }
}
