//! The kill test under `cargo test`: a command-line edit of a 10,000-item report is SIGKILLed at
//! random moments, until 200 kills (`TALLY_KILLS`) have landed while the writer ran. After each
//! kill the file is exactly the old or the new version, never a mix or empty; a temporary file a
//! kill leaves behind is removed by the next save and never loaded. `scripts/kill-test.sh` does
//! the same with the release build.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::tally_bin;

const ITEMS: usize = 10_000;

fn kills() -> usize {
    std::env::var("TALLY_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

fn report(items: usize) -> String {
    let mut text =
        String::from("{\n  \"tally\": 1,\n  \"title\": \"压力测试报告\",\n  \"items\": [\n");
    for i in 1..=items {
        text.push_str(&format!(
            "    {{\"id\": \"{i}\", \"title\": \"重点任务 {i}\", \"status\": \"on_track\", \"lead\": \"市外办\", \"progress\": [{{\"date\": \"2023-07-28\", \"text\": \"完成第{i}项工作\"}}], \"metrics\": [{{\"name\": \"数量\", \"value\": {i}}}]}}{}\n",
            if i == items { "" } else { "," }
        ));
    }
    text.push_str("  ]\n}\n");
    text
}

fn set_status(file: &Path, id: &str, status: &str) -> Command {
    let mut command = Command::new(tally_bin());
    command
        .args([
            "set",
            file.to_str().unwrap(),
            id,
            &format!("status={status}"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".tally-tmp"))
        .collect()
}

/// A small deterministic random sequence (xorshift), so a failure can be replayed by its seed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.json");
    let id = (ITEMS / 2).to_string();
    fs::write(&file, report(ITEMS)).unwrap();

    // The two versions the file moves between (after a first edit, which lays the edited item
    // out in tally's own style).
    let run = |status: &str| assert!(set_status(&file, &id, status).status().unwrap().success());
    run("at_risk");
    run("on_track");
    let version_a = fs::read(&file).unwrap();
    run("at_risk");
    let version_b = fs::read(&file).unwrap();
    run("on_track");
    assert!(
        fs::read(&file).unwrap() == version_a,
        "A→B→A is byte-identical"
    );
    assert!(version_a != version_b);

    // How long an uninterrupted save takes; kills land anywhere in 0..110% of it.
    let mut runs: Vec<Duration> = (0..3)
        .map(|_| {
            let started = Instant::now();
            assert!(
                set_status(&file, &id, "at_risk")
                    .status()
                    .unwrap()
                    .success()
            );
            assert!(
                set_status(&file, &id, "on_track")
                    .status()
                    .unwrap()
                    .success()
            );
            started.elapsed() / 2
        })
        .collect();
    runs.sort();
    let window = runs[1].as_micros() as u64 * 11 / 10 + 1;

    let seed = std::env::var("TALLY_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed_1234_u64);
    let mut random = Random(seed);
    let (mut before, mut during, mut after, mut finished) = (0, 0, 0, 0);
    let wanted = kills();
    let mut kill = 0;
    while before + during + after < wanted {
        kill += 1;
        assert!(
            kill <= 3 * wanted,
            "too few kills landed while the writer ran"
        );
        let now = fs::read(&file).unwrap();
        let (want, old, new) = if now == version_a {
            ("at_risk", &version_a, &version_b)
        } else {
            ("on_track", &version_b, &version_a)
        };
        let earlier = temp_files(dir.path());
        let mut writer = set_status(&file, &id, want).spawn().unwrap();
        if kill % 2 == 0 {
            // Anywhere in the run: reading, parsing, writing.
            std::thread::sleep(Duration::from_micros(random.below(window)));
        } else {
            // Aimed at the write: once the temporary file appears, within a few milliseconds
            // (writing, flushing, renaming, flushing the folder).
            let started = Instant::now();
            while writer.try_wait().unwrap().is_none()
                && started.elapsed() < Duration::from_secs(60)
            {
                std::thread::sleep(Duration::from_micros(50));
                // (a leftover of an earlier kill does not count: wait for this run's own file)
                if temp_files(dir.path()).iter().any(|p| !earlier.contains(p)) {
                    break;
                }
            }
            std::thread::sleep(Duration::from_micros(random.below(3_000)));
        }
        let still_running = writer.try_wait().unwrap().is_none();
        let _ = writer.kill();
        let _ = writer.wait();

        let after_kill = fs::read(&file).unwrap();
        assert!(!after_kill.is_empty(), "kill {kill}: the file is empty");
        assert!(
            after_kill == *old || after_kill == *new,
            "kill {kill} (seed {seed}): the file is neither the old nor the new version"
        );
        let left = temp_files(dir.path());
        assert!(
            left.len() <= 1,
            "kill {kill}: temporary files pile up: {left:?}"
        );
        if !still_running {
            finished += 1;
        } else if left.iter().any(|path| !earlier.contains(path)) {
            during += 1;
        } else if after_kill == *new {
            after += 1;
        } else {
            before += 1;
        }
    }
    // Whatever the last kill left, the next save cleans up, and leftovers are never loaded.
    fs::write(
        dir.path().join(".report.json.zzzzzz.tally-tmp"),
        "{\"half\": ",
    )
    .unwrap();
    let loaded = tally::store::load_all(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(loaded.len(), 1, "only the report is loaded from the folder");
    assert!(set_status(&file, &id, "done").status().unwrap().success());
    assert!(
        temp_files(dir.path()).is_empty(),
        "the save removed stale temporary files"
    );
    assert_eq!(tally::store::load(&file).unwrap().doc.items().len(), ITEMS);

    eprintln!(
        "kill test: {} kills of a {ITEMS}-item save (window {window} µs): before the write \
         {before}, during it {during}, after the rename {after}; {finished} more runs finished \
         before their kill",
        before + during + after
    );
    assert!(
        during > 0,
        "some kills land mid-write (a temporary file was left)"
    );
}
