//! The monkey: a seeded random user drives the whole app headless, on the
//! sample and on a small generated workspace. It clicks widgets and random
//! points (left, right, double, drags, scrolls), presses keys and
//! shortcuts, types and pastes awkward text (Turkish letters, right-to-left
//! scripts, emoji, huge numbers, dates that do not exist), sends commands
//! (file commands too: the in-app path prompt is answered with paths inside
//! a temporary folder) and lets background work finish after every action.
//!
//! Every 1,000 steps and at the end: nothing panicked, `validate()` finds
//! nothing the workspace did not have when it was opened, undoing
//! everything gives back the workspace as opened, and redoing everything
//! gives back the workspace as the monkey left it.
//!
//! `COOPDESK_MONKEY_SEED` (default [`DEFAULT_SEED`]) and
//! `COOPDESK_MONKEY_STEPS` (steps on each workspace, default
//! [`DEFAULT_STEPS`]) set the run; a failure prints the seed, the step and
//! the last actions, so that it can be replayed.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use coopdesk::document::{Document, Origin};
use coopdesk::generate::{GenerateParams, generate};
use coopdesk::model::{RecordId, ValidationError, Workspace};
use coopdesk::ui::{App, Command, FileAction};

const DEFAULT_SEED: u64 = 0x0000_C00F_DE5C;
/// Steps on each of the two workspaces in a plain `cargo test`.
const DEFAULT_STEPS: usize = 2_000;
/// Invariants are checked this often, and at the end.
const CHECK_EVERY: usize = 1_000;

const SIZE: Vec2 = egui::vec2(1280.0, 900.0);

/// Text a user might type or paste: Turkish letters, right-to-left
/// scripts, emoji, huge and odd numbers, dates that do not exist, and
/// characters that mean something to RON and CSV. No `/` or `\`: typed
/// into a path prompt, a path stays inside the monkey's folder.
const TEXTS: &[&str] = &[
    "ğüşıöçİ",
    "İĞÜŞÖÇ ığüşöç",
    "Şırnak, Diyarbakır, Hakkâri",
    "Türkiye–Iraq",
    "اتفاقية التعاون",
    "مذكرة تفاهم ٢٠٢٤",
    "שלום עולם",
    "abc عربي def",
    "🙂",
    "🇹🇷🇮🇶",
    "👨‍👩‍👧‍👦",
    "🔥💥",
    "99999999999999999999",
    "18446744073709551616",
    "-1",
    "-0",
    "0",
    "1e309",
    "NaN",
    "inf",
    "1,234,567",
    "١٢٣",
    "٣٤٥٦",
    "2024-02-30",
    "0000-00-00",
    "2024-13-01",
    "2023-02-29",
    "9999-12-31",
    "+275760-09-13",
    "2024-04",
    "24.04.2024",
    "2024-W17",
    "\")",
    "r#\"",
    "(a: 1)",
    "{}[]",
    "a,b;c",
    "=1+1",
    "\"quoted\"",
    "e\u{301}\u{301}",
    "\u{200B}",
    "\u{202E}evil",
    "   ",
    "x",
    "neutralised",
    "MoU",
    "agreement",
    "Iraq",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
];

/// What only a paste brings: line breaks, tabs, control characters.
const PASTES: &[&str] = &[
    "line one\nline two",
    "a\tb\tc",
    "\r\n\r\n",
    "nul\u{0}byte",
    "bell\u{7}",
    "ğüş\nاتفاقية\n🙂",
];

const KEYS: &[Key] = &[
    Key::Enter,
    Key::Escape,
    Key::Tab,
    Key::Space,
    Key::Backspace,
    Key::Delete,
    Key::ArrowUp,
    Key::ArrowDown,
    Key::ArrowLeft,
    Key::ArrowRight,
    Key::Home,
    Key::End,
    Key::PageUp,
    Key::PageDown,
    Key::F1,
    Key::A,
    Key::C,
    Key::V,
    Key::X,
    Key::Z,
    Key::Y,
    Key::Num1,
    Key::Num9,
];

/// splitmix64: tiny, seedable, the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn point(&mut self) -> Pos2 {
        Pos2::new(
            (self.next() % SIZE.x as u64) as f32 + 0.5,
            (self.next() % SIZE.y as u64) as f32 + 0.5,
        )
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a number")),
        Err(_) => default,
    }
}

struct Monkey {
    rng: Rng,
    seed: u64,
    /// Where the path prompt's answers point.
    dir: PathBuf,
    /// The last actions, printed when something fails.
    log: VecDeque<String>,
    step: usize,
    /// The document the invariants hold for (New and Open replace it).
    generation: u64,
    /// The workspace as the current document was opened.
    opened: Workspace,
    /// What `validate()` found in it then.
    findings_when_opened: Vec<ValidationError>,
    /// Documents seen (the first one included).
    documents: usize,
    checks: usize,
    undone: usize,
    /// What was seen: edits made (by Undo's name for them), forms, messages.
    edits: usize,
    edit_kinds: std::collections::BTreeSet<String>,
    forms: std::collections::BTreeSet<String>,
    messages: std::collections::BTreeSet<String>,
}

impl Monkey {
    fn new(seed: u64, dir: PathBuf, harness: &Harness<'_, App>) -> Self {
        let ws = harness.state().document().workspace().clone();
        Self {
            rng: Rng(seed),
            seed,
            dir,
            log: VecDeque::new(),
            step: 0,
            generation: harness.state().generation(),
            findings_when_opened: ws.validate(),
            opened: ws,
            documents: 1,
            checks: 0,
            undone: 0,
            edits: 0,
            edit_kinds: Default::default(),
            forms: Default::default(),
            messages: Default::default(),
        }
    }

    fn note(&mut self, action: String) {
        if self.log.len() == 40 {
            self.log.pop_front();
        }
        self.log.push_back(format!("{}: {action}", self.step));
    }

    /// One random action, the frames it takes, and the background work it
    /// started.
    fn act(&mut self, harness: &mut Harness<'_, App>) {
        let before = harness.state().document().undo_label().map(str::to_owned);
        self.random_action(harness);
        self.observe(harness, before.as_deref());
    }

    fn random_action(&mut self, harness: &mut Harness<'_, App>) {
        if self.rng.chance(50) && self.answer_path_prompt(harness) {
            return self.settle(harness);
        }
        // Windows (the guide, the shortcuts) get closed now and then, as
        // after reading them.
        let close = harness
            .query_all_by_label("Close window")
            .next()
            .map(|close| close.rect().center());
        if self.rng.chance(5)
            && let Some(pos) = close
        {
            self.note(format!("close a window at {pos:?}"));
            click(harness, pos, PointerButton::Primary);
            harness.step();
            return self.settle(harness);
        }
        match self.rng.below(100) {
            0..30 => self.click_widget(harness, true),
            30..37 => self.click_widget(harness, false),
            37..45 => self.click_point(harness),
            45..47 => self.double_click(harness),
            47..50 => self.drag(harness),
            50..54 => self.scroll(harness),
            54..68 => self.type_text(harness),
            68..70 => self.paste(harness),
            70..80 => self.press_key(harness),
            80..86 => self.press_shortcut(harness),
            86..94 => self.send_command(harness),
            _ => self.send_record_command(harness),
        }
        harness.step();
        self.settle(harness);
    }

    /// Counts what the monkey got to: edits, forms, messages.
    fn observe(&mut self, harness: &Harness<'_, App>, undo_before: Option<&str>) {
        let app = harness.state();
        if let Some(label) = app.document().undo_label()
            && Some(label) != undo_before
        {
            self.edits += 1;
            let kind: String = label
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            self.edit_kinds.insert(kind);
        }
        if let Some(title) = app.form_title() {
            self.forms.insert(title);
        }
        if let Some(message) = app.message() {
            let words: String = message
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            self.messages.insert(words);
        }
    }

    /// Clicks the middle of a random widget a user could reach now (not
    /// one behind an open dialog); `inputs` only: buttons, fields, links,
    /// tabs…, otherwise any node at all (labels, table cells).
    fn click_widget(&mut self, harness: &mut Harness<'_, App>, inputs: bool) {
        let ctx = harness.ctx.clone();
        let screen = egui::Rect::from_min_size(Pos2::ZERO, SIZE);
        let modal = ctx.memory(|m| m.top_modal_layer());
        let modal_node = modal.map(|layer| layer.id.accesskit_id());
        // On screen, on a layer that takes clicks now, and, behind a
        // dialog's backdrop, inside the dialog.
        let reachable = |node: &egui_kittest::Node<'_>, pos: Pos2| {
            let Some(layer) = ctx.layer_id_at(pos) else {
                return false;
            };
            screen.contains(pos)
                && ctx.memory(|m| m.allows_interaction(layer))
                && (Some(layer) != modal
                    || std::iter::successors(Some(node.accesskit_node()), |n| n.parent())
                        .any(|n| Some(n.locate().0) == modal_node))
        };
        let targets: Vec<(Pos2, String)> = harness
            .root()
            .children_recursive()
            .filter_map(|node| {
                let ak = node.accesskit_node();
                if ak.is_hidden() || ak.bounding_box().is_none() {
                    return None;
                }
                if inputs && !egui::accessibility::is_input(ak.role()) {
                    return None;
                }
                let pos = node.rect().center();
                reachable(&node, pos).then(|| {
                    let label = ak.label().unwrap_or_default();
                    (pos, format!("{:?} {label:?}", ak.role()))
                })
            })
            .collect();
        if targets.is_empty() {
            return self.click_point(harness);
        }
        let (pos, what) = targets[self.rng.below(targets.len())].clone();
        let button = if self.rng.chance(8) {
            PointerButton::Secondary
        } else {
            PointerButton::Primary
        };
        self.note(format!("click {button:?} {what} at {pos:?}"));
        click(harness, pos, button);
    }

    fn click_point(&mut self, harness: &mut Harness<'_, App>) {
        let pos = self.rng.point();
        let button = if self.rng.chance(10) {
            PointerButton::Secondary
        } else {
            PointerButton::Primary
        };
        self.note(format!("click {button:?} at {pos:?}"));
        click(harness, pos, button);
    }

    fn double_click(&mut self, harness: &mut Harness<'_, App>) {
        let pos = self.rng.point();
        self.note(format!("double-click at {pos:?}"));
        click(harness, pos, PointerButton::Primary);
        harness.step();
        click(harness, pos, PointerButton::Primary);
    }

    fn drag(&mut self, harness: &mut Harness<'_, App>) {
        let (from, to) = (self.rng.point(), self.rng.point());
        self.note(format!("drag {from:?} → {to:?}"));
        harness.hover_at(from);
        harness.drag_at(from);
        for i in 1..=4 {
            harness.hover_at(from + (to - from) * (i as f32 / 4.0));
        }
        harness.drop_at(to);
    }

    fn scroll(&mut self, harness: &mut Harness<'_, App>) {
        let pos = self.rng.point();
        let delta = egui::vec2(0.0, [-600.0, -120.0, 120.0, 2400.0][self.rng.below(4)]);
        self.note(format!("scroll {delta:?} at {pos:?}"));
        in_one_frame(harness, [Event::PointerMoved(pos)]);
        harness.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
    }

    fn type_text(&mut self, harness: &mut Harness<'_, App>) {
        let mut text = (*self.rng.pick(TEXTS)).to_owned();
        if self.rng.chance(20) {
            text.push_str(self.rng.pick::<&str>(TEXTS));
        }
        let replace = self.rng.chance(30);
        self.note(format!(
            "type {text:?}{}",
            if replace { " over all" } else { "" }
        ));
        if replace {
            press(harness, Modifiers::COMMAND, Key::A);
        }
        in_one_frame(harness, [Event::Text(text)]);
    }

    fn paste(&mut self, harness: &mut Harness<'_, App>) {
        let text = (*self.rng.pick(PASTES)).to_owned();
        self.note(format!("paste {text:?}"));
        in_one_frame(harness, [Event::Paste(text)]);
    }

    fn press_key(&mut self, harness: &mut Harness<'_, App>) {
        let key = *self.rng.pick(KEYS);
        let modifiers = match self.rng.below(20) {
            0..12 => Modifiers::NONE,
            12..16 => Modifiers::COMMAND,
            16..18 => Modifiers::SHIFT,
            18 => Modifiers::ALT,
            _ => Modifiers::COMMAND | Modifiers::SHIFT,
        };
        self.note(format!("key {modifiers:?} {key:?}"));
        press(harness, modifiers, key);
    }

    fn press_shortcut(&mut self, harness: &mut Harness<'_, App>) {
        let shortcuts: Vec<_> = self
            .commands()
            .into_iter()
            .flat_map(|c| c.shortcuts())
            .collect();
        let shortcut = *self.rng.pick(&shortcuts);
        self.note(format!("shortcut {shortcut:?}"));
        press(harness, shortcut.modifiers, shortcut.logical_key);
    }

    /// Every command but Quit; New and Open (which replace the document
    /// and its history) only now and then, so that edits pile up.
    fn commands(&mut self) -> Vec<Command> {
        let replace = self.rng.chance(15);
        Command::all()
            .into_iter()
            .filter(|c| match c {
                Command::Quit => false,
                Command::New | Command::Open => replace,
                _ => true,
            })
            .collect()
    }

    fn send_command(&mut self, harness: &mut Harness<'_, App>) {
        let commands = self.commands();
        let command = self.rng.pick(&commands).clone();
        self.note(format!("send {command:?}"));
        harness.state_mut().send(command);
    }

    /// Edit, Delete or Reveal a random record (now and then one that does
    /// not exist).
    fn send_record_command(&mut self, harness: &mut Harness<'_, App>) {
        let ws = harness.state().document().workspace();
        let mut ids: Vec<RecordId> = Vec::new();
        ids.extend(ws.parties.iter().map(|r| RecordId::Party(r.id.clone())));
        ids.extend(ws.sources.iter().map(|r| RecordId::Source(r.id.clone())));
        ids.extend(ws.metrics.iter().map(|r| RecordId::Metric(r.id.clone())));
        ids.extend(
            ws.instruments
                .iter()
                .map(|r| RecordId::Instrument(r.id.clone())),
        );
        ids.extend(ws.events.iter().map(|r| RecordId::Event(r.id.clone())));
        ids.extend(
            ws.observations
                .iter()
                .map(|r| RecordId::Observation(r.id.clone())),
        );
        let record = if ids.is_empty() || self.rng.chance(5) {
            RecordId::Event(coopdesk::model::EventId::new("no-such-event"))
        } else {
            ids[self.rng.below(ids.len())].clone()
        };
        let command = match self.rng.below(3) {
            0 => Command::EditRecord(record),
            1 => Command::DeleteRecord(record),
            _ => Command::Reveal(record),
        };
        self.note(format!("send {command:?}"));
        harness.state_mut().send(command);
    }

    /// Answers the in-app path prompt, if one is open, with a path in the
    /// monkey's folder (or one that cannot work), then presses Enter.
    fn answer_path_prompt(&mut self, harness: &mut Harness<'_, App>) -> bool {
        let actions = [
            FileAction::Open,
            FileAction::ImportCsv,
            FileAction::ExportChart(coopdesk::export::ChartKind::Monthly),
            FileAction::ExportBrief,
        ];
        let Some(hint) = actions.iter().map(|a| a.hint()).find(|hint| {
            harness
                .query_by_role_and_label(Role::TextInput, hint)
                .is_some()
        }) else {
            return false;
        };
        let names: &[&str] = match hint {
            h if h == FileAction::Open.hint() => &[
                "w.ron",
                "w.ron",
                "w2.ron",
                "Türkiye ğüş 🙂.ron",
                "bad/dangling_reference.ron",
                "bad/duplicate_ids.ron",
                "bad/impossible_date.ron",
                "bad/truncated.ron",
                "bad/binary_garbage.ron",
                "figures.csv",
                "missing/none.ron",
                "",
            ],
            h if h == FileAction::ImportCsv.hint() => &[
                "figures.csv",
                "nasty.csv",
                "nasty.csv",
                "series.csv",
                "w.ron",
                "missing.csv",
                "",
            ],
            h if h == FileAction::ExportBrief.hint() => {
                &["brief.html", "brief.pdf", "brief", "missing/brief.pdf", ""]
            }
            h if h.contains(".png") => &["chart.png", "chart.svg", "chart", "chart.gif", ""],
            _ => &["figures.csv", "series.csv", "w.csv", "missing/x.csv", ""],
        };
        let name = *self.rng.pick(names);
        // "": a folder, not a file.
        let path = self.dir.join(if name.is_empty() { "folder" } else { name });
        self.note(format!("answer {hint:?} with {}", path.display()));
        let field = harness.get_by_role_and_label(Role::TextInput, hint);
        field.focus();
        harness.step();
        press(harness, Modifiers::COMMAND, Key::A);
        in_one_frame(harness, [Event::Text(path.display().to_string())]);
        harness.step();
        press(harness, Modifiers::NONE, Key::Enter);
        harness.step();
        true
    }

    /// Lets the background work an action started finish, and takes its
    /// outcome (so that a seed replays the same way however fast files are).
    fn settle(&mut self, harness: &mut Harness<'_, App>) {
        // A dialog shows its contents a frame or two after it opens; a user
        // is slower than that.
        for _ in 0..2 {
            let repaint = harness
                .output()
                .viewport_output
                .get(&egui::ViewportId::ROOT)
                .is_some_and(|v| v.repaint_delay.is_zero());
            if !repaint {
                break;
            }
            harness.step();
        }
        for _ in 0..50 {
            if !harness.state().is_busy() {
                break;
            }
            harness
                .state_mut()
                .wait_for_background(Duration::from_secs(60));
            harness.step();
        }
        assert!(!harness.state().is_busy(), "background work did not finish");
        if harness.state().generation() != self.generation {
            self.document_replaced(harness);
        }
    }

    /// New or Open replaced the document: the invariants now hold for the
    /// new one, as it was opened.
    fn document_replaced(&mut self, harness: &mut Harness<'_, App>) {
        self.generation = harness.state().generation();
        self.documents += 1;
        self.note("(the document was replaced)".to_owned());
        // An edit may have followed in the same frame: go back to the
        // document as opened, and forward again.
        let undone = undo_all(harness);
        self.opened = harness.state().document().workspace().clone();
        self.findings_when_opened = self.opened.validate();
        redo(harness, undone);
    }

    /// No panic so far; nothing invalid that was not there when the
    /// document was opened; undo all gives that workspace back, and redo
    /// all the one the monkey left.
    fn check(&mut self, harness: &mut Harness<'_, App>) {
        // Dialogs (forms, prompts, Find…) close on Escape.
        for _ in 0..4 {
            press(harness, Modifiers::NONE, Key::Escape);
            harness.step();
        }
        self.settle(harness);
        let doc = harness.state().document();
        let now = doc.workspace().clone();
        let new_findings: Vec<String> = now
            .validate()
            .into_iter()
            .filter(|f| !self.findings_when_opened.contains(f))
            .map(|f| f.to_string())
            .collect();
        assert!(
            new_findings.is_empty(),
            "validate() finds what was not there when the workspace was opened:\n{}",
            new_findings.join("\n")
        );
        let undone = undo_all(harness);
        self.undone += undone;
        let after_undo = harness.state().document().workspace();
        assert!(
            after_undo == &self.opened,
            "undoing all {undone} steps does not give back the workspace as opened:\n{}",
            difference(&self.opened, after_undo)
        );
        redo(harness, undone);
        let after_redo = harness.state().document().workspace();
        assert!(
            after_redo == &now,
            "redoing all {undone} steps does not give back the workspace:\n{}",
            difference(&now, after_redo)
        );
        self.checks += 1;
    }

    fn run(&mut self, harness: &mut Harness<'_, App>, steps: usize) {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            while self.step < steps {
                self.step += 1;
                self.act(harness);
                if self.step.is_multiple_of(CHECK_EVERY) {
                    self.check(harness);
                }
            }
            self.check(harness);
        }));
        if let Err(panic) = result {
            eprintln!(
                "monkey failed at step {} with COOPDESK_MONKEY_SEED={}; its last actions:",
                self.step, self.seed
            );
            for line in &self.log {
                eprintln!("  {line}");
            }
            std::panic::resume_unwind(panic);
        }
    }
}

/// Queues `events` for the next frame (one frame for all, as a quick
/// user's click or key press arrives between two frames).
fn in_one_frame(harness: &mut Harness<'_, App>, events: impl IntoIterator<Item = Event>) {
    harness.input_mut().events.extend(events);
}

fn click(harness: &mut Harness<'_, App>, pos: Pos2, button: PointerButton) {
    let press = |pressed| Event::PointerButton {
        pos,
        button,
        pressed,
        modifiers: Modifiers::NONE,
    };
    in_one_frame(
        harness,
        [Event::PointerMoved(pos), press(true), press(false)],
    );
}

fn key_events(modifiers: Modifiers, key: Key) -> [Event; 4] {
    let key_event = |pressed| Event::Key {
        key,
        pressed,
        modifiers,
        repeat: false,
        physical_key: None,
    };
    [
        Event::ModifiersChanged(modifiers),
        key_event(true),
        key_event(false),
        Event::ModifiersChanged(Modifiers::NONE),
    ]
}

fn press(harness: &mut Harness<'_, App>, modifiers: Modifiers, key: Key) {
    in_one_frame(harness, key_events(modifiers, key));
}

/// Sends Undo until nothing is left to undo; the number of steps undone.
fn undo_all(harness: &mut Harness<'_, App>) -> usize {
    let mut undone = 0;
    while harness.state().document().can_undo() {
        let revision = harness.state().document().revision();
        harness.state_mut().send(Command::Undo);
        harness.step();
        assert_ne!(
            harness.state().document().revision(),
            revision,
            "Undo did nothing: {:?}",
            harness.state().message()
        );
        undone += 1;
    }
    undone
}

/// Sends Redo `steps` times (the redo history may hold more: steps the
/// monkey had undone itself).
fn redo(harness: &mut Harness<'_, App>, steps: usize) {
    for _ in 0..steps {
        let revision = harness.state().document().revision();
        harness.state_mut().send(Command::Redo);
        harness.step();
        assert_ne!(
            harness.state().document().revision(),
            revision,
            "Redo did nothing: {:?}",
            harness.state().message()
        );
    }
}

/// The lines (one record each) that differ between two workspaces as saved.
fn difference(expected: &Workspace, actual: &Workspace) -> String {
    let print = |ws: &Workspace| coopdesk::store::to_ron_string(ws).unwrap_or_default();
    let (expected, actual) = (print(expected), print(actual));
    let expected_lines: Vec<&str> = expected.lines().collect();
    let actual_lines: Vec<&str> = actual.lines().collect();
    let mut out = String::new();
    for line in expected_lines
        .iter()
        .filter(|l| !actual_lines.contains(l))
        .take(8)
    {
        out.push_str(&format!("- {line}\n"));
    }
    for line in actual_lines
        .iter()
        .filter(|l| !expected_lines.contains(l))
        .take(8)
    {
        out.push_str(&format!("+ {line}\n"));
    }
    out
}

/// The app in the window size of the other GUI tests. Characters no font
/// has are drawn as boxes ("tofu"), as eframe does in the real app: the
/// test harness would otherwise panic on right-to-left text, which the
/// monkey types on purpose.
fn monkey_harness(app: App) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size(SIZE)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut App| app.draw(ui), app);
    harness.step();
    harness
}

/// Files for the path prompt's answers: broken workspaces and a CSV of
/// figures with impossible dates, huge numbers and odd text.
fn fill_folder(dir: &Path, ws: &Workspace) {
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    std::fs::create_dir(dir.join("bad")).unwrap();
    std::fs::create_dir(dir.join("folder")).unwrap();
    for entry in std::fs::read_dir(bad).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            std::fs::copy(&path, dir.join("bad").join(path.file_name().unwrap())).unwrap();
        }
    }
    let metric = ws.metrics.iter().next().map_or("m", |m| m.id.as_str());
    let csv = format!(
        "metric,regions,start,end,value,reported_on,source,qualifier,note\n\
         {metric},,2024-01-01,2024-01-31,12,2024-02-01,,,\"Türkçe ğüşıöçİ\"\n\
         {metric},,2024-02-30,2024-03-01,5,,,,\n\
         {metric},,0000-00-00,2024-01-01,5,,,,\n\
         {metric},,2024-01-01,2024-01-07,99999999999999999999,,,,\n\
         {metric},Şırnak;عربي,2024-03-01,2024-03-31,-4,,,,🙂\n\
         {metric},,2024-05-01,2024-04-01,3,,,,end before start\n\
         no-such-metric,,2024-01-01,2024-01-02,1,,,,\n\
         {metric},,2024-06-01,2024-06-30,7,2024-07-01,,at least,\"a,b\"\"c\"\n"
    );
    std::fs::write(dir.join("nasty.csv"), csv).unwrap();
}

fn monkey_on(name: &str, app: App, seed: u64, steps: usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app;
    app.set_today(chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
    // Files the app suggests (Save As, exports) land in the monkey's folder,
    // never in the source tree.
    app.set_default_folder(dir.path().to_owned());
    // Autosave runs on the clock: off, so that a seed replays the same way.
    app.set_autosave_interval(Duration::from_secs(1 << 40));
    fill_folder(dir.path(), app.document().workspace());
    let mut harness = monkey_harness(app);
    let mut monkey = Monkey::new(seed, dir.path().to_owned(), &harness);
    monkey.run(&mut harness, steps);
    assert!(monkey.checks > 0);
    // A monkey that never gets to edit anything tests little: at CI's
    // length it always does (a short run by hand may not).
    if steps >= DEFAULT_STEPS {
        assert!(
            monkey.edits > 0,
            "the monkey on {name} made no edit in {steps} steps: it is not reaching the app"
        );
    }
    eprintln!(
        "monkey on {name}: {steps} steps ({} frames), seed {seed}; {} checks, {} steps undone and redone, {} documents",
        harness.ctx.cumulative_pass_nr(),
        monkey.checks,
        monkey.undone,
        monkey.documents,
    );
    eprintln!("  {} edits: {:?}", monkey.edits, monkey.edit_kinds);
    eprintln!("  forms: {:?}", monkey.forms);
    eprintln!("  messages: {:?}", monkey.messages);
}

#[test]
fn the_monkey_on_the_sample() {
    let seed = env_or("COOPDESK_MONKEY_SEED", DEFAULT_SEED);
    let steps = env_or("COOPDESK_MONKEY_STEPS", DEFAULT_STEPS);
    monkey_on("the sample", App::sample(), seed, steps);
}

#[test]
fn the_monkey_on_a_generated_workspace() {
    let seed = env_or("COOPDESK_MONKEY_SEED", DEFAULT_SEED);
    let steps = env_or("COOPDESK_MONKEY_STEPS", DEFAULT_STEPS);
    let generated = generate(&GenerateParams {
        instruments: 12,
        events: 40,
        observations: 300,
        seed,
    });
    let app = App::with_document(Document::new(generated, Origin::New));
    monkey_on("a generated workspace", app, seed.wrapping_add(1), steps);
}
