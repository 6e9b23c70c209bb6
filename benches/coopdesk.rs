//! `cargo bench`: what a desk officer waits for, on SYNTHETIC workspaces
//! generated with a fixed seed at the "heavy" and "stress" sizes.
//!
//! - storage: load and save of the RON file (and the same workspace through
//!   serde_json as a baseline, so RON's cost shows as a ratio);
//! - model: validation, monthly derivation + reconciliation of every metric
//!   and region (all of it, after one figure is edited, and "as known on"
//!   a date), search per keystroke;
//! - import: planning a 100,000-row CSV import into the heavy workspace;
//! - frames: the CPU time of one frame of every tab (egui_kittest, no GPU),
//!   after the first frame, with the heaviest view of each;
//! - startup: the sample workspace to its first frame.
//!
//! `COOPDESK_BENCH_SIZES=heavy cargo bench` limits the sizes (default:
//! `heavy,stress`); `cargo bench -- --quick` takes fewer samples.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use coopdesk::analysis::{Analysis, SearchIndex};
use coopdesk::document::{Document, Origin};
use coopdesk::generate::{GenerateParams, generate};
use coopdesk::model::Workspace;
use coopdesk::store;
use coopdesk::ui::{App, Command, Tab};

const SEED: u64 = 1;

struct Fixture {
    name: &'static str,
    workspace: Workspace,
    /// The workspace saved, as the app finds it on disk.
    path: PathBuf,
    _dir: tempfile::TempDir,
}

fn fixtures() -> &'static [Fixture] {
    static FIXTURES: OnceLock<Vec<Fixture>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let wanted = std::env::var("COOPDESK_BENCH_SIZES").unwrap_or("heavy,stress".into());
        wanted
            .split(',')
            .map(str::trim)
            .filter_map(|name| match name {
                "heavy" => Some(("heavy", GenerateParams::heavy(SEED))),
                "stress" => Some(("stress", GenerateParams::stress(SEED))),
                "" => None,
                other => panic!("COOPDESK_BENCH_SIZES: unknown size {other:?} (heavy, stress)"),
            })
            .map(|(name, params)| {
                eprintln!("generating the {name} workspace (SYNTHETIC, seed {SEED})…");
                let workspace = generate(&params);
                let dir = tempfile::tempdir().expect("a temporary folder");
                let path = dir.path().join(format!("{name}.ron"));
                store::save(&workspace, &path).expect("the fixture saves");
                Fixture {
                    name,
                    workspace,
                    path,
                    _dir: dir,
                }
            })
            .collect()
    })
}

fn storage(c: &mut Criterion) {
    for fixture in fixtures() {
        let mut group = c.benchmark_group(format!("storage/{}", fixture.name));
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(20));
        group.bench_function("load", |b| {
            b.iter(|| store::load(&fixture.path).expect("loads"))
        });
        let out = fixture.path.with_file_name("saved.ron");
        group.bench_function("save", |b| {
            b.iter(|| store::save(&fixture.workspace, &out).expect("saves"))
        });
        let bytes = std::fs::read(&fixture.path).expect("the fixture reads");
        group.bench_function("ron_parse", |b| {
            b.iter(|| store::parse(&bytes).expect("parses"))
        });
        group.bench_function("ron_serialize", |b| {
            b.iter(|| store::to_ron_string(&fixture.workspace).expect("serializes"))
        });
        let json = serde_json::to_string(&fixture.workspace).expect("serializes");
        group.bench_function("json_parse", |b| {
            b.iter(|| serde_json::from_str::<Workspace>(&json).expect("parses"))
        });
        group.bench_function("json_serialize", |b| {
            b.iter(|| serde_json::to_string(&fixture.workspace).expect("serializes"))
        });
        group.finish();
    }
}

fn model(c: &mut Criterion) {
    for fixture in fixtures() {
        let ws = &fixture.workspace;
        let mut group = c.benchmark_group(format!("model/{}", fixture.name));
        group.sample_size(10);
        group.bench_function("validate", |b| b.iter(|| ws.validate()));
        group.bench_function("derive_and_reconcile", |b| b.iter(|| Analysis::compute(ws)));
        // One figure edited: what the app does after the edit (the previous
        // analysis cloned, then only the edited metric re-derived).
        let previous = Analysis::compute(ws);
        let edited = edit_one_figure(ws);
        group.bench_function("derive_after_one_edit", |b| {
            b.iter(|| previous.clone().update(&edited))
        });
        let as_of = as_of_date(ws);
        group.bench_function("derive_as_known_on", |b| {
            b.iter(|| Analysis::compute_as_of(ws, Some(as_of)))
        });
        let index = SearchIndex::build(ws);
        // Each keystroke of "border" searches again.
        let mut keystroke = 0;
        group.bench_function("search_keystroke", |b| {
            b.iter(|| {
                keystroke = keystroke % 6 + 1;
                index.search(&"border"[..keystroke], 200).0
            })
        });
        group.bench_function("search_index_build", |b| b.iter(|| SearchIndex::build(ws)));
        group.finish();
    }
}

/// `ws` with the value of its middle figure changed, as the figure form
/// saves it.
fn edit_one_figure(ws: &Workspace) -> Workspace {
    let mut edited = ws.clone();
    let figures = ws.observations.as_slice();
    let mut figure = figures[figures.len() / 2].clone();
    figure.value += 1;
    edited.observations.put(figure);
    edited
}

/// The middle reporting date: the Statistics tab's "as known on" halfway
/// through the figures.
fn as_of_date(ws: &Workspace) -> chrono::NaiveDate {
    let mut dates: Vec<_> = ws
        .observations
        .iter()
        .filter_map(|o| o.reported_on)
        .collect();
    dates.sort();
    dates
        .get(dates.len() / 2)
        .copied()
        .expect("the generated figures have reporting dates")
}

fn import(c: &mut Criterion) {
    let Some(heavy) = fixtures().iter().find(|f| f.name == "heavy") else {
        return;
    };
    // 100,000 figures of another seed, in the import format: most are new.
    let mut other = GenerateParams::heavy(SEED + 1);
    other.instruments = 10;
    other.events = 10;
    let mut csv = Vec::new();
    store::write_observations_csv(&generate(&other), &mut csv).expect("writes");
    let mut group = c.benchmark_group("import/heavy");
    group.sample_size(10);
    group.bench_function("plan_100k_rows", |b| {
        b.iter(|| store::plan_import(&heavy.workspace, &csv, |_, _| true).expect("plans"))
    });
    group.finish();
}

fn frames(c: &mut Criterion) {
    for fixture in fixtures() {
        let mut group = c.benchmark_group(format!("frame/{}", fixture.name));
        group.sample_size(30);
        let doc = Document::new(
            fixture.workspace.clone(),
            Origin::File(fixture.path.clone()),
        );
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1280.0, 820.0))
            .build_ui_state(|ui, app: &mut App| app.draw(ui), App::with_document(doc));
        for tab in Tab::ALL {
            harness.state_mut().send(Command::ShowTab(tab));
            harness.run_steps(2);
            heaviest_view(&mut harness, tab);
            harness.run_steps(3);
            group.bench_function(tab.label(), |b| b.iter(|| harness.step()));
        }
        group.finish();
    }
}

/// The most work a tab does per frame: a filter typed into the tables, every
/// region and the year-over-year chart on Statistics.
fn heaviest_view(harness: &mut Harness<'_, App>, tab: Tab) {
    let filter = match tab {
        Tab::Instruments => Some("Filter instruments"),
        Tab::Events => Some("Filter events"),
        _ => None,
    };
    if let Some(label) = filter {
        harness.get_by_label(label).focus();
        harness.run_steps(1);
        harness.get_by_label(label).type_text("a");
        harness.run_steps(2);
    }
    if tab == Tab::Statistics
        && let Some(compare) = harness.query_by_label("Compare years")
    {
        compare.click();
        harness.run_steps(2);
    }
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    group.bench_function("sample_to_first_frame", |b| {
        b.iter_batched(
            || (),
            |()| {
                let mut harness = Harness::builder()
                    .with_size(egui::vec2(1280.0, 820.0))
                    .build_ui_state(|ui, app: &mut App| app.draw(ui), App::sample());
                harness.step();
                harness
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, startup, model, storage, import, frames);
criterion_main!(benches);
